import type { SegmentedArticle, SentenceGlossaryTerm, TranslatedArticle, TranslatedSentence } from '../../types.ts';
import type { Translation } from '../../translation/engine.ts';
import type { Stage } from '../../pipeline/contract.ts';
import { translationResource, type TranslationResources } from './resources.ts';
import type { MemoryScope, RememberedTranslation, SentenceConstraints } from './memory.ts';
import type { AppliedTerm } from './glossary.ts';
import { configuredGlossary } from './terms.ts';
import { recognitionVersion } from '../../text/entities/index.ts';
import { normalizeForTranslation } from './normalize.ts';
import { qualityFlags } from './quality.ts';
import { MAX_CHARS_PER_TOKEN, splitToFit } from './split.ts';
import { isTranslatedArticle } from '../record-shapes.ts';

export interface TranslateOptions {
  beams: number;
  max_length: number;
  max_source_tokens: number;
  constraint_beams: number;
  protect: 'none' | 'names';
  /** The glossary's hash: any change re-runs the stage, and the memory answers every sentence whose own terms did not change. */
  glossary: string | null;
  /** With `protect: names`, the version of the name recognition that finds them: a new tagger re-runs the stage. */
  names?: string;
}

/**
 * Translates every sentence. The translation memory answers sentences seen before (in any
 * article, in any run); sentences another article of this run is already translating are awaited;
 * the rest go to the model in batches. The model is loaded only when something misses. Every
 * sentence carries its score and quality flags.
 *
 * English sentences (`language: 'en'`, marked by `clean`) are passed through: their translation is
 * their own normalised text, with no score and no flags; they never reach the model or the memory
 * and are not counted as translated or as repeats.
 *
 * A sentence holding glossary terms (or, with `protect: names`, person and organisation names) is
 * decoded with their English forms as constraints; its memory key holds those terms, so the
 * memory answers it again only for the same terms.
 */
export const translateStage: Stage<SegmentedArticle, TranslatedArticle, TranslateOptions, TranslationResources> = {
  name: 'translate',
  version: '5',
  options: (config) => ({
    beams: config.translate.beams,
    max_length: config.translate.max_length,
    max_source_tokens: config.translate.max_source_tokens,
    constraint_beams: config.translate.constraint_beams,
    protect: config.translate.protect,
    glossary: configuredGlossary(config)?.hash ?? null,
    ...(config.translate.protect === 'names' ? { names: recognitionVersion() } : {}),
  }),
  // Articles here mostly wait on the shared batcher: enough of them in flight keep its batches full.
  concurrency: (config) => Math.max(config.concurrency, config.translate.batch_size),
  resources: translationResource,
  isRecord: isTranslatedArticle,
  identity: async (resources) => (await resources.modelIdentity()).fingerprint,
  sentences: (article) => article.sentences.length,
  async run(article, { options, resources: services, version }) {
    const identity = await services.modelIdentity();
    const decoding = { beams: options.beams, max_length: options.max_length, max_source_tokens: options.max_source_tokens };
    const scope: MemoryScope = { model: identity.fingerprint, engine: { id: services.engine.id, version: services.engine.version }, stage: version, decoding };
    const normalized = article.sentences.map((sentence) => normalizeForTranslation(sentence.text));
    const toTranslate = normalized.filter((_, i) => article.sentences[i]!.language !== 'en');
    const unique = [...new Set(toTranslate)];
    services.stats.sentences += normalized.length;
    services.stats.duplicates += toTranslate.length - unique.length;

    const translations = await translateUnique(unique, scope, options, services);
    const sentences: TranslatedSentence[] = article.sentences.map((sentence, i) => {
      const source = normalized[i]!;
      if (sentence.language === 'en') return { ...sentence, translation: source, score: null, flags: [] };
      const remembered = translations.get(source)!;
      return withTerms(
        {
          ...sentence,
          translation: remembered.translation,
          score: remembered.score === null ? null : Math.round(remembered.score * 1e4) / 1e4,
          flags: source === '' ? [] : qualityFlags(source, remembered.translation, remembered),
        },
        remembered.terms,
      );
    });
    return { ...article, sentences, model: identity };
  },
};

/** A sentence with terms lists them; one that misses any is flagged `glossary`. */
function withTerms(sentence: TranslatedSentence, terms: readonly SentenceGlossaryTerm[] | undefined): TranslatedSentence {
  if (!terms || terms.length === 0) return sentence;
  const flags = terms.some((term) => term.missing) ? [...sentence.flags, 'glossary' as const] : sentence.flags;
  return { ...sentence, flags, glossary: terms.map((term) => ({ ...term })) };
}

const EMPTY: RememberedTranslation = { translation: '', score: null, truncated: false, split: false };

