import path from 'node:path';
import PQueue from 'p-queue';
import { damageLogOf } from '../cache/damage.ts';
import { createFsDriver } from '../cache/fs-driver.ts';
import { removeLeftoverCacheTemps } from '../cache/leftovers.ts';
import type { ResolvedConfig } from '../config/schema.ts';
import { WartaError, type ErrorCode } from '../errors.ts';
import { writeOutput } from '../io/output.ts';
import { removeLeftoverTempFiles } from '../io/atomic-write.ts';
import { processAlive } from '../util/process.ts';
import { sha256 } from '../util/hash.ts';
import type { AnyRunStep, AnyStage, CacheStore, Pipeline, RunStepContext, SkippedFile, SourceFile } from './contract.ts';
import { acquireLock, type Lock } from './lock.ts';
import { silentReporter, type Reporter, type StageProgress } from './reporter.ts';
import { ResourcePool } from './resources.ts';
import { RunTable } from './run-table.ts';
import { StageRun, type ArticleState, type RunContext, type StageMode } from './stage-runner.ts';

export type { StageMode } from './stage-runner.ts';

export interface RunOptions {
  /** Run only this stage; earlier results come from the cache. */
  only?: string;
  /** Run this stage and every later one; earlier results come from the cache. */
  from?: string;
  /** Ignore cached results of the stages that run. */
  force?: boolean;
  /** Process only shard `index` of `count` (0-based); stages that write outputs are left to a later full or `--only` run. */
  shard?: { index: number; count: number };
  reporter?: Reporter;
  /** Where results are cached; by default one folder per namespace under `config.cache`. */
  cache?: CacheStore;
  /**
   * Ends the run early (Ctrl-C): no new work starts, the work in flight gets a moment to finish its
   * (atomic) writes, no run step runs, the lock is released and the report says `interrupted`.
   */
  signal?: AbortSignal;
}

export interface StageSummary {
  mode: StageMode;
  ran: number;
  cached: number;
  failed: number;
  ms: number;
  /** What the stage reports of its own work (from its resources' `statistics`). */
  statistics?: Record<string, unknown>;
}

export interface ArticleFailure {
  article: string;
  path: string;
  stage: string;
  code: ErrorCode | 'INTERNAL';
  message: string;
  hint?: string;
}

export interface RunReport {
  /** 2: stage statistics moved under `stages.<name>.statistics`; run steps listed under `steps`. */
  format: 2;
  articles: number;
  completed: number;
  shard?: { index: number; count: number };
  stages: Record<string, StageSummary>;
  /** What each run step reported, by name, for the steps that ran. */
  steps: Record<string, unknown>;
  failures: ArticleFailure[];
  /** Files of the input folder that are no article, each with the reason (once per run). */
  skipped: SkippedFile[];
  /** An error that stopped the run for every article (missing model, unwritable output). */
  fatal: { code: ErrorCode; message: string; hint?: string } | null;
  /** The run was ended early by its signal: what is cached stays, the outputs were not brought up to date. */
  interrupted?: true;
  /** This run ran a stage but not a later one that writes outputs: the command that brings them up to date. */
  outputsBehind?: string;
  /** Cache entries found damaged (edited, mixed up, of the wrong shape) during the run: each was a miss, recomputed and rewritten. */
  damagedCacheEntries: number;
  /** Temp files that killed writers had left in the cache, removed during this run. */
  leftoverCacheFilesRemoved?: number;
  durationMs: number;
}

const CACHE_CHECKS_AT_ONCE = 32;
/** How long an interrupted run waits for the work in flight to finish its writes. */
const IN_FLIGHT_GRACE_MS = 500;

/** Errors that concern the whole run, not one article: no point trying the next article. */
const FATAL_CODES = new Set<ErrorCode>(['MODEL_MISSING', 'MODEL_CORRUPT', 'MODEL_LOAD_FAILED', 'MODEL_DOWNLOAD_FAILED', 'OUTPUT_WRITE_FAILED', 'CACHE_WRITE_FAILED']);

