import type { ResolvedConfig } from '../../config/schema.ts';
import type { CacheStore, Resource } from '../../pipeline/contract.ts';
import type { DecodingOptions, TranslationEngine, Translator } from '../../translation/engine.ts';
import { engineById } from '../../translation/engines/index.ts';
import { locateModel, missingFiles, verifyModel, type ModelLocation } from '../../translation/model-files.ts';
import type { ModelIdentity } from '../../types.ts';
import { TranslationBatcher } from './batcher.ts';
import { createTranslationMemory, type RememberedTranslation, type TranslationMemory } from './memory.ts';
import { configuredGlossary, termFinder, type TermFinder } from './terms.ts';

export interface TranslationStats {
  /** Sentences in the articles the translate stage ran on. */
  sentences: number;
  /** Distinct sentences sent to the model. */
  translated: number;
  /** Sentences answered by the translation memory. */
  memoryHits: number;
  /** Sentences that repeated another sentence of the same run. */
  duplicates: number;
  /** Of `translated`, those decoded with glossary terms or protected names to keep. */
  translatedWithTerms: number;
  /** Of those, the sentences flagged `glossary`: a term could not be put in. */
  termsMissing: number;
  modelLoaded: boolean;
  modelLoadMs: number;
}

/** The translate stage's state for one run. Everything heavy is created on first use. */
export interface TranslationResources {
  readonly engine: TranslationEngine;
  readonly model: ModelLocation;
  /** Sentences per decoder batch. */
  readonly batchSize: number;
  /** The glossary entries and protected names of a normalised source sentence. */
  readonly findTerms: TermFinder;
  modelIdentity(): Promise<ModelIdentity>;
  translator(): Promise<Translator>;
  /** The run's shared batcher for these decoding settings (one per settings, created on first use). */
  batcher(options: DecodingOptions): Promise<TranslationBatcher>;
  readonly memory: TranslationMemory;
  /** Translations under way in this run, by memory key: a sentence two articles share is decoded once. */
  readonly inFlight: Map<string, Promise<RememberedTranslation>>;
  readonly stats: TranslationStats;
  dispose(): Promise<void>;
}

export function createTranslationResources(config: ResolvedConfig, cache: CacheStore, run: { signal?: AbortSignal } = {}): TranslationResources {
  const engine = engineById(config.model.engine);
  const model = locateModel(config.model);
  let identity: Promise<ModelIdentity> | undefined;
  let translator: Promise<Translator> | undefined;
  const batchers = new Map<string, Promise<TranslationBatcher>>();
  const stats: TranslationStats = { sentences: 0, translated: 0, memoryHits: 0, duplicates: 0, translatedWithTerms: 0, termsMissing: 0, modelLoaded: false, modelLoadMs: 0 };

  const resources: TranslationResources = {
    engine,
    model,
    batchSize: config.translate.batch_size,
    findTerms: termFinder(configuredGlossary(config), config.translate.protect),
    stats,
    memory: createTranslationMemory(cache('memory')),
    inFlight: new Map(),
    modelIdentity() {
      identity ??= ensureModelFiles(config, model, run.signal).then(() => verifyModel(model, config.cache));
      return identity;
    },
    translator() {
      translator ??= (async () => {
        const verified = await resources.modelIdentity();
        const started = performance.now();
        const loaded = await engine.load(model, verified, config.cache, { threads: config.model.threads, memoryArena: config.model.memory_arena });
        stats.modelLoaded = true;
        stats.modelLoadMs = Math.round(performance.now() - started);
        return loaded;
      })();
      return translator;
    },
    batcher(options) {
      const key = JSON.stringify([options.beams, options.maxNewTokens, options.batchSize, options.constraintBeams]);
      let batcher = batchers.get(key);
      if (!batcher) {
        batcher = resources.translator().then((loaded) => new TranslationBatcher(loaded, options, run.signal));
        batchers.set(key, batcher);
      }
      return batcher;
    },
    async dispose() {
      if (translator) await (await translator.catch(() => undefined))?.dispose();
    },
  };
  return resources;
}

export const translationResource: Resource<TranslationResources> = {
  create: createTranslationResources,
  dispose: (resources) => resources.dispose(),
  statistics: (resources) => ({ ...resources.stats }),
  describe(statistics) {
    const t = statistics as unknown as TranslationStats;
    const terms = t.translatedWithTerms > 0 ? ` (${t.translatedWithTerms} with glossary terms, ${t.termsMissing} flagged glossary)` : '';
    return `translation: ${t.sentences} sentences, ${t.translated} translated by the model${terms}, ${t.memoryHits} from the translation memory, ${t.duplicates} repeats; model ${t.modelLoaded ? `loaded in ${t.modelLoadMs} ms` : 'not loaded'}`;
  },
};

/** Downloads missing model files when the config allows it; otherwise leaves the error to verifyModel. */
async function ensureModelFiles(config: ResolvedConfig, model: ModelLocation, signal: AbortSignal | undefined): Promise<void> {
  if (!config.model.download || config.offline || !model.hubId) return;
  if (missingFiles(model).length === 0) return;
  const { downloadModel } = await import('../../translation/hub/download.ts');
  await downloadModel(model, { endpoint: config.model.endpoint, revision: config.model.revision, offline: config.offline, ...(signal ? { signal } : {}) });
}
