/**
 * The seam between the translate stage and a translation engine. An engine knows which files a
 * model folder must hold for a given precision and how to load them into a `Translator`; the
 * checks of those files (sizes, hashes, ONNX structure) and downloading them are shared.
 */
import type { ModelIdentity } from '../types.ts';
import type { ModelLocation } from './model-files.ts';
import type { RuntimeSettings } from './onnx/runtime.ts';

export type ModelDtype = 'q8' | 'fp32';

export interface DecodingOptions {
  /** Beam width; 1 is greedy. */
  beams: number;
  /** Most new tokens per sentence. */
  maxNewTokens: number;
  /** Sentences per decoder batch. */
  batchSize: number;
  /** Fewest beams for a sentence with constraints, even when `beams` is 1 (default 4). */
  constraintBeams?: number;
  /** Ends decoding at the next step, with an `INTERRUPTED` error. */
  signal?: AbortSignal;
}

export interface Translation {
  text: string;
  /** Mean log-probability per generated token. */
  score: number;
  /** The output reached the token limit and was cut. */
  truncated: boolean;
  /**
   * Indexes of the text's constraints the output could not contain within the token limit: the
   * translation is then the unconstrained one. Absent when every constraint was met (or none given).
   */
  unmetConstraints?: number[];
}

export interface Translator {
  readonly identity: ModelIdentity;
  /** Most source tokens the model accepts, the end-of-sentence token included. */
  readonly maxSourceTokens: number;
  /**
   * Translates each text; results come back in input order. Texts must already be normalised.
   * `constraints[i]`, when given, lists target-language terms text `i`'s translation must contain;
   * the engine tokenises them with the target vocabulary.
   */
  translate(texts: readonly string[], options: DecodingOptions, constraints?: readonly (readonly string[] | undefined)[]): Promise<Translation[]>;
  /** Token count of a text as the encoder sees it, end-of-sentence token included. */
  countTokens(text: string): number;
  dispose(): Promise<void>;
}

export interface TranslationEngine {
  /** The value of `model.engine` that selects it. */
  readonly id: string;
  /** Bump whenever a change to the engine changes what it outputs: translations cached under the old one are then not reused. */
  readonly version: string;
  /** The files a model folder must (and may) hold for this engine at this precision, relative to the folder. */
  files(dtype: ModelDtype): { required: string[]; optional: string[] };
  /** Loads verified model files. Heavy dependencies are imported here, never at module load. */
  load(location: ModelLocation, identity: ModelIdentity, cacheRoot: string, runtime?: RuntimeSettings): Promise<Translator>;
}
