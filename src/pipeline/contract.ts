/**
 * What the runner knows of the work it runs: a source of articles, per-article stages in order, and
 * run steps over the whole corpus after them. Types only; nothing here imports a stage.
 */
import type { CacheDamage } from '../cache/damage.ts';
import type { CacheDriver } from '../cache/driver.ts';
import type { ResolvedConfig } from '../config/schema.ts';

/** The run's cache: one driver per namespace (a stage's results, the article index, a memory), and the log its drivers note damaged entries in. */
export type CacheStore = ((namespace: string) => CacheDriver) & {
  readonly damage?: CacheDamage;
  /** Removes what killed writers left behind (temp files); returns how many were removed. */
  readonly removeLeftovers?: () => Promise<number>;
};

/** One input file as discovery found it: what the first stage reads. */
export interface SourceFile {
  /** Stable article id derived from the relative path. */
  id: string;
  /** Path relative to the input folder, with forward slashes. */
  path: string;
  absolutePath: string;
  bytes: number;
  /** sha256 of the file's bytes. */
  sha256: string;
  /** Other files the first stage reads for this one (metadata beside it): part of its cache key. */
  companions?: CompanionFile[];
}

export interface CompanionFile {
  /** Path relative to the input folder, with forward slashes. */
  path: string;
  absolutePath: string;
  sha256: string;
}

/** A file of the input folder that is no article, and why: listed once per run, never silently passed over. */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface SourceProblem {
  path: string;
  error: unknown;
}

/** Where a run's articles come from. */
export interface Source {
  /** The files of the input folder, those that could not be read (each becomes a failure) and those that are no article. */
  discover(config: ResolvedConfig, cache: CacheStore): Promise<{ files: SourceFile[]; problems: SourceProblem[]; skipped?: SkippedFile[] }>;
  /** The article id a path would get: lets a problem file be placed in its shard. */
  idFor(relativePath: string): string;
  /** The part of a source file the first stage's output depends on: its cache key is built from it. */
  keyOf(file: SourceFile): unknown;
}

/**
 * Per-run state of one stage (a loaded model, a memory, counters). The runner creates it the first
 * time the stage needs it in a run and disposes of it when the run ends; `create` must be cheap and
 * leave heavy work to first use, so that cached runs stay light.
 */
export interface Resource<Value> {
  /** `run.signal` aborts when the run is interrupted: work the resource does for many articles at once (a batch queue) should stop then. */
  create(config: ResolvedConfig, cache: CacheStore, run: { signal?: AbortSignal }): Value;
  dispose?(value: Value): Promise<void>;
  /** What the run report records of this stage's work (JSON). */
  statistics?(value: Value): Record<string, unknown>;
  /** One line for the closing summary, from those statistics. */
  describe?(statistics: Record<string, unknown>): string;
}

export interface StageContext<Options, Resources = undefined> {
  articleId: string;
  options: Options;
  resources: Resources;
  /** The version the runner keys this stage's results by: anything the stage caches on its own must be keyed by it too. */
  version: string;
}


/**
 * A per-article pipeline stage: a pure-ish function of its input record and its config slice.
 *
 * The cache key of a result is built from `name`, `version`, `options(config)` and the hash of the
 * input record (plus `identity()` where the result depends on something outside the record, such
 * as a model). Bump `version` whenever the code changes what a stage outputs.
 */
export interface Stage<Input, Output, Options = unknown, Resources = undefined> {
  readonly name: string;
  readonly version: string;
  /** The slice of the config this stage depends on. JSON only: it becomes part of the cache key. */
  options(config: ResolvedConfig): Options;
  /** Articles in flight at once; defaults to `concurrency` from the config. */
  concurrency?(config: ResolvedConfig): number;
  readonly resources?: Resource<Resources>;
  /** Anything else the output depends on, resolved once per run without loading heavy code. */
  identity?(resources: Resources, options: Options): Promise<unknown>;
  /**
   * The stage writes files the user reads: a run that runs it takes the output folder's lock, and
   * a shard (which sees part of the corpus, without the lock) stops before it.
   */
  readonly writesOutputs?: boolean;
  run(input: Input, context: StageContext<Options, Resources>): Promise<Output>;
  /** A few cheap structural checks of a result read back from the cache: false makes it a damaged entry, recomputed. */
  isRecord?(value: unknown): boolean;
  /** For stages with side effects: whether a cached result still holds (its files are intact). */
  isValid?(output: Output, context: StageContext<Options, Resources>): Promise<boolean>;
  /** Sentences in a result, for progress lines; stages that do not deal in sentences leave it out. */
  sentences?(output: Output): number;
}

// A stage list mixes input and output types; the runner only moves records between them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStage = Stage<any, any, any, any>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InputOf<S> = S extends Stage<infer Input, any, any, any> ? Input : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OutputOf<S> = S extends Stage<any, infer Output, any, any> ? Output : never;

/** Resolves to the list when each stage's output is accepted as the next stage's input, else to an error naming the pair. */
export type ChainOf<Stages extends readonly AnyStage[]> = Stages extends readonly [infer First extends AnyStage, infer Second extends AnyStage, ...infer Rest extends readonly AnyStage[]]
  ? [OutputOf<First>] extends [InputOf<Second>]
    ? ChainOf<readonly [Second, ...Rest]> extends readonly AnyStage[]
      ? Stages
      : ChainOf<readonly [Second, ...Rest]>
    : { error: 'a stage does not accept the previous stage output'; output: OutputOf<First>; input: InputOf<Second> }
  : Stages;

/** What a run step is told about the stage whose results it reads. */
export interface RunStepContext {
  config: ResolvedConfig;
  /** The version of the stage the step follows: part of any cache key the step keeps. */
  upstreamVersion: string;
  /** Every article the source found in this run, failed ones included, by id and path. */
  sources: ReadonlyArray<{ id: string; path: string }>;
  /** Paths (files or folders) the source could not read: what lies under them may still exist. */
  unreadable: readonly string[];
}

/**
 * Corpus-level work after a stage has run over every article (such as a digest across them). It runs
 * only when that stage ran in full (not in a shard, not skipped, not cache-only) and nothing fatal
 * happened; it keeps a small part of each article's result until then.
 */
export interface RunStep<Result, Kept, Report = unknown> {
  readonly name: string;
  /** The name of the stage whose results it reads. */
  readonly after: string;
  /** What of each result it keeps until it runs: it is held for every article of the run. */
  keep(result: Result): Kept;
  run(kept: Kept[], context: RunStepContext): Promise<Report>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRunStep = RunStep<any, any, any>;

export interface Pipeline {
  readonly source: Source;
  readonly stages: readonly AnyStage[];
  readonly steps: readonly AnyRunStep[];
}