async function translateUnique(sources: string[], scope: MemoryScope, options: TranslateOptions, services: TranslationResources): Promise<Map<string, RememberedTranslation>> {
  const stats = services.stats;
  const pending = new Map<string, Promise<RememberedTranslation>>();
  const misses: Array<{ source: string; key: string; constraints: SentenceConstraints; resolve: (t: RememberedTranslation) => void; reject: (error: unknown) => void }> = [];
  for (const source of sources) {
    if (source === '') {
      pending.set(source, Promise.resolve(EMPTY));
      continue;
    }
    const constraints: SentenceConstraints = { terms: services.findTerms(source), beams: options.constraint_beams };
    const key = services.memory.keyOf(source, scope, constraints);
    const underway = services.inFlight.get(key);
    if (underway) {
      stats.duplicates++;
      pending.set(source, underway);
      continue;
    }
    const remembered = await services.memory.lookup(source, scope, constraints);
    if (remembered) {
      stats.memoryHits++;
      pending.set(source, Promise.resolve(remembered));
      continue;
    }
    const promise = new Promise<RememberedTranslation>((resolve, reject) => misses.push({ source, key, constraints, resolve, reject }));
    // Another article may await this before the model answers; the error is reported by its owner.
    promise.catch(() => {});
    services.inFlight.set(key, promise);
    pending.set(source, promise);
  }

  if (misses.length > 0) {
    try {
      const translated = await decode(
        misses.map((miss) => miss.source),
        options,
        services,
      );
      stats.translated += misses.length;
      stats.translatedWithTerms += translated.filter((t) => t.terms).length;
      stats.termsMissing += translated.filter((t) => t.terms?.some((term) => term.missing)).length;
      for (const [i, miss] of misses.entries()) {
        await services.memory.store(miss.source, translated[i]!, scope, miss.constraints);
        miss.resolve(translated[i]!);
      }
    } catch (error) {
      for (const miss of misses) miss.reject(error);
      throw error;
    } finally {
      for (const miss of misses) services.inFlight.delete(miss.key);
    }
  }

  const translations = new Map<string, RememberedTranslation>();
  for (const [source, promise] of pending) translations.set(source, await promise);
  return translations;
}

/** Sends sources to the model; one too long for it goes in parts, rejoined and flagged `split`. */
async function decode(sources: string[], options: TranslateOptions, services: TranslationResources): Promise<RememberedTranslation[]> {
  const translator = await services.translator();
  const limit = Math.min(options.max_source_tokens, translator.maxSourceTokens);
  // A token covers at least one character, plus the leading word marker and EOS: most sentences
  // are short enough to fit without tokenising them twice, and very long ones are cut before any tokenising.
  const counted = new Map<string, boolean>();
  const fits = (text: string) => {
    if (text.length + 2 <= limit) return true;
    if (text.length > limit * MAX_CHARS_PER_TOKEN) return false;
    let answer = counted.get(text);
    if (answer === undefined) counted.set(text, (answer = translator.countTokens(text) <= limit));
    return answer;
  };
  const pieces = sources.map((source) => splitToFit(source, fits));
  const byPiece = await translatePieces(pieces, options, services);
  return sources.map((source, s) => {
    const translated = pieces[s]!.map((part) => byPiece.get(part)!);
    const translation = translated.map((t) => t.text).join(' ');
    const remembered: RememberedTranslation = {
      translation,
      score: translated.reduce((sum, t) => sum + t.score, 0) / translated.length,
      truncated: translated.some((t) => t.truncated),
      split: translated.length > 1,
    };
    const terms = sentenceTerms(services.findTerms(source), translation, new Set(translated.flatMap((t) => t.missing)));
    return terms.length > 0 ? { ...remembered, terms } : remembered;
  });
}

/** Each distinct piece's translation, decoded with its own terms as constraints, and the target terms it could not contain. */
async function translatePieces(pieces: readonly string[][], options: TranslateOptions, services: TranslationResources): Promise<Map<string, Translation & { missing: string[] }>> {
  // A long text that repeats itself splits into many equal pieces: each is decoded once.
  const distinct = [...new Set(pieces.flat())];
  const pieceTerms = distinct.map((piece) => services.findTerms(piece).map((term) => term.target));
  const batcher = await services.batcher({ beams: options.beams, maxNewTokens: options.max_length, batchSize: services.batchSize, constraintBeams: options.constraint_beams });
  const outputs = await batcher.translate(
    distinct,
    pieceTerms.map((terms) => (terms.length > 0 ? terms : undefined)),
  );
  return new Map(distinct.map((piece, i) => [piece, { ...outputs[i]!, missing: (outputs[i]!.unmetConstraints ?? []).map((c) => pieceTerms[i]![c]!) }]));
}

/** A term is missing when the decoder could not meet it, or when it never reached the decoder whole (split across parts). */
function sentenceTerms(terms: readonly AppliedTerm[], translation: string, unmet: ReadonlySet<string>): SentenceGlossaryTerm[] {
  return terms.map(({ source, target }) => (unmet.has(target) || !translation.includes(target) ? { source, target, missing: true as const } : { source, target }));
}
