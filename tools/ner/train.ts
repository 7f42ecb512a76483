/**
 * Trains the entity tagger's model and writes it as `src/text/entities/model.json`.
 *
 *   npm run train:names [-- <train.jsonl>] [--idner-news DIR] [--nerp DIR] [--epochs N] [--seeds S] [--jackknife J] [--min-count C] [--typer-epochs E] [--typer-weight W] [--segment-length L] [--word-classes FILE|none] [--select-epochs MAX] [--cv K] [--out FILE]
 *
 * Input: NERGrit train in the eval format (`tools/eval/names.ts`), by default
 * `../shared/eval/names/nergrit-train.jsonl`. Train only: the validation split is never read here.
 * `--idner-news DIR` (a checkout of github.com/khairunnisaor/idner-news-2k) and `--nerp DIR` (of
 * github.com/IndoNLP/indonlu) train on those corpora's training splits too (`corpora.ts`), each
 * feature with a copy for its own corpus (`withDomain`); the model keeps the shared weights with
 * NERGrit's copies added in (`collapseDomains`), so the other corpora teach what the corpora share
 * and NERGrit's own conventions still decide. The shipped model is trained with both.
 * `--select-epochs MAX` first holds out a seeded fifth of train as a dev fold, trains on the rest
 * for up to MAX epochs and reports dev F1 per epoch (to choose `--epochs`); the model is then
 * trained on all of train. `--cv K` instead reports, per epoch up to `--epochs`, the mean dev F1
 * over K seeded folds of train (each trained on the other folds), with and without the gazetteer
 * rules, and writes no model: how the settings were chosen (`tools/ner/analyse.ts` measures each
 * rule and `--seeds`). `--seeds S` averages the weights of S runs with different shuffles.
 * `--jackknife J` (J ≥ 2) adds the stacked second pass (`trainPasses`); `--min-count C` leaves out
 * features seen fewer than C times. `--typer-epochs E` trains the span typer (`typer.ts`) for E epochs
 * (0: none), and `--typer-weight W` is how much the tagger's span score counts beside it. Shuffles
 * and folds are seeded, so the same input gives the same file. `--word-classes` trains with other
 * word classes (`tools/ner/word-classes.ts`) than `src/text/entities/word-classes.json`, or none.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MODEL_FILE, recognizeEntities, taggerOf, type EntitySpan, type Tagger } from '../../src/text/entities/index.ts';
import { sentenceFeatures } from '../../src/text/entities/features.ts';
import { gazetteerMarks } from '../../src/text/entities/gazetteer-index.ts';
import { modelWeights, pairsFromRows, spansToLabels, toModel, toPassModel, trainPerceptron, viterbi, type TaggerModel, type TokenSpan, type Trained, type TrainingSentence, type TyperModel, type Weights } from '../../src/text/entities/perceptron.ts';
import { activeWordClasses, readWordClassesFile, useWordClasses } from '../../src/text/entities/word-classes.ts';
import { secondPassFeatures } from '../../src/text/entities/stacked.ts';
import { tokenize, type Token } from '../../src/text/entities/tokens.ts';
import { spanFeatures, spanView, toTyperModel, trainTyper, type TypedExample } from '../../src/text/entities/typer.ts';
import { collapseDomains, trainSegmentTagger, withDomain } from './semi-markov.ts';
import { CORPORA, corpusMissing, readCorpus } from './corpora.ts';
import { mulberry32 } from '../../src/util/random.ts';
import { parseNamesFile, scoreEntities, type NamesRecord } from '../eval/names.ts';

export const DEFAULT_TRAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/eval/names/nergrit-train.jsonl');
export const DEFAULT_EPOCHS = 16;
/** Shuffling seeds the shipped model's weights are averaged over (see `trainOverSeeds`). */
export const DEFAULT_SEEDS = 3;
/** Folds of the jackknife that gives the second pass its first-pass labels (`trainPasses`); 0 trains one pass. */
export const DEFAULT_JACKKNIFE = 0;
export const DEFAULT_MINIMUM_COUNT = 1;
/** The longest name, in tokens, the semi-Markov tagger considers (`segments.ts`); 0 trains the BIO tagger instead. */
export const DEFAULT_SEGMENT_LENGTH = 8;
/** Epochs of the span typer (`typer.ts`); 0 trains none. */
export const DEFAULT_TYPER_EPOCHS = 10;
/** How much the tagger's own span score counts beside the typer's (chosen by `analyse.ts --typer-weight`). */
export const DEFAULT_TYPER_WEIGHT = 0.1;
/** The typer's weights are smaller than the tagger's (one update per name, not per word): its own pruning. */
const TYPER_MINIMUM_WEIGHT = 0.1;
const TYPER_DIGITS = 2;
export const SEED = 13;
/** Weights below this (after averaging) are dropped, and all are rounded to this many decimals: keeps the file small. */
export const MINIMUM_WEIGHT = 1.5;
export const DIGITS = 1;
const COMMON_MINIMUM = 3;
/** Cross-validation measures the folds every this many epochs (and after the last). */
const CV_EVERY = 4;

