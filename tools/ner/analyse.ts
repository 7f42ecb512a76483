/**
 * Where the entity tagger's errors are, measured by cross-validation on train alone.
 *
 *   tsx tools/ner/analyse.ts [<train.jsonl>] [--idner-news DIR] [--nerp DIR] [--cv K] [--epochs N] [--seeds S] [--jackknife J] [--min-count C] [--typer-epochs E] [--typer-weight W,…] [--segment-length L] [--word-classes FILE|none] [--diff RULE]
 *
 * Trains K seeded fold models once (as `train.ts --cv` does, pruned as the model file is; with
 * `--seeds S` each averaged over S shuffles, `--jackknife`, `--min-count`, `--idner-news` and `--nerp`
 * (other corpora trained on beside each fold's sentences; with `--idner-news` the fold models are
 * measured on its news test split too) as in `train.ts`) and
 * prints, as JSON: mean typed and untyped F1 without the rules, with all of them, without the span
 * typer, with each of the typer weights given (several cost one training), and with each rule left out (what each rule adds); and, with the rules, how each type's gold spans were missed
 * (wrong type on the exact span, a boundary error, or nothing overlapping) and what each type's
 * wrong predictions were. `--diff RULE` instead prints the dev sentences whose spans that rule changes.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ENTITY_TYPES, recognizeEntities, type EntitySpan, type RecognitionOptions, type Tagger } from '../../src/text/entities/index.ts';
import { RULES, type RuleName } from '../../src/text/entities/rules.ts';
import { parseNamesFile, scoreEntities, type NamesRecord } from '../eval/names.ts';
import { IDNER_NEWS, readCorpus } from './corpora.ts';
import {
  chooseWordClasses,
  DEFAULT_EPOCHS,
  DEFAULT_JACKKNIFE,
  DEFAULT_MINIMUM_COUNT,
  DEFAULT_SEGMENT_LENGTH,
  DEFAULT_TRAIN,
  DEFAULT_TYPER_EPOCHS,
  DEFAULT_TYPER_WEIGHT,
  folds,
  isCorpusFlag,
  otherCorpus,
  passesTagger,
  SEED,
  trainingCommonWords,
  trainPasses,
  type OtherCorpus,
  type TrainingSettings,
} from './train.ts';

interface FoldRun {
  dev: NamesRecord[];
  predict: (record: NamesRecord, options?: RecognitionOptions) => EntitySpan[];
  tagger: Tagger;
}

function foldRuns(records: readonly NamesRecord[], k: number, settings: TrainingSettings, others: readonly OtherCorpus[] = []): FoldRun[] {
  return folds(records, k, SEED).map((dev) => {
    const train = records.filter((r) => !dev.includes(r));
    const common = trainingCommonWords(train, others);
    const tagger = passesTagger(trainPasses(train, common, settings, others), common);
    return { dev, tagger, predict: (record, options) => recognizeEntities(record.text, tagger, options) };
  });
}

/** The fold runs with the typer's weight for the tagger's span score set to `weight`. */
function withTyperWeight(runs: readonly FoldRun[], weight: number): FoldRun[] {
  return runs.map((run) => {
    const tagger = run.tagger.typer ? { ...run.tagger, typer: { ...run.tagger.typer, taggerWeight: weight } } : run.tagger;
    return { ...run, tagger, predict: (record, options) => recognizeEntities(record.text, tagger, options) };
  });
}

const round = (x: number) => Math.round(x * 10000) / 10000;

function meanScores(runs: readonly FoldRun[], options: RecognitionOptions = {}): { typed: number; untyped: number; perType: Record<string, number> } {
  const total = { typed: 0, untyped: 0, perType: Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0])) as Record<string, number> };
  for (const run of runs) {
    const scores = scoreEntities(run.dev.map((r) => r.entities), run.dev.map((r) => run.predict(r, options)));
    total.typed += scores.typed.f1 / runs.length;
    total.untyped += scores.untyped.f1 / runs.length;
    for (const type of ENTITY_TYPES) total.perType[type]! += (scores.typed.perType[type]?.f1 ?? 0) / runs.length;
  }
  return { typed: round(total.typed), untyped: round(total.untyped), perType: Object.fromEntries(Object.entries(total.perType).map(([t, v]) => [t, round(v)])) };
}

/** The fold models' mean scores on news sentences none of them trained on (IDNer News 2K's test split), with and without the rules, and with each rule left out. */
function newsScores(runs: readonly FoldRun[], news: NamesRecord[]) {
  const onNews = runs.map((run) => ({ ...run, dev: news }));
  return { withRules: meanScores(onNews), withoutRules: meanScores(onNews, { rules: false }), withoutRule: Object.fromEntries(RULES.map((rule) => [rule, meanScores(onNews, { skip: new Set([rule]) }).typed])) };
}

const overlaps = (a: EntitySpan, b: EntitySpan) => a.start < b.end && b.start < a.end;
const same = (a: EntitySpan, b: EntitySpan) => a.start === b.start && a.end === b.end;

