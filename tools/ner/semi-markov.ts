/**
 * Training of the semi-Markov tagger (`src/text/entities/segments.ts`, which decodes): the averaged
 * structured perceptron over both kinds of features, the tokens' and the segments'.
 * Features are interned to integer ids here: training runs over many candidate segments per sentence.
 */
import { ENTITY_TYPES, LABELS, spansToLabels, type TokenSpan, type Trained } from '../../src/text/entities/perceptron.ts';
import { candidateSegments, segmentFeatures, semiViterbi, type DecodedSpan, type Lattice, type Segment, type Transition } from '../../src/text/entities/segments.ts';
import { mulberry32 } from '../../src/util/random.ts';

const LABEL_COUNT = LABELS.length;
const TYPE_COUNT = ENTITY_TYPES.length;
/** Row of the sentence start in the transition table (as in `perceptron.ts`). */
const START = LABEL_COUNT;

/** Feature names → ids, new ones added while `growing`. */
export class FeatureIds {
  readonly ids = new Map<string, number>();
  growing = true;

  encode(features: readonly string[]): Int32Array {
    const out: number[] = [];
    for (const feature of features) {
      let id = this.ids.get(feature);
      if (id === undefined && this.growing) this.ids.set(feature, (id = this.ids.size));
      if (id !== undefined) out.push(id);
    }
    return Int32Array.from(out);
  }
}

/** A sentence as the semi-Markov perceptron sees it, features as ids. */
export interface SemiSentence {
  tokenFeatures: Int32Array[];
  segments: Segment[];
  segmentFeatures: Int32Array[];
  /** Gold names (empty when decoding only); `features` are their segment features, candidates or not. */
  gold: Array<TokenSpan & { features: Int32Array }>;
}

/** Flat weights: token features × labels, transitions (previous incl. start × label), segment features × types. */
export interface SemiWeights {
  token: Float64Array;
  transitions: Float64Array;
  segment: Float64Array;
}

const transitionOf = (weights: SemiWeights): Transition => (previous, label) => weights.transitions[previous * LABEL_COUNT + label]!;

export function latticeOf(sentence: SemiSentence, weights: SemiWeights): Lattice {
  const emissions = sentence.tokenFeatures.map((ids) => {
    const scores = new Float64Array(LABEL_COUNT);
    for (const id of ids) for (let l = 0; l < LABEL_COUNT; l++) scores[l]! += weights.token[id * LABEL_COUNT + l] ?? 0;
    return scores;
  });
  return { emissions, segments: sentence.segments, segmentScores: sentence.segmentFeatures.map((ids) => segmentScore(ids, weights)) };
}

function segmentScore(ids: Int32Array, weights: SemiWeights): Float64Array {
  const scores = new Float64Array(TYPE_COUNT);
  for (const id of ids) for (let t = 0; t < TYPE_COUNT; t++) scores[t]! += weights.segment[id * TYPE_COUNT + t] ?? 0;
  return scores;
}

export function decode(sentence: SemiSentence, weights: SemiWeights): DecodedSpan[] {
  return semiViterbi(latticeOf(sentence, weights), transitionOf(weights));
}

export interface SemiTrainingOptions {
  epochs: number;
  seed: number;
  tokenFeatureCount: number;
  segmentFeatureCount: number;
  /** Called after each epoch with the averaged weights so far. */
  afterEpoch?: (epoch: number, averaged: SemiWeights) => void;
}

/** Current weights `w` and step-scaled updates `u`: the average is `w - u / step` (the lazy-average trick). */
class Averaged {
  readonly w: SemiWeights;
  readonly u: SemiWeights;
  step = 1;

  constructor(tokenFeatures: number, segmentFeatures: number) {
    const make = (): SemiWeights => ({ token: new Float64Array(tokenFeatures * LABEL_COUNT), transitions: new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT), segment: new Float64Array(segmentFeatures * TYPE_COUNT) });
    [this.w, this.u] = [make(), make()];
  }

  add(part: keyof SemiWeights, index: number, delta: number): void {
    this.w[part][index]! += delta;
    this.u[part][index]! += this.step * delta;
  }

  averaged(): SemiWeights {
    const average = (part: keyof SemiWeights) => this.w[part].map((value, k) => value - this.u[part][k]! / this.step);
    return { token: average('token'), transitions: average('transitions'), segment: average('segment') };
  }
}

const spanKey = (s: TokenSpan) => `${s.first}:${s.last}:${s.type}`;

/** The perceptron update towards the gold names from the predicted ones: token labels where they differ, segment features of names not in both. */
function update(model: Averaged, sentence: SemiSentence, predicted: readonly DecodedSpan[]): void {
  const n = sentence.tokenFeatures.length;
  const gold = spansToLabels(n, sentence.gold);
  const guess = spansToLabels(n, predicted);
  for (let i = 0; i < n; i++) {
    const [goldPrevious, guessPrevious] = i === 0 ? [START, START] : [gold[i - 1]!, guess[i - 1]!];
    if (gold[i] !== guess[i]) {
      for (const id of sentence.tokenFeatures[i]!) {
        model.add('token', id * LABEL_COUNT + gold[i]!, 1);
        model.add('token', id * LABEL_COUNT + guess[i]!, -1);
      }
    }
    if (gold[i] !== guess[i] || goldPrevious !== guessPrevious) {
      model.add('transitions', goldPrevious * LABEL_COUNT + gold[i]!, 1);
      model.add('transitions', guessPrevious * LABEL_COUNT + guess[i]!, -1);
    }
  }
  const goldKeys = new Set(sentence.gold.map(spanKey));
  const guessKeys = new Set(predicted.map(spanKey));
  for (const span of sentence.gold) {
    if (!guessKeys.has(spanKey(span))) for (const id of span.features) model.add('segment', id * TYPE_COUNT + ENTITY_TYPES.indexOf(span.type), 1);
  }
  for (const span of predicted) {
    if (!goldKeys.has(spanKey(span))) for (const id of sentence.segmentFeatures[span.segment]!) model.add('segment', id * TYPE_COUNT + ENTITY_TYPES.indexOf(span.type), -1);
  }
}

