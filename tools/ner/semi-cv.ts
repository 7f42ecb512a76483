/**
 * Cross-validation of the semi-Markov tagger (`tools/ner/semi-markov.ts`) on train alone,
 * on the same seeded folds as `analyse.ts`, through the same path as `recognizeEntities`: its spans,
 * typed again by the span typer (optional), refined by the gazetteer rules.
 *
 *   tsx tools/ner/semi-cv.ts [<train.jsonl>] [--cv K] [--epochs N] [--every E] [--seeds S] [--max-length L] [--typer-weight W,…] [--segment-features all|span|none] [--candidates all|capitalised]
 *
 * Prints, as JSON, per measured epoch (every E and the last): mean typed and untyped F1 with and
 * without the rules, with the typer at each weight given and without it, per type; the share of
 * gold spans that no candidate segment covers; and the training time per fold. Weights are pruned
 * and rounded as the model file's are. `--seeds S` averages each fold's weights over S shuffles.
 * `--segment-features span` keeps the span typer's features only, `none` none (the BIO tagger's
 * own scores over the candidate segments: what the segment features add). `--candidates capitalised`
 * lets a segment open only on a capitalised word or a lower-case head word (what that restriction costs).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ENTITY_TYPES, type EntitySpan } from '../../src/text/entities/index.ts';
import { sentenceFeatures } from '../../src/text/entities/features.ts';
import { gazetteerMarks } from '../../src/text/entities/gazetteer-index.ts';
import { refineSpans } from '../../src/text/entities/rules.ts';
import { candidateSegments, segmentFeatures } from '../../src/text/entities/segments.ts';
import { decode, FeatureIds, latticeOf, meanWeights, trainSemiMarkov, type SemiSentence, type SemiWeights } from './semi-markov.ts';
import { tokenize, type Token } from '../../src/text/entities/tokens.ts';
import { retypeSpans, spanFeatures, toTyperModel, trainTyper, typerOf, type SpanTyper } from '../../src/text/entities/typer.ts';
import { LABELS, type TokenSpan } from '../../src/text/entities/perceptron.ts';
import { ORGANISATION_HEADS, PLACE_HEADS } from '../../src/text/gazetteers.ts';
import { parseNamesFile, scoreEntities, type NamesRecord } from '../eval/names.ts';
import { commonLowercaseWords, DEFAULT_EPOCHS, goldTokenSpans, DEFAULT_TRAIN, DEFAULT_TYPER_EPOCHS, DEFAULT_TYPER_WEIGHT, DIGITS, folds, MINIMUM_WEIGHT, SEED, typedExamples } from './train.ts';

const LOWER_CASE_HEADS: ReadonlySet<string> = new Set([...PLACE_HEADS, ...ORGANISATION_HEADS].map((head) => head.toLowerCase()));
const TYPER_MINIMUM_WEIGHT = 0.1;
const TYPER_DIGITS = 2;

interface Settings {
  k: number;
  epochs: number;
  every: number;
  seeds: number;
  maxLength: number;
  typerWeights: number[];
  segmentFeatures: 'all' | 'span' | 'none';
  candidates: 'capitalised' | 'all';
}

const ANY_WORD = { has: () => true };

const SEGMENT_FEATURES: Record<Settings['segmentFeatures'], typeof segmentFeatures> = { all: segmentFeatures, span: spanFeatures, none: () => [] };

interface Prepared {
  record: NamesRecord;
  tokens: Token[];
  sentence: SemiSentence;
}

function prepare(record: NamesRecord, common: ReadonlySet<string>, settings: Settings, tokenIds: FeatureIds, segmentIds: FeatureIds): Prepared {
  const featuresOf = SEGMENT_FEATURES[settings.segmentFeatures];
  const tokens = tokenize(record.text);
  const words = tokens.map((t) => t.text);
  const marks = gazetteerMarks(words);
  const segments = candidateSegments(words, settings.maxLength, settings.candidates === 'all' ? ANY_WORD : LOWER_CASE_HEADS);
  const gold = goldTokenSpans(record, tokens).map((span) => ({ ...span, features: segmentIds.encode(featuresOf(words, marks, span.first, span.last)) }));
  const sentence: SemiSentence = {
    tokenFeatures: sentenceFeatures(words, common).map((features) => tokenIds.encode(features)),
    segments,
    segmentFeatures: segments.map(({ first, last }) => segmentIds.encode(featuresOf(words, marks, first, last))),
    gold,
  };
  return { record, tokens, sentence };
}

/** Weights as the model file would hold them: those below the minimum dropped, the rest rounded. */
function pruned(weights: SemiWeights): SemiWeights {
  const round = (values: Float64Array) => values.map((v) => (Math.abs(v) < MINIMUM_WEIGHT ? 0 : Math.round(v * 10 ** DIGITS) / 10 ** DIGITS));
  return { token: round(weights.token), transitions: weights.transitions.map((v) => Math.round(v * 10 ** DIGITS) / 10 ** DIGITS), segment: round(weights.segment) };
}

