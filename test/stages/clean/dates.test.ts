import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/stages/clean/clean-text.ts';
import { latestDateInText } from '../../../src/stages/clean/metadata.ts';

describe('latestDateInText', () => {
  it('finds the latest full date in numeric and written forms', () => {
    expect(latestDateInText('Rapat pada Senin (5/2/2024) dan Kamis, 8 Februari 2024 dilanjutkan.')).toBe('2024-02-08');
    expect(latestDateInText('Laporan pada Jumat (19/7/2024); kunjungan sebelumnya 14 Juni 2024.')).toBe('2024-07-19');
  });

  it('ignores dates without a year and impossible dates', () => {
    expect(latestDateInText('Tiba pada Minggu (14/1) dan pulang 31/2/2024.')).toBeUndefined();
  });
});

describe('publication date of an article without a date line', () => {
  it('is the latest date written in its body, as a plain date', () => {
    const text = 'Harga Cabai Turun\n\nSURABAYA - Harga cabai rawit turun menjadi Rp 40.000 pada Rabu (6/3/2024), kata pedagang.\n\nPekan lalu, Rabu (28/2/2024), harganya masih Rp 55.000.\n';
    expect(cleanText(text, { keepBoilerplate: false }).metadata).toMatchObject({ published: '2024-03-06', dateline: 'SURABAYA' });
  });

  it('is the date line when there is one, even if the body mentions a later date', () => {
    const text = 'Harga Cabai Turun\nSelasa, 5 Mar 2024 10:00 WIB\n\nHarga cabai diperkirakan naik lagi pada 1 April 2024.\n';
    expect(cleanText(text, { keepBoilerplate: false }).metadata.published).toBe('2024-03-05T10:00:00+07:00');
  });
});

const seeds = path.resolve(import.meta.dirname, '../../../../shared/corpus/seeds');
describe.skipIf(!existsSync(seeds))('the seed articles', () => {
  it('each get a publication date and a dateline', () => {
    for (const file of readdirSync(seeds).filter((f) => f.endsWith('.txt'))) {
      const { metadata } = cleanText(readFileSync(path.join(seeds, file), 'utf8'), { keepBoilerplate: false });
      expect(metadata.published, file).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(metadata.dateline, file).toBeTruthy();
    }
  });
});
