import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, runWarta } from '../../../src/index.ts';
import { normalizeForTranslation } from '../../../src/stages/translate/normalize.ts';
import { COPY_MODEL } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('a sentence longer than translate.max_source_tokens', () => {
  it('is split at clause boundaries, translated in parts, rejoined whole and flagged', async () => {
    const dir = tempDir('warta-long-');
    mkdirSync(path.join(dir, 'input'));
    const long =
      'Pemerintah kota menyiapkan dapur umum bagi 1.450 warga yang mengungsi ke masjid dan sekolah; petugas terus memantau pintu air di sepanjang sungai, sehingga warga diminta tetap waspada sampai malam hari.';
    writeFileSync(path.join(dir, 'input', 'panjang.txt'), `Banjir Kota\n\n${long} Warga kembali pulang.\n`);
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\ntranslate:\n  max_source_tokens: 24\n`);
    const report = await runWarta(loadConfig({ cwd: dir }));
    expect(report.failures).toEqual([]);
    const article = JSON.parse(readFileSync(path.join(dir, 'output/articles/panjang.json'), 'utf8')) as {
      sentences: Array<{ source: string; translation: string; flags: string[] }>;
    };
    const sentence = article.sentences.find((s) => s.source === long)!;
    // The copy model reproduces each part: rejoined, the translation is the whole sentence, nothing lost.
    expect(sentence.translation).toBe(normalizeForTranslation(long));
    expect(sentence.flags).toContain('split');
    expect(article.sentences.find((s) => s.source === 'Warga kembali pulang.')!.flags).not.toContain('split');
  }, 60_000);
});
