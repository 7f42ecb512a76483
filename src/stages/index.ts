import type { AnyStage, ChainOf } from '../pipeline/contract.ts';
import { cleanStage } from './clean/index.ts';
import { entitiesStage } from './entities/index.ts';
import { ingestStage } from './ingest/index.ts';
import { renderStage } from './render/index.ts';
import { segmentStage } from './segment/index.ts';
import { summarizeStage } from './summarize/index.ts';
import { translateStage } from './translate/index.ts';

/** Checks at compile time that each stage accepts the previous stage's output. */
function stageList<const Stages extends readonly AnyStage[]>(stages: Stages & ChainOf<Stages>): Stages {
  return stages;
}

/** The order of the pipeline. This is the only place it is written down. */
export const STAGES: readonly AnyStage[] = stageList([ingestStage, cleanStage, segmentStage, translateStage, entitiesStage, summarizeStage, renderStage]);

export const STAGE_NAMES: readonly string[] = STAGES.map((stage) => stage.name);

export function isStageName(name: string): boolean {
  return STAGE_NAMES.includes(name);
}
