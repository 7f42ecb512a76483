import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { interruptedError, WartaError } from '../../../errors.ts';
import type { ModelIdentity } from '../../../types.ts';
import { BatchedDecoder, type DecodedSequence, type InferenceSessionLike, type MakeTensor, type Seq2SeqLayout } from '../../decoder/batched-decoder.ts';
import type { DecoderTiming } from '../../decoder/timing.ts';
import type { ModelLocation } from '../../model-files.ts';
import { createSession, DEFAULT_RUNTIME_SETTINGS, importOnnxRuntime, type RuntimeSettings } from '../../onnx/runtime.ts';
import { onnxFiles } from './files.ts';
import type { DecodingOptions, Translation, Translator } from '../../engine.ts';

interface TransformersTokenizer {
  encode(text: string): number[];
  decode(ids: readonly number[], options: { skip_special_tokens: boolean }): string;
  model_max_length?: number;
}

interface LoadedSeq2SeqModel {
  config: Record<string, unknown>;
  generationConfig: Record<string, unknown>;
  encoder: InferenceSessionLike & { release(): Promise<void> };
  decoder: InferenceSessionLike & { release(): Promise<void> };
}

interface ConfigLoader {
  from_pretrained(name: string, options: { local_files_only: boolean }): Promise<unknown>;
}

/**
 * The config through transformers.js, as its own loader reads it; the sessions on warta's
 * onnxruntime with warta's settings, straight from the verified files.
 */
async function loadModel(location: ModelLocation, modelName: string, configLoader: ConfigLoader, runtime: RuntimeSettings): Promise<LoadedSeq2SeqModel> {
  const config = (await withQuietConsole(() => configLoader.from_pretrained(modelName, { local_files_only: true })).catch((cause: unknown) => {
    throw loadError(location, 'config', cause);
  })) as Record<string, unknown>;
  const files = onnxFiles(location.dtype);
  const open = (file: string) =>
    createSession(path.join(location.folder, file), runtime).catch((cause: unknown) => {
      throw loadError(location, 'ONNX model', cause, file);
    }) as unknown as Promise<LoadedSeq2SeqModel['encoder']>;
  const encoder = await open(files.encoder);
  const decoder = await open(files.decoder).catch(async (error: unknown) => {
    await encoder.release();
    throw error;
  });
  return { config, generationConfig: readGenerationConfig(location), encoder, decoder };
}

/** `generation_config.json` is optional; the verified-files check already vouched for it when present. */
function readGenerationConfig(location: ModelLocation): Record<string, unknown> {
  const file = path.join(location.folder, 'generation_config.json');
  if (!existsSync(file)) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch (cause) {
    throw new WartaError('MODEL_LOAD_FAILED', `${file} is not valid JSON: ${firstLine(cause)}`, {
      cause,
      file,
      hint: 'Re-download the model with `npx warta fetch-model`, or delete the file (it is optional).',
    });
  }
}

export interface LoadOptions {
  timing?: DecoderTiming;
  runtime?: RuntimeSettings;
}

/**
 * Loads the tokenizer and config through @xenova/transformers and the ONNX sessions on warta's
 * onnxruntime (`onnx/runtime.ts`), then decodes with our batched decoder. Imports are dynamic so
 * that `--help`, `status` and fully cached runs never load onnxruntime.
 */