/** One sentence as the trainer sees it: features per token and gold BIO labels; gold spans off token boundaries are counted. */
/** The record's gold names as token spans; a name whose edges fall inside a token is left out. */
export function goldTokenSpans(record: NamesRecord, tokens: readonly Token[]): TokenSpan[] {
  return record.entities.flatMap((entity) => {
    const first = tokens.findIndex((t) => t.start === entity.start);
    const last = tokens.findIndex((t) => t.end === entity.end);
    return first < 0 || last < first ? [] : [{ first, last, type: entity.type }];
  });
}

export function trainingSentence(record: NamesRecord, common: ReadonlySet<string>): { sentence: TrainingSentence; misaligned: number } {
  const tokens = tokenize(record.text);
  const spans = goldTokenSpans(record, tokens);
  return { sentence: { features: sentenceFeatures(tokens.map((t) => t.text), common), labels: spansToLabels(tokens.length, spans) }, misaligned: record.entities.length - spans.length };
}

function predict(records: readonly NamesRecord[], weights: Weights, common: ReadonlySet<string>, rules = true): EntitySpan[][] {
  return records.map((r) => recognizeEntities(r.text, { weights, common }, { rules }));
}

/** The averaged perceptron trained once per shuffling seed, the weights averaged over the runs: steadier than one shuffle. */
export function trainOverSeeds(sentences: readonly TrainingSentence[], epochs: number, seeds: number, minimumCount = 1): Trained {
  const seen = withoutRareFeatures(sentences, minimumCount);
  const runs = Array.from({ length: seeds }, (_, k) => trainPerceptron(seen, { epochs, seed: SEED + k }));
  const rows = new Map<string, Float64Array>();
  for (const run of runs) {
    for (const [feature, row] of run.rows) {
      const sum = rows.get(feature) ?? new Float64Array(row.length);
      row.forEach((value, label) => (sum[label]! += value / seeds));
      rows.set(feature, sum);
    }
  }
  const transitions = runs[0]!.transitions.map((_, k) => runs.reduce((sum, run) => sum + run.transitions[k]! / seeds, 0));
  return { rows, transitions };
}

export interface TrainingSettings {
  epochs: number;
  /** Shuffles each pass's weights are averaged over. */
  seeds: number;
  /** Folds of the jackknife that labels the second pass's training sentences; 0 trains the first pass alone. */
  jackknife: number;
  /** Features seen fewer times than this in the training sentences are left out. */
  minimumCount: number;
  /** Epochs of the span typer; 0 trains none. */
  typerEpochs: number;
  typerWeight: number;
  /** The longest name, in tokens, of the semi-Markov tagger (`segments.ts`); 0 trains the BIO tagger. */
  segmentLength: number;
}

