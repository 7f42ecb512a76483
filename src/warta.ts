/**
 * warta's pipeline: the article files of the input folder, the per-article stages, then the digest
 * across articles. The runner and `status` are given this; they know nothing else of it.
 */
import type { ResolvedConfig } from './config/schema.ts';
import type { CacheStore, Pipeline } from './pipeline/contract.ts';
import { runPipeline, type RunOptions, type RunReport } from './pipeline/runner.ts';
import { pipelineStatus, type StatusReport } from './pipeline/status.ts';
import { digestStep } from './digest/index.ts';
import { STAGES } from './stages/index.ts';
import { articleSource } from './stages/ingest/source.ts';
import { staleOutputsStep } from './stages/render/stale-outputs.ts';

export const WARTA: Pipeline = { source: articleSource, stages: STAGES, steps: [digestStep, staleOutputsStep] };

export function runWarta(config: ResolvedConfig, options: RunOptions = {}): Promise<RunReport> {
  return runPipeline(config, WARTA, options);
}

export function wartaStatus(config: ResolvedConfig, cache?: CacheStore): Promise<StatusReport> {
  return pipelineStatus(config, WARTA, cache);
}
