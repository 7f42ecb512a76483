/**
 * Semi-Markov decoding: a sentence is cut into tokens outside names and typed name segments of one
 * to `maxLength` tokens. A segment scores its words' emissions under the BIO labels (`B-X` on its
 * first word, `I-X` on the rest, and the transitions inside it, as the BIO tagger scores a name),
 * plus the weights of features of the whole segment for its type (the span typer's `spanFeatures`
 * and the shapes at its edges), plus the transition from the label before it. The BIO tagger weighs
 * a name a word at a time; a segment is weighed whole, so where a name ends and what it is are
 * decided with all of it in view. Trained by `tools/ner/semi-markov.ts`.
 */
import { ENTITY_TYPES, LABELS, spanTypeScore, type TokenSpan } from './perceptron.ts';
import { spanEndFeatures, spanStartFeatures, spanView, spanWholeFeatures, type SpanView } from './typer.ts';

const LABEL_COUNT = LABELS.length;
const TYPE_COUNT = ENTITY_TYPES.length;
/** Row of the sentence start in the transition table (as in `perceptron.ts`). */
const START = LABEL_COUNT;
const OUTSIDE = LABELS.indexOf('O');
const BEGIN = ENTITY_TYPES.map((type) => LABELS.indexOf(`B-${type}`));
const INSIDE = ENTITY_TYPES.map((type) => LABELS.indexOf(`I-${type}`));
/** The labels that open what follows a position: outside, then each type's `B-`. */
const OPENING = [OUTSIDE, ...BEGIN];

/** Tokens `first..last` (inclusive) that may be one name. */
export interface Segment {
  first: number;
  last: number;
}

/** A decoded name with the index of the candidate segment it is. */
export interface DecodedSpan extends TokenSpan {
  segment: number;
}

const ANY_WORD = { has: () => true };

/** Segments of at most `maxLength` tokens that open on a capitalised word or on a word `opensName` holds (by default any word). */
export function candidateSegments(words: readonly string[], maxLength: number, opensName: { has(word: string): boolean } = ANY_WORD): Segment[] {
  const segments: Segment[] = [];
  words.forEach((word, first) => {
    if (!/^\p{Lu}/u.test(word) && !opensName.has(word)) return;
    for (let last = first; last < Math.min(words.length, first + maxLength); last++) segments.push({ first, last });
  });
  return segments;
}

const shapeAt = (view: SpanView, i: number) => (i < 0 ? '<s>' : i >= view.shapes.length ? '</s>' : view.shapes[i]!);

/** A segment's features that depend on its first token only. */
function segmentStartFeatures(view: SpanView, first: number): string[] {
  return [...spanStartFeatures(view, first), `edge=${shapeAt(view, first - 1)}|${shapeAt(view, first)}`];
}

/** A segment's features that depend on its last token only. */
function segmentEndFeatures(view: SpanView, last: number): string[] {
  return [...spanEndFeatures(view, last), `edge-after=${shapeAt(view, last)}|${shapeAt(view, last + 1)}`];
}

const startsLowerCase = (word: string) => /^\p{Ll}/u.test(word);

/** A segment's features that depend on all of it. */
function segmentWholeFeatures(view: SpanView, first: number, last: number): string[] {
  let lowerInside = 0;
  for (let i = first + 1; i <= last && lowerInside < 2; i++) if (startsLowerCase(view.words[i]!)) lowerInside++;
  return [...spanWholeFeatures(view, first, last), `lower-inside=${lowerInside}`, `len|after-sh=${Math.min(last - first + 1, 4)}|${shapeAt(view, last + 1)}`];
}

/** The features of tokens `first..last` as one segment: the span typer's, and what tells its edges. */
export function segmentFeatures(words: readonly string[], marks: readonly string[][], first: number, last: number, view: SpanView = spanView(words, marks)): string[] {
  return [...segmentWholeFeatures(view, first, last), ...segmentStartFeatures(view, first), ...segmentEndFeatures(view, last)];
}

/** What decoding a sentence needs: per token the labels' emission scores, the candidate segments and per segment each type's score from its own features. */
export interface Lattice {
  emissions: readonly Float64Array[];
  segments: readonly Segment[];
  segmentScores: readonly Float64Array[];
}

export type Transition = (previous: number, label: number) => number;

/** The segment weights of a model: feature → score per type (in `ENTITY_TYPES` order). */
export interface SegmentScorer {
  maxLength: number;
  rows: ReadonlyMap<string, ArrayLike<number>>;
}

/** The sum of the rows of the features, per type. */
function scoreOf(features: readonly string[], rows: SegmentScorer['rows']): Float64Array {
  const scores = new Float64Array(TYPE_COUNT);
  for (const feature of features) {
    const row = rows.get(feature);
    if (row) for (let t = 0; t < TYPE_COUNT; t++) scores[t]! += row[t]!;
  }
  return scores;
}

