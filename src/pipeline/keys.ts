/**
 * The one computation of a stage's cache keys, shared by the runner and `status`: the stage's
 * name and version, its config slice, what it depends on outside its input (identity), and the
 * hash of its input (the source file's key for the first stage, the previous result's hash after).
 */
import type { ResolvedConfig } from '../config/schema.ts';
import { hashValue } from '../util/hash.ts';
import type { AnyStage, Source, SourceFile } from './contract.ts';

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

/** Per article (keyed by sha256 of its id), the last result of each stage by stage name: one small file to read. */
export type ArticleIndex = Partial<Record<string, IndexEntry>>;

/** What the cache holds for one stage result of one article. */
export interface StageEntry<Output = unknown> {
  stage: string;
  article: string;
  record: Output;
  recordHash: string;
}

/** The parts of a stage's keys that are the same for every article of a run. */
export interface StageKeying {
  optionsHash: string;
  identityHash: string;
}

export async function stageKeying(stage: AnyStage, config: ResolvedConfig, resources: unknown): Promise<StageKeying> {
  const options: unknown = stage.options(config);
  return { optionsHash: hashValue(options), identityHash: stage.identity ? hashValue(await stage.identity(resources, options)) : '' };
}

export function sourceInputHash(source: Source, file: SourceFile): string {
  return hashValue(source.keyOf(file));
}

export function stageKey(stage: AnyStage, inputHash: string, { optionsHash, identityHash }: StageKeying): string {
  return hashValue({ stage: stage.name, version: stage.version, inputHash, optionsHash, identityHash });
}

export function indexEntry(stage: AnyStage, key: string, recordHash: string, inputHash: string, keying: StageKeying): IndexEntry {
  return { key, recordHash, version: stage.version, inputHash, ...keying };
}

export const STAGE_RESULTS = (stage: AnyStage) => `stages/${stage.name}`;
export const ARTICLE_INDEX = 'index';
