import { describe, expect, it } from 'vitest';
import { cleanStage } from '../../../src/stages/clean/index.ts';
import { segmentStage } from '../../../src/stages/segment/index.ts';
import type { IngestedArticle } from '../../../src/types.ts';

type Ctx<T extends { run: (...args: never[]) => unknown }> = Parameters<T['run']>[1];

describe('segment carries the English mark', () => {
  it('sentences of an English block are marked; Indonesian ones have no language field', async () => {
    const ingested: IngestedArticle = {
      id: 'kereta',
      source: { path: 'kereta.txt', bytes: 0, sha256: '', encoding: 'utf-8', bom: false },
      text: [
        'Kereta Cepat Angkut Sejuta Penumpang',
        '',
        'Kereta cepat Jakarta-Bandung mengangkut satu juta penumpang sejak Oktober. Okupansi rata-rata 70 persen.',
        '',
        'The train has carried more passengers than the operator expected. It runs at up to 350 km per hour.',
      ].join('\n'),
    };
    const cleaned = await cleanStage.run(ingested, { options: { keep_boilerplate: false } } as Ctx<typeof cleanStage>);
    const segmented = await segmentStage.run(cleaned, { options: {} } as Ctx<typeof segmentStage>);
    expect(segmented.sentences.map((s) => [s.block, s.language ?? 'id'])).toEqual([
      [0, 'id'],
      [1, 'id'],
      [1, 'id'],
      [2, 'en'],
      [2, 'en'],
    ]);
    for (const s of segmented.sentences.filter((x) => x.language === undefined)) expect(Object.keys(s)).not.toContain('language');
    expect(JSON.parse(JSON.stringify(segmented))).toEqual(segmented);
  });
});
