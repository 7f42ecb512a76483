import type { TranslationEngine } from '../../engine.ts';

/** MarianMT ONNX exports as transformers.js 2.x publishes them, loaded through it and decoded by our batched decoder. */
export const transformersV2Engine: TranslationEngine = {
  id: 'transformers-v2',
  version: '1',
  files(dtype) {
    const suffix = dtype === 'q8' ? '_quantized' : '';
    return {
      required: ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/encoder_model${suffix}.onnx`, `onnx/decoder_model_merged${suffix}.onnx`],
      optional: ['generation_config.json'],
    };
  },
  async load(location, identity, cacheRoot) {
    const { loadTranslator } = await import('./translator.ts');
    return loadTranslator(location, identity, cacheRoot);
  },
};
