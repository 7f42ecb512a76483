import type { TranslationEngine } from '../../engine.ts';
import { onnxFiles } from './files.ts';

/** MarianMT ONNX exports as transformers.js 2.x publishes them, loaded through it and decoded by our batched decoder. */
export const transformersV2Engine: TranslationEngine = {
  id: 'transformers-v2',
  version: '1',
  files(dtype) {
    const onnx = onnxFiles(dtype);
    return {
      required: ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnx.encoder, onnx.decoder],
      optional: ['generation_config.json'],
    };
  },
  async load(location, identity, cacheRoot, runtime) {
    const { loadTranslator } = await import('./translator.ts');
    return loadTranslator(location, identity, cacheRoot, runtime ? { runtime } : {});
  },
};