export function trainSemiMarkov(sentences: readonly SemiSentence[], options: SemiTrainingOptions): SemiWeights {
  const model = new Averaged(options.tokenFeatureCount, options.segmentFeatureCount);
  const random = mulberry32(options.seed);
  const order = [...sentences];
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const sentence of order) {
      update(model, sentence, decode(sentence, model.w));
      model.step++;
    }
    options.afterEpoch?.(epoch, model.averaged());
  }
  return model.averaged();
}

/** Mean of several shuffles' weights. */
export function meanWeights(runs: readonly SemiWeights[]): SemiWeights {
  const mean = (part: keyof SemiWeights) => runs[0]![part].map((_, k) => runs.reduce((sum, run) => sum + run[part][k]!, 0) / runs.length);
  return { token: mean('token'), transitions: mean('transitions'), segment: mean('segment') };
}

export interface SegmentTaggerSettings {
  epochs: number;
  seeds: number;
  maxLength: number;
  seed: number;
}

/** One record as the trainer sees it: token features, every candidate segment's features, and the gold names on token boundaries. */
export function semiSentence(words: readonly string[], marks: readonly string[][], tokenFeatures: readonly string[][], gold: readonly TokenSpan[], maxLength: number, tokenIds: FeatureIds, segmentIds: FeatureIds, domain?: string): SemiSentence {
  const segments = candidateSegments(words, maxLength);
  const of = (features: readonly string[]) => withDomain(features, domain);
  return {
    tokenFeatures: tokenFeatures.map((features) => tokenIds.encode(of(features))),
    segments,
    segmentFeatures: segments.map(({ first, last }) => segmentIds.encode(of(segmentFeatures(words, marks, first, last)))),
    gold: gold.map((span) => ({ ...span, features: segmentIds.encode(of(segmentFeatures(words, marks, span.first, span.last))) })),
  };
}

const DOMAIN_MARK = '\u0001';
/** The features and, for a sentence of a named domain, their copies for that domain alone (feature augmentation). */
export function withDomain(features: readonly string[], domain: string | undefined): readonly string[] {
  return domain === undefined ? features : [...features, ...features.map((f) => `${DOMAIN_MARK}${domain}|${f}`)];
}

/** The rows of shared features with the `target` domain's copies added in; other domains' copies dropped. Without a target (no domains), the rows as they are. */
export function collapseDomains(rows: Map<string, Float64Array>, target: string | undefined): Map<string, Float64Array> {
  if (target === undefined) return rows;
  const out = new Map<string, Float64Array>();
  for (const [name, row] of rows) if (!name.startsWith(DOMAIN_MARK)) out.set(name, Float64Array.from(row));
  const prefix = `${DOMAIN_MARK}${target}|`;
  for (const [name, row] of rows) {
    if (!name.startsWith(prefix)) continue;
    const shared = name.slice(prefix.length);
    const sum = out.get(shared) ?? new Float64Array(row.length);
    row.forEach((value, k) => (sum[k]! += value));
    out.set(shared, sum);
  }
  return out;
}

/** Rows by feature name from the flat id-indexed weights. */
function rowsByName(ids: FeatureIds, values: Float64Array, width: number): Map<string, Float64Array> {
  const rows = new Map<string, Float64Array>();
  for (const [name, id] of ids.ids) {
    const row = values.slice(id * width, (id + 1) * width);
    if (row.some((v) => v !== 0)) rows.set(name, row);
  }
  return rows;
}

/**
 * The semi-Markov tagger trained on the sentences (each: its words, gazetteer marks, token features
 * and gold names), its weights averaged over `seeds` shuffles: the token rows and transitions as a
 * BIO pass holds them, and the segment rows.
 */
export function trainSegmentTagger(sentences: ReadonlyArray<{ words: readonly string[]; marks: readonly string[][]; tokenFeatures: readonly string[][]; gold: readonly TokenSpan[]; domain?: string }>, settings: SegmentTaggerSettings & { target?: string }): { first: Trained; segments: Map<string, Float64Array> } {
  const [tokenIds, segmentIds] = [new FeatureIds(), new FeatureIds()];
  const prepared = sentences.map((s) => semiSentence(s.words, s.marks, s.tokenFeatures, s.gold, settings.maxLength, tokenIds, segmentIds, s.domain));
  const runs = Array.from({ length: settings.seeds }, (_, k) =>
    trainSemiMarkov(prepared, { epochs: settings.epochs, seed: settings.seed + k, tokenFeatureCount: tokenIds.ids.size, segmentFeatureCount: segmentIds.ids.size }),
  );
  const weights = meanWeights(runs);
  return { first: { rows: collapseDomains(rowsByName(tokenIds, weights.token, LABEL_COUNT), settings.target), transitions: weights.transitions }, segments: collapseDomains(rowsByName(segmentIds, weights.segment, TYPE_COUNT), settings.target) };
}
