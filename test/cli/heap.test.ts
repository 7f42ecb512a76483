import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, heapGrowingPercent } from '../../src/cli/heap.ts';

describe('heapGrowingPercent', () => {
  it('bounds the heap growth by default', () => {
    expect(heapGrowingPercent({})).toBe(HEAP_GROWING_PERCENT);
  });

  it('leaves V8 its own choice with WARTA_HEAP_GROWTH=v8', () => {
    expect(heapGrowingPercent({ WARTA_HEAP_GROWTH: 'v8' })).toBeNull();
  });

  it('takes another whole percentage', () => {
    expect(heapGrowingPercent({ WARTA_HEAP_GROWTH: '50' })).toBe(50);
  });

  it('ignores a setting that is not a whole percentage', () => {
    for (const setting of ['0', '-5', '1.5', 'fifty', '', '99999']) expect(heapGrowingPercent({ WARTA_HEAP_GROWTH: setting })).toBe(HEAP_GROWING_PERCENT);
  });
});
