/**
 * A first-order sequence tagger over BIO labels (`B-X` begins a name, `I-X` continues it, `O` no
 * name): per-token feature weights plus label-to-label transition weights, decoded by Viterbi with
 * the BIO constraint (`I-X` only after `B-X` or `I-X`). Training is the averaged structured perceptron.
 */
import type { EntityType } from '../../types.ts';
import { mulberry32 } from '../../util/random.ts';

export type { EntityType };
export const ENTITY_TYPES: readonly EntityType[] = ['PERSON', 'ORGANISATION', 'PLACE'];

export const LABELS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((type) => [`B-${type}`, `I-${type}`])];
const LABEL_COUNT = LABELS.length;
/** Row index of the sentence start in the transition table. */
const START = LABEL_COUNT;

/** One pass of the tagger as the model file holds it. */
export interface PassModel {
  /** `transitions[previous][label]`, `previous` = labels.length for the sentence start. */
  transitions: number[][];
  /** Feature → flat pairs `[labelIndex, weight, labelIndex, weight, …]`. */
  weights: Record<string, number[]>;
}

/** The span typer as the model file holds it (`typer.ts`). */
export interface TyperModel {
  /** How much the tagger's own score for each type counts beside the typer's. */
  taggerWeight: number;
  /** Feature → flat pairs `[typeIndex, weight, …]` over `ENTITY_TYPES`. */
  weights: Record<string, number[]>;
}

/** The semi-Markov segment weights as the model file holds them (`segments.ts`). */
export interface SegmentModel {
  /** The longest name, in tokens, decoding considers. */
  maxLength: number;
  /** Feature → flat pairs `[typeIndex, weight, …]` over `ENTITY_TYPES`. */
  weights: Record<string, number[]>;
}

/**
 * The committed model file's content: the first pass (decoded by the BIO Viterbi, or with
 * `segments` by the semi-Markov Viterbi), the second pass that also reads the first's labels
 * (`stacked.ts`, BIO only), and the span typer.
 */
export interface TaggerModel extends PassModel {
  format: 3;
  labels: string[];
  segments?: SegmentModel;
  stacked?: PassModel;
  typer?: TyperModel;
  /** Words the training text writes in lower case often (see `sentenceFeatures`). */
  common: string[];
  /** sha256 of the word classes file (`word-classes.ts`) the features read in training; absent: trained without. */
  wordClasses?: string;
  /** The labelled corpora it was trained on, the first the one whose conventions it keeps (`tools/ner/train.ts`). */
  trainedOn?: string[];
}

export type Trained = { rows: Map<string, Float64Array>; transitions: Float64Array };

export interface Weights {
  emission(feature: string): ArrayLike<number> | undefined;
  transition(previous: number, label: number): number;
}

/** A name over tokens: its first and last token index (inclusive) and its type. */
export interface TokenSpan {
  first: number;
  last: number;
  type: EntityType;
}

/** Whether `label` may follow `previous`: `I-X` only inside a name `B-X` opened. */
export function allowed(previous: number, label: number): boolean {
  const name = LABELS[label]!;
  if (!name.startsWith('I-')) return true;
  const before = previous === START ? 'O' : LABELS[previous]!;
  return before !== 'O' && before.slice(2) === name.slice(2);
}

/** Gold spans over `length` tokens (first and last token index, inclusive) → label indices. */
export function spansToLabels(length: number, spans: readonly TokenSpan[]): number[] {
  const labels = Array.from({ length }, () => 0);
  for (const { first, last, type } of spans) for (let i = first; i <= last; i++) labels[i] = LABELS.indexOf(`${i === first ? 'B' : 'I'}-${type}`);
  return labels;
}