/** Sentences of another labelled corpus, trained on beside the target's with features of their own domain (`withDomain`). */
export interface OtherCorpus {
  /** What the model file's `trainedOn` calls it. */
  name: string;
  domain: string;
  /** Whether its text keeps the writer's capitals: only such text says which words are written in lower case (`trainingCommonWords`). */
  cased: boolean;
  records: readonly NamesRecord[];
}

/** The common lower-case words of the records and of the other corpora whose text is cased (a lower-cased corpus writes every name in lower case). */
export function trainingCommonWords(records: readonly NamesRecord[], others: readonly OtherCorpus[]): Set<string> {
  return commonLowercaseWords([...records, ...others.filter((o) => o.cased).flatMap((o) => o.records)]);
}

/** `--idner-news DIR`, `--nerp DIR`: the flag's corpus (`CORPORA`), its training splits from a checkout of it; exits with what to give where `DIR` holds none. */
export function otherCorpus(flag: string, root: string | undefined): OtherCorpus {
  const source = CORPORA[flag.slice(2)]!;
  const records = root ? readCorpus(source, root) : null;
  if (!records) {
    process.stderr.write(`${root ? corpusMissing(source, root) : `${flag} needs a checkout of ${source.repository}`}\n`);
    process.exit(2);
  }
  return { name: `${source.name} (${source.training.join(', ')})`, domain: source.domain, cased: source.cased, records };
}

/** Whether the argument is a flag naming another corpus to train on (`--idner-news`, `--nerp`). */
export const isCorpusFlag = (arg: string) => arg.startsWith('--') && Object.hasOwn(CORPORA, arg.slice(2));

/** The domain of the records a model is trained for; the weights of other corpora's own features are left out of the model. */
const TARGET_DOMAIN = 'target';

/** A first pass, the stacked second pass (none when `jackknife` is 0) and the span typer (none when `typerEpochs` is 0). */
export interface TrainedPasses {
  first: Trained;
  /** The semi-Markov segment weights, with which `first` is decoded segment by segment. */
  segments?: { maxLength: number; rows: Map<string, Float64Array> };
  stacked?: Trained;
  typer?: TyperModel;
}

/**
 * The first pass trained on all the records; the second pass on their features plus stacked
 * features from out-of-fold first-pass labels: each record labelled by a first pass trained on the
 * other `jackknife` folds, so the second pass learns how far a first pass is to be trusted on text
 * it has not seen, not on text it has learnt by heart.
 */
export function trainPasses(records: readonly NamesRecord[], common: ReadonlySet<string>, settings: TrainingSettings, others: readonly OtherCorpus[] = []): TrainedPasses {
  const { epochs, seeds, jackknife, minimumCount, typerEpochs, typerWeight, segmentLength } = settings;
  const target = others.length > 0 ? TARGET_DOMAIN : undefined;
  const corpora = [{ domain: target, records }, ...others];
  const typer = typerEpochs > 0 ? { typer: toTyperModel(collapseDomains(trainTyper(corpora.flatMap(({ domain, records: rs }) => typedExamples(rs, domain)), typerEpochs, SEED), target), typerWeight, TYPER_MINIMUM_WEIGHT, TYPER_DIGITS) } : {};
  if (segmentLength > 0) {
    if (jackknife > 0) throw new Error('the stacked second pass (--jackknife) reads BIO labels: train it with --segment-length 0');
    if (minimumCount > 1) throw new Error('--min-count prunes the BIO tagger\'s features: give it with --segment-length 0');
    const sentences = corpora.flatMap(({ domain, records: rs }) => rs.map((record) => ({ ...segmentTrainingSentence(record, common), domain })));
    const trained = trainSegmentTagger(sentences, { epochs, seeds, maxLength: segmentLength, seed: SEED, target });
    return { first: trained.first, segments: { maxLength: segmentLength, rows: trained.segments }, ...typer };
  }
  if (others.length > 0) throw new Error('other corpora train the semi-Markov tagger only: give them without --segment-length 0');
  const sentences = records.map((r) => trainingSentence(r, common).sentence);
  const first = trainOverSeeds(sentences, epochs, seeds, minimumCount);
  if (jackknife === 0) return { first, ...typer };
  const outOfFold = new Map<NamesRecord, number[]>();
  for (const held of folds(records, jackknife, SEED + 1)) {
    const rest = records.filter((r) => !held.includes(r));
    const restCommon = commonLowercaseWords(rest);
    const weights = modelWeights(toPassModel(trainOverSeeds(rest.map((r) => trainingSentence(r, restCommon).sentence), epochs, seeds, minimumCount), MINIMUM_WEIGHT, DIGITS));
    for (const record of held) outOfFold.set(record, viterbi(sentenceFeatures(words(record), restCommon), weights));
  }
  const stackedSentences = records.map((record, i) => ({ features: secondPassFeatures(sentences[i]!.features, words(record), outOfFold.get(record)!), labels: sentences[i]!.labels }));
  return { first, stacked: trainOverSeeds(stackedSentences, epochs, seeds, minimumCount), ...typer };
}

