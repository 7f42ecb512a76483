/**
 * The second pass's extra features: what the first pass decided around each token. A linear
 * tagger sees one token's features at a time; these let it see the first pass's whole spans (their
 * type, length and edge words), its labels on the neighbours, and the type it gave the same word
 * elsewhere in the sentence, so one pass's local guesses can be made consistent by the next.
 * They are computed from the first pass's labels and the words only, never from gold labels.
 */
import { LABELS, labelsToTokenSpans } from './perceptron.ts';

const labelAt = (labels: readonly number[], i: number) => (i < 0 ? '<s>' : i >= labels.length ? '</s>' : LABELS[labels[i]!]!);

/** Per token, the stacked feature names from the first pass's label indices `first` over `words`. */
export function stackedFeatures(words: readonly string[], first: readonly number[]): string[][] {
  const spans = labelsToTokenSpans(first);
  const spanOf = words.map(() => -1);
  spans.forEach((span, k) => {
    for (let i = span.first; i <= span.last; i++) spanOf[i] = k;
  });
  const spansOfWord = new Map<string, number[]>();
  spans.forEach((span, k) => {
    for (let i = span.first; i <= span.last; i++) spansOfWord.set(words[i]!, [...(spansOfWord.get(words[i]!) ?? []), k]);
  });
  return words.map((raw, i) => {
    const features = [`f0=${labelAt(first, i)}`, `f-1=${labelAt(first, i - 1)}`, `f+1=${labelAt(first, i + 1)}`, `f-1f+1=${labelAt(first, i - 1)}|${labelAt(first, i + 1)}`];
    const span = spans[spanOf[i]!];
    if (span) {
      const length = Math.min(span.last - span.first + 1, 4);
      features.push(`fspan=${span.type}|${length}`, `fspan-last=${span.type}|${words[span.last]!.toLowerCase()}`, `fspan-first=${span.type}|${words[span.first]!.toLowerCase()}`);
      features.push(`fspan-before=${span.type}|${(words[span.first - 1] ?? '<s>').toLowerCase()}`);
    }
    const elsewhere = new Set((spansOfWord.get(raw) ?? []).filter((k) => k !== spanOf[i]).map((k) => spans[k]!.type));
    for (const type of elsewhere) features.push(`fsame=${type}`);
    return features;
  });
}

/** The second pass's features: each token's own features followed by its stacked ones. */
export function secondPassFeatures(base: readonly string[][], words: readonly string[], first: readonly number[]): string[][] {
  const stacked = stackedFeatures(words, first);
  return base.map((features, i) => [...features, ...stacked[i]!]);
}
