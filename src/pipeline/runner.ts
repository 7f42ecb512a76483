import path from 'node:path';
import PQueue from 'p-queue';
import { createFsDriver } from '../cache/fs-driver.ts';
import type { CacheDriver } from '../cache/driver.ts';
import type { ResolvedConfig } from '../config/schema.ts';
import { WartaError, type ErrorCode } from '../errors.ts';
import { STAGES } from '../stages/index.ts';
import { articleIdFor, discoverArticles, fileHashMemo, type SourceFile } from '../stages/ingest/discover.ts';
import { writeOutput } from '../io/output.ts';
import { digestInput, writeRunOutputs } from '../digest/outputs.ts';
import type { AnyStage, StageName } from './contract.ts';
import type { RenderedArticle } from '../types.ts';
import type { RenderedFiles } from '../digest/outputs.ts';
import { removeLeftoverTempFiles } from '../io/atomic-write.ts';
import { processAlive } from '../util/process.ts';
import { hashValue, sha256 } from '../util/hash.ts';
import { DigestColumn } from './digest-column.ts';
import { acquireLock } from './lock.ts';
import { silentReporter, type Reporter, type StageProgress } from './reporter.ts';
import { createRunServices, type RunServices, type TranslationStats } from '../stages/translate/resources.ts';

export interface RunOptions {
  /** Run only this stage; earlier results come from the cache. */
  only?: StageName;
  /** Run this stage and every later one; earlier results come from the cache. */
  from?: StageName;
  /** Ignore cached results of the stages that run. */
  force?: boolean;
  /** Process only shard `index` of `count` (0-based); the final render is left to a later `--only render`. */
  shard?: { index: number; count: number };
  reporter?: Reporter;
}

export type StageMode = 'run' | 'cache-only' | 'skipped';

export interface StageSummary {
  mode: StageMode;
  ran: number;
  cached: number;
  failed: number;
  ms: number;
}

export interface ArticleFailure {
  article: string;
  path: string;
  stage: StageName | 'discover';
  code: ErrorCode | 'INTERNAL';
  message: string;
  hint?: string;
}

export interface RunReport {
  articles: number;
  completed: number;
  shard?: { index: number; count: number };
  stages: Record<StageName, StageSummary>;
  translation: TranslationStats;
  failures: ArticleFailure[];
  /** An error that stopped the run for every article (missing model, unwritable output). */
  fatal: { code: ErrorCode; message: string; hint?: string } | null;
  durationMs: number;
}

/** What the cache holds for one stage result of one article. */
export interface StageEntry<Output = unknown> {
  stage: StageName;
  article: string;
  record: Output;
  recordHash: string;
}

/** What the index remembers of an article's last result at one stage, so `status` can say why it is stale. */
export interface IndexEntry {
  key: string;
  /** Hash of the result record under `key`: what the next stage's key is built from. */
  recordHash: string;
  version: string;
  inputHash: string;
  optionsHash: string;
  identityHash: string;
}

const CACHE_CHECKS_AT_ONCE = 32;

/** Errors that concern the whole run, not one article: no point trying the next article. */
const FATAL_CODES = new Set<ErrorCode>(['MODEL_MISSING', 'MODEL_CORRUPT', 'MODEL_LOAD_FAILED', 'MODEL_DOWNLOAD_FAILED', 'OUTPUT_WRITE_FAILED', 'CACHE_WRITE_FAILED']);

export function stageModes(options: Pick<RunOptions, 'only' | 'from' | 'shard'>): StageMode[] {
  const target = options.only ?? options.from;
  const targetIndex = target ? STAGES.findIndex((stage) => stage.name === target) : 0;
  return STAGES.map((stage, i) => {
    if (i < targetIndex) return 'cache-only';
    if (options.only && i > targetIndex) return 'skipped';
    // A shard sees only part of the corpus: the digest and report need all of it.
    if (options.shard && stage.name === 'render') return 'skipped';
    return 'run';
  });
}

export function stageKey(stage: AnyStage, inputHash: string, optionsHash: string, identityHash: string): string {
  return hashValue({ stage: stage.name, version: stage.version, inputHash, optionsHash, identityHash });
}

/** Per article (keyed by sha256 of its id), the last result of each stage: one small file to read. */
export type ArticleIndex = Partial<Record<StageName, IndexEntry>>;

export function stageResults(config: ResolvedConfig, stage: AnyStage): CacheDriver {
  return createFsDriver(config.cache, `stages/${stage.name}`);
}

export function articleIndex(config: ResolvedConfig): CacheDriver {
  return createFsDriver(config.cache, 'index');
}