/**
 * The lattice of a sentence whose emissions are known: its candidate segments, each scored by its
 * features. What depends on a segment's first or last token only is scored once per token.
 */
export function segmentLattice(words: readonly string[], marks: readonly string[][], emissions: readonly Float64Array[], scorer: SegmentScorer): Lattice {
  const segments = candidateSegments(words, scorer.maxLength);
  const view = spanView(words, marks);
  const starts = words.map((_, i) => scoreOf(segmentStartFeatures(view, i), scorer.rows));
  const ends = words.map((_, i) => scoreOf(segmentEndFeatures(view, i), scorer.rows));
  const segmentScores = segments.map(({ first, last }) => {
    const scores = scoreOf(segmentWholeFeatures(view, first, last), scorer.rows);
    for (let t = 0; t < TYPE_COUNT; t++) scores[t]! += starts[first]![t]! + ends[last]![t]!;
    return scores;
  });
  return { emissions, segments, segmentScores };
}

const START_ONLY = [START];
const EVERY_LABEL = LABELS.map((_, s) => s);

/**
 * Per segment and type, the BIO tagger's score for the segment as one name of the type (`spanTypeScore`):
 * a segment one token longer than the one before it with the same first token extends its score.
 */
function bioScores(emissions: readonly Float64Array[], segments: readonly Segment[], transition: Transition): Float64Array[] {
  const scores: Float64Array[] = [];
  segments.forEach(({ first, last }, index) => {
    const previous = segments[index - 1];
    const row = new Float64Array(TYPE_COUNT);
    for (let t = 0; t < TYPE_COUNT; t++) {
      const inside = INSIDE[t]!;
      if (previous && previous.first === first && previous.last === last - 1) row[t] = scores[index - 1]![t]! + emissions[last]![inside]! + transition(last === first + 1 ? BEGIN[t]! : inside, inside);
      else row[t] = spanTypeScore(emissions, { emission: () => undefined, transition }, first, last, ENTITY_TYPES[t]!);
    }
    scores.push(row);
  });
  return scores;
}

/**
 * The best segmentation: the names, each one of the candidate segments. States are (tokens
 * consumed, label of the last token), so the transitions are those of the BIO tagger.
 */
export function semiViterbi(lattice: Lattice, transition: Transition): DecodedSpan[] {
  const { emissions, segments, segmentScores } = lattice;
  const n = emissions.length;
  const bio = bioScores(emissions, segments, transition);
  if (n === 0) return [];
  const endingAt: number[][] = Array.from({ length: n }, () => []);
  segments.forEach((segment, index) => endingAt[segment.last]!.push(index));
  const best = Array.from({ length: n + 1 }, () => new Float64Array(LABEL_COUNT + 1).fill(-Infinity));
  /** Per position and state: the previous position, its state, and the segment taken (-1 for a token outside names). */
  const back = Array.from({ length: n + 1 }, () => ({ from: new Int32Array(LABEL_COUNT + 1), state: new Int8Array(LABEL_COUNT + 1), segment: new Int32Array(LABEL_COUNT + 1).fill(-1), type: new Int8Array(LABEL_COUNT + 1) }));
  best[0]![START] = 0;
  /** Per position and opening label (`OPENING`): the best score before it with its transition, and the state it came from. */
  const entryValue = new Float64Array(n * OPENING.length);
  const entryState = new Int8Array(n * OPENING.length);
  for (let position = 0; position < n; position++) {
    const states = position === 0 ? START_ONLY : EVERY_LABEL;
    OPENING.forEach((label, k) => {
      let value = -Infinity;
      let from = START;
      for (const s of states) {
        const v = best[position]![s]! + transition(s, label);
        if (v > value) (value = v), (from = s);
      }
      entryValue[position * OPENING.length + k] = value;
      entryState[position * OPENING.length + k] = from;
    });
    const here = best[position + 1]!;
    const pointers = back[position + 1]!;
    here[OUTSIDE] = entryValue[position * OPENING.length]! + emissions[position]![OUTSIDE]!;
    pointers.from[OUTSIDE] = position;
    pointers.state[OUTSIDE] = entryState[position * OPENING.length]!;
    for (const index of endingAt[position]!) {
      const { first, last } = segments[index]!;
      for (let t = 0; t < TYPE_COUNT; t++) {
        const value = entryValue[first * OPENING.length + t + 1]! + bio[index]![t]! + segmentScores[index]![t]!;
        const label = first === last ? BEGIN[t]! : INSIDE[t]!;
        if (value > here[label]!) {
          here[label] = value;
          pointers.from[label] = first;
          pointers.state[label] = entryState[first * OPENING.length + t + 1]!;
          pointers.segment[label] = index;
          pointers.type[label] = t;
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
