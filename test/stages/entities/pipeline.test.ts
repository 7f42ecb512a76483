/** The entities stage through the real pipeline on the fixture copy model (its translation copies the source). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.ts';
import { runPipeline } from '../../../src/pipeline/runner.ts';
import { entitiesStage } from '../../../src/stages/entities/index.ts';
import type { ArticleDocument } from '../../../src/stages/render/document.ts';
import { MODEL_FILE } from '../../../src/text/entities/index.ts';
import { sha256 } from '../../../src/util/hash.ts';
import { WARTA } from '../../../src/warta.ts';
import { FIXTURE_COPY_MODEL } from '../../helpers/fixture-model.ts';
import { tempDir } from '../../helpers/temp.ts';

const ARTICLE = `Kim Jong-un Terima Utusan Rusia

Pemimpin Korea Utara Kim Jong Un menerima Sergei E. Naryshkin di Pyongyang pada Selasa.

Kim Jong-un mengatakan kerja sama kedua negara akan diperluas. Naryshkin tiba bersama rombongan dari Moskow.

Laporan itu disiarkan oleh KCNA pada Rabu pagi.
`;

describe('the entities stage in the pipeline', () => {
  it('writes merged, typed entities into articles/<id>.json and is cached on the next run', async () => {
    const dir = tempDir('warta-entities-');
    mkdirSync(path.join(dir, 'input'));
    writeFileSync(path.join(dir, 'input', 'utusan.txt'), ARTICLE);
    const config = loadConfig({ cwd: dir, overrides: { model: FIXTURE_COPY_MODEL } });

    const first = await runPipeline(config, WARTA);
    expect(first.fatal).toBeNull();
    expect(first.stages['entities']).toMatchObject({ mode: 'run', ran: 1, failed: 0 });
    const document = JSON.parse(readFileSync(path.join(config.output, 'articles', 'utusan.json'), 'utf8')) as ArticleDocument;
    const entities = document.entities!;
    const byText = new Map(entities.map((e) => [e.text, e]));

    const kim = byText.get('Kim Jong Un') ?? byText.get('Kim Jong-un');
    expect(kim).toMatchObject({ type: 'PERSON', role: 'Pemimpin Korea Utara' });
    expect(kim!.mentions.map((m) => m.sentence)).toEqual(['utusan#p1s1', 'utusan#p2s1']);
    expect(byText.get('Sergei E. Naryshkin')).toMatchObject({ type: 'PERSON', en: 'Sergei E. Naryshkin' });
    expect(byText.get('Sergei E. Naryshkin')!.mentions.map((m) => m.sentence)).toEqual(['utusan#p1s1', 'utusan#p2s2']);
    expect(byText.get('KCNA')).toMatchObject({ type: 'ORGANISATION', en: 'KCNA' });
    expect(byText.get('Pyongyang')).toMatchObject({ type: 'PLACE' });
    for (const entity of entities) {
      for (const mention of entity.mentions) expect(document.text.slice(mention.start, mention.end).length).toBeGreaterThan(0);
    }
    // The copy model's translations carry every name: nothing is flagged.
    expect(document.sentences.every((s) => !(s.flags ?? []).includes('names'))).toBe(true);

    const second = await runPipeline(config, WARTA);
    expect(second.stages['entities']).toMatchObject({ ran: 0, cached: 1 });
  });

  it('keys its results by a hash of the model file', () => {
    expect(entitiesStage.version.endsWith(`+${sha256(readFileSync(MODEL_FILE, 'utf8')).slice(0, 16)}`)).toBe(true);
  });
});
