/**
 * Sentence-segmentation evaluation.
 *
 *   tsx tools/eval/segment.ts <file.jsonl>
 *
 * Each input line: `{ "text", "sentences", "suspect_multi"? }`; `text` is the gold sentences of
 * one block joined by single spaces. Prints JSON with, for our segmenter and for
 * `Intl.Segmenter('id', { granularity: 'sentence' })`:
 * - boundary precision / recall / F1. A boundary is the offset where a sentence ends; the end of
 *   the block is not counted (every segmenter gets it for free).
 * - the share of blocks segmented exactly.
 * Both "all" (every gold unit as given) and "excluding suspect_multi": gold units listed in
 * `suspect_multi` look like two real sentences, so predicted boundaries strictly inside them are
 * ignored (neither right nor wrong); gold boundaries are unchanged.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { segmentSentences, type SentenceSpan } from '../../src/stages/segment/segmenter.ts';

export interface EvalBlock {
  text: string;
  sentences: string[];
  suspect_multi?: number[];
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  predicted: number;
  gold: number;
  blocks: number;
  exactBlocks: number;
  exactBlockShare: number;
}

export interface SegmenterReport {
  all: Scores;
  excludingSuspectMulti: Scores;
}

export type Segmenter = (text: string) => SentenceSpan[];

export function intlSegmenter(): Segmenter {
  const seg = new Intl.Segmenter('id', { granularity: 'sentence' });
  return (text) => {
    const out: SentenceSpan[] = [];
    for (const s of seg.segment(text)) {
      let start = s.index;
      let end = s.index + s.segment.length;
      while (start < end && /\s/u.test(text[start]!)) start++;
      while (end > start && /\s/u.test(text[end - 1]!)) end--;
      if (end > start) out.push({ start, end });
    }
    return out;
  };
}

/** Gold sentence spans inside `block.text`, located in order. */
export function goldSpans(block: EvalBlock): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let from = 0;
  for (const sentence of block.sentences) {
    const start = block.text.indexOf(sentence, from);
    if (start < 0) throw new Error(`gold sentence not found in block text: ${JSON.stringify(sentence.slice(0, 60))}`);
    spans.push({ start, end: start + sentence.length });
    from = start + sentence.length;
  }
  return spans;
}

function internalBoundaries(spans: SentenceSpan[], textEnd: number): Set<number> {
  const set = new Set<number>();
  for (const s of spans) if (s.end < textEnd) set.add(s.end);
  return set;
}

export function evaluate(blocks: EvalBlock[], segmenter: Segmenter): SegmenterReport {
  const tally = () => ({ tp: 0, predicted: 0, gold: 0, exact: 0 });
  const all = tally();
  const ex = tally();
  for (const block of blocks) {
    const textEnd = block.text.trimEnd().length;
    const goldSpanList = goldSpans(block);
    const gold = internalBoundaries(goldSpanList, textEnd);
    const predicted = internalBoundaries(segmenter(block.text), textEnd);
    const suspect = (block.suspect_multi ?? []).map((i) => goldSpanList[i]).filter((s): s is SentenceSpan => s !== undefined);
    const kept = new Set([...predicted].filter((b) => !suspect.some((s) => s.start < b && b < s.end)));
    for (const [t, pred] of [
      [all, predicted],
      [ex, kept],
    ] as const) {
      let tp = 0;
      for (const b of pred) if (gold.has(b)) tp++;
      t.tp += tp;
      t.predicted += pred.size;
      t.gold += gold.size;
      if (tp === pred.size && tp === gold.size) t.exact++;
    }
  }
  const finish = (t: ReturnType<typeof tally>): Scores => {
    const precision = t.predicted === 0 ? 1 : t.tp / t.predicted;
    const recall = t.gold === 0 ? 1 : t.tp / t.gold;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return {
      precision: round(precision),
      recall: round(recall),
      f1: round(f1),
      truePositives: t.tp,
      predicted: t.predicted,
      gold: t.gold,
      blocks: blocks.length,
      exactBlocks: t.exact,
      exactBlockShare: round(blocks.length === 0 ? 0 : t.exact / blocks.length),
    };
  };
  return { all: finish(all), excludingSuspectMulti: finish(ex) };
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

export function parseJsonl(content: string, file = '<input>'): EvalBlock[] {
  const blocks: EvalBlock[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new Error(`${file}:${i + 1}: not valid JSON`, { cause });
    }
    const v = value as Partial<EvalBlock>;
    if (typeof v.text !== 'string' || !Array.isArray(v.sentences) || !v.sentences.every((s) => typeof s === 'string')) {
      throw new Error(`${file}:${i + 1}: expected { "text": string, "sentences": string[] }`);
    }
    blocks.push({ text: v.text, sentences: v.sentences, suspect_multi: Array.isArray(v.suspect_multi) ? v.suspect_multi : [] });
  });
  return blocks;
}

function main(argv: string[]): number {
  const file = argv[0];
  if (!file || argv.length > 1) {
    process.stderr.write('usage: tsx tools/eval/segment.ts <file.jsonl>\n');
    return 2;
  }
  let blocks: EvalBlock[];
  try {
    blocks = parseJsonl(readFileSync(file, 'utf8'), file);
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const report = {
    file,
    blocks: blocks.length,
    goldSentences: blocks.reduce((n, b) => n + b.sentences.length, 0),
    suspectMultiUnits: blocks.reduce((n, b) => n + (b.suspect_multi?.length ?? 0), 0),
    note: 'boundary = sentence end offset, block end excluded; "excludingSuspectMulti" ignores predicted boundaries inside suspect_multi gold units',
    warta: evaluate(blocks, segmentSentences),
    intlSegmenter: evaluate(blocks, intlSegmenter()),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
