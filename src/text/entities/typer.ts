/**
 * The type of a name whose boundary the tagger found, decided again from the whole span: its
 * words, first and last word, their shapes and endings, the words before and after it and the
 * gazetteer lists in and around it. The sequence tagger weighs a name one word at a time; the
 * typer sees it whole (`bergabung dengan Aston Villa`, `lahir di Bandung`). A multiclass averaged
 * perceptron trained on the gold spans; its scores are added to the tagger's own score for each
 * type of the span, weighted as the model file says.
 */
import { mulberry32 } from '../../util/random.ts';
import { AveragedRows, ENTITY_TYPES, pairsFromRows, rowsFromPairs, shuffled, spanTypeScore, type EntityType, type TokenSpan, type TyperModel, type Weights } from './perceptron.ts';
import { wordShape } from './features.ts';

const TYPE_COUNT = ENTITY_TYPES.length;
/** Words before a span read as its context (`pindah ke klub …`, `personel band …`). */
const CONTEXT_BEFORE = 4;

const at = (words: readonly string[], i: number) => (i < 0 ? '<s>' : i >= words.length ? '</s>' : words[i]!.toLowerCase());

/** A sentence as the span features read it: its words lower-cased and their shapes computed once, however many spans are weighed. */
export interface SpanView {
  words: readonly string[];
  marks: readonly string[][];
  lower: readonly string[];
  shapes: readonly string[];
}

export function spanView(words: readonly string[], marks: readonly string[][]): SpanView {
  return { words, marks, lower: words.map((w) => w.toLowerCase()), shapes: words.map(wordShape) };
}

const lowerAt = (view: SpanView, i: number) => (i < 0 ? '<s>' : i >= view.lower.length ? '</s>' : view.lower[i]!);

/** The features of a name that depend on its first token only (the words before it, its first word). */
export function spanStartFeatures(view: SpanView, first: number): string[] {
  const head = lowerAt(view, first);
  const before = lowerAt(view, first - 1);
  const features = [`first=${head}`, `first-s3=${head.slice(-3)}`, `first-p3=${head.slice(0, 3)}`, `before=${before}`, `before2=${lowerAt(view, first - 2)}|${before}`, `before|first=${before}|${head}`];
  for (let k = Math.max(0, first - CONTEXT_BEFORE); k < first; k++) features.push(`context=${lowerAt(view, k)}`);
  if (first === 0) features.push('sentence-start');
  for (const mark of view.marks[first] ?? []) features.push(`gz-first=${mark}`);
  for (const mark of view.marks[first - 1] ?? []) features.push(`gz-before=${mark}`);
  return features;
}

/** The features of a name that depend on its last token only (its last word, the words after it). */
export function spanEndFeatures(view: SpanView, last: number): string[] {
  const tail = lowerAt(view, last);
  const after = lowerAt(view, last + 1);
  const features = [`last=${tail}`, `last-s3=${tail.slice(-3)}`, `last-s4=${tail.slice(-4)}`, `after=${after}`, `after2=${after}|${lowerAt(view, last + 2)}`];
  for (const mark of view.marks[last] ?? []) features.push(`gz-last=${mark}`);
  for (const mark of view.marks[last + 1] ?? []) features.push(`gz-after=${mark}`);
  return features;
}

/** The features of a name that depend on all of it: its words, length and shapes, the gazetteer lists in it. */
export function spanWholeFeatures(view: SpanView, first: number, last: number): string[] {
  const length = last - first + 1;
  const lower = view.lower.slice(first, last + 1);
  const features = ['bias', `span=${lower.join(' ')}`, `len=${Math.min(length, 5)}`, `shapes=${view.shapes.slice(first, Math.min(last + 1, first + 4)).join(' ')}`, `before|len=${lowerAt(view, first - 1)}|${Math.min(length, 3)}`];
  for (const word of new Set(lower)) features.push(`word=${word}`);
  if (length === 1 && /^\p{Lu}{2,}$/u.test(view.words[first]!)) features.push('acronym');
  const marks = new Set<string>();
  for (let i = first; i <= last; i++) for (const mark of view.marks[i]!) marks.add(mark);
  for (const mark of marks) features.push(`gz=${mark}`);
  return features;
}

/** The features of tokens `first..last` (inclusive) as one name; `marks` are the gazetteer marks per token. */
export function spanFeatures(words: readonly string[], marks: readonly string[][], first: number, last: number, view: SpanView = spanView(words, marks)): string[] {
  return [...spanWholeFeatures(view, first, last), ...spanStartFeatures(view, first), ...spanEndFeatures(view, last)];
}

/** Feature → weight per type (in `ENTITY_TYPES` order). */
export type TyperRows = ReadonlyMap<string, ArrayLike<number>>;

export interface SpanTyper {
  rows: TyperRows;
  taggerWeight: number;
}

function typeScores(features: readonly string[], rows: TyperRows): Float64Array {
  const scores = new Float64Array(TYPE_COUNT);
  for (const feature of features) {
    const row = rows.get(feature);
    if (row) for (let t = 0; t < TYPE_COUNT; t++) scores[t]! += row[t]!;
  }
  return scores;
}

const best = (scores: ArrayLike<number>) => {
  let index = 0;
  for (let t = 1; t < TYPE_COUNT; t++) if (scores[t]! > scores[index]!) index = t;
  return index;
};

/** The spans with the type the typer and the tagger's emissions (`tagger` weighted by `taggerWeight`) agree best on. */
export function retypeSpans(words: readonly string[], marks: readonly string[][], spans: readonly TokenSpan[], emissions: readonly Float64Array[], tagger: Weights, typer: SpanTyper): TokenSpan[] {
  const view = spanView(words, marks);
  return spans.map((span) => {
    const scores = typeScores(spanFeatures(words, marks, span.first, span.last, view), typer.rows);
    ENTITY_TYPES.forEach((type, t) => (scores[t]! += typer.taggerWeight * spanTypeScore(emissions, tagger, span.first, span.last, type)));
    return { ...span, type: ENTITY_TYPES[best(scores)]! };
  });
}

export function typerOf(model: TyperModel): SpanTyper {
  return { rows: rowsFromPairs(model.weights, TYPE_COUNT), taggerWeight: model.taggerWeight };
}

export interface TypedExample {
  features: string[];
  type: EntityType;
}

/** Averaged multiclass perceptron over the examples, in a seeded shuffle each epoch. */
export function trainTyper(examples: readonly TypedExample[], epochs: number, seed: number): Map<string, Float64Array> {
  const rows = new AveragedRows(TYPE_COUNT);
  const random = mulberry32(seed);
  let order: readonly TypedExample[] = examples;
  for (let epoch = 0; epoch < epochs; epoch++) {
    order = shuffled(order, random);
    for (const example of order) {
      const guess = best(typeScores(example.features, rows.current));
      const gold = ENTITY_TYPES.indexOf(example.type);
      if (guess !== gold) {
        for (const feature of example.features) {
          rows.update(feature, gold, 1);
          rows.update(feature, guess, -1);
        }
      }
      rows.step++;
    }
  }
  return rows.averaged();
}

/** The typer for the model file: weights rounded to `digits` decimals, those smaller than `minimum` dropped. */
export function toTyperModel(rows: ReadonlyMap<string, Float64Array>, taggerWeight: number, minimum: number, digits: number): TyperModel {
  return { taggerWeight, weights: pairsFromRows(rows, minimum, digits) };
}
