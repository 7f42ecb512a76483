import path from 'node:path';
import { WartaError } from '../errors.ts';
import type { ModelIdentity } from '../types.ts';
import type { ModelLocation } from './files.ts';

export interface DecodingOptions {
  /** Beam width; 1 is greedy. */
  beams: number;
  /** Most new tokens per sentence. */
  maxNewTokens: number;
  /** Sentences per generate call. */
  batchSize: number;
}

export interface Translator {
  readonly identity: ModelIdentity;
  /** Translates each text; results come back in input order. Texts must already be normalised. */
  translate(texts: readonly string[], options: DecodingOptions): Promise<string[]>;
  /** Token count of a text as the model sees it (without the end-of-sentence token). */
  countTokens(text: string): number;
  dispose(): Promise<void>;
}

interface TransformersTokenizer {
  (texts: string[], options: { padding: boolean; truncation: boolean }): { input_ids: unknown };
  encode(text: string): number[];
  batch_decode(ids: unknown, options: { skip_special_tokens: boolean }): string[];
}

interface TransformersModel {
  generate(inputIds: unknown, options: Record<string, unknown>): Promise<unknown>;
  dispose(): Promise<unknown>;
}

/**
 * Loads the tokenizer and the ONNX sessions through @xenova/transformers. The import is dynamic so
 * that `--help`, `status` and fully cached runs never load onnxruntime.
 */
export async function loadTranslator(location: ModelLocation, identity: ModelIdentity, cacheRoot: string): Promise<Translator> {
  const transformers = await import('@xenova/transformers');
  const { env, AutoTokenizer, AutoModelForSeq2SeqLM } = transformers;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${path.dirname(location.folder)}${path.sep}`;
  // transformers.js v2 keeps its own file cache inside node_modules and reads it before the
  // local folder; point it inside our cache folder and leave it off so local files always win.
  env.useFSCache = false;
  env.cacheDir = path.join(cacheRoot, 'transformers');
  const modelName = path.basename(location.folder);

  const tokenizer = (await withQuietConsole(() =>
    AutoTokenizer.from_pretrained(modelName, { local_files_only: true }),
  ).catch((cause: unknown) => {
    throw loadError(location, 'tokenizer', cause);
  })) as unknown as TransformersTokenizer;

  const model = (await withQuietConsole(() =>
    AutoModelForSeq2SeqLM.from_pretrained(modelName, { quantized: location.quantized, local_files_only: true }),
  ).catch((cause: unknown) => {
    throw loadError(location, 'ONNX model', cause);
  })) as unknown as TransformersModel;

  return {
    identity,
    countTokens: (text) => Math.max(0, tokenizer.encode(text).length - 1),
    async translate(texts, options) {
      const results = new Array<string>(texts.length);
      // Sorting by length keeps padding, and so wasted decoder work, small within each batch.
      const order = texts.map((text, index) => ({ text, index })).sort((a, b) => a.text.length - b.text.length);
      for (let start = 0; start < order.length; start += options.batchSize) {
        const batch = order.slice(start, start + options.batchSize);
        const { input_ids } = tokenizer(
          batch.map((item) => item.text),
          { padding: true, truncation: true },
        );
        let outputIds: unknown;
        try {
          outputIds = await model.generate(input_ids, {
            num_beams: options.beams,
            max_new_tokens: options.maxNewTokens,
            num_return_sequences: 1,
          });
        } catch (cause) {
          throw new WartaError('TRANSLATION_FAILED', `The model failed while translating a batch of ${batch.length} sentences: ${firstLine(cause)}`, { cause });
        }
        const decoded = tokenizer.batch_decode(outputIds, { skip_special_tokens: true });
        batch.forEach((item, i) => {
          results[item.index] = (decoded[i] ?? '').trim();
        });
      }
      return results;
    },
    async dispose() {
      await model.dispose();
    },
  };
}

function loadError(location: ModelLocation, part: string, cause: unknown): WartaError {
  return new WartaError('MODEL_LOAD_FAILED', `Could not load the ${part} of ${location.id} from ${location.folder}: ${firstLine(cause)}`, {
    cause,
    file: location.folder,
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