/** Per type: what became of gold spans not found exactly, and what wrong predictions were. */
function errorClasses(runs: readonly FoldRun[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const bump = (type: string, what: string) => ((out[type] ??= {})[what] = (out[type]![what] ?? 0) + 1);
  const examples: string[] = [];
  for (const run of runs) {
    for (const record of run.dev) {
      const predicted = run.predict(record);
      for (const gold of record.entities) {
        const exact = predicted.find((p) => same(p, gold));
        if (exact && exact.type === gold.type) bump(gold.type, 'found');
        else if (exact) bump(gold.type, `missed:typed-${exact.type}`);
        else if (predicted.some((p) => overlaps(p, gold))) {
          bump(gold.type, 'missed:boundary');
          if (gold.type === 'ORGANISATION' && examples.length < 40) {
            examples.push(`${record.text.slice(gold.start, gold.end)}  ←  ${predicted.filter((p) => overlaps(p, gold)).map((p) => `${p.type}:${record.text.slice(p.start, p.end)}`).join(' | ')}`);
          }
        } else bump(gold.type, 'missed:none');
      }
      for (const guess of predicted) {
        if (record.entities.some((g) => same(g, guess) && g.type === guess.type)) continue;
        const exact = record.entities.find((g) => same(g, guess));
        bump(guess.type, exact ? `wrong:gold-${exact.type}` : record.entities.some((g) => overlaps(g, guess)) ? 'wrong:boundary' : 'wrong:spurious');
      }
    }
  }
  out['organisation boundary examples'] = Object.fromEntries(examples.map((e, i) => [String(i), e])) as unknown as Record<string, number>;
  return out;
}

/** The dev sentences whose spans the rule changes: gold, with the rule, without it. */
function ruleChanges(runs: readonly FoldRun[], rule: RuleName): string[] {
  const show = (record: NamesRecord, spans: readonly EntitySpan[]) => spans.map((e) => `${e.type}:${record.text.slice(e.start, e.end)}`).join(' | ');
  return runs.flatMap((run) =>
    run.dev.flatMap((record) => {
      const [ruled, skipped] = [show(record, run.predict(record)), show(record, run.predict(record, { skip: new Set([rule]) }))];
      return ruled === skipped ? [] : [`gold: ${show(record, record.entities)}\n  with: ${ruled}\n  without: ${skipped}`];
    }),
  );
}

function main(argv: string[]): void {
  let file = DEFAULT_TRAIN;
  let k = 5;
  let epochs = DEFAULT_EPOCHS;
  let diff: RuleName | undefined;
  let seeds = 1;
  let jackknife = DEFAULT_JACKKNIFE;
  let minimumCount = DEFAULT_MINIMUM_COUNT;
  let typerEpochs = DEFAULT_TYPER_EPOCHS;
  let typerWeights = [DEFAULT_TYPER_WEIGHT];
  let segmentLength = DEFAULT_SEGMENT_LENGTH;
  const others: OtherCorpus[] = [];
  let newsTest: NamesRecord[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--cv') k = Number(argv[++i]);
    else if (arg === '--epochs') epochs = Number(argv[++i]);
    else if (arg === '--seeds') seeds = Number(argv[++i]);
    else if (arg === '--jackknife') jackknife = Number(argv[++i]);
    else if (arg === '--min-count') minimumCount = Number(argv[++i]);
    else if (arg === '--typer-epochs') typerEpochs = Number(argv[++i]);
    else if (arg === '--typer-weight') typerWeights = (argv[++i] ?? '').split(',').map(Number);
    else if (arg === '--diff') diff = argv[++i] as RuleName;
    else if (arg === '--word-classes') chooseWordClasses(argv[++i]);
    else if (arg === '--segment-length') segmentLength = Number(argv[++i]);
    else if (isCorpusFlag(arg)) {
      others.push(otherCorpus(arg, argv[++i]));
      if (arg === '--idner-news') newsTest = readCorpus(IDNER_NEWS, argv[i]!, ['test']) ?? [];
    } else file = arg;
  }
  const runs = foldRuns(parseNamesFile(readFileSync(file, 'utf8'), file), k, { epochs, seeds, jackknife, minimumCount, typerEpochs, typerWeight: typerWeights[0]!, segmentLength }, others);
  if (diff !== undefined) return void process.stdout.write(`${ruleChanges(runs, diff).join('\n')}\n`);
  const leaveOneOut = Object.fromEntries(RULES.map((rule) => [rule, meanScores(runs, { skip: new Set([rule]) })]));
  const typerWeight = typerEpochs > 0 ? Object.fromEntries(typerWeights.map((weight) => [weight, meanScores(withTyperWeight(runs, weight))])) : {};
  const report = {
    folds: k,
    epochs,
    seeds,
    jackknife,
    minimumCount,
    typerEpochs,
    segmentLength,
    withoutRules: meanScores(runs, { rules: false }),
    withRules: meanScores(runs),
    withoutTyper: meanScores(runs, { typer: false }),
    typerWeight,
    withoutRule: leaveOneOut,
    ...(newsTest.length > 0 ? { newsTest: newsScores(runs, newsTest) } : {}),
    errors: errorClasses(runs),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
