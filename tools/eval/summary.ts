/**
 * Dev evaluation of the summary ranker on IndoSum-format JSONL (see /work/shared/eval/README.md).
 *
 *   tsx tools/eval/summary.ts <file.jsonl> [--limit N] [--size K]
 *
 * Prints JSON: macro-averaged ROUGE-1/2/L F1 (×100) of a K-sentence extract (default 3) for our
 * ranker, LEAD-K and the oracle (the first K gold-labelled sentences, as IndoSum's OracleSummarizer
 * does), scored on the dataset's own tokens (`paragraphs_tok`, `summary_tok`) after IndoSum's
 * preprocessing (lower-case, punctuation tokens dropped, digits → 0), applied to both sides.
 * The ranker itself sees the untokenised `paragraphs` text and the `title` field.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { RANK_METHOD, RANK_PARAMS, selectSummary, type RankInput, type RankParams } from '../../src/stages/summarize/rank.ts';
import { normalizeTokenizedSentence, scoreExtract, type RougeScores } from './rouge.ts';

export interface IndoSumRecord {
  id: string;
  title: string;
  paragraphs: string[][];
  paragraphs_tok: string[][];
  summary_tok: string[];
  gold_labels: boolean[][];
}

export function parseRecord(line: string, lineNumber: number): IndoSumRecord {
  const raw = JSON.parse(line) as Partial<IndoSumRecord>;
  const ok =
    typeof raw.id === 'string' &&
    Array.isArray(raw.paragraphs) &&
    Array.isArray(raw.paragraphs_tok) &&
    Array.isArray(raw.summary_tok) &&
    Array.isArray(raw.gold_labels);
  if (!ok) throw new Error(`line ${lineNumber}: expected an IndoSum record with id, paragraphs, paragraphs_tok, summary_tok, gold_labels`);
  const shape = (p: unknown[][]): string => p.map((x) => x.length).join(',');
  if (shape(raw.paragraphs!) !== shape(raw.paragraphs_tok!) || shape(raw.paragraphs!) !== shape(raw.gold_labels!)) {
    throw new Error(`line ${lineNumber} (${raw.id}): paragraphs, paragraphs_tok and gold_labels differ in shape`);
  }
  return { title: '', ...raw } as IndoSumRecord;
}

export function readRecords(path: string, limit = Infinity): IndoSumRecord[] {
  const out: IndoSumRecord[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length && out.length < limit; i++) {
    const line = lines[i]!.trim();
    if (line !== '') out.push(parseRecord(line, i + 1));
  }
  return out;
}

/** Sentence ids follow the pipeline's `<article>#p<n>s<m>` convention (block n, sentence m ≥ 1). */
export function toRankInput(record: IndoSumRecord): RankInput {
  const sentences: RankInput['sentences'] = [];
  record.paragraphs.forEach((para, p) =>
    para.forEach((text, s) => sentences.push({ id: `${record.id}#p${p}s${s + 1}`, text, block: p, kind: 'paragraph' })),
  );
  return { title: record.title === '' ? null : record.title, sentences };
}

export interface SystemScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
  rougeLConcat: number;
}

export interface EvalResult {
  articles: number;
  size: number;
  method: string;
  rougeL: string;
  systems: { ours: SystemScores; lead: SystemScores; oracle: SystemScores };
}

function emptyTotals(): SystemScores {
  return { rouge1: 0, rouge2: 0, rougeL: 0, rougeLConcat: 0 };
}

function add(total: SystemScores, s: RougeScores): void {
  total.rouge1 += s.rouge1.f1;
  total.rouge2 += s.rouge2.f1;
  total.rougeL += s.rougeL.f1;
  total.rougeLConcat += s.rougeLConcat.f1;
}

function mean(total: SystemScores, n: number): SystemScores {
  const f = (x: number): number => (n === 0 ? 0 : Math.round((x / n) * 1e4) / 100);
  return { rouge1: f(total.rouge1), rouge2: f(total.rouge2), rougeL: f(total.rougeL), rougeLConcat: f(total.rougeLConcat) };
}

export function evaluate(records: readonly IndoSumRecord[], size = 3, params: RankParams = RANK_PARAMS): EvalResult {
  const totals = { ours: emptyTotals(), lead: emptyTotals(), oracle: emptyTotals() };
  for (const record of records) {
    const input = toRankInput(record);
    const tokens = new Map<string, string[]>();
    const ids: string[] = [];
    const gold: string[] = [];
    record.paragraphs_tok.forEach((para, p) =>
      para.forEach((sentence, s) => {
        const id = `${record.id}#p${p}s${s + 1}`;
        ids.push(id);
        tokens.set(id, normalizeTokenizedSentence(sentence));
        if (record.gold_labels[p]![s]) gold.push(id);
      }),
    );
    const ref = record.summary_tok.map(normalizeTokenizedSentence);
    const extract = (chosen: string[]): string[][] => chosen.map((id) => tokens.get(id)!);

    const ours = selectSummary(input, { sentences: size }, params).sentences.map((s) => s.id);
    add(totals.ours, scoreExtract(extract(ours), ref));
    add(totals.lead, scoreExtract(extract(ids.slice(0, size)), ref));
    add(totals.oracle, scoreExtract(extract(gold.slice(0, size)), ref));
  }
  const n = records.length;
  return {
    articles: n,
    size,
    method: RANK_METHOD,
    rougeL: 'summary-level union LCS (ROUGE-1.5.5); rougeLConcat = one LCS over the concatenated extract',
    systems: { ours: mean(totals.ours, n), lead: mean(totals.lead, n), oracle: mean(totals.oracle, n) },
  };
}

function usage(): never {
  process.stderr.write('usage: tsx tools/eval/summary.ts <file.jsonl> [--limit N] [--size K]\n');
  process.exit(2);
}

function main(argv: string[]): void {
  let file: string | undefined;
  let limit = Infinity;
  let size = 3;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const int = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) usage();
      return v;
    };
    if (arg === '--limit') limit = int();
    else if (arg === '--size') size = int();
    else if (arg.startsWith('-') || file !== undefined) usage();
    else file = arg;
  }
  if (file === undefined) usage();
  const started = performance.now();
  const result = evaluate(readRecords(file, limit), size);
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  process.stdout.write(`${JSON.stringify({ file, ...result, seconds }, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
