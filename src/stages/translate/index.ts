import type { SegmentedArticle, TranslatedArticle, TranslatedSentence } from '../../types.ts';
import type { Stage } from '../stage.ts';
import type { MemoryScope } from './memory.ts';
import { normalizeForTranslation } from './normalize.ts';

export interface TranslateOptions {
  beams: number;
  max_length: number;
}

/**
 * Translates every sentence. The translation memory answers sentences seen before (in any
 * article, in any run); the rest are deduplicated and sent to the model in batches. The model is
 * loaded only when some sentence misses the memory.
 */
export const translateStage: Stage<SegmentedArticle, TranslatedArticle, TranslateOptions> = {
  name: 'translate',
  version: '1',
  options: (config) => ({ beams: config.translate.beams, max_length: config.translate.max_length }),
  identity: async (services) => (await services.modelIdentity()).fingerprint,
  async run(article, { options, services }) {
    const identity = await services.modelIdentity();
    const scope: MemoryScope = { model: identity.fingerprint, decoding: options };
    const stats = services.translation;
    const normalized = article.sentences.map((sentence) => normalizeForTranslation(sentence.text));
    const unique = [...new Set(normalized)];
    stats.sentences += normalized.length;
    stats.duplicates += normalized.length - unique.length;

    const translations = new Map<string, string>();
    const misses: string[] = [];
    for (const source of unique) {
      const remembered = source === '' ? '' : await services.memory.lookup(source, scope);
      if (remembered === undefined) misses.push(source);
      else translations.set(source, remembered);
    }
    stats.memoryHits += unique.length - misses.length;

    if (misses.length > 0) {
      const translator = await services.translator();
      const outputs = await translator.translate(misses, {
        beams: options.beams,
        maxNewTokens: options.max_length,
        batchSize: services.config.translate.batch_size,
      });
      stats.translated += misses.length;
      for (const [i, source] of misses.entries()) {
        const translation = outputs[i] ?? '';
        translations.set(source, translation);
        await services.memory.store(source, translation, scope);
      }
    }

    const sentences: TranslatedSentence[] = article.sentences.map((sentence, i) => ({
      ...sentence,
      translation: translations.get(normalized[i] ?? '') ?? '',
    }));
    return { ...article, sentences, model: identity };
  },
};
