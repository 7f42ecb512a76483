import { cleanStage } from './clean/index.ts';
import { ingestStage } from './ingest/index.ts';
import { renderStage } from './render/index.ts';
import { segmentStage } from './segment/index.ts';
import type { AnyStage, StageName } from '../pipeline/contract.ts';
import { summarizeStage } from './summarize/index.ts';
import { translateStage } from './translate/index.ts';

/** The order of the pipeline. This is the only place it is written down. */
export const STAGES: readonly AnyStage[] = [ingestStage, cleanStage, segmentStage, translateStage, summarizeStage, renderStage];

export const STAGE_NAMES = STAGES.map((stage) => stage.name) as readonly StageName[];

export function isStageName(name: string): name is StageName {
  return (STAGE_NAMES as readonly string[]).includes(name);
}
