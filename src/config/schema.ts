import { z } from 'zod';
import { DEFAULT_ENGINE_ID, ENGINE_IDS } from '../translation/engines/index.ts';
import type { ModelDtype } from '../translation/engine.ts';

/**
 * The shape of pipeline.yaml. Every key is documented in pipeline.yaml and the README; keep the
 * three in step. Keys are snake_case in YAML and stay snake_case here so error messages name the
 * key exactly as the user wrote it.
 */
const positiveInt = (max: number) => z.number().int().min(1).max(max);
const text = z.string().trim().min(1);
/** A file or folder path: no operating system accepts a NUL character in one. */
const pathText = text.refine((value) => !value.includes('\0'));

export const modelSchema = z
  .object({
    /** A model id, looked up as `<dir>/<id>/`, or a path to a model folder. */
    id: pathText.default('Xenova/opus-mt-id-en').describe('a model id such as Xenova/opus-mt-id-en, or a path to a model folder'),
    /** Where model folders live (the transformers.js local model path). */
    dir: pathText.default('models').describe('a folder path'),
    /** The translation engine that loads and runs the model. */
    engine: z.enum(ENGINE_IDS).default(DEFAULT_ENGINE_ID).describe(`one of ${ENGINE_IDS.join(', ')}`),
    /** Weight precision: `q8` loads the int8 quantized files, `fp32` the full-precision ones. */
    dtype: z.enum(['q8', 'fp32']).optional().describe('q8 or fp32'),
    /** Deprecated: `true` is `dtype: q8`, `false` is `dtype: fp32`. */
    quantized: z.boolean().optional().describe('true or false (deprecated: use dtype)'),
    /** Let `warta run` download a missing model (--offline forbids it). `warta fetch-model` always may. */
    download: z.boolean().default(true).describe('true or false'),
    /** Base URL of the model hub; the HF_ENDPOINT environment variable overrides it. */
    endpoint: z.url({ protocol: /^https?$/ }).default('https://huggingface.co').describe('an http or https URL'),
    /** Hub revision (branch, tag or commit) to download. */
    revision: text.default('main').describe('a branch, tag or commit'),
    /** onnxruntime intra-op threads per session (`npm run bench` compares 1 and 2). */
    threads: positiveInt(64).default(1).describe('an integer from 1 to 64'),
    /** onnxruntime's CPU memory arena: faster allocation, but it holds its peak size until the run ends. */
    memory_arena: z.boolean().default(true).describe('true or false'),
  })
  .strict();

export const translateSchema = z
  .object({
    /** Sentences per decoding batch. */
    batch_size: positiveInt(256).default(16).describe('an integer from 1 to 256'),
    /** Beam width; 1 is greedy decoding. */
    beams: positiveInt(16).default(1).describe('an integer from 1 to 16'),
    /** Most tokens generated for one sentence. */
    max_length: positiveInt(512).default(256).describe('an integer from 1 to 512'),
    /** Longer sentences are split at clause boundaries and translated in parts (flagged `split`). */
    max_source_tokens: z.number().int().min(16).max(512).default(256).describe('an integer from 16 to 512'),
    /** A glossary file (`.tsv`, `.csv` or `.yaml`) of terms the translation must use. */
    glossary: pathText.optional().describe('a glossary file path (.tsv, .csv or .yaml)'),
    /** Fewest beams for a sentence with glossary terms, even when `beams` is 1. */
    constraint_beams: positiveInt(16).default(4).describe('an integer from 1 to 16'),
    /** `names` keeps detected person and organisation names verbatim in the translation. */
    protect: z.enum(['none', 'names']).default('none').describe('none or names'),
  })
  .strict();

export const summarizeSchema = z
  .object({
    /** Sentences in each article's summary. */
    sentences: positiveInt(50).default(3).describe('an integer from 1 to 50'),
    /** Optional word budget; when set, it bounds the summary instead of `sentences`. */
    words: positiveInt(5000).optional().describe('an integer from 1 to 5000'),
  })
  .strict();

export const cleanSchema = z
  .object({
    /** Keep boilerplate lines in the text (they are still listed as removable in the output). */
    keep_boilerplate: z.boolean().default(false).describe('true or false'),
  })
  .strict();

export const configSchema = z
  .object({
    /** Folder of `.txt` / `.md` articles, read recursively. */
    input: pathText.default('input').describe('a folder path'),
    /** Folder the outputs are written to. */
    output: pathText.default('output').describe('a folder path'),
    /** Folder of the stage cache and the translation memory. */
    cache: pathText.default('.cache').describe('a folder path'),
    /** Articles processed at once within a stage. */
    concurrency: positiveInt(64).default(2).describe('an integer from 1 to 64'),
    /** Largest input file accepted, in megabytes. */
    max_file_mb: positiveInt(1024).default(20).describe('an integer from 1 to 1024'),
    /** Most paragraphs (non-empty lines) one article may have. */
    max_paragraphs: positiveInt(100_000).default(2000).describe('an integer from 1 to 100000'),
    /** Follow symlinks that resolve outside the input folder (links inside it are always followed). */
    follow_symlinks: z.boolean().default(false).describe('true or false'),
    model: modelSchema.default(modelSchema.parse({})),
    clean: cleanSchema.default(cleanSchema.parse({})),
    translate: translateSchema.default(translateSchema.parse({})),
    summarize: summarizeSchema.default(summarizeSchema.parse({})),
  })
  .strict();

export type PipelineConfig = z.infer<typeof configSchema>;
export type ModelConfig = PipelineConfig['model'];

/** `model` once `dtype` is settled (from `dtype`, the deprecated `quantized`, or the default). */
export type ResolvedModelConfig = Omit<ModelConfig, 'dtype' | 'quantized'> & { dtype: ModelDtype };

/** Paths in a resolved config are absolute. */
export interface ResolvedConfig extends Omit<PipelineConfig, 'model'> {
  model: ResolvedModelConfig;
  /** What the user should know about the config but that does not stop the run (deprecated keys). */
  notices: string[];
  /** The file the config came from, or null when only defaults and flags were used. */
  file: string | null;
  /** Never touch the network, whatever `model.download` says. */
  offline: boolean;
}
