/**
 * One stage over one article: its key, a cache hit (known from the index, or read and checked), or
 * a run of the stage on its input (the previous stage's result, read back or recomputed the same
 * way) within the stage's concurrency, persisted as result then index entry. Upstream results are
 * produced by the same code as the stage's own, so a repaired entry gets the same checks.
 */
import PQueue from 'p-queue';
import { isObject, type CacheDriver } from '../cache/driver.ts';
import type { ResolvedConfig } from '../config/schema.ts';
import { WartaError } from '../errors.ts';
import { hashValue, sha256 } from '../util/hash.ts';
import type { AnyStage, CacheStore, Source, SourceFile, StageContext } from './contract.ts';
import { ARTICLE_INDEX, STAGE_RESULTS, indexEntry, sourceInputHash, stageKey, stageKeying, type ArticleIndex, type StageEntry, type StageKeying } from './keys.ts';
import type { ResourcePool } from './resources.ts';
import type { RunTable } from './run-table.ts';

export type StageMode = 'run' | 'cache-only' | 'skipped';

export interface ArticleState {
  source: SourceFile;
  /** The article's row in the run's hash table. */
  row: number;
  failed: boolean;
}

/** What every stage of one run shares. */
export interface RunContext {
  config: ResolvedConfig;
  cache: CacheStore;
  source: Source;
  table: RunTable;
  resources: ResourcePool;
  force: boolean;
}

/** How one article fared at a stage. */
export interface Outcome {
  entry: StageEntry;
  ran: boolean;
}

export class StageRun {
  readonly work: PQueue;
  private readonly results: CacheDriver;
  private readonly index: CacheDriver;
  private readonly options: unknown;
  private readonly resources: unknown;

  private constructor(
    readonly stage: AnyStage,
    readonly position: number,
    readonly mode: StageMode,
    private readonly upstream: StageRun | null,
    private readonly run: RunContext,
    private readonly keying: StageKeying,
    /** Every key the stage's results hold: a hit known from the index needs no read. */
    private readonly present: Set<string>,
    /** A result is read back even on a known hit: it is checked, or a run step keeps part of it. */
    private readonly needsRecord: boolean,
  ) {
    this.results = run.cache(STAGE_RESULTS(stage));
    this.index = run.cache(ARTICLE_INDEX);
    this.options = stage.options(run.config);
    this.resources = run.resources.of(stage);
    this.work = new PQueue({ concurrency: stage.concurrency?.(run.config) ?? run.config.concurrency });
  }

  /** Resolves what the stage's keys depend on (its identity may check the model files: an error here stops the run). */
  static async open(stage: AnyStage, position: number, mode: StageMode, upstream: StageRun | null, run: RunContext, needsRecord: boolean): Promise<StageRun> {
    const keying = await stageKeying(stage, run.config, run.resources.of(stage));
    const present = await run.cache(STAGE_RESULTS(stage)).keys();
    return new StageRun(stage, position, mode, upstream, run, keying, present, needsRecord || stage.isValid !== undefined);
  }

  /** The article's result at this stage: from the cache, or computed (never in cache-only mode). */
  async process(article: ArticleState): Promise<Outcome> {
    const inputHash = this.inputHash(article);
    const key = stageKey(this.stage, inputHash, this.keying);
    this.run.table.keysAt(this.position).set(article.row, key);
    await this.run.table.recall(article.row, () => this.index.get<ArticleIndex>(sha256(article.source.id), isObject));
    const cached = this.mode === 'run' && this.run.force ? undefined : await this.fromCache(article, key);
    if (cached) {
      // A hit the index does not point at (its entry was damaged, or written by another setting): point it there.
      if (this.run.table.rememberedAt(this.position, article.row)?.[0] !== key) await this.remember(article, key, cached.recordHash, inputHash);
      return this.settle(article, cached, false);
    }
    if (this.mode === 'cache-only') throw this.missingUpstream(article);
    return this.settle(article, await this.work.add(() => this.compute(article, key, inputHash)), true);
  }

  /** The full record of this stage for an article whose key is known: read back, or recomputed and stored again. */
  async record(article: ArticleState): Promise<unknown> {
    const key = this.run.table.keys[this.position]!.get(article.row)!;
    const entry = await this.readChecked(article, key);
    if (entry) return entry.record;
    return (await this.work.add(() => this.compute(article, key))).record;
  }

  private inputHash(article: ArticleState): string {
    return this.position === 0 ? sourceInputHash(this.run.source, article.source) : this.run.table.recordHashes.get(article.row)!;
  }

  private async fromCache(article: ArticleState, key: string): Promise<StageEntry | undefined> {
    const remembered = this.run.table.rememberedAt(this.position, article.row);
    if (!this.needsRecord && remembered?.[0] === key && this.present.has(key)) {
      return { stage: this.stage.name, article: article.source.id, record: undefined, recordHash: remembered[1] };
    }
    return this.readChecked(article, key);
  }

  /** A stored result, if it is there, is intact, has the stage's shape, and (for stages with side effects) still holds. */
  private async readChecked(article: ArticleState, key: string): Promise<StageEntry | undefined> {
    const entry = await this.results.get<StageEntry>(key, (value) => this.isEntryOf(article, value));
    if (entry && this.stage.isValid && !(await this.stage.isValid(entry.record, this.contextFor(article)))) return undefined;
    return entry;
  }

  private isEntryOf(article: ArticleState, value: unknown): boolean {
    if (!isObject(value) || value.stage !== this.stage.name || value.article !== article.source.id || typeof value.recordHash !== 'string') return false;
    return this.stage.isRecord?.(value.record) ?? true;
  }

  /** Runs the stage on its input; `inputHash` is known in order, and worked out from the input when repairing an upstream result. */
  private async compute(article: ArticleState, key: string, inputHash?: string): Promise<StageEntry> {
    const input: unknown = this.upstream ? await this.upstream.record(article) : article.source;
    const record: unknown = await this.stage.run(input, this.contextFor(article));
    const entry: StageEntry = { stage: this.stage.name, article: article.source.id, record, recordHash: hashValue(record) };
    await this.persist(article, key, entry, inputHash ?? (this.upstream ? hashValue(input) : this.inputHash(article)));
    return entry;
  }

  /** The result first, then the index that points at it: a crash between the two only makes `status` less precise. */
  private async persist(article: ArticleState, key: string, entry: StageEntry, inputHash: string): Promise<void> {
    await this.results.set(key, entry);
    await this.remember(article, key, entry.recordHash, inputHash);
  }

  private async remember(article: ArticleState, key: string, recordHash: string, inputHash: string): Promise<void> {
    const indexKey = sha256(article.source.id);
    const update: ArticleIndex = { [this.stage.name]: indexEntry(this.stage, key, recordHash, inputHash, this.keying) };
    await this.index.set(indexKey, { ...((await this.index.get<ArticleIndex>(indexKey, isObject)) ?? {}), ...update });
  }

  private settle(article: ArticleState, entry: StageEntry, ran: boolean): Outcome {
    this.run.table.recordHashes.set(article.row, entry.recordHash);
    return { entry, ran };
  }

  private contextFor(article: ArticleState): StageContext<unknown, unknown> {
    return { articleId: article.source.id, options: this.options, resources: this.resources, version: this.stage.version };
  }

  private missingUpstream(article: ArticleState): WartaError {
    return new WartaError('CACHE_MISSING_UPSTREAM', `No cached ${this.stage.name} result for ${article.source.path} with the current input and settings.`, {
      hint: `Run \`warta run --from ${this.stage.name}\` (or a full \`warta run\`) first.`,
    });
  }
}
