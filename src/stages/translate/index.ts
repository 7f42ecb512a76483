import type { SegmentedArticle, TranslatedArticle, TranslatedSentence } from '../../types.ts';
import type { RunServices } from '../../pipeline/services.ts';
import type { Stage } from '../stage.ts';
import type { MemoryScope } from './memory.ts';
import { normalizeForTranslation } from './normalize.ts';

export interface TranslateOptions {
  beams: number;
  max_length: number;
}

/**
 * Translates every sentence. The translation memory answers sentences seen before (in any
 * article, in any run); sentences another article of this run is already translating are awaited;
 * the rest are sent to the model in batches. The model is loaded only when something misses.
 */
export const translateStage: Stage<SegmentedArticle, TranslatedArticle, TranslateOptions> = {
  name: 'translate',
  version: '1',
  options: (config) => ({ beams: config.translate.beams, max_length: config.translate.max_length }),
  identity: async (services) => (await services.modelIdentity()).fingerprint,
  async run(article, { options, services }) {
    const identity = await services.modelIdentity();
    const scope: MemoryScope = { model: identity.fingerprint, decoding: options };
    const normalized = article.sentences.map((sentence) => normalizeForTranslation(sentence.text));
    const unique = [...new Set(normalized)];
    services.translation.sentences += normalized.length;
    services.translation.duplicates += normalized.length - unique.length;

    const translations = await translateUnique(unique, scope, options, services);
    const sentences: TranslatedSentence[] = article.sentences.map((sentence, i) => ({
      ...sentence,
      translation: translations.get(normalized[i]!) ?? '',
    }));
    return { ...article, sentences, model: identity };
  },
};

async function translateUnique(sources: string[], scope: MemoryScope, options: TranslateOptions, services: RunServices): Promise<Map<string, string>> {
  const stats = services.translation;
  const pending = new Map<string, Promise<string>>();
  const misses: Array<{ source: string; key: string; resolve: (text: string) => void; reject: (error: unknown) => void }> = [];
  for (const source of sources) {
    if (source === '') {
      pending.set(source, Promise.resolve(''));
      continue;
    }
    const key = services.memory.keyOf(source, scope);
    const underway = services.inFlight.get(key);
    if (underway) {
      stats.duplicates++;
      pending.set(source, underway);
      continue;
    }
    const remembered = await services.memory.lookup(source, scope);
    if (remembered !== undefined) {
      stats.memoryHits++;
      pending.set(source, Promise.resolve(remembered));
      continue;
    }
    const promise = new Promise<string>((resolve, reject) => misses.push({ source, key, resolve, reject }));
    // Another article may await this before the model answers; an error is reported by its owner.
    promise.catch(() => {});
    services.inFlight.set(key, promise);
    pending.set(source, promise);
  }

  if (misses.length > 0) {
    try {
      const translator = await services.translator();
      const outputs = await translator.translate(
        misses.map((miss) => miss.source),
        { beams: options.beams, maxNewTokens: options.max_length, batchSize: services.config.translate.batch_size },
      );
      stats.translated += misses.length;
      for (const [i, miss] of misses.entries()) {
        const translation = outputs[i] ?? '';
        await services.memory.store(miss.source, translation, scope);
        miss.resolve(translation);
      }
    } catch (error) {
      for (const miss of misses) miss.reject(error);
      throw error;
    } finally {
      for (const miss of misses) services.inFlight.delete(miss.key);
    }
  }

  const translations = new Map<string, string>();
  for (const [source, promise] of pending) translations.set(source, await promise);
  return translations;
}
