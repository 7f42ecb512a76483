import type { ResolvedConfig } from '../../config/schema.ts';
import { locateModel, missingFiles, verifyModel, type ModelLocation } from '../../translation/model-files.ts';
import type { DecodingOptions, Translator } from '../../translation/engines/transformers-v2/translator.ts';
import { TranslationBatcher } from './batcher.ts';
import { createTranslationMemory, type RememberedTranslation, type TranslationMemory } from './memory.ts';
import type { ModelIdentity } from '../../types.ts';

export interface TranslationStats {
  /** Sentences in the articles the translate stage ran on. */
  sentences: number;
  /** Distinct sentences sent to the model. */
  translated: number;
  /** Sentences answered by the translation memory. */
  memoryHits: number;
  /** Sentences that repeated another sentence of the same run. */
  duplicates: number;
  modelLoaded: boolean;
  modelLoadMs: number;
}

/** What stages share within one run. Everything heavy is created on first use. */
export interface RunServices {
  readonly config: ResolvedConfig;
  readonly model: ModelLocation;
  modelIdentity(): Promise<ModelIdentity>;
  translator(): Promise<Translator>;
  /** The run's shared batcher for these decoding settings (one per settings, created on first use). */
  batcher(options: DecodingOptions): Promise<TranslationBatcher>;
  readonly memory: TranslationMemory;
  /** Translations under way in this run, by memory key: a sentence two articles share is decoded once. */
  readonly inFlight: Map<string, Promise<RememberedTranslation>>;
  readonly translation: TranslationStats;
  dispose(): Promise<void>;
}

export function createRunServices(config: ResolvedConfig): RunServices {
  const model = locateModel(config.model);
  let identity: Promise<ModelIdentity> | undefined;
  let translator: Promise<Translator> | undefined;
  const batchers = new Map<string, Promise<TranslationBatcher>>();
  const translation: TranslationStats = { sentences: 0, translated: 0, memoryHits: 0, duplicates: 0, modelLoaded: false, modelLoadMs: 0 };

  const services: RunServices = {
    config,
    model,
    translation,
    memory: createTranslationMemory(config.cache),
    inFlight: new Map(),
    modelIdentity() {
      identity ??= ensureModelFiles(config, model).then(() => verifyModel(model, config.cache));
      return identity;
    },
    translator() {
      translator ??= (async () => {
        const verified = await services.modelIdentity();
        const started = performance.now();
        const { loadTranslator } = await import('../../translation/engines/transformers-v2/translator.ts');
        const loaded = await loadTranslator(model, verified, config.cache);
        translation.modelLoaded = true;
        translation.modelLoadMs = Math.round(performance.now() - started);
        return loaded;
      })();
      return translator;
    },
    batcher(options) {
      const key = JSON.stringify([options.beams, options.maxNewTokens, options.batchSize]);
      let batcher = batchers.get(key);
      if (!batcher) {
        batcher = services.translator().then((loaded) => new TranslationBatcher(loaded, options));
        batchers.set(key, batcher);
      }
      return batcher;
    },
    async dispose() {
      if (translator) await (await translator.catch(() => undefined))?.dispose();
    },
  };
  return services;
}

/** Downloads missing model files when the config allows it; otherwise leaves the error to verifyModel. */
async function ensureModelFiles(config: ResolvedConfig, model: ModelLocation): Promise<void> {
  if (!config.model.download || config.offline || !model.hubId) return;
  if (missingFiles(model).length === 0) return;
  const { downloadModel } = await import('../../translation/hub/download.ts');
  await downloadModel(model, { endpoint: config.model.endpoint, revision: config.model.revision, offline: config.offline });
}
