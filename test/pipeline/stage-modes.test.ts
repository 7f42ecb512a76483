import { describe, expect, it } from 'vitest';
import { stageModes, STAGE_NAMES } from '../../src/index.ts';

describe('stageModes', () => {
  it('runs everything by default', () => {
    expect(stageModes({})).toEqual(STAGE_NAMES.map(() => 'run'));
  });
  it('--only reads earlier stages from the cache and skips later ones', () => {
    expect(stageModes({ only: 'translate' })).toEqual(['cache-only', 'cache-only', 'cache-only', 'run', 'skipped', 'skipped']);
  });
  it('--from reads earlier stages from the cache and runs the rest', () => {
    expect(stageModes({ from: 'segment' })).toEqual(['cache-only', 'cache-only', 'run', 'run', 'run', 'run']);
  });
});