/** What the semi-Markov trainer reads of a record: its words, their gazetteer marks and token features, and its gold names on token boundaries. */
function segmentTrainingSentence(record: NamesRecord, common: ReadonlySet<string>) {
  const tokens = tokenize(record.text);
  const words = tokens.map((t) => t.text);
  const marks = gazetteerMarks(words);
  return { words, marks, tokenFeatures: sentenceFeatures(words, common, marks), gold: goldTokenSpans(record, tokens) };
}

/** Each gold span on token boundaries with the typer's features (and their copies for the domain, when given). */
export function typedExamples(records: readonly NamesRecord[], domain?: string): TypedExample[] {
  return records.flatMap((record) => {
    const tokens = tokenize(record.text);
    const words = tokens.map((t) => t.text);
    const marks = gazetteerMarks(words);
    const view = spanView(words, marks);
    return goldTokenSpans(record, tokens).map(({ first, last, type }) => ({ features: [...withDomain(spanFeatures(words, marks, first, last, view), domain)], type }));
  });
}

/** `--word-classes FILE|none`: train and tag with other word classes than the committed ones, or none. */
export function chooseWordClasses(value: string | undefined): void {
  useWordClasses(value === 'none' ? null : readWordClassesFile(path.resolve(value ?? '')));
}

/** The model file of the passes: pruned and rounded, with the hash of the word classes their features read. */
export function modelFile(passes: TrainedPasses, common: ReadonlySet<string>): TaggerModel {
  const classes = activeWordClasses();
  const segments = passes.segments ? { segments: { maxLength: passes.segments.maxLength, weights: pairsFromRows(passes.segments.rows, MINIMUM_WEIGHT, DIGITS) } } : {};
  return { ...toModel(passes.first, common, MINIMUM_WEIGHT, DIGITS, passes.stacked, passes.typer), ...segments, ...(classes ? { wordClasses: classes.hash } : {}) };
}

/** The model's weights for tagging, pruned and rounded as the model file is. */
export function passesTagger(passes: TrainedPasses, common: ReadonlySet<string>): Tagger {
  return taggerOf(modelFile(passes, common));
}

const words = (record: NamesRecord) => tokenize(record.text).map((t) => t.text);

/** The sentences with the features that occur fewer than `minimumCount` times in them left out: weights learnt from one sentence are mostly noise. */
export function withoutRareFeatures(sentences: readonly TrainingSentence[], minimumCount: number): readonly TrainingSentence[] {
  if (minimumCount <= 1) return sentences;
  const counts = new Map<string, number>();
  for (const sentence of sentences) for (const features of sentence.features) for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return sentences.map((sentence) => ({ ...sentence, features: sentence.features.map((features) => features.filter((f) => counts.get(f)! >= minimumCount)) }));
}

/** Words written starting with a lower-case letter at least `COMMON_MINIMUM` times in the texts. */
export function commonLowercaseWords(records: readonly NamesRecord[]): Set<string> {
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const token of tokenize(record.text)) if (/^\p{Ll}/u.test(token.text)) counts.set(token.text, (counts.get(token.text) ?? 0) + 1);
  }
  return new Set([...counts].flatMap(([word, count]) => (count >= COMMON_MINIMUM ? [word] : [])));
}

