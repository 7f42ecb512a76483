import { describe, expect, it } from 'vitest';
import { stageModes, STAGES, STAGE_NAMES } from '../../src/index.ts';
import type { AnyStage } from '../../src/pipeline/contract.ts';
import { planNotes } from '../../src/pipeline/runner.ts';

/** Stages known by name and whether they write outputs: all that modes depend on. */
const stagesNamed = (...names: string[]): AnyStage[] =>
  names.map((name) => ({ name: name.replace('*', ''), version: '1', options: () => ({}), run: async () => ({}), ...(name.endsWith('*') ? { writesOutputs: true } : {}) }));

describe('stageModes', () => {
  it('runs everything by default', () => {
    expect(stageModes(STAGES, {})).toEqual(STAGE_NAMES.map(() => 'run'));
  });
  it('--only reads earlier stages from the cache and runs the later ones up to the stage that writes outputs, so the outputs follow', () => {
    expect(stageModes(STAGES, { only: 'translate' })).toEqual(['cache-only', 'cache-only', 'cache-only', 'run', 'run', 'run']);
    expect(stageModes(STAGES, { only: 'summarize' })).toEqual(['cache-only', 'cache-only', 'cache-only', 'cache-only', 'run', 'run']);
    expect(stageModes(STAGES, { only: 'render' })).toEqual(['cache-only', 'cache-only', 'cache-only', 'cache-only', 'cache-only', 'run']);
  });
  it('--only skips the stages after the last one that writes outputs: nothing the user reads depends on them', () => {
    const stages = stagesNamed('a', 'b', 'out*', 'after');
    expect(stageModes(stages, { only: 'a' })).toEqual(['run', 'run', 'run', 'skipped']);
    expect(stageModes(stages, { only: 'after' })).toEqual(['cache-only', 'cache-only', 'cache-only', 'run']);
    expect(stageModes(stagesNamed('a', 'b'), { only: 'a' })).toEqual(['run', 'skipped']);
  });
  it('--from reads earlier stages from the cache and runs the rest', () => {
    expect(stageModes(STAGES, { from: 'segment' })).toEqual(['cache-only', 'cache-only', 'run', 'run', 'run', 'run']);
  });
  it('a shard stops before the stage that writes outputs, even with --only', () => {
    expect(stageModes(STAGES, { shard: { index: 0, count: 2 } })).toEqual(['run', 'run', 'run', 'run', 'run', 'skipped']);
    expect(stageModes(STAGES, { only: 'translate', shard: { index: 0, count: 2 } })).toEqual(['cache-only', 'cache-only', 'cache-only', 'run', 'skipped', 'skipped']);
  });
});

describe('planNotes', () => {
  const notes = (stages: AnyStage[], options: Parameters<typeof planNotes>[2]) => planNotes(stages, stageModes(stages, options), options);
  it('says which stages --only adds, and nothing when it adds none', () => {
    const stages = stagesNamed('a', 'b', 'out*');
    expect(notes(stages, { only: 'a' })).toEqual(['--only a: b, out run too, so that the outputs match the new results.']);
    expect(notes(stages, { only: 'b' })).toEqual(['--only b: out runs too, so that the outputs match the new results.']);
    expect(notes(stages, { only: 'out' })).toEqual([]);
    expect(notes(stages, {})).toEqual([]);
  });
  it('gives a shard the command that writes the outputs', () => {
    expect(notes(stagesNamed('a', 'out*'), { shard: { index: 1, count: 3 } })).toEqual(['This shard does not update the outputs: once every shard is done, run `warta run --only out`.']);
  });
});
