/**
 * The library API of warta: what the CLI and the tests call.
 */
export { loadConfig, parseConfigText, DEFAULT_CONFIG_FILE, type ConfigOverrides } from './config/load.ts';
export { configSchema, type PipelineConfig, type ResolvedConfig } from './config/schema.ts';
export { WartaError, isWartaError, describeError, type ErrorCode } from './errors.ts';
export { runPipeline, stageModes, type RunOptions, type RunReport, type StageSummary, type ArticleFailure } from './pipeline/runner.ts';
export { WARTA, runWarta, wartaStatus } from './warta.ts';
export { pipelineStatus, formatStatus, type StatusReport } from './pipeline/status.ts';
export { silentReporter, type Reporter, type StageProgress } from './pipeline/reporter.ts';
export { STAGES, STAGE_NAMES, isStageName } from './stages/index.ts';
export type { Stage, StageContext, RunStep, Resource, Source, Pipeline, CacheStore } from './pipeline/contract.ts';
export { createFsDriver } from './cache/fs-driver.ts';
export type { CacheDriver } from './cache/driver.ts';
export { locateModel, verifyModel, type ModelLocation } from './translation/model-files.ts';
export { articleIdFor } from './stages/ingest/discover.ts';
export type * from './types.ts';
