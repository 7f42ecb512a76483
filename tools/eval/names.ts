/**
 * Entity recognition evaluation (exact character spans).
 *
 *   tsx tools/eval/names.ts <file.jsonl> [--predictions out.jsonl]
 *
 * Each input line: `{ "id", "text", "entities": [{ "start", "end", "type" }] }`. Prints JSON with,
 * for the tagger (`warta`) and for the untyped capitalised-run name finder of `src/digest/names.ts`
 * (`baseline`): precision, recall and F1 overall and per type, typed (span and type must match)
 * and untyped (the span alone). The baseline has no types, so only its untyped scores mean anything.
 * `--predictions` writes the tagger's `{ "id", "entities" }` one line per input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { indonesianNames } from '../../src/digest/names.ts';
import { ENTITY_TYPES, recognizeEntities, type EntitySpan } from '../../src/text/entities/index.ts';

export interface NamesRecord {
  id: string;
  text: string;
  entities: EntitySpan[];
}

export function parseNamesFile(content: string, file: string): NamesRecord[] {
  return content
    .split('\n')
    .flatMap((line, i) => (line.trim() === '' ? [] : [{ line, number: i + 1 }]))
    .map(({ line, number }) => {
      const raw = JSON.parse(line) as Partial<NamesRecord>;
      const ok =
        typeof raw.id === 'string' &&
        typeof raw.text === 'string' &&
        Array.isArray(raw.entities) &&
        raw.entities.every((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && (ENTITY_TYPES as readonly string[]).includes(e.type));
      if (!ok) throw new Error(`${file}:${number}: expected { "id", "text", "entities": [{ "start", "end", "type" }] } with type one of ${ENTITY_TYPES.join(', ')}`);
      return { id: raw.id!, text: raw.text!, entities: raw.entities!.map(({ start, end, type }) => ({ start, end, type })) };
    });
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  correct: number;
  predicted: number;
  gold: number;
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;

export interface SystemScores {
  typed: Score & { perType: Record<string, Score> };
  untyped: Score & { perType: Record<string, Score> };
}

/**
 * Exact-span scores. Untyped per type: recall of that type's gold spans by any predicted span,
 * and precision of the spans predicted as that type against any gold span.
 */
export function scoreEntities(gold: readonly EntitySpan[][], predicted: readonly EntitySpan[][]): SystemScores {
  const key = (e: EntitySpan, typed: boolean) => `${e.start}:${e.end}${typed ? `:${e.type}` : ''}`;
  const count = (typed: boolean, type?: string) => {
    let correct = 0;
    let predictedCount = 0;
    let goldCount = 0;
    let correctOfPredicted = 0;
    gold.forEach((goldSpans, i) => {
      const predictedSpans = predicted[i] ?? [];
      const goldKeys = new Set(goldSpans.map((e) => key(e, typed)));
      const predictedKeys = new Set(predictedSpans.map((e) => key(e, typed)));
      const ofType = <T extends EntitySpan>(spans: readonly T[]) => spans.filter((e) => type === undefined || e.type === type);
      goldCount += ofType(goldSpans).length;
      predictedCount += ofType(predictedSpans).length;
      correct += ofType(goldSpans).filter((e) => predictedKeys.has(key(e, typed))).length;
      correctOfPredicted += ofType(predictedSpans).filter((e) => goldKeys.has(key(e, typed))).length;
    });
    const precision = predictedCount === 0 ? 0 : correctOfPredicted / predictedCount;
    const recall = goldCount === 0 ? 0 : correct / goldCount;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision: round(precision), recall: round(recall), f1: round(f1), correct, predicted: predictedCount, gold: goldCount };
  };
  const block = (typed: boolean) => ({
    ...count(typed),
    perType: Object.fromEntries(ENTITY_TYPES.map((type) => [type, count(typed, type)])),
  });
  return { typed: block(true), untyped: block(false) };
}

/** The digest's name finder on one text, as spans: each name found at its next occurrence. */
export function baselineSpans(text: string): EntitySpan[] {
  const spans: EntitySpan[] = [];
  let from = 0;
  for (const name of indonesianNames(text, new Set())) {
    const start = text.indexOf(name, from);
    if (start < 0) continue;
    // The baseline is untyped: every span is labelled PLACE, the most frequent type.
    spans.push({ start, end: start + name.length, type: 'PLACE' });
    from = start + name.length;
  }
  return spans;
}

export interface NamesReport {
  file: string;
  sentences: number;
  warta: SystemScores;
  baseline: SystemScores;
}

export function evaluateNames(records: readonly NamesRecord[], file: string): { report: NamesReport; predictions: EntitySpan[][] } {
  const gold = records.map((r) => r.entities);
  const predictions = records.map((r) => recognizeEntities(r.text));
  const baseline = records.map((r) => baselineSpans(r.text));
  return { report: { file, sentences: records.length, warta: scoreEntities(gold, predictions), baseline: scoreEntities(gold, baseline) }, predictions };
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run eval:names -- <file.jsonl> [--predictions out.jsonl]\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let file: string | undefined;
  let predictionsFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--predictions') predictionsFile = argv[++i] ?? usage('--predictions needs a file');
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else file = arg;
  }
  if (file === undefined) usage('no input file');
  let records: NamesRecord[];
  try {
    records = parseNamesFile(readFileSync(file, 'utf8'), file);
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const { report, predictions } = evaluateNames(records, file);
  if (predictionsFile !== undefined) {
    writeFileSync(predictionsFile, records.map((r, i) => JSON.stringify({ id: r.id, entities: predictions[i] })).join('\n') + '\n');
  }
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
