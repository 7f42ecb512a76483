import type { ModelDtype } from '../../engine.ts';

/** The ONNX graphs a MarianMT export as transformers.js 2.x publishes it has, at a precision. */
export function onnxFiles(dtype: ModelDtype): { encoder: string; decoder: string } {
  const suffix = dtype === 'q8' ? '_quantized' : '';
  return { encoder: `onnx/encoder_model${suffix}.onnx`, decoder: `onnx/decoder_model_merged${suffix}.onnx` };
}