/** Seeded split of the records into a training part and a dev fold of about `share` of them. */
export function devFold(records: readonly NamesRecord[], share: number, seed: number): { train: NamesRecord[]; dev: NamesRecord[] } {
  const random = mulberry32(seed);
  const train: NamesRecord[] = [];
  const dev: NamesRecord[] = [];
  for (const record of records) (random() < share ? dev : train).push(record);
  return { train, dev };
}

function selectEpochs(records: readonly NamesRecord[], maxEpochs: number): void {
  const { train, dev } = devFold(records, 0.2, SEED);
  const common = commonLowercaseWords(train);
  const sentences = train.map((r) => trainingSentence(r, common).sentence);
  const gold = dev.map((r) => r.entities);
  const trained = trainPerceptron(sentences, {
    epochs: maxEpochs,
    seed: SEED,
    afterEpoch: (epoch, weights) => {
      const scores = scoreEntities(gold, predict(dev, weights, common));
      process.stderr.write(`epoch ${epoch}: dev typed F1 ${scores.typed.f1}, untyped F1 ${scores.untyped.f1} (${train.length} train, ${dev.length} dev)\n`);
    },
  });
  const prunedWeights = modelWeights(toModel(trained, common, MINIMUM_WEIGHT, DIGITS));
  for (const rules of [false, true]) {
    const pruned = scoreEntities(gold, predict(dev, prunedWeights, common, rules));
    process.stderr.write(`after pruning and rounding, ${rules ? 'with' : 'without'} the gazetteer rules: dev typed F1 ${pruned.typed.f1}, untyped F1 ${pruned.untyped.f1}\n`);
  }
}

/** Seeded assignment of the records to `k` folds of near-equal size. */
export function folds(records: readonly NamesRecord[], k: number, seed: number): NamesRecord[][] {
  const random = mulberry32(seed);
  const order = records.map((record) => ({ record, key: random() })).sort((a, b) => a.key - b.key);
  const out: NamesRecord[][] = Array.from({ length: k }, () => []);
  order.forEach(({ record }, i) => out[i % k]!.push(record));
  return out;
}

/** Mean dev F1 per epoch over `k` folds of train, with and without the gazetteer rules, after pruning as the model file is. */
function crossValidate(records: readonly NamesRecord[], k: number, epochs: number): void {
  const totals = Array.from({ length: epochs }, () => ({ typed: 0, untyped: 0, typedRules: 0, untypedRules: 0 }));
  folds(records, k, SEED).forEach((dev, fold) => {
    const train = records.filter((r) => !dev.includes(r));
    const common = commonLowercaseWords(train);
    const gold = dev.map((r) => r.entities);
    trainPerceptron(
      train.map((r) => trainingSentence(r, common).sentence),
      {
        epochs,
        seed: SEED,
        afterEpoch: (epoch, weights, trained) => {
          if (epoch % CV_EVERY !== 0 && epoch !== epochs) return;
          const pruned = trained ? modelWeights(toModel(trained, common, MINIMUM_WEIGHT, DIGITS)) : weights;
          const plain = scoreEntities(gold, predict(dev, pruned, common, false));
          const ruled = scoreEntities(gold, predict(dev, pruned, common, true));
          const total = totals[epoch - 1]!;
          total.typed += plain.typed.f1 / k;
          total.untyped += plain.untyped.f1 / k;
          total.typedRules += ruled.typed.f1 / k;
          total.untypedRules += ruled.untyped.f1 / k;
          process.stderr.write(`fold ${fold + 1}/${k} epoch ${epoch}: typed F1 ${ruled.typed.f1} (without rules ${plain.typed.f1})\n`);
        },
      },
    );
  });
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const measured = totals.map((t, i) => ({ t, epoch: i + 1 })).filter(({ epoch }) => epoch % CV_EVERY === 0 || epoch === epochs);
  process.stdout.write(`${JSON.stringify({ folds: k, perEpoch: measured.map(({ t, epoch }) => ({ epoch, typed: round(t.typed), untyped: round(t.untyped), typedWithRules: round(t.typedRules), untypedWithRules: round(t.untypedRules) })) }, null, 2)}\n`);
}

