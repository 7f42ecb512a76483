/**
 * An experiment, not shipped (docs/names.md, fourth round): a semi-Markov tagger. A sentence is
 * cut into tokens outside names and typed name segments of one to `maxLength` tokens. A segment's score is its words' emission scores under the BIO labels
 * (`B-X` on its first word, `I-X` on the rest, and the transitions inside it, as the BIO tagger
 * scores a name), plus the weights of features of the whole segment for its type (`spanFeatures`
 * and the shapes at its edges), plus the transition from the label before it. Decoding is
 * semi-Markov Viterbi over the candidate segments (`candidateSegments`); training is the averaged
 * structured perceptron on both kinds of features.
 * Features are interned to integer ids here: training runs over many candidate segments per sentence.
 */
import { wordShape } from '../../src/text/entities/features.ts';
import { ENTITY_TYPES, LABELS, spansToLabels, spanTypeScore, type TokenSpan } from '../../src/text/entities/perceptron.ts';
import { spanFeatures } from '../../src/text/entities/typer.ts';
import { mulberry32 } from '../../src/util/random.ts';

const LABEL_COUNT = LABELS.length;
const TYPE_COUNT = ENTITY_TYPES.length;
/** Row of the sentence start in the transition table (as in `perceptron.ts`). */
const START = LABEL_COUNT;
const OUTSIDE = LABELS.indexOf('O');
const beginLabel = (type: number) => LABELS.indexOf(`B-${ENTITY_TYPES[type]!}`);
const insideLabel = (type: number) => LABELS.indexOf(`I-${ENTITY_TYPES[type]!}`);

/** Tokens `first..last` (inclusive) that may be one name. */
export interface Segment {
  first: number;
  last: number;
}

/** A decoded name with the index of the candidate segment it is. */
export interface DecodedSpan extends TokenSpan {
  segment: number;
}

/** Segments of at most `maxLength` tokens that open on a capitalised word or on a word `opensName` holds (lower-case heads: `desa`, `kecamatan`). */
export function candidateSegments(words: readonly string[], maxLength: number, opensName: { has(word: string): boolean }): Segment[] {
  const segments: Segment[] = [];
  words.forEach((word, first) => {
    if (!/^\p{Lu}/u.test(word) && !opensName.has(word)) return;
    for (let last = first; last < Math.min(words.length, first + maxLength); last++) segments.push({ first, last });
  });
  return segments;
}

/** The features of tokens `first..last` as one segment: the span typer's, and what tells its edges. */
export function segmentFeatures(words: readonly string[], marks: readonly string[][], first: number, last: number): string[] {
  const shape = (i: number) => (i < 0 ? '<s>' : i >= words.length ? '</s>' : wordShape(words[i]!));
  const lowerInside = words.slice(first + 1, last + 1).filter((w) => /^\p{Ll}/u.test(w)).length;
  return [
    ...spanFeatures(words, marks, first, last),
    `edge=${shape(first - 1)}|${shape(first)}`,
    `edge-after=${shape(last)}|${shape(last + 1)}`,
    `lower-inside=${Math.min(lowerInside, 2)}`,
    `len|after-sh=${Math.min(last - first + 1, 4)}|${shape(last + 1)}`,
  ];
}

/** What decoding a sentence needs: per token the labels' emission scores, the candidate segments and per segment each type's score from its own features. */
export interface Lattice {
  emissions: readonly Float64Array[];
  segments: readonly Segment[];
  segmentScores: readonly Float64Array[];
}

export type Transition = (previous: number, label: number) => number;

/**
 * The best segmentation: the names, each one of the candidate segments. States are (tokens
 * consumed, label of the last token), so the transitions are those of the BIO tagger.
 */
export function semiViterbi(lattice: Lattice, transition: Transition): DecodedSpan[] {
  const { emissions, segments, segmentScores } = lattice;
  const weightsOf = { emission: () => undefined, transition };
  const n = emissions.length;
  if (n === 0) return [];
  const endingAt: number[][] = Array.from({ length: n }, () => []);
  segments.forEach((segment, index) => endingAt[segment.last]!.push(index));
  const best = Array.from({ length: n + 1 }, () => new Float64Array(LABEL_COUNT + 1).fill(-Infinity));
  /** Per position and state: the previous position, its state, and the segment taken (-1 for a token outside names). */
  const back = Array.from({ length: n + 1 }, () => ({ from: new Int32Array(LABEL_COUNT + 1), state: new Int8Array(LABEL_COUNT + 1), segment: new Int32Array(LABEL_COUNT + 1).fill(-1), type: new Int8Array(LABEL_COUNT + 1) }));
  best[0]![START] = 0;
  /** Per position, for each label that can open what follows: the best previous score with its transition, and the state it came from. */
  const entry = (position: number, label: number): [number, number] => {
    let value = -Infinity;
    let state = START;
    const states = position === 0 ? [START] : LABELS.map((_, s) => s);
    for (const s of states) {
      const v = best[position]![s]! + transition(s, label);
      if (v > value) [value, state] = [v, s];
    }
    return [value, state];
  };
  const entries: Array<Array<[number, number]>> = [];
  for (let position = 0; position < n; position++) {
    entries.push([OUTSIDE, ...ENTITY_TYPES.map((_, t) => beginLabel(t))].map((label) => entry(position, label)));
    const token = position;
    const [outsideValue, outsideState] = entries[position]![0]!;
    const here = best[position + 1]!;
    const pointers = back[position + 1]!;
    here[OUTSIDE] = outsideValue + emissions[token]![OUTSIDE]!;
    [pointers.from[OUTSIDE], pointers.state[OUTSIDE]] = [position, outsideState];
    for (const index of endingAt[token]!) {
      const { first, last } = segments[index]!;
      for (let t = 0; t < TYPE_COUNT; t++) {
        const [before, state] = entries[first]![t + 1]!;
        const value = before + spanTypeScore(emissions, weightsOf, first, last, ENTITY_TYPES[t]!) + segmentScores[index]![t]!;
        const label = first === last ? beginLabel(t) : insideLabel(t);
        if (value > here[label]!) {
          here[label] = value;
          [pointers.from[label], pointers.state[label], pointers.segment[label], pointers.type[label]] = [first, state, index, t];
        }
      }
    }
  }
  let state = 0;
  for (let s = 1; s < LABEL_COUNT; s++) if (best[n]![s]! > best[n]![state]!) state = s;
  const spans: DecodedSpan[] = [];
  for (let position = n; position > 0; ) {
    const pointers = back[position]!;
    const segment = pointers.segment[state]!;
    if (segment >= 0) spans.unshift({ ...segments[segment]!, type: ENTITY_TYPES[pointers.type[state]!]!, segment });
    [position, state] = [pointers.from[state]!, pointers.state[state]!];
  }
  return spans;
}

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
