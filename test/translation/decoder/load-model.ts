/** A model folder loaded through transformers.js, and our batched decoder over its sessions, for decoder tests. */
import path from 'node:path';
import { AutoModelForSeq2SeqLM, AutoTokenizer, env } from '@xenova/transformers';
import { createSession, DEFAULT_RUNTIME_SETTINGS, importOnnxRuntime } from '../../../src/translation/onnx/runtime.ts';
import { BatchedDecoder, type InferenceSessionLike, type MakeTensor, type Seq2SeqLayout } from '../../../src/translation/decoder/batched-decoder.ts';

export interface LoadedModel {
  folder: string;
  tokenizer: { encode(text: string): number[]; decode(ids: readonly number[], options: { skip_special_tokens: boolean }): string };
  model: { config: Record<string, number | number[][]>; generate(ids: unknown, options: object): Promise<unknown[]> };
}

/**
 * fp32 files: int8 dynamic quantization takes one activation scale per tensor, over the whole
 * batch, so int8 results legitimately depend on what else is in the batch (see bench/README.md).
 */
export async function loadThroughTransformers(folder: string): Promise<LoadedModel> {
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.localModelPath = `${path.dirname(folder)}/`;
  const name = path.basename(folder);
  const tokenizer = (await AutoTokenizer.from_pretrained(name)) as unknown as LoadedModel['tokenizer'];
  const model = (await AutoModelForSeq2SeqLM.from_pretrained(name, { quantized: false })) as unknown as LoadedModel['model'];
  return { folder, tokenizer, model };
}

/**
 * Our decoder over sessions of warta's own onnxruntime, on the same fp32 files that transformers.js
 * loaded into its own (older) runtime for `generate`.
 */
export async function decoderFor({ model, folder }: LoadedModel, overrides: Partial<Seq2SeqLayout> = {}): Promise<BatchedDecoder> {
  const c = model.config as unknown as Record<'decoder_start_token_id' | 'eos_token_id' | 'pad_token_id' | 'forced_eos_token_id' | 'vocab_size' | 'decoder_layers' | 'decoder_attention_heads' | 'encoder_attention_heads' | 'd_model', number> & {
    bad_words_ids: number[][];
  };
  const layout: Seq2SeqLayout = {
    decoderStartTokenId: c.decoder_start_token_id,
    eosTokenId: c.eos_token_id,
    padTokenId: c.pad_token_id,
    forcedEosTokenId: c.forced_eos_token_id,
    badWordsIds: c.bad_words_ids,
    vocabSize: c.vocab_size,
    decoderLayers: c.decoder_layers,
    decoderHeads: c.decoder_attention_heads,
    encoderHeads: c.encoder_attention_heads,
    dModel: c.d_model,
    ...overrides,
  };
  const ort = await importOnnxRuntime();
  const makeTensor: MakeTensor = (type, data, dims) => new ort.Tensor(type, data as never, dims);
  const open = async (model: string | Uint8Array) => (await createSession(model, DEFAULT_RUNTIME_SETTINGS)) as unknown as InferenceSessionLike;
  return BatchedDecoder.create(await open(path.join(folder, 'onnx/encoder_model.onnx')), await open(path.join(folder, 'onnx/decoder_model_merged.onnx')), layout, makeTensor, open);
}
