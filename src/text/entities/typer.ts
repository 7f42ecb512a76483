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

/** The features of tokens `first..last` (inclusive) as one name; `marks` are the gazetteer marks per token. */
export function spanFeatures(words: readonly string[], marks: readonly string[][], first: number, last: number): string[] {
  const inside = words.slice(first, last + 1);
  const lower = inside.map((w) => w.toLowerCase());
  const head = lower[0]!;
  const tail = lower[lower.length - 1]!;
  const features = [
    'bias',
    `span=${lower.join(' ')}`,
    `first=${head}`,
    `last=${tail}`,
    `len=${Math.min(inside.length, 5)}`,
    `shapes=${inside.slice(0, 4).map(wordShape).join(' ')}`,
    `first-s3=${head.slice(-3)}`,
    `last-s3=${tail.slice(-3)}`,
    `last-s4=${tail.slice(-4)}`,
    `first-p3=${head.slice(0, 3)}`,
    `before=${at(words, first - 1)}`,
    `before2=${at(words, first - 2)}|${at(words, first - 1)}`,
    `after=${at(words, last + 1)}`,
    `after2=${at(words, last + 1)}|${at(words, last + 2)}`,
    `before|first=${at(words, first - 1)}|${head}`,
    `before|len=${at(words, first - 1)}|${Math.min(inside.length, 3)}`,
  ];
  for (const word of new Set(lower)) features.push(`word=${word}`);
  for (let k = Math.max(0, first - CONTEXT_BEFORE); k < first; k++) features.push(`context=${at(words, k)}`);
  if (inside.length === 1 && /^\p{Lu}{2,}$/u.test(inside[0]!)) features.push('acronym');
  if (first === 0) features.push('sentence-start');
  for (const mark of new Set(marks.slice(first, last + 1).flat())) features.push(`gz=${mark}`);
  for (const mark of marks[first] ?? []) features.push(`gz-first=${mark}`);
  for (const mark of marks[last] ?? []) features.push(`gz-last=${mark}`);
  for (const mark of marks[first - 1] ?? []) features.push(`gz-before=${mark}`);
  for (const mark of marks[last + 1] ?? []) features.push(`gz-after=${mark}`);
  return features;
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
  return spans.map((span) => {
    const scores = typeScores(spanFeatures(words, marks, span.first, span.last), typer.rows);
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