type Variant = { rules: boolean; typerWeight?: number };

function predict(item: Prepared, weights: SemiWeights, typer: SpanTyper | undefined, variant: Variant, common: ReadonlySet<string>): EntitySpan[] {
  let spans: TokenSpan[] = decode(item.sentence, weights);
  if (typer && variant.typerWeight !== undefined) {
    const words = item.tokens.map((t) => t.text);
    const { emissions } = latticeOf(item.sentence, weights);
    const tagger = { emission: () => undefined, transition: (p: number, l: number) => weights.transitions[p * LABELS.length + l]! };
    spans = retypeSpans(words, gazetteerMarks(words), spans, emissions, tagger, { ...typer, taggerWeight: variant.typerWeight });
  }
  const entities = spans.map(({ first, last, type }) => ({ start: item.tokens[first]!.start, end: item.tokens[last]!.end, type }));
  return variant.rules ? refineSpans(item.tokens, entities, common) : entities;
}

interface FoldScores {
  [variant: string]: { typed: number; untyped: number; perType: Record<string, number> };
}

function scoreFold(dev: readonly Prepared[], weights: SemiWeights, typer: SpanTyper, common: ReadonlySet<string>, typerWeights: readonly number[]): FoldScores {
  const variants: Record<string, Variant> = { withoutRules: { rules: false }, withRules: { rules: true } };
  for (const w of typerWeights) {
    variants[`typer ${w}, with rules`] = { rules: true, typerWeight: w };
    variants[`typer ${w}, without rules`] = { rules: false, typerWeight: w };
  }
  const out: FoldScores = {};
  for (const [name, variant] of Object.entries(variants)) {
    const scores = scoreEntities(dev.map((d) => d.record.entities), dev.map((d) => predict(d, weights, typer, variant, common)));
    out[name] = { typed: scores.typed.f1, untyped: scores.untyped.f1, perType: Object.fromEntries(ENTITY_TYPES.map((t) => [t, scores.typed.perType[t]?.f1 ?? 0])) };
  }
  return out;
}

/** Share of train's gold spans (on token boundaries) that no candidate segment is. */
function unreachableShare(records: readonly NamesRecord[], maxLength: number): { gold: number; unreachable: number; share: number } {
  let gold = 0;
  let unreachable = 0;
  for (const record of records) {
    const tokens = tokenize(record.text);
    const keys = new Set(candidateSegments(tokens.map((t) => t.text), maxLength, LOWER_CASE_HEADS).map((s) => `${s.first}:${s.last}`));
    for (const span of goldTokenSpans(record, tokens)) {
      gold++;
      if (!keys.has(`${span.first}:${span.last}`)) unreachable++;
    }
  }
  return { gold, unreachable, share: Math.round((unreachable / gold) * 10000) / 10000 };
}

