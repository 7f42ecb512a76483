import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanText } from '../src/stages/clean/clean-text.ts';
import { segmentSentences } from '../src/stages/segment/segmenter.ts';
import { mulberry32 } from '../src/util/random.ts';

/** Words per sentence in the real seed articles, when ../shared is there. */
export function seedSentenceLengths(seedsDir: string): number[] | null {
  if (!existsSync(seedsDir)) return null;
  const lengths: number[] = [];
  for (const file of readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()) {
    const { blocks } = cleanText(readFileSync(path.join(seedsDir, file), 'utf8'), { keepBoilerplate: false });
    for (const block of blocks.filter((b) => b.kind === 'paragraph')) {
      for (const span of segmentSentences(block.text)) lengths.push(block.text.slice(span.start, span.end).split(/\s+/).length);
    }
  }
  return lengths.length > 0 ? lengths : null;
}

/** Typical Indonesian news sentence lengths, used when the seeds are not available. */
export const FALLBACK_LENGTHS = [8, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 34, 38];


/**
 * `count` sentences of in-vocabulary words whose lengths are drawn from `lengths`, deterministic
 * for a seed. The words come from the model's own vocabulary, so the token count is the word count.
 */
export function benchSentences(vocabulary: readonly string[], lengths: readonly number[], count: number, seed = 2024): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: pick(lengths) }, () => pick(vocabulary));
    return `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}.`;
  });
}

/** Whole-word pieces of a Unigram tokenizer.json (`▁kata`), without the filler pieces that pad it to the real size. */
export function vocabularyWords(tokenizerJson: string): string[] {
  const { model } = JSON.parse(readFileSync(tokenizerJson, 'utf8')) as { model: { vocab: Array<[string, number]> } };
  return model.vocab
    .map(([piece]) => piece)
    .filter((piece) => /^\u2581[a-z]{3,}$/.test(piece) && !piece.startsWith('\u2581filler'))
    .map((piece) => piece.slice(1));
}