/**
 * What each stage does in a run. `--only STAGE` reads earlier stages from the cache and runs STAGE
 * alone; when that leaves a later stage that writes outputs behind, the run says which command
 * brings them up to date (`outputsBehind`). `--from STAGE` runs STAGE and the rest.
 */
export function stageModes(stages: readonly AnyStage[], options: Pick<RunOptions, 'only' | 'from' | 'shard'>): StageMode[] {
  const target = options.only ?? options.from;
  const targetIndex = target ? stages.findIndex((stage) => stage.name === target) : 0;
  // A shard sees only part of the corpus and takes no lock: it stops before the first stage that writes outputs.
  const shardEnd = options.shard ? stages.findIndex((stage) => stage.writesOutputs) : -1;
  return stages.map((_, i) => {
    if (i < targetIndex) return 'cache-only';
    if (options.only && i > targetIndex) return 'skipped';
    if (shardEnd !== -1 && i >= shardEnd) return 'skipped';
    return 'run';
  });
}

/**
 * The command that brings the outputs up to date after a run that ran a stage but skipped a later
 * stage that writes outputs (`--only`, a shard), or null when the run leaves none behind.
 */
export function outputsCommand(stages: readonly AnyStage[], modes: readonly StageMode[], options: Pick<RunOptions, 'shard'>): string | null {
  const lastRun = modes.lastIndexOf('run');
  const behind = stages.findIndex((stage, i) => i > lastRun && stage.writesOutputs && modes[i] === 'skipped');
  if (lastRun === -1 || behind === -1) return null;
  // Shards each hold part of the corpus: one later run writes the outputs of all, from the cache.
  return options.shard ? `warta run --only ${stages[behind]!.name}` : `warta run --from ${stages[lastRun + 1]!.name}`;
}

/** The line that says so, for the start of the run. */
export function outputsNote(command: string, options: Pick<RunOptions, 'only' | 'shard'>): string {
  const what = options.shard ? 'A shard does not update the outputs: once every shard is done, run' : `--only ${options.only} does not update the outputs: to bring them up to date, run`;
  return `${what} \`${command}\` (it reads this run's results from the cache).`;
}

export function fsCacheStore(root: string): CacheStore {
  return Object.assign((namespace: string) => createFsDriver(root, namespace), { damage: damageLogOf(root), removeLeftovers: () => removeLeftoverCacheTemps(root) });
}

/** Runs the pipeline's stages over the source's articles, then the run steps whose stage ran in full. */
export async function runPipeline(config: ResolvedConfig, pipeline: Pipeline, options: RunOptions = {}): Promise<RunReport> {
  const reporter = options.reporter ?? silentReporter;
  const modes = stageModes(pipeline.stages, options);
  const behind = outputsCommand(pipeline.stages, modes, options);
  if (behind) reporter.info(outputsNote(behind, options));
  let lock: Lock | null;
  try {
    lock = await lockOutputs(config, pipeline, modes, options, reporter);
  } catch (error) {
    if (options.signal?.aborted) return { ...emptyReport(pipeline, modes, options), interrupted: true };
    throw error;
  }
  try {
    if (lock) await removeLeftoverOutputTemps(config.output);
    return await runLocked(config, pipeline, { ...options, reporter, cache: options.cache ?? fsCacheStore(config.cache) }, modes);
  } finally {
    await lock?.release();
  }
}

