import { describe, expect, it } from 'vitest';
import { stageModes, STAGES, STAGE_NAMES } from '../../src/index.ts';
import type { AnyStage } from '../../src/pipeline/contract.ts';
import { outputsCommand, outputsNote } from '../../src/pipeline/runner.ts';

/** Stages known by name and whether they write outputs (a trailing `*`): all that modes depend on. */
const stagesNamed = (...names: string[]): AnyStage[] =>
  names.map((name) => ({ name: name.replace('*', ''), version: '1', options: () => ({}), run: async () => ({}), ...(name.endsWith('*') ? { writesOutputs: true } : {}) }));

describe('stageModes', () => {
  it('runs everything by default', () => {
    expect(stageModes(STAGES, {})).toEqual(STAGE_NAMES.map(() => 'run'));
  });
  it('--only reads earlier stages from the cache and skips later ones', () => {
    expect(stageModes(STAGES, { only: 'translate' })).toEqual(['cache-only', 'cache-only', 'cache-only', 'run', 'skipped', 'skipped', 'skipped']);
  });
  it('--from reads earlier stages from the cache and runs the rest', () => {
    expect(stageModes(STAGES, { from: 'segment' })).toEqual(['cache-only', 'cache-only', 'run', 'run', 'run', 'run', 'run']);
  });
  it('a shard stops before the stage that writes outputs', () => {
    expect(stageModes(STAGES, { shard: { index: 0, count: 2 } })).toEqual(['run', 'run', 'run', 'run', 'run', 'run', 'skipped']);
  });
});

describe('outputsCommand: the command that brings the outputs up to date after a run that left them behind', () => {
  const command = (stages: readonly AnyStage[], options: Parameters<typeof stageModes>[1]) => outputsCommand(stages, stageModes(stages, options), options);

  it('after --only STAGE: --from the next stage, which reads the new results from the cache', () => {
    expect(command(STAGES, { only: 'summarize' })).toBe('warta run --from render');
    expect(command(STAGES, { only: 'translate' })).toBe('warta run --from entities');
    expect(command(STAGES, { only: 'ingest' })).toBe('warta run --from clean');
  });

  it('none when the run writes the outputs, or when no stage that writes outputs comes later', () => {
    expect(command(STAGES, {})).toBeNull();
    expect(command(STAGES, { only: 'render' })).toBeNull();
    expect(command(STAGES, { from: 'summarize' })).toBeNull();
    expect(command(stagesNamed('a', 'out*', 'after'), { only: 'after' })).toBeNull();
    expect(command(stagesNamed('a', 'b'), { only: 'a' })).toBeNull();
  });

  it('after a shard: --only the stage that writes outputs, once for all shards', () => {
    expect(command(STAGES, { shard: { index: 1, count: 3 } })).toBe('warta run --only render');
    expect(command(stagesNamed('a', 'out*', 'b'), { shard: { index: 0, count: 2 } })).toBe('warta run --only out');
  });

  it('says so in one line', () => {
    expect(outputsNote('warta run --from render', { only: 'summarize' })).toBe(
      '--only summarize does not update the outputs: to bring them up to date, run `warta run --from render` (it reads this run\'s results from the cache).',
    );
  });
});