/** Label indices → spans (first and last token index, inclusive); a well-formed sequence is assumed, as Viterbi gives. */
export function labelsToTokenSpans(labels: readonly number[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  labels.forEach((index, i) => {
    const label = LABELS[index]!;
    if (label === 'O') return;
    const type = label.slice(2) as EntityType;
    const last = spans[spans.length - 1];
    if (label.startsWith('I-') && last && last.type === type && last.last === i - 1) last.last = i;
    else spans.push({ first: i, last: i, type });
  });
  return spans;
}

/** Per token, each label's summed feature weights. */
export function emissionScores(features: readonly string[][], weights: Weights): Float64Array[] {
  return features.map((feats) => {
    const scores = new Float64Array(LABEL_COUNT);
    for (const feature of feats) {
      const row = weights.emission(feature);
      if (row) for (let label = 0; label < LABEL_COUNT; label++) scores[label]! += row[label]!;
    }
    return scores;
  });
}

/** Label indices of the best-scoring allowed label sequence. */
export function viterbi(features: readonly string[][], weights: Weights): number[] {
  return viterbiOver(emissionScores(features, weights), weights);
}

/** `viterbi` over emission scores already summed. */
export function viterbiOver(emissions: readonly Float64Array[], weights: Weights): number[] {
  const n = emissions.length;
  if (n === 0) return [];
  const score: Float64Array[] = [];
  const back: Int8Array[] = [];
  for (let i = 0; i < n; i++) {
    const current = new Float64Array(LABEL_COUNT).fill(-Infinity);
    const pointer = new Int8Array(LABEL_COUNT);
    for (let label = 0; label < LABEL_COUNT; label++) {
      const previousLabels = i === 0 ? [START] : LABELS.map((_, p) => p);
      for (const previous of previousLabels) {
        if (!allowed(previous, label)) continue;
        const before = i === 0 ? 0 : score[i - 1]![previous]!;
        const value = before + weights.transition(previous, label) + emissions[i]![label]!;
        if (value > current[label]!) [current[label], pointer[label]] = [value, previous];
      }
    }
    score.push(current);
    back.push(pointer);
  }
  let best = 0;
  for (let label = 1; label < LABEL_COUNT; label++) if (score[n - 1]![label]! > score[n - 1]![best]!) best = label;
  const path = [best];
  for (let i = n - 1; i > 0; i--) path.unshift(back[i]![path[0]!]!);
  return path;
}

/** The tagger's score for tokens `first..last` being one name of the type: its emissions and the transitions inside it. */
export function spanTypeScore(emissions: readonly Float64Array[], weights: Weights, first: number, last: number, type: EntityType): number {
  const begin = LABELS.indexOf(`B-${type}`);
  const inside = begin + 1;
  let score = emissions[first]![begin]!;
  for (let i = first + 1; i <= last; i++) score += emissions[i]![inside]! + weights.transition(i === first + 1 ? begin : inside, inside);
  return score;
}

/** Feature rows of `width` weights from the model file's flat pairs `[index, weight, …]`. */
export function rowsFromPairs(weights: Record<string, number[]>, width: number): Map<string, Float64Array> {
  const rows = new Map<string, Float64Array>();
  for (const [feature, pairs] of Object.entries(weights)) {
    const row = new Float64Array(width);
    for (let k = 0; k < pairs.length; k += 2) row[pairs[k]!] = pairs[k + 1]!;
    rows.set(feature, row);
  }
  return rows;
}

/** Feature rows as the model file's flat pairs: weights rounded to `digits` decimals, those smaller than `minimum` dropped. */
export function pairsFromRows(rows: ReadonlyMap<string, ArrayLike<number>>, minimum: number, digits: number): Record<string, number[]> {
  const round = (value: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  const weights: Record<string, number[]> = {};
  for (const feature of [...rows.keys()].sort()) {
    const pairs: number[] = [];
    Array.from(rows.get(feature)!).forEach((value, index) => {
      if (Math.abs(value) >= minimum) pairs.push(index, round(value));
    });
    if (pairs.length > 0) weights[feature] = pairs;
  }
  return weights;
}

/** Weights read from a model file. */
export function modelWeights(model: PassModel): Weights {
  const rows = rowsFromPairs(model.weights, LABEL_COUNT);
  return { emission: (feature) => rows.get(feature), transition: (previous, label) => model.transitions[previous]![label]! };
}

export interface TrainingSentence {
  features: string[][];
  labels: number[];
}

export interface TrainingOptions {
  epochs: number;
  seed: number;
  /** Called after each epoch with the averaged weights so far (to measure a held-out fold). */
  afterEpoch?: (epoch: number, weights: Weights, trained?: Trained) => void;
}

/**
 * Feature rows of `width` weights trained by the averaged perceptron, with the usual lazy-average
 * trick: `current` are the weights now, `scaled` the updates scaled by the step they happened at,
 * and the average is `current - scaled / step`.
 */
export class AveragedRows {
  readonly current = new Map<string, Float64Array>();
  private readonly scaled = new Map<string, Float64Array>();
  step = 1;

  constructor(private readonly width: number) {}

  update(feature: string, index: number, delta: number): void {
    let w = this.current.get(feature);
    let u = this.scaled.get(feature);
    if (!w || !u) {
      w = new Float64Array(this.width);
      u = new Float64Array(this.width);
      this.current.set(feature, w);
      this.scaled.set(feature, u);
    }
    w[index]! += delta;
    u[index]! += this.step * delta;
  }

  averaged(): Map<string, Float64Array> {
    const rows = new Map<string, Float64Array>();
    for (const [feature, w] of this.current) {
      const u = this.scaled.get(feature)!;
      rows.set(feature, w.map((value, index) => value - u[index]! / this.step));
    }
    return rows;
  }
}

/** The tagger's emission rows and its transitions, averaged the same way. */
class AveragedWeights {
  readonly emissions = new AveragedRows(LABEL_COUNT);
  readonly tw = new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT);
  readonly tu = new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT);

  get step(): number {
    return this.emissions.step;
  }

  nextStep(): void {
    this.emissions.step++;
  }

  current(): Weights {
    return { emission: (feature) => this.emissions.current.get(feature), transition: (p, l) => this.tw[p * LABEL_COUNT + l]! };
  }

  update(feature: string, label: number, delta: number): void {
    this.emissions.update(feature, label, delta);
  }

  updateTransition(previous: number, label: number, delta: number): void {
    this.tw[previous * LABEL_COUNT + label]! += delta;
    this.tu[previous * LABEL_COUNT + label]! += this.step * delta;
  }

  averaged(): Trained {
    return { rows: this.emissions.averaged(), transitions: this.tw.map((value, k) => value - this.tu[k]! / this.step) };
  }
}

