/**
 * Typed names (PERSON, ORGANISATION, PLACE) in Indonesian text with exact character spans, by the
 * sequence tagger in `perceptron.ts` and the model `model.json` trained by `tools/ner/train.ts`.
 * The model is read on first use only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WartaError } from '../../errors.ts';
import { sha256 } from '../../util/hash.ts';
import { sentenceFeatures } from './features.ts';
import { LABELS, labelsToTokenSpans, modelWeights, viterbi, type EntityType, type TaggerModel, type Weights } from './perceptron.ts';
import { secondPassFeatures } from './stacked.ts';
import { refineSpans, type RuleName } from './rules.ts';
import { tokenize } from './tokens.ts';

export { ENTITY_TYPES, type EntityType } from './perceptron.ts';

export interface EntitySpan {
  start: number;
  end: number;
  type: EntityType;
}

export const MODEL_FILE = fileURLToPath(new URL('./model.json', import.meta.url));

let modelText: string | undefined;
/** What tagging needs: the weights and the common lower-case words the features refer to. */
export interface Tagger {
  weights: Weights;
  /** The second pass, which also reads the first pass's labels; without it the first pass's labels stand. */
  stacked?: Weights;
  common: ReadonlySet<string>;
}

let tagger: Tagger | undefined;

function readModelText(): string {
  try {
    return (modelText ??= readFileSync(MODEL_FILE, 'utf8'));
  } catch (cause) {
    throw new WartaError('MODEL_MISSING', `The entity tagger's model ${MODEL_FILE} cannot be read.`, { cause, file: MODEL_FILE, hint: 'retrain it with `npm run train:names`' });
  }
}

function readModel(): Tagger {
  const text = readModelText();
  let model: TaggerModel;
  try {
    model = JSON.parse(text) as TaggerModel;
    if (model.format !== 2 || model.labels.join() !== LABELS.join() || !Array.isArray(model.common)) throw new Error(`format ${String(model.format)}, labels ${String(model.labels)}`);
  } catch (cause) {
    throw new WartaError('MODEL_CORRUPT', `The entity tagger's model ${MODEL_FILE} is not a model this code reads.`, { cause, file: MODEL_FILE, hint: 'retrain it with `npm run train:names`' });
  }
  return taggerOf(model);
}

/** What tagging needs from a model as the file holds it. */
export function taggerOf(model: TaggerModel): Tagger {
  return { weights: modelWeights(model), ...(model.stacked ? { stacked: modelWeights(model.stacked) } : {}), common: new Set(model.common) };
}

let modelHash: string | undefined;

/** sha256 of the model file (read, not parsed, on first call): part of the entities stage's cache key. */
export function taggerModelHash(): string {
  return (modelHash ??= sha256(readModelText()));
}

/** Label indices → typed character spans over the tokens. */
export function labelsToSpans(tokens: readonly { start: number; end: number }[], labels: readonly number[]): EntitySpan[] {
  return labelsToTokenSpans(labels).map(({ first, last, type }) => ({ start: tokens[first]!.start, end: tokens[last]!.end, type }));
}

/** Label indices of the words: the first pass, then the second pass over its labels where the tagger has one. */
export function tagWords(words: readonly string[], model: Tagger): number[] {
  const base = sentenceFeatures(words, model.common);
  const first = viterbi(base, model.weights);
  return model.stacked ? viterbi(secondPassFeatures(base, words, first), model.stacked) : first;
}

/**
 * The names in `text` (one sentence or a few), in order, by the given tagger or the committed
 * model, refined by the gazetteer rules (`rules.ts`) unless `rules` is false; `skip` leaves some of them out.
 */
export function recognizeEntities(text: string, model: Tagger = (tagger ??= readModel()), rules = true, skip?: ReadonlySet<RuleName>): EntitySpan[] {
  const tokens = tokenize(text);
  const spans = labelsToSpans(tokens, tagWords(tokens.map((t) => t.text), model));
  return rules ? refineSpans(tokens, spans, model.common, skip) : spans;
}