function main(argv: string[]): void {
  let file = DEFAULT_TRAIN;
  let epochs = DEFAULT_EPOCHS;
  let select: number | undefined;
  let cv: number | undefined;
  let seeds = DEFAULT_SEEDS;
  let jackknife = DEFAULT_JACKKNIFE;
  let minimumCount = DEFAULT_MINIMUM_COUNT;
  let typerEpochs = DEFAULT_TYPER_EPOCHS;
  let typerWeight = DEFAULT_TYPER_WEIGHT;
  let segmentLength = DEFAULT_SEGMENT_LENGTH;
  let out = MODEL_FILE;
  const others: OtherCorpus[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (isCorpusFlag(arg)) others.push(otherCorpus(arg, argv[++i]));
    else if (arg === '--epochs') epochs = Number(argv[++i]);
    else if (arg === '--select-epochs') select = Number(argv[++i]);
    else if (arg === '--cv') cv = Number(argv[++i]);
    else if (arg === '--seeds') seeds = Number(argv[++i]);
    else if (arg === '--jackknife') jackknife = Number(argv[++i]);
    else if (arg === '--min-count') minimumCount = Number(argv[++i]);
    else if (arg === '--typer-epochs') typerEpochs = Number(argv[++i]);
    else if (arg === '--typer-weight') typerWeight = Number(argv[++i]);
    else if (arg === '--word-classes') chooseWordClasses(argv[++i]);
    else if (arg === '--segment-length') segmentLength = Number(argv[++i]);
    else if (arg === '--out') out = path.resolve(argv[++i] ?? '');
    else file = arg;
  }
  if ((cv !== undefined || select !== undefined) && segmentLength > 0) {
    process.stderr.write('--cv and --select-epochs measure the BIO tagger: add --segment-length 0, or measure the shipped semi-Markov tagger with `npx tsx tools/ner/analyse.ts`\n');
    process.exit(2);
  }
  if ((cv !== undefined || select !== undefined) && others.length > 0) {
    process.stderr.write('other corpora (--idner-news, --nerp) train the semi-Markov tagger, which --cv and --select-epochs do not measure: measure it with `npx tsx tools/ner/analyse.ts`\n');
    process.exit(2);
  }
  const records = parseNamesFile(readFileSync(file, 'utf8'), file);
  if (cv !== undefined) return crossValidate(records, cv, epochs);
  if (select !== undefined) selectEpochs(records, select);
  const common = trainingCommonWords(records, others);
  const prepared = records.map((r) => trainingSentence(r, common));
  const misaligned = prepared.reduce((sum, p) => sum + p.misaligned, 0);
  const passes = trainPasses(records, common, { epochs, seeds, jackknife, minimumCount, typerEpochs, typerWeight, segmentLength }, others);
  const model = { ...modelFile(passes, common), trainedOn: [path.basename(file), ...others.map((o) => o.name)] };
  const text = JSON.stringify(model);
  writeFileSync(out, text + '\n');
  process.stderr.write(`${records.length} sentences${others.map((o) => ` and ${o.records.length} of ${o.name}`).join('')}, ${misaligned} gold spans off token boundaries, ${epochs} epochs, ${seeds} seed(s), ${model.stacked ? `two passes (jackknife ${jackknife})` : model.segments ? `semi-Markov (names up to ${segmentLength} tokens)` : 'one pass'}${model.typer ? ', span typer' : ''} → ${out} (${Object.keys(model.weights).length + Object.keys(model.stacked?.weights ?? {}).length + Object.keys(model.typer?.weights ?? {}).length + Object.keys(model.segments?.weights ?? {}).length} features, ${Math.round(text.length / 1024)} KiB)\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