interface ArticleState {
  source: SourceFile;
  /** The article's row in the run's hash table. */
  row: number;
  failed: boolean;
}

/**
 * The hashes the runner needs of every article across stages, in columns of raw digests by row
 * (digest-column.ts), so that what grows with the corpus is a few hundred bytes per article.
 */
class RunTable {
  /** Cache key of each article's result at each stage so far, by stage position: `materialize` walks back along them. */
  readonly keys: DigestColumn[] = [];
  /** Record hash of each article's last completed stage: the next stage's input hash. */
  readonly recordHashes: DigestColumn;
  /** What each article's index remembers of each stage (key, record hash), by stage position; a stage's columns go once it is done. */
  readonly remembered: Array<{ key: DigestColumn; recordHash: DigestColumn } | undefined>;
  private readonly indexRead: Uint8Array;

  constructor(readonly rows: number) {
    this.recordHashes = new DigestColumn(rows);
    this.indexRead = new Uint8Array(rows);
    this.remembered = STAGES.map(() => undefined);
  }

  keysAt(position: number): DigestColumn {
    return (this.keys[position] ??= new DigestColumn(this.rows));
  }

  /** Reads the article's index into `remembered` the first time a stage asks. */
  async recall(row: number, read: () => Promise<ArticleIndex | undefined>): Promise<void> {
    if (this.indexRead[row] === 1) return;
    this.indexRead[row] = 1;
    const index = await read();
    STAGES.forEach((stage, position) => {
      const entry = index?.[stage.name];
      if (!entry || typeof entry.key !== 'string' || typeof entry.recordHash !== 'string') return;
      const columns = (this.remembered[position] ??= { key: new DigestColumn(this.rows), recordHash: new DigestColumn(this.rows) });
      if (columns.key.set(row, entry.key)) columns.recordHash.set(row, entry.recordHash);
    });
  }

  /** The index's [key, record hash] of the article at this stage, if it has both. */
  rememberedAt(position: number, row: number): readonly [string, string] | undefined {
    const columns = this.remembered[position];
    const key = columns?.key.get(row);
    const recordHash = columns?.recordHash.get(row);
    return key !== undefined && recordHash !== undefined ? [key, recordHash] : undefined;
  }

  forget(position: number): void {
    this.remembered[position] = undefined;
  }
}

export async function runPipeline(config: ResolvedConfig, options: RunOptions = {}): Promise<RunReport> {
  const reporter = options.reporter ?? silentReporter;
  const modes = stageModes(options);
  // Runs that write the per-article outputs take the output folder's lock; shards and `--only`
  // runs before render only add content-addressed cache entries, which is safe to do at once.
  const lock =
    modes.at(-1) === 'run'
      ? await acquireLock(config.output, {
          onWait: (holder, lockFile) =>
            reporter.info(
              `Waiting: another warta run${holder ? ` (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})` : ''} is writing to ${config.output}. This run starts when it ends (lock: ${lockFile}).`,
            ),
        })
      : null;
  try {
    if (lock) await removeLeftoverOutputTemps(config.output);
    return await runLocked(config, options, modes, reporter);
  } finally {
    await lock?.release();
  }
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

