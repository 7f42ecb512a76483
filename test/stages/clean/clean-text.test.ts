import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanText, nearKey, normalizeLine } from '../../../src/stages/clean/clean-text.ts';
import { isOutlet, isPlace, parseDateLine } from '../../../src/stages/clean/metadata.ts';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/text/${name}`, import.meta.url)), 'utf8');

const clean = (text: string) => cleanText(text, { keepBoilerplate: false });

describe('cleanText on fixture articles', () => {
  it('detik style: header, ads, pagination, trailer', () => {
    const text = fixture('detik-style.txt');
    const r = clean(text);
    expect(r.metadata).toEqual({
      title: 'Banjir Bandang Terjang Tiga Desa di Lereng Gunung Sago, Ratusan Warga Mengungsi',
      author: 'Dewi Kartikasari',
      outlet: 'detikNews',
      published: '2024-05-14T06:12:00+07:00',
      dateline: 'Padang',
    });
    expect(r.blocks.map((b) => [b.kind, b.line])).toEqual([
      ['title', 1],
      ['paragraph', 11],
      ['paragraph', 13],
      ['paragraph', 17],
      ['paragraph', 21],
      ['heading', 25],
      ['paragraph', 27],
      ['paragraph', 29],
    ]);
    expect(r.blocks[5]!.text).toBe('Kerugian Ditaksir Rp 4,5 Miliar');
    // Every non-empty line is either in a block or in `removed`.
    const lines = text.split('\n');
    const inBlocks = new Set(r.blocks.map((b) => b.line));
    const inRemoved = new Set(r.removed.map((x) => x.line));
    lines.forEach((line, i) => {
      if (line.trim() !== '') expect(inBlocks.has(i + 1) || inRemoved.has(i + 1), `line ${i + 1}`).toBe(true);
    });
    expect(r.removed.map((x) => [x.line, x.rule])).toEqual([
      [3, 'repeated-title'],
      [5, 'byline'],
      [6, 'date-line'],
      [7, 'wire-caption'],
      [8, 'photo-caption'],
      [9, 'empty-dateline'],
      [15, 'ad-marker'],
      [19, 'ad-marker'],
      [23, 'pagination'],
      [31, 'pagination'],
      [32, 'editor-tag'],
      [33, 'trailer'],
      // A prompt with "di sini", and an award "persembahan <outlet>": the general promo rule.
      [34, 'promo'],
      [35, 'pagination'],
      [38, 'promo'],
      [39, 'ad-marker'],
    ]);
    for (const x of r.removed) expect(x.text).toBe(lines[x.line - 1]);
  });

  it('liputan style: one paragraph per line, dateline prefix, headings', () => {
    const r = clean(fixture('liputan-style.txt'));
    // No date line: the date comes from the body's "(5/6/2024)".
    expect(r.metadata).toEqual({ title: null, outlet: 'Liputan6.com', dateline: 'Surabaya', published: '2024-06-05' });
    expect(r.blocks[0]!.kind).toBe('paragraph');
    expect(r.blocks[0]!.text.startsWith('Pemerintah Kota Surabaya meresmikan')).toBe(true);
    expect(r.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['Warga Sambut Gembira', 'Kapan JPO Berikutnya Dibangun?']);
    expect(r.removed.map((x) => [x.line, x.rule, x.text])).toEqual([
      [1, 'dateline', 'Liputan6.com, Surabaya -'],
      [3, 'read-also', 'Baca Juga'],
      [5, 'ad-marker', 'Advertisement'],
    ]);
    expect(r.blocks).toHaveLength(9);
  });

  it('galapos style: dateline line and a lead repeated without its full stop', () => {
    const r = clean(fixture('galapos-style.txt'));
    expect(r.metadata).toEqual({
      title: 'Harga Beras Premium Tembus Rp 16.000, Pedagang Pasar Mengeluh?!',
      outlet: 'WartaKota ID',
      dateline: 'Cirebon',
      // No date line: the date comes from the body's "10 Juni 2024".
      published: '2024-06-10',
    });
    expect(r.removed.map((x) => [x.line, x.rule])).toEqual([
      [3, 'dateline-line'],
      [7, 'near-duplicate-paragraph'],
    ]);
    expect(r.blocks.map((b) => b.line)).toEqual([1, 5, 9, 11]);
  });

  it('sindo style: date with dash, capital dateline, body pasted twice, footer', () => {
    const r = clean(fixture('sindo-style.txt'));
    expect(r.metadata).toEqual({
      title: 'Gunung Lewotobi Kembali Erupsi, Kolom Abu Capai 1.500 Meter',
      published: '2024-06-20T08:45:00+08:00',
      dateline: 'FLORES TIMUR',
    });
    expect(r.blocks.map((b) => b.line)).toEqual([1, 3, 4, 5]);
    expect(r.blocks[1]!.text.startsWith('Gunung Lewotobi Laki-laki')).toBe(true);
    expect(r.removed.map((x) => [x.line, x.rule])).toEqual([
      [2, 'date-line'],
      [3, 'dateline'],
      [6, 'duplicate-paragraph'],
      [7, 'duplicate-paragraph'],
      [8, 'editor-tag'],
      [9, 'see-also'],
      [10, 'comment-prompt'],
    ]);
  });

  it('kontan style: outlet dateline with a full stop, Baca Juga with headline, editor credit', () => {
    const r = clean(fixture('kontan-style.txt'));
    expect(r.metadata).toEqual({
      title: 'Ekspor Kopi Sulawesi Naik 12 Persen pada Semester Pertama',
      outlet: 'KONTAN.CO.ID',
      dateline: 'MAKASSAR',
    });
    expect(r.blocks[1]!.text.startsWith('Nilai ekspor kopi')).toBe(true);
    expect(r.removed.map((x) => x.rule)).toEqual(['dateline', 'read-also', 'editor-credit']);
    expect(r.blocks).toHaveLength(4);
  });
});

describe('cleanText options and structure', () => {
  it('keepBoilerplate keeps every line but still reports what would go', () => {
    const text = fixture('detik-style.txt');
    const dropped = clean(text);
    const kept = cleanText(text, { keepBoilerplate: true });
    expect(kept.removed).toEqual(dropped.removed);
    expect(kept.metadata).toEqual(dropped.metadata);
    const nonEmpty = text.split('\n').filter((l) => l.trim() !== '').length;
    expect(kept.blocks).toHaveLength(nonEmpty);
    expect(kept.blocks.map((b) => b.text)).toContain('ADVERTISEMENT');
    expect(kept.blocks[0]!.kind).toBe('title');
  });

  it('keepBoilerplate leaves the dateline prefix in the paragraph', () => {
    const r = cleanText(fixture('liputan-style.txt'), { keepBoilerplate: true });
    expect(r.blocks[0]!.text.startsWith('Liputan6.com, Surabaya - Pemerintah')).toBe(true);
    expect(r.removed[0]).toMatchObject({ rule: 'dateline', line: 1 });
  });

  it('joins a line only when it clearly continues the previous one', () => {
    const text = [
      'Petani Garam Madura Panen Raya',
      'Musim kemarau yang panjang membuat petani garam di Sumenep',
      'menikmati panen raya tahun ini.',
      'Produksi diperkirakan naik dua kali lipat,',
      'kata Kepala Dinas Perikanan.',
      'Harga Mulai Turun',
      'Harga garam krosok kini Rp 900 per kilogram.',
    ].join('\n');
    const r = clean(text);
    expect(r.blocks.map((b) => [b.kind, b.line, b.text])).toEqual([
      ['title', 1, 'Petani Garam Madura Panen Raya'],
      ['paragraph', 2, 'Musim kemarau yang panjang membuat petani garam di Sumenep menikmati panen raya tahun ini.'],
      ['paragraph', 4, 'Produksi diperkirakan naik dua kali lipat, kata Kepala Dinas Perikanan.'],
      ['heading', 6, 'Harga Mulai Turun'],
      ['paragraph', 7, 'Harga garam krosok kini Rp 900 per kilogram.'],
    ]);
  });

  it('does not join across a blank line', () => {
    const r = clean(['Judul Berita Singkat', '', 'Kalimat pertama tanpa titik', '', 'lanjutan yang terpisah baris kosong.'].join('\n'));
    expect(r.blocks).toHaveLength(3);
  });

  it('a question in sentence case is a paragraph, a short unpunctuated last line is not a heading', () => {
    const r = clean(['Judul Berita', 'Paragraf pertama berisi kabar.', 'Lalu, apa yang akan dilakukan pemerintah?', 'Paragraf kedua.', 'Penutup tanpa titik'].join('\n'));
    expect(r.blocks.map((b) => b.kind)).toEqual(['title', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('normalises odd spaces and zero-width characters in block text', () => {
    const r = clean('Judul\u00a0 Berita\n\nWarga\u00a0 Desa\u200b Sukamaju menanam\t1.000 pohon.');
    expect(r.metadata.title).toBe('Judul Berita');
    expect(r.blocks[1]!.text).toBe('Warga Desa Sukamaju menanam 1.000 pohon.');
  });

  it('empty input gives no title and no blocks', () => {
    expect(clean('')).toEqual({ metadata: { title: null }, blocks: [], removed: [] });
    expect(clean('\n\n  \n')).toEqual({ metadata: { title: null }, blocks: [], removed: [] });
  });

  it('result survives JSON round trip', () => {
    const r = clean(fixture('detik-style.txt'));
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('a several-sentence first line is not a title', () => {
    const r = clean('Warga panik. Air naik cepat sekali malam itu.\nPetugas datang pukul 22.00 WIB.');
    expect(r.metadata.title).toBeNull();
    expect(r.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('a headline shaped like a photo caption stays the title', () => {
    const r = clean('FOTO: Ribuan Lampion Terangi Candi Borobudur\n\nRibuan lampion diterbangkan dari pelataran candi.');
    expect(r.metadata.title).toBe('FOTO: Ribuan Lampion Terangi Candi Borobudur');
  });
});

describe('metadata helpers', () => {
  it('parses date lines to ISO 8601 with the zone offset', () => {
    expect(parseDateLine('Kamis, 28 Mar 2024 21:37 WIB')).toBe('2024-03-28T21:37:00+07:00');
    expect(parseDateLine('Rabu, 3 Januari 2024 - 07:05 WITA')).toBe('2024-01-03T07:05:00+08:00');
    expect(parseDateLine('Jumat, 9 Agustus 2024 | 10.30 WIT')).toBe('2024-08-09T10:30:00+09:00');
    expect(parseDateLine("Jum'at, 16 Feb 2024")).toBe('2024-02-16');
    expect(parseDateLine('16/02/2024, 13:00')).toBe('2024-02-16T13:00:00+07:00');
    expect(parseDateLine('Diperbarui: Senin, 5 Agt 2024 08:00 WIB')).toBe('2024-08-05T08:00:00+07:00');
    expect(parseDateLine('Kamis, 31 Feb 2024 21:37 WIB')).toBeUndefined();
    expect(parseDateLine('Kamis, 28 Mar 2024 25:37 WIB')).toBeUndefined();
    expect(parseDateLine('Kamis, 28 Maret 2024, menjadi hari terakhir.')).toBeUndefined();
  });

  it('recognises outlets and places', () => {
    for (const o of ['detikNews', 'Liputan6.com', 'KONTAN.CO.ID', 'CNN Indonesia', 'Tempo.co', 'WartaKota ID', 'ANTARA']) expect(isOutlet(o), o).toBe(true);
    for (const o of ['Jakarta', 'Presiden Joko Widodo', 'Korea Utara']) expect(isOutlet(o), o).toBe(false);
    for (const p of ['Jakarta', 'NEW YORK', 'Kota Bharu']) expect(isPlace(p), p).toBe(true);
    for (const p of ['jakarta', 'Liputan6.com', 'Sebuah kota kecil di pinggir laut']) expect(isPlace(p), p).toBe(false);
  });

  it('normalizeLine and nearKey', () => {
    expect(normalizeLine('  a\u00a0\u00a0b\u200b c\t ')).toBe('a b c');
    expect(nearKey('Kata “Dia” — jelas.')).toBe(nearKey('kata "dia" - jelas'));
  });
});
