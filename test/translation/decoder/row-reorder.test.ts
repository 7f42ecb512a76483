import { describe, expect, it } from 'vitest';
import { gatherRows, reorderRowsInPlace, RowScratch } from '../../../src/translation/decoder/row-reorder.ts';
import { mulberry32 } from '../../../src/util/random.ts';

/** Parents as beam search gives them: each group's rows come from the same group, some groups leave. */
function beamParents(groups: number, beams: number, random: () => number): number[] {
  const parents: number[] = [];
  for (let g = 0; g < groups; g++) {
    if (random() < 0.3) continue;
    for (let b = 0; b < beams; b++) parents.push(g * beams + Math.floor(random() * beams));
  }
  return parents;
}

describe('reordering KV-cache rows in place', () => {
  it('gives what a copying gather gives, for beam-search parents', () => {
    const random = mulberry32(5);
    const scratch = new RowScratch();
    for (let trial = 0; trial < 200; trial++) {
      const beams = 1 + Math.floor(random() * 6);
      const groups = 1 + Math.floor(random() * 5);
      const dims = [groups * beams, 2, 3];
      const data = Float32Array.from({ length: groups * beams * 6 }, () => random());
      const parents = beamParents(groups, beams, random);
      const expected = gatherRows({ data: data.slice(), dims }, parents);
      const actual = reorderRowsInPlace({ data, dims }, parents, beams, scratch);
      expect(actual.dims).toEqual(expected.dims);
      expect(Array.from(actual.data)).toEqual(Array.from(expected.data));
      expect(actual.data.buffer).toBe(data.buffer);
    }
  });

  it('leaves the tensor alone when every row keeps its parent', () => {
    const tensor = { data: Float32Array.of(1, 2, 3, 4), dims: [2, 2] };
    expect(reorderRowsInPlace(tensor, [0, 1], 2, new RowScratch())).toBe(tensor);
  });
});