/** The output folder's lock, for a run that runs a stage that writes outputs. */
async function lockOutputs(config: ResolvedConfig, pipeline: Pipeline, modes: StageMode[], options: RunOptions, reporter: Reporter): Promise<Lock | null> {
  if (!pipeline.stages.some((stage, i) => stage.writesOutputs && modes[i] === 'run')) return null;
  return acquireLock(config.output, {
    onWait: (holder, lockFile) =>
      reporter.info(
        `Waiting: another warta run${holder ? ` (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})` : ''} is writing to ${config.output}. This run starts when it ends (lock: ${lockFile}).`,
      ),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/**
 * A run killed while writing an output leaves its temp file behind. Under the output lock, the
 * per-article files are this run's alone, so every temp file there is a leftover; in the output
 * folder itself, shards and `--only` runs also write their run reports without the lock, so only
 * the temp files of writers no longer alive here go (never a shard's report).
 */
async function removeLeftoverOutputTemps(outputDir: string): Promise<void> {
  await removeLeftoverTempFiles(path.join(outputDir, 'articles'), () => true);
  await removeLeftoverTempFiles(outputDir, ({ target, pid }) => !target.startsWith('run.shard-') && pid !== process.pid && !processAlive(pid));
}

type ResolvedRunOptions = RunOptions & { reporter: Reporter; cache: CacheStore };

async function runLocked(config: ResolvedConfig, pipeline: Pipeline, options: ResolvedRunOptions, modes: StageMode[]): Promise<RunReport> {
  const started = performance.now();
  const resources = new ResourcePool(config, options.cache, options.signal);
  const report = emptyReport(pipeline, modes, options);
  const lingering: Promise<unknown>[] = [];
  const damagedSoFar = (options.cache.damage ?? damageLogOf(config.cache)).watch();
  // Alongside the run: it never delays the first article.
  const leftovers = (options.cache.removeLeftovers?.() ?? Promise.resolve(0)).catch(() => 0);
  try {
    const sources = await discoverShard(config, pipeline, options, report);
    if (report.articles === 0) options.reporter.info(`No articles (.txt, .md, .html) found in ${config.input}${options.shard ? ` for shard ${options.shard.index}/${options.shard.count}` : ''}.`);
    const run: RunContext = { config, cache: options.cache, source: pipeline.source, resources, force: options.force ?? false, table: new RunTable(sources.length, pipeline.stages.map((s) => s.name)) };
    const kept = await runStages(sources, pipeline, modes, run, { reporter: options.reporter, report, lingering, ...(options.signal ? { signal: options.signal } : {}) });
    if (options.signal?.aborted) report.interrupted = true;
    else if (!report.fatal) await runSteps(pipeline, modes, kept, { config, sources: sources.map(({ id, path }) => ({ id, path })), unreadable: discoveryProblems(report) }, report);
  } catch (error) {
    report.fatal = asFatal(error);
  } finally {
    for (const [name, statistics] of Object.entries(resources.statistics())) report.stages[name]!.statistics = statistics;
    // Work cut short by an interruption may still use a resource (a model session): it is disposed of once that work ends.
    if (lingering.length > 0) void Promise.allSettled(lingering).then(() => resources.dispose());
    else await resources.dispose();
    report.damagedCacheEntries = damagedSoFar();
    const removed = await leftovers;
    if (removed > 0) report.leftoverCacheFilesRemoved = removed;
  }
  if (report.damagedCacheEntries > 0) options.reporter.info(damagedEntriesLine(report.damagedCacheEntries));
  report.durationMs = Math.round(performance.now() - started);
  await writeRunJson(config, report).catch((error: unknown) => {
    if (!report.fatal && error instanceof WartaError) report.fatal = fatalOf(error);
  });
  return report;
}

function emptyReport(pipeline: Pipeline, modes: StageMode[], options: RunOptions): RunReport {
  const behind = outputsCommand(pipeline.stages, modes, options);
  return {
    format: 2,
    articles: 0,
    completed: 0,
    ...(options.shard ? { shard: options.shard } : {}),
    stages: Object.fromEntries(pipeline.stages.map((stage, i) => [stage.name, { mode: modes[i]!, ran: 0, cached: 0, failed: 0, ms: 0 }])),
    ...(behind ? { outputsBehind: behind } : {}),
    steps: {},
    failures: [],
    skipped: [],
    fatal: null,
    damagedCacheEntries: 0,
    durationMs: 0,
  };
}

/** The article files of this run (of its shard); each file that could not be read is a failure. */
async function discoverShard(config: ResolvedConfig, pipeline: Pipeline, options: ResolvedRunOptions, report: RunReport): Promise<SourceFile[]> {
  const discovered = await pipeline.source.discover(config, options.cache);
  const inShard = (id: string) => !options.shard || shardOf(id, options.shard.count) === options.shard.index;
  const problems = discovered.problems.filter((problem) => inShard(pipeline.source.idFor(problem.path)));
  for (const problem of problems) report.failures.push(failureOf(problem.error, { article: problem.path, path: problem.path, stage: 'discover' }));
  report.skipped = (discovered.skipped ?? []).filter((skipped) => inShard(pipeline.source.idFor(skipped.path)));
  const files = discovered.files.filter((file) => inShard(file.id));
  report.articles = files.length + problems.length;
  return files;
}

/** The shard an article belongs to: a hash of its id, so the split is the same on every machine. */
export function shardOf(articleId: string, count: number): number {
  return Number.parseInt(sha256(articleId).slice(0, 8), 16) % count;
}

/** How the stages of one run report and stop. */
interface StagesControl {
  reporter: Reporter;
  report: RunReport;
  signal?: AbortSignal;
  /** Work still in flight when an interruption ended a stage. */
  lingering: Promise<unknown>[];
}

/** Every stage in order over the articles, as far as the modes go; stops at a fatal error or an interruption. Returns what each run step kept. */
async function runStages(sources: readonly SourceFile[], pipeline: Pipeline, modes: StageMode[], run: RunContext, control: StagesControl): Promise<Map<AnyRunStep, unknown[]>> {
  const { report } = control;
  const articles = sources.map<ArticleState>((source, row) => ({ source, row, failed: false }));
  const kept = new Map<AnyRunStep, unknown[]>(pipeline.steps.map((step) => [step, []]));
  let upstream: StageRun | null = null;
  for (const [position, stage] of pipeline.stages.entries()) {
    const mode = modes[position]!;
    if (mode === 'skipped' || report.fatal || control.signal?.aborted) break;
    const keepers = pipeline.steps.filter((step) => step.after === stage.name);
    const stageStarted = performance.now();
    const stageRun: StageRun = await StageRun.open(stage, position, mode, upstream, run, keepers.length > 0);
    const progress = await runStage(stageRun, articles, control, (record) => keepers.forEach((step) => kept.get(step)!.push(step.keep(record))));
    run.table.forget(position);
    Object.assign(report.stages[stage.name]!, { ran: progress.ran, cached: progress.cached, failed: progress.failed, ms: Math.round(performance.now() - stageStarted) });
    upstream = stageRun;
  }
  report.completed = articles.filter((a) => !a.failed).length;
  return kept;
}

/** One stage over every article not failed so far; cache checks run many at once, the stage's own work within its concurrency. */
async function runStage(stageRun: StageRun, articles: ArticleState[], control: StagesControl, keep: (record: unknown) => void): Promise<StageProgress> {
  const { stage } = stageRun;
  const { report, reporter, signal } = control;
  const pending = articles.filter((article) => !article.failed);
  const progress: StageProgress = { stage: stage.name, total: pending.length, done: 0, ran: 0, cached: 0, failed: 0, sentences: 0 };
  reporter.stageStart({ ...progress });
  const queue = new PQueue({ concurrency: Math.max(CACHE_CHECKS_AT_ONCE, stageRun.work.concurrency) });
  for (const article of pending) {
    // Queue articles as slots free up, not all at once: thousands of waiting closures cost memory.
    await Promise.race([queue.onSizeLessThan(queue.concurrency), abortedOf(signal)]);
    if (report.fatal || signal?.aborted) break;
    void queue.add(async () => {
      if (report.fatal) return;
      try {
        const { entry, ran } = await stageRun.process(article);
        progress[ran ? 'ran' : 'cached']++;
        if (entry.record !== undefined) {
          progress.sentences += stage.sentences?.(entry.record) ?? 0;
          keep(entry.record);
        }
      } catch (error) {
        // Cut short by the run's interruption: not a failure of the article.
        if (error instanceof WartaError && error.code === 'INTERRUPTED') return;
        if (error instanceof WartaError && FATAL_CODES.has(error.code)) {
          report.fatal ??= fatalOf(error);
          queue.clear();
          return;
        }
        article.failed = true;
        progress.failed++;
        report.failures.push(failureOf(error, { article: article.source.id, path: article.source.path, stage: stage.name }));
      } finally {
        progress.done++;
        reporter.stageProgress({ ...progress });
      }
    });
  }
  await Promise.race([queue.onIdle(), abortedOf(signal)]);
  if (signal?.aborted) await stopInFlight(queue, stageRun.work, control.lingering);
  reporter.stageEnd({ ...progress });
  return progress;
}

const abortions = new WeakMap<AbortSignal, Promise<void>>();
const never = new Promise<void>(() => {});

/** Resolves when the signal aborts (never without one); one promise per signal, however often it is asked. */
function abortedOf(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return never;
  let aborted = abortions.get(signal);
  if (!aborted) {
    aborted = new Promise((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    abortions.set(signal, aborted);
  }
  return aborted;
}

/**
 * Interrupted: queued work is dropped and no more starts; the work in flight gets a moment to finish
 * its writes (each atomic, so one cut short leaves no torn entry). What is still running goes to `lingering`.
 */
async function stopInFlight(queue: PQueue, work: PQueue, lingering: Promise<unknown>[]): Promise<void> {
  for (const q of [queue, work]) {
    q.pause();
    q.clear();
  }
  const running = work.onPendingZero();
  lingering.push(running);
  await Promise.race([running, new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_GRACE_MS).unref())]);
}

/** The corpus-level steps whose stage ran in full, in order. */
async function runSteps(pipeline: Pipeline, modes: StageMode[], kept: Map<AnyRunStep, unknown[]>, context: Omit<RunStepContext, 'upstreamVersion'>, report: RunReport): Promise<void> {
  for (const step of pipeline.steps) {
    const position = pipeline.stages.findIndex((stage) => stage.name === step.after);
    if (modes[position] !== 'run') continue;
    const items = kept.get(step)!;
    kept.set(step, []);
    report.steps[step.name] = await step.run(items, { ...context, upstreamVersion: pipeline.stages[position]!.version });
  }
}

/** The paths discovery could not read, from the failures it recorded. */
function discoveryProblems(report: RunReport): string[] {
  return report.failures.filter((failure) => failure.stage === 'discover').map((failure) => failure.path);
}

function damagedEntriesLine(count: number): string {
  return count === 1 ? '1 cache entry was damaged and recomputed.' : `${count} cache entries were damaged and recomputed.`;
}

function fatalOf(error: WartaError): NonNullable<RunReport['fatal']> {
  return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

/** A fatal error as the report records it; anything else is a bug and goes on up. */
function asFatal(error: unknown): NonNullable<RunReport['fatal']> {
  if (error instanceof WartaError && FATAL_CODES.has(error.code)) return fatalOf(error);
  throw error;
}

function failureOf(error: unknown, where: Pick<ArticleFailure, 'article' | 'path' | 'stage'>): ArticleFailure {
  if (error instanceof WartaError) return { ...where, code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  const message = error instanceof Error ? error.message : String(error);
  return { ...where, code: 'INTERNAL', message: `Unexpected error: ${message}` };
}

async function writeRunJson(config: ResolvedConfig, report: RunReport): Promise<void> {
  const name = report.shard ? `run.shard-${report.shard.index}-of-${report.shard.count}.json` : 'run.json';
  await writeOutput(config.output, name, `${JSON.stringify({ ...report, config: config.file }, null, 2)}\n`);
}
