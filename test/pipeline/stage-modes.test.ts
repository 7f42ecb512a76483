import { describe, expect, it } from 'vitest';
import { stageModes, STAGES, STAGE_NAMES } from '../../src/index.ts';

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
});
