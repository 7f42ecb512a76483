import type { ResolvedConfig } from '../config/schema.ts';
import { WartaError } from '../errors.ts';
import type { CacheStore, Pipeline } from './contract.ts';
import { ARTICLE_INDEX, STAGE_RESULTS, sourceInputHash, stageKey, stageKeying, type ArticleIndex, type StageEntry, type StageKeying } from './keys.ts';
import { ResourcePool } from './resources.ts';
import { hashValue, sha256 } from '../util/hash.ts';
import { fsCacheStore } from './runner.ts';

export type StaleReason = 'input' | 'config' | 'code' | 'model';

export interface StageStatus {
  stage: string;
  cached: number;
  /** A result exists for an older input, config, code version or model. */
  stale: number;
  staleBecause: Record<StaleReason, number>;
  /** Never computed for this article. */
  missing: number;
  /** Why the stage could not be checked at all (e.g. the model is missing), if so. */
  unknown: string | null;
}

export interface StatusReport {
  articles: number;
  stages: StageStatus[];
}

/**
 * Recomputes every cache key the next run would use, without running any stage or loading the
 * model: a result is cached if its key is present, stale if the index remembers an older key for
 * the same article (and which part of the key changed), missing otherwise. It reads one small index
 * file per article and lists each stage's cache folder once, so it stays fast on large corpora.
 */
export async function pipelineStatus(config: ResolvedConfig, pipeline: Pipeline, cache: CacheStore = fsCacheStore(config.cache)): Promise<StatusReport> {
  const resources = new ResourcePool(config, cache);
  try {
    const { files } = await pipeline.source.discover(config, cache);
    /** Per article, the record hash of the last cached stage; null once the chain is broken. */
    const chain = new Map<string, string | null>(files.map((file) => [file.id, null]));
    const indexKeys = new Map(files.map((file) => [file.id, sha256(file.id)]));
    const stored = await cache(ARTICLE_INDEX).getMany<ArticleIndex>([...indexKeys.values()]);
    const indexOf = new Map(files.map((file) => [file.id, stored.get(indexKeys.get(file.id)!) ?? {}]));
    const stages: StageStatus[] = [];
    /** The first stage that could not be checked: every later one depends on its results. */
    let unchecked: string | null = null;
    for (const [position, stage] of pipeline.stages.entries()) {
      const status: StageStatus = { stage: stage.name, cached: 0, stale: 0, staleBecause: { input: 0, config: 0, code: 0, model: 0 }, missing: 0, unknown: null };
      stages.push(status);
      const results = cache(STAGE_RESULTS(stage));
      const present = await results.keys();
      let keying: StageKeying = { optionsHash: hashValue(stage.options(config)), identityHash: '' };
      try {
        keying = await stageKeying(stage, config, resources.of(stage));
      } catch (error) {
        status.unknown = error instanceof WartaError ? error.message.split('\n')[0]! : String(error);
      }
      if (unchecked && !status.unknown) status.unknown = `it depends on ${unchecked}, which cannot be checked`;
      unchecked ??= status.unknown ? stage.name : null;
      for (const file of files) {
        const inputHash = position === 0 ? sourceInputHash(pipeline.source, file) : chain.get(file.id);
        const remembered = indexOf.get(file.id)?.[stage.name];
        if (inputHash && !status.unknown) {
          const key = stageKey(stage, inputHash, keying);
          // The index usually knows the record hash; if it does not (lost, or written by another
          // checkout sharing the cache), the result entry itself is read.
          const recordHash = !present.has(key) ? undefined : remembered?.key === key ? remembered.recordHash : (await results.get<StageEntry>(key))?.recordHash;
          if (recordHash) {
            status.cached++;
            chain.set(file.id, recordHash);
            continue;
          }
        }
        chain.set(file.id, null);
        if (!remembered) {
          status.missing++;
          continue;
        }
        status.stale++;
        const reason: StaleReason =
          remembered.version !== stage.version ? 'code' : remembered.optionsHash !== keying.optionsHash ? 'config' : remembered.identityHash !== keying.identityHash ? 'model' : 'input';
        status.staleBecause[reason]++;
      }
    }
    return { articles: files.length, stages };
  } finally {
    await resources.dispose();
  }
}

export function formatStatus(report: StatusReport): string {
  const lines = [`${report.articles} article${report.articles === 1 ? '' : 's'} in the input folder`, ''];
  const rows = [['stage', 'cached', 'stale', 'missing', 'why stale']];
  for (const s of report.stages) {
    const why = Object.entries(s.staleBecause)
      .filter(([, n]) => n > 0)
      .map(([reason, n]) => `${reason} changed: ${n}`)
      .join(', ');
    rows.push([s.stage, String(s.cached), String(s.stale), String(s.missing), s.unknown ? `cannot check: ${s.unknown}` : why]);
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  for (const row of rows) lines.push(row.map((cell, col) => (col === 0 || col === 4 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ').trimEnd());
  return lines.join('\n');
}
