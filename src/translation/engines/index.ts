import { WartaError } from '../../errors.ts';
import type { TranslationEngine } from '../engine.ts';
import { transformersV2Engine } from './transformers-v2/index.ts';

/** Every engine `model.engine` can name. A new engine is one folder here and one line in this list. */
export const ENGINES: readonly TranslationEngine[] = [transformersV2Engine];

export const ENGINE_IDS = ENGINES.map((engine) => engine.id) as [string, ...string[]];

export const DEFAULT_ENGINE_ID = transformersV2Engine.id;

export function engineById(id: string): TranslationEngine {
  const engine = ENGINES.find((candidate) => candidate.id === id);
  if (!engine) throw new WartaError('CONFIG_INVALID', `Unknown translation engine "${id}".`, { hint: `Set \`model.engine\` to one of: ${ENGINE_IDS.join(', ')}.` });
  return engine;
}