function averagedWeights(averaged: Trained): Weights {
  return { emission: (feature) => averaged.rows.get(feature), transition: (p, l) => averaged.transitions[p * LABEL_COUNT + l]! };
}

/** A seeded Fisher–Yates shuffle of a copy of the items. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function trainPerceptron(sentences: readonly TrainingSentence[], options: TrainingOptions): Trained {
  const model = new AveragedWeights();
  const random = mulberry32(options.seed);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (const sentence of shuffled(sentences, random)) {
      const predicted = viterbi(sentence.features, model.current());
      for (let i = 0; i < predicted.length; i++) {
        const gold = sentence.labels[i]!;
        const guess = predicted[i]!;
        const goldPrevious = i === 0 ? START : sentence.labels[i - 1]!;
        const guessPrevious = i === 0 ? START : predicted[i - 1]!;
        if (gold !== guess) {
          for (const feature of sentence.features[i]!) {
            model.update(feature, gold, 1);
            model.update(feature, guess, -1);
          }
        }
        if (gold !== guess || goldPrevious !== guessPrevious) {
          model.updateTransition(goldPrevious, gold, 1);
          model.updateTransition(guessPrevious, guess, -1);
        }
      }
      model.nextStep();
    }
    if (options.afterEpoch) {
      const averaged = model.averaged();
      options.afterEpoch(epoch, averagedWeights(averaged), averaged);
    }
  }
  return model.averaged();
}

/** One pass for the model file: weights rounded to `digits` decimals, those smaller than `minimum` dropped. */
export function toPassModel(trained: Trained, minimum: number, digits: number): PassModel {
  const round = (value: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  const weights = pairsFromRows(trained.rows, minimum, digits);
  const transitions: number[][] = [];
  for (let previous = 0; previous <= LABEL_COUNT; previous++) {
    transitions.push(LABELS.map((_, label) => round(trained.transitions[previous * LABEL_COUNT + label]!)));
  }
  return { transitions, weights };
}

/** The model file from the trained first pass and, if any, the stacked second pass and the span typer. */
export function toModel(trained: Trained, common: ReadonlySet<string>, minimum: number, digits: number, stacked?: Trained, typer?: TyperModel): TaggerModel {
  const first = toPassModel(trained, minimum, digits);
  return { format: 3, labels: [...LABELS], ...first, ...(stacked ? { stacked: toPassModel(stacked, minimum, digits) } : {}), ...(typer ? { typer } : {}), common: [...common].sort() };
}
