/**
 * Typed names (PERSON, ORGANISATION, PLACE) in Indonesian text with exact character spans, by the
 * sequence tagger in `perceptron.ts` (decoded name by name by `segments.ts` where the model has
 * segment weights), its spans typed again by the span typer in `typer.ts`, and
 * the model `model.json` (both, trained by `tools/ner/train.ts`).
 * The model is read on first use only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WartaError } from '../../errors.ts';
import { sha256 } from '../../util/hash.ts';
import { sentenceFeatures } from './features.ts';
import { gazetteerMarks } from './gazetteer-index.ts';
import { emissionScores, ENTITY_TYPES, LABELS, labelsToTokenSpans, modelWeights, rowsFromPairs, spansToLabels, viterbiOver, type EntityType, type TaggerModel, type TokenSpan, type Weights } from './perceptron.ts';
import { segmentLattice, semiViterbi, type SegmentScorer } from './segments.ts';
import { secondPassFeatures } from './stacked.ts';
import { refineSpans, type RuleName } from './rules.ts';
import { tokenize, type Token } from './tokens.ts';
import { retypeSpans, typerOf, type SpanTyper } from './typer.ts';
import { activeWordClasses, WORD_CLASSES_FILE } from './word-classes.ts';

export { ENTITY_TYPES, type EntityType } from './perceptron.ts';

export interface EntitySpan {
  start: number;
  end: number;
  type: EntityType;
}

export const MODEL_FILE = fileURLToPath(new URL('./model.json', import.meta.url));
const RETRAIN_HINT = 'restore the committed one with `git checkout -- src/text/entities/model.json`, or retrain it as docs/names.md says (`npm run train:names -- --idner-news DIR --nerp DIR`)';

let modelText: string | undefined;
/** What tagging needs: the weights and the common lower-case words the features refer to. */
export interface Tagger {
  weights: Weights;
  /** Segment weights: decode by the semi-Markov Viterbi (`segments.ts`) instead of the BIO one. */
  segments?: SegmentScorer;
  /** The second pass, which also reads the first pass's labels; without it the first pass's labels stand. */
  stacked?: Weights;
  /** Decides each span's type again from the whole span; without it the tagger's types stand. */
  typer?: SpanTyper;
  common: ReadonlySet<string>;
}

let tagger: Tagger | undefined;

function readModelText(): string {
  try {
    return (modelText ??= readFileSync(MODEL_FILE, 'utf8'));
  } catch (cause) {
    throw new WartaError('MODEL_MISSING', `The entity tagger's model ${MODEL_FILE} cannot be read.`, { cause, file: MODEL_FILE, hint: RETRAIN_HINT });
  }
}

function readModel(): Tagger {
  const text = readModelText();
  try {
    const model = JSON.parse(text) as TaggerModel;
    if (model.format !== 3 || model.labels.join() !== LABELS.join() || !Array.isArray(model.common)) throw new Error(`format ${String(model.format)}, labels ${String(model.labels)}`);
    return taggerOf(model);
  } catch (cause) {
    // The word classes' own errors name their file and what to do.
    if (cause instanceof WartaError) throw cause;
    throw new WartaError('MODEL_CORRUPT', `The entity tagger's model ${MODEL_FILE} is not a model this code reads.`, { cause, file: MODEL_FILE, hint: RETRAIN_HINT });
  }
}

/** What tagging needs from a model as the file holds it; a model trained with word classes needs the same ones. */
export function taggerOf(model: TaggerModel): Tagger {
  const classes = activeWordClasses();
  if (model.wordClasses !== undefined && model.wordClasses !== classes?.hash) {
    throw new WartaError('MODEL_CORRUPT', `The entity tagger's model was trained with other word classes than ${WORD_CLASSES_FILE} holds.`, { file: MODEL_FILE, hint: RETRAIN_HINT });
  }
  return {
    weights: modelWeights(model),
    ...(model.segments ? { segments: { maxLength: model.segments.maxLength, rows: rowsFromPairs(model.segments.weights, ENTITY_TYPES.length) } } : {}),
    ...(model.stacked ? { stacked: modelWeights(model.stacked) } : {}),
    ...(model.typer ? { typer: typerOf(model.typer) } : {}),
    common: new Set(model.common),
  };
}

let modelHash: string | undefined;

/** Bumped when the tagging code or the rules change which names are found for the same model. */
const RECOGNITION_CODE_VERSION = '5';

/**
 * What decides the names found: this code's version and the sha256 of the model file (read, not
 * parsed, on first call). Part of the cache key of every stage whose output depends on the names.
 */
export function recognitionVersion(): string {
  modelHash ??= sha256(readModelText());
  return `${RECOGNITION_CODE_VERSION}+${modelHash.slice(0, 16)}`;
}

/** Label indices of the words: the first pass, then the second pass over its labels where the tagger has one. */
export function tagWords(words: readonly string[], model: Tagger): number[] {
  return spansToLabels(words.length, tagSentence(words, model).spans);
}

/** The names, and the emission scores and weights of the pass that gave them (what the typer weighs). */
function tagSentence(words: readonly string[], model: Tagger, marks: readonly string[][] = gazetteerMarks(words)): { spans: TokenSpan[]; emissions: Float64Array[]; weights: Weights } {
  const base = sentenceFeatures(words, model.common, marks);
  const emissions = emissionScores(base, model.weights);
  if (model.segments) {
    const spans = semiViterbi(segmentLattice(words, marks, emissions, model.segments), model.weights.transition).map(({ first, last, type }) => ({ first, last, type }));
    return { spans, emissions, weights: model.weights };
  }
  const first = viterbiOver(emissions, model.weights);
  if (!model.stacked) return { spans: labelsToTokenSpans(first), emissions, weights: model.weights };
  const stackedEmissions = emissionScores(secondPassFeatures(base, words, first), model.stacked);
  return { spans: labelsToTokenSpans(viterbiOver(stackedEmissions, model.stacked)), emissions: stackedEmissions, weights: model.stacked };
}

/** The tagger's spans of the tokens, typed again by the typer where the tagger has one; `marks` are the words' `gazetteerMarks`. */
function taggedSpans(tokens: readonly Token[], marks: readonly string[][], model: Tagger, typer: boolean): EntitySpan[] {
  const words = tokens.map((t) => t.text);
  const { spans: found, emissions, weights } = tagSentence(words, model, marks);
  const spans = typer && model.typer ? retypeSpans(words, marks, found, emissions, weights, model.typer) : found;
  return spans.map(({ first, last, type }) => ({ start: tokens[first]!.start, end: tokens[last]!.end, type }));
}

/** What `recognizeEntities` may leave out, to measure what each part adds. */
export interface RecognitionOptions {
  /** The gazetteer rules (`rules.ts`); default true. */
  rules?: boolean;
  /** Rules left out. */
  skip?: ReadonlySet<RuleName>;
  /** The span typer, where the tagger has one; default true. */
  typer?: boolean;
}

/**
 * The names in `text` (one sentence or a few), in order, by the given tagger or the committed
 * model, typed again by its span typer and refined by the gazetteer rules (`rules.ts`) unless `options` leave them out.
 */
export function recognizeEntities(text: string, model: Tagger = (tagger ??= readModel()), options: RecognitionOptions = {}): EntitySpan[] {
  const tokens = tokenize(text);
  const marks = gazetteerMarks(tokens.map((t) => t.text));
  const spans = taggedSpans(tokens, marks, model, options.typer ?? true);
  return (options.rules ?? true) ? refineSpans(tokens, spans, model.common, options.skip, marks) : spans;
}
