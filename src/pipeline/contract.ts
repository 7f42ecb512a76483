import type { ResolvedConfig } from '../config/schema.ts';
import type { RunServices } from '../stages/translate/resources.ts';

export type StageName = 'ingest' | 'clean' | 'segment' | 'translate' | 'summarize' | 'render';

export interface StageContext<Options> {
  articleId: string;
  options: Options;
  config: ResolvedConfig;
  services: RunServices;
}

/**
 * A pipeline stage: a pure-ish function of its input record and its config slice.
 *
 * The cache key of a stage result is built from `name`, `version`, `options(config)` and the hash
 * of the input record (plus `identity()` where the result depends on something outside the record,
 * such as the translation model). Bump `version` whenever the code changes what a stage outputs.
 */
export interface Stage<Input, Output, Options = unknown> {
  readonly name: StageName;
  readonly version: string;
  /** The slice of the config this stage depends on. JSON only: it becomes part of the cache key. */
  options(config: ResolvedConfig): Options;
  /** Articles in flight at once; defaults to `concurrency` from the config. */
  concurrency?(config: ResolvedConfig): number;
  /** The part of the input the output depends on; defaults to the whole record. */
  keyOf?(input: Input): unknown;
  /** Anything else the output depends on, resolved once per run without loading heavy code. */
  identity?(services: RunServices, options: Options): Promise<unknown>;
  run(input: Input, context: StageContext<Options>): Promise<Output>;
  /** For stages with side effects: whether a cached result still holds (its files are intact). */
  isValid?(output: Output, context: StageContext<Options>): Promise<boolean>;
}

// A stage list mixes input and output types; the runner only moves records between them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStage = Stage<any, any, any>;