async function runLocked(config: ResolvedConfig, options: RunOptions, modes: StageMode[], reporter: Reporter): Promise<RunReport> {
  const started = performance.now();
  const services = createRunServices(config);
  const failures: ArticleFailure[] = [];
  const stages = Object.fromEntries(STAGES.map((stage, i) => [stage.name, { mode: modes[i]!, ran: 0, cached: 0, failed: 0, ms: 0 }])) as Record<StageName, StageSummary>;
  let fatal: RunReport['fatal'] = null;

  let [sources, problemCount] = await discoverShard(config, options, failures);
  const articleCount = sources.length + problemCount;
  if (articleCount === 0) reporter.info(`No .txt or .md articles found in ${config.input}${options.shard ? ` for shard ${options.shard.index}/${options.shard.count}` : ''}.`);
  let completed = 0;

  try {
    const running = runStages(sources, modes, { config, services, reporter, force: options.force ?? false, failures }, stages);
    // From here the stages' own state is all that refers to the articles: once they are done, the
    // digest runs with none of it in memory.
    sources = [];
    const outcome = await running;
    completed = outcome.completed;
    fatal = outcome.fatal;
    if (!fatal && modes[modes.length - 1] === 'run') {
      await writeRunOutputs(config, outcome.rendered);
    }
  } catch (error) {
    if (!(error instanceof WartaError) || !FATAL_CODES.has(error.code)) throw error;
    fatal = { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  } finally {
    await services.dispose();
  }

  const report: RunReport = {
    articles: articleCount,
    completed,
    ...(options.shard ? { shard: options.shard } : {}),
    stages,
    translation: services.translation,
    failures,
    fatal,
    durationMs: Math.round(performance.now() - started),
  };
  await writeRunJson(config, report).catch((error: unknown) => {
    if (!report.fatal && error instanceof WartaError) report.fatal = { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  });
  return report;
}

/** The article files of this run (of its shard), and how many files could not be read (each a failure). */
async function discoverShard(config: ResolvedConfig, options: RunOptions, failures: ArticleFailure[]): Promise<[SourceFile[], number]> {
  const discovered = await discoverArticles(config.input, config.max_file_mb * 1024 * 1024, fileHashMemo(createFsDriver(config.cache, 'sources'), config.input));
  const inShard = (id: string) => !options.shard || shardOf(id, options.shard.count) === options.shard.index;
  const problems = discovered.problems.filter((problem) => inShard(articleIdFor(problem.path)));
  for (const problem of problems) failures.push(failureOf(problem.error, { article: problem.path, path: problem.path, stage: 'discover' }));
  return [discovered.files.filter((file) => inShard(file.id)), problems.length];
}

/** Every stage in order over the articles, as far as the modes go; stops at a fatal error. */
async function runStages(
  sources: readonly SourceFile[],
  modes: StageMode[],
  context: Omit<StageRunContext, 'summary'>,
  stages: Record<StageName, StageSummary>,
): Promise<{ rendered: RenderedFiles[]; completed: number; fatal: RunReport['fatal'] }> {
  const articles = sources.map<ArticleState>((source, row) => ({ source, row, failed: false }));
  const table = new RunTable(articles.length);
  let rendered: RenderedFiles[] = [];
  let fatal: RunReport['fatal'] = null;
  for (const [i, stage] of STAGES.entries()) {
    const mode = modes[i]!;
    if (mode === 'skipped' || fatal) break;
    const summary = stages[stage.name];
    const stageStarted = performance.now();
    const outcome = await runStage(stage, mode, articles, table, { ...context, summary });
    summary.ms = Math.round(performance.now() - stageStarted);
    if (outcome.fatal) fatal = outcome.fatal;
    if (stage.name === 'render') rendered = outcome.records as RenderedFiles[];
  }
  return { rendered, completed: articles.filter((a) => !a.failed).length, fatal };
}

/** The shard an article belongs to: a hash of its id, so the split is the same on every machine. */
export function shardOf(articleId: string, count: number): number {
  return Number.parseInt(sha256(articleId).slice(0, 8), 16) % count;
}

interface StageRunContext {
  config: ResolvedConfig;
  services: RunServices;
  reporter: Reporter;
  force: boolean;
  failures: ArticleFailure[];
  summary: StageSummary;
}

async function runStage(
  stage: AnyStage,
  mode: StageMode,
  articles: ArticleState[],
  table: RunTable,
  { config, services, reporter, force, failures, summary }: StageRunContext,
): Promise<{ records: unknown[]; fatal: RunReport['fatal'] }> {
  const stagePosition = STAGES.indexOf(stage);
  const results = stageResults(config, stage);
  const indexes = articleIndex(config);
  const keys = table.keysAt(stagePosition);
  // Listing the stage's results once lets a cache hit be decided without reading the result.
  const present = (await results.keys?.()) ?? new Set<string>();
  const stageOptions = stage.options(config);
  const optionsHash = hashValue(stageOptions);
  const pending = articles.filter((article) => !article.failed);
  const progress: StageProgress = { stage: stage.name, total: pending.length, done: 0, ran: 0, cached: 0, failed: 0, sentences: 0 };
  const records: unknown[] = [];
  let fatal: RunReport['fatal'] = null;
  reporter.stageStart({ ...progress });

  let identityHash = '';
  try {
    identityHash = stage.identity ? hashValue(await stage.identity(services, stageOptions)) : '';
  } catch (error) {
    return { records, fatal: asFatal(error) };
  }

  // Cache checks are I/O and run many at once; the stage's own work is limited to its concurrency.
  const work = new PQueue({ concurrency: stage.concurrency?.(config) ?? config.concurrency });
  const queue = new PQueue({ concurrency: Math.max(CACHE_CHECKS_AT_ONCE, work.concurrency) });
  for (const article of pending) {
    // Queue articles as slots free up, not all at once: thousands of waiting closures cost memory.
    await queue.onSizeLessThan(queue.concurrency);
    if (fatal) break;
    void queue.add(async () => {
      if (fatal) return;
      const context = { articleId: article.source.id, options: stageOptions, config, services };
      try {
        const inputHash = stage.name === 'ingest' ? hashValue(stage.keyOf!(article.source)) : table.recordHashes.get(article.row)!;
        const key = stageKey(stage, inputHash, optionsHash, identityHash);
        keys.set(article.row, key);
        await table.recall(article.row, () => indexes.get<ArticleIndex>(sha256(article.source.id)));
        const remembered = table.rememberedAt(stagePosition, article.row);
        // A hit known from the index needs no read, unless the stage's record itself is wanted.
        const needsRecord = stage.isValid !== undefined || stage.name === 'render';
        const usable = !(mode === 'run' && force);
        let entry: StageEntry | undefined;
        if (usable && !needsRecord && remembered?.[0] === key && present.has(key)) {
          entry = { stage: stage.name, article: article.source.id, record: undefined, recordHash: remembered[1] };
        } else if (usable) {
          entry = await results.get<StageEntry>(key);
          if (entry && stage.isValid && !(await stage.isValid(entry.record, context))) entry = undefined;
        }
        if (entry) {
          progress.cached++;
        } else if (mode === 'cache-only') {
          throw new WartaError('CACHE_MISSING_UPSTREAM', `No cached ${stage.name} result for ${article.source.path} with the current input and settings.`, {
            hint: `Run \`warta run --from ${stage.name}\` (or a full \`warta run\`) first.`,
          });
        } else {
          const record: unknown = await work.add(async () => {
            const input = stagePosition === 0 ? article.source : await materialize(stagePosition - 1, article, table, config, services);
            return stage.run(input, context);
          });
          entry = { stage: stage.name, article: article.source.id, record, recordHash: hashValue(record) };
          await persist(results, key, entry, indexes, article.source.id, {
            [stage.name]: { key, recordHash: entry.recordHash, version: stage.version, inputHash, optionsHash, identityHash },
          });
          progress.ran++;
        }
        table.recordHashes.set(article.row, entry.recordHash);
        progress.sentences += sentenceCount(entry.record);
        // The digest needs only which files each article has; not holding whole records keeps memory flat.
        if (stage.name === 'render') records.push(digestInput(entry.record as RenderedArticle));
      } catch (error) {
        if (error instanceof WartaError && FATAL_CODES.has(error.code)) {
          fatal ??= asFatal(error);
          queue.clear();
          return;
        }
        article.failed = true;
        progress.failed++;
        failures.push(failureOf(error, { article: article.source.id, path: article.source.path, stage: stage.name }));
      } finally {
        progress.done++;
        reporter.stageProgress({ ...progress });
      }
    });
  }
  await queue.onIdle();
  table.forget(stagePosition);
  Object.assign(summary, { ran: progress.ran, cached: progress.cached, failed: progress.failed });
  reporter.stageEnd({ ...progress });
  return { records, fatal };
}


/**
 * The record of an earlier stage for this article, read from the cache. If it cannot be read
 * (deleted, or corrupt: a corrupt entry is a miss), it is recomputed from its own input, and so
 * on back to the source file, and written again under the same key.
 */
async function materialize(position: number, article: ArticleState, table: RunTable, config: ResolvedConfig, services: RunServices): Promise<unknown> {
  const stage = STAGES[position]!;
  const key = table.keys[position]!.get(article.row)!;
  const results = stageResults(config, stage);
  const entry = await results.get<StageEntry>(key);
  if (entry) return entry.record;
  const input = position === 0 ? article.source : await materialize(position - 1, article, table, config, services);
  const record: unknown = await stage.run(input, { articleId: article.source.id, options: stage.options(config), config, services });
  await results.set(key, { stage: stage.name, article: article.source.id, record, recordHash: hashValue(record) });
  return record;
}

/** The result first, then the index that points at it: a crash between the two only makes `status` less precise. */
async function persist(results: CacheDriver, key: string, entry: StageEntry, indexes: CacheDriver, articleId: string, update: ArticleIndex): Promise<void> {
  await results.set(key, entry);
  const indexKey = sha256(articleId);
  await indexes.set(indexKey, { ...((await indexes.get<ArticleIndex>(indexKey)) ?? {}), ...update });
}

function sentenceCount(record: unknown): number {
  const sentences = (record as { sentences?: unknown } | null)?.sentences;
  return Array.isArray(sentences) ? sentences.length : 0;
}

function asFatal(error: unknown): NonNullable<RunReport['fatal']> {
  if (error instanceof WartaError) return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
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