export async function loadTranslator(location: ModelLocation, identity: ModelIdentity, cacheRoot: string, options: LoadOptions = {}): Promise<Translator> {
  const { env, AutoTokenizer, AutoConfig } = await import('@xenova/transformers');
  const ort = await importOnnxRuntime();
  const runtime = options.runtime ?? DEFAULT_RUNTIME_SETTINGS;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${path.dirname(location.folder)}${path.sep}`;
  // transformers.js v2 keeps its own file cache inside node_modules and reads it before the
  // local folder; point it inside our cache folder and leave it off so local files always win.
  env.useFSCache = false;
  env.cacheDir = path.join(cacheRoot, 'transformers');
  const modelName = path.basename(location.folder);

  const tokenizer = (await withQuietConsole(() => AutoTokenizer.from_pretrained(modelName, { local_files_only: true })).catch((cause: unknown) => {
    throw loadError(location, 'tokenizer', cause);
  })) as unknown as TransformersTokenizer;
  const model = await loadModel(location, modelName, AutoConfig, runtime);

  const makeTensor: MakeTensor = (type, data, dims) => new ort.Tensor(type, data as never, dims);
  const layout = layoutOf(model, location);
  const decoder = await BatchedDecoder.create(
    model.encoder,
    model.decoder,
    layout,
    makeTensor,
    async (bytes) => (await createSession(bytes, runtime)) as unknown as InferenceSessionLike,
    options.timing,
  );
  const generation = { ...model.config, ...model.generationConfig };
  const lengthPenalty = typeof generation.length_penalty === 'number' ? generation.length_penalty : 1;
  const earlyStopping = generation.early_stopping === true || generation.early_stopping === 'never' ? generation.early_stopping : false;
  const maxSourceTokens = Math.min(tokenizer.model_max_length ?? 512, numberOr(model.config.max_position_embeddings, 512));

  const decodeBatch = async (batch: readonly DecodeRequest[], options: DecodingOptions): Promise<DecodedSequence[]> => {
    try {
      return await decoder.generate(
        batch.map((item) => item.ids),
        { numBeams: options.beams, maxNewTokens: options.maxNewTokens, lengthPenalty, earlyStopping, constraintBeams: options.constraintBeams ?? DEFAULT_CONSTRAINT_BEAMS, ...(options.signal ? { signal: options.signal } : {}) },
        batch.map((item) => (Array.isArray(item.phrases) ? item.phrases : undefined)),
      );
    } catch (cause) {
      if (options.signal?.aborted) throw interruptedError(cause);
      throw new WartaError('TRANSLATION_FAILED', `The model failed while translating a batch of ${batch.length} sentences: ${firstLine(cause)}`, { cause });
    }
  };

  return {
    identity,
    maxSourceTokens,
    countTokens: (text) => tokenizer.encode(text).length,
    async translate(texts, options, constraints = []) {
      const requests = texts.map((text, index) => {
        const ids = truncateIds(tokenizer.encode(text), maxSourceTokens, layout.eosTokenId);
        return { index, ids, phrases: targetPhrases(constraints[index] ?? [], (term) => tokenizer.encode(term), layout, options.maxNewTokens) };
      });
      const decoded = await decodeSorted(requests, options, (batch) => decodeBatch(batch, options));
      // A sentence whose constraints could not be met gets the translation it would have had without them
      // (one whose terms cannot fit was already decoded without them).
      const unmet = requests.filter((request) => decoded[request.index]!.unmetConstraints);
      const plain = await decodeSorted(
        unmet.map((request) => ({ ...request, phrases: undefined })),
        options,
        (batch) => decodeBatch(batch, options),
      );
      for (const request of unmet) decoded[request.index] = { ...plain[request.index]!, unmetConstraints: decoded[request.index]!.unmetConstraints! };
      for (const request of requests) {
        if (request.phrases === 'cannot fit') decoded[request.index] = { ...decoded[request.index]!, unmetConstraints: (constraints[request.index] ?? []).map((_, i) => i) };
      }
      return texts.map((_, i) => {
        const sequence = decoded[i]!;
        const translation: Translation = { text: tokenizer.decode(sequence.tokens, { skip_special_tokens: true }).trim(), score: sequence.meanLogProb, truncated: sequence.truncated };
        if (sequence.unmetConstraints) translation.unmetConstraints = sequence.unmetConstraints;
        return translation;
      });
    },
    async dispose() {
      await Promise.all([model.encoder.release(), model.decoder.release()]);
    },
  };
}

/** The default of `translate.constraint_beams`. */
export const DEFAULT_CONSTRAINT_BEAMS = 4;

interface DecodeRequest {
  index: number;
  ids: number[];
  /** Target token sequences the output must contain; `cannot fit` when together they leave no room within the token limit. */
  phrases: number[][] | 'cannot fit' | undefined;
}

/** Decodes requests in batches of similar token length (less padding, so less wasted work); results by request index. */
async function decodeSorted(
  requests: readonly DecodeRequest[],
  options: DecodingOptions,
  decodeBatch: (batch: readonly DecodeRequest[]) => Promise<DecodedSequence[]>,
): Promise<DecodedSequence[]> {
  const sorted = [...requests].sort((a, b) => a.ids.length - b.ids.length || a.index - b.index);
  const results: DecodedSequence[] = [];
  for (let start = 0; start < sorted.length; start += options.batchSize) {
    const batch = sorted.slice(start, start + options.batchSize);
    const decoded = await decodeBatch(batch);
    batch.forEach((item, i) => (results[item.index] = decoded[i]!));
  }
  return results;
}

/**
 * Each term as target token ids, special tokens dropped. The Marian export shares one vocabulary
 * between source and target, and transformers.js v2 has no separate target tokenizer, so the
 * terms go through the same tokenizer (a leading word marker, as mid-sentence words have).
 */
function targetPhrases(terms: readonly string[], encode: (text: string) => number[], layout: Seq2SeqLayout, maxNewTokens: number): DecodeRequest['phrases'] {
  if (terms.length === 0) return undefined;
  const special = new Set([layout.eosTokenId, layout.padTokenId, layout.decoderStartTokenId]);
  const phrases = terms.map((term) => encode(term).filter((id) => !special.has(id))).filter((ids) => ids.length > 0);
  if (phrases.length === 0) return undefined;
  // The end-of-sentence token needs a place of its own after the phrases.
  return phrases.reduce((sum, ids) => sum + ids.length, 0) + 1 > maxNewTokens ? 'cannot fit' : phrases;
}

function layoutOf(model: LoadedSeq2SeqModel, location: ModelLocation): Seq2SeqLayout {
  const config = { ...model.config, ...model.generationConfig };
  const required = (key: string) => {
    const value = config[key];
    if (typeof value !== 'number') {
      throw new WartaError('MODEL_LOAD_FAILED', `${path.join(location.folder, 'config.json')} has no numeric \`${key}\`; it is not a MarianMT config.`, {
        file: path.join(location.folder, 'config.json'),
      });
    }
    return value;
  };
  const decoderHeads = required('decoder_attention_heads');
  return {
    decoderStartTokenId: required('decoder_start_token_id'),
    eosTokenId: required('eos_token_id'),
    padTokenId: required('pad_token_id'),
    forcedEosTokenId: typeof config.forced_eos_token_id === 'number' ? config.forced_eos_token_id : null,
    badWordsIds: Array.isArray(config.bad_words_ids) ? (config.bad_words_ids as number[][]) : [],
    vocabSize: required('vocab_size'),
    decoderLayers: required('decoder_layers'),
    decoderHeads,
    encoderHeads: numberOr(config.encoder_attention_heads, decoderHeads),
    dModel: required('d_model'),
  };
}

