import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/index.ts';
import { COPY_MODEL, STACK_TRACE, warta } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { readFileSync } from 'node:fs';

const GOOD = 'Banjir Rendam Kota\n\nBanjir merendam 200 rumah di kota itu pada Senin malam. Warga mengungsi ke sekolah.\n';

describe('bad input files: each fails alone with its name and reason, and the others complete', () => {
  it('handles every kind of bad file in one run', async () => {
    const dir = tempDir('warta-bad-input-');
    const input = path.join(dir, 'input');
    mkdirSync(path.join(input, 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\n`);
    const bad: Record<string, string | Buffer> = {
      'kosong.txt': '',
      'spasi.txt': '  \n\t\n   \n',
      'gambar.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]),
      'rusak.txt': Buffer.concat([Buffer.from('Judul\n\nHarga naik '), Buffer.from([0xc3, 0x28]), Buffer.from(' lagi.\n')]),
      'utf16.txt': Buffer.from(GOOD, 'utf16le'),
      'satu-baris-besar.txt': Buffer.alloc(50 * 1024 * 1024, 'a'),
      'seratus-ribu.txt': Array.from({ length: 100_000 }, (_, i) => `Paragraf ${i}.`).join('\n\n'),
      'Harga Beras.txt': GOOD,
      'harga-beras.md': GOOD,
    };
    for (const [name, content] of Object.entries(bad)) writeFileSync(path.join(input, name), content);
    symlinkSync('putaran.txt', path.join(input, 'putaran.txt'));
    // Good files, including names with spaces and non-ASCII characters.
    writeFileSync(path.join(input, 'berita baik.txt'), GOOD);
    writeFileSync(path.join(input, 'sub', 'Kafé Jalan Sudirman.md'), GOOD);

    const result = await warta(['run'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    const expectations: Array<[string, RegExp]> = [
      ['kosong.txt', /kosong\.txt is empty/],
      ['spasi.txt', /spasi\.txt has no text/],
      ['gambar.txt', /gambar\.txt looks binary/],
      ['rusak.txt', /rusak\.txt is not valid UTF-8: bad byte 0xc3 at byte offset 18/],
      ['utf16.txt', /utf16\.txt looks like UTF-16 without a byte-order mark/],
      ['satu-baris-besar.txt', /satu-baris-besar\.txt is 52\.4 MB; the limit is 21 MB/],
      ['seratus-ribu.txt', /seratus-ribu\.txt has 100000 paragraphs; an article may have at most 2000/],
      ['harga-beras.md', /harga-beras\.md would get the article id "harga-beras", which Harga Beras\.txt already has/],
      ['putaran.txt', /putaran\.txt is a symlink loop/],
    ];
    for (const [file, message] of expectations) expect(result.stderr, file).toMatch(message);
    const report = JSON.parse(readFileSync(path.join(dir, 'output/run.json'), 'utf8')) as RunReport;
    expect(report.failures.map((f) => f.path).sort()).toEqual(expectations.map(([file]) => file).sort());
    expect(report.completed).toBe(3);
    expect(readFileSync(path.join(dir, 'output/articles/sub--kafe-jalan-sudirman.json'), 'utf8')).toContain('Banjir merendam 200 rumah');
  }, 180_000);
});