function crossValidate(records: readonly NamesRecord[], settings: Settings): unknown {
  const measured = new Map<number, FoldScores[]>();
  const seconds: number[] = [];
  folds(records, settings.k, SEED).forEach((held, fold) => {
    const train = records.filter((r) => !held.includes(r));
    const common = commonLowercaseWords(train);
    const [tokenIds, segmentIds] = [new FeatureIds(), new FeatureIds()];
    const trainItems = train.map((r) => prepare(r, common, settings, tokenIds, segmentIds));
    tokenIds.growing = segmentIds.growing = false;
    const dev = held.map((r) => prepare(r, common, settings, tokenIds, segmentIds));
    const typer = typerOf(toTyperModel(trainTyper(typedExamples(train), DEFAULT_TYPER_EPOCHS, SEED), DEFAULT_TYPER_WEIGHT, TYPER_MINIMUM_WEIGHT, TYPER_DIGITS));
    const started = performance.now();
    const perSeed = new Map<number, SemiWeights[]>();
    for (let s = 0; s < settings.seeds; s++) {
      trainSemiMarkov(
        trainItems.map((i) => i.sentence),
        {
          epochs: settings.epochs,
          seed: SEED + s,
          tokenFeatureCount: tokenIds.ids.size,
          segmentFeatureCount: segmentIds.ids.size,
          afterEpoch: (epoch, averaged) => {
            if (epoch % settings.every === 0 || epoch === settings.epochs) perSeed.set(epoch, [...(perSeed.get(epoch) ?? []), averaged]);
          },
        },
      );
    }
    seconds.push((performance.now() - started) / 1000);
    for (const [epoch, runs] of perSeed) {
      const scores = scoreFold(dev, pruned(meanWeights(runs)), typer, common, settings.typerWeights);
      measured.set(epoch, [...(measured.get(epoch) ?? []), scores]);
      process.stderr.write(`fold ${fold + 1}/${settings.k} epoch ${epoch}: typed F1 with rules ${scores['withRules']!.typed}, typer ${settings.typerWeights[0]} ${scores[`typer ${settings.typerWeights[0]}, with rules`]!.typed}\n`);
    }
  });
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const perEpoch = [...measured].map(([epoch, foldScores]) => {
    const mean = (pick: (s: FoldScores[string]) => number, variant: string) => round(foldScores.reduce((sum, f) => sum + pick(f[variant]!), 0) / foldScores.length);
    const variants = Object.keys(foldScores[0]!);
    return { epoch, ...Object.fromEntries(variants.map((v) => [v, { typed: mean((s) => s.typed, v), untyped: mean((s) => s.untyped, v), perType: Object.fromEntries(ENTITY_TYPES.map((t) => [t, mean((s) => s.perType[t]!, v)])) }])) };
  });
  return { folds: settings.k, epochs: settings.epochs, seeds: settings.seeds, maxLength: settings.maxLength, segmentFeatures: settings.segmentFeatures, candidateSegments: settings.candidates, candidates: unreachableShare(records, settings.maxLength), trainingSecondsPerFold: seconds.map(round), perEpoch };
}

function main(argv: string[]): void {
  let file = DEFAULT_TRAIN;
  const settings: Settings = { k: 5, epochs: DEFAULT_EPOCHS, every: 4, seeds: 1, maxLength: 8, typerWeights: [DEFAULT_TYPER_WEIGHT], segmentFeatures: 'all', candidates: 'all' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--cv') settings.k = Number(argv[++i]);
    else if (arg === '--epochs') settings.epochs = Number(argv[++i]);
    else if (arg === '--every') settings.every = Number(argv[++i]);
    else if (arg === '--seeds') settings.seeds = Number(argv[++i]);
    else if (arg === '--max-length') settings.maxLength = Number(argv[++i]);
    else if (arg === '--segment-features') settings.segmentFeatures = argv[++i] as Settings['segmentFeatures'];
    else if (arg === '--candidates') settings.candidates = argv[++i] as Settings['candidates'];
    else if (arg === '--typer-weight') settings.typerWeights = (argv[++i] ?? '').split(',').map(Number);
    else file = arg;
  }
  process.stdout.write(`${JSON.stringify(crossValidate(parseNamesFile(readFileSync(file, 'utf8'), file), settings), null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