/** A source longer than the model accepts keeps its first tokens and its end-of-sentence token. */
function truncateIds(ids: number[], max: number, eos: number): number[] {
  return ids.length <= max ? ids : [...ids.slice(0, max - 1), eos];
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function loadError(location: ModelLocation, part: string, cause: unknown, file?: string): WartaError {
  return new WartaError('MODEL_LOAD_FAILED', `Could not load the ${part} of ${location.id} from ${location.folder}: ${file ? `${file}: ` : ''}${firstLine(cause)}`, {
    cause,
    file: file ? path.join(location.folder, file) : location.folder,
    hint: 'The model files may be incomplete or from another model type. Re-download them with `npx warta fetch-model`, or point --model at a complete MarianMT ONNX folder.',
  });
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((line) => line.trim().length > 0) ?? text).slice(0, 300);
}

/**
 * When onnxruntime-node rejects a file, transformers.js logs the error and retries with the wasm
 * backend, printing pages of minified code. The error we throw says it better; keep the console clean.
 */
async function withQuietConsole<T>(load: () => Promise<T>): Promise<T> {
  const { warn, error, log } = console;
  console.warn = () => {};
  console.error = () => {};
  console.log = () => {};
  try {
    return await load();
  } finally {
    Object.assign(console, { warn, error, log });
  }
}
