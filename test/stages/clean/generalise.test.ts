/**
 * Fixture pages written in the layouts of outlets the rules were not tuned on (test/fixtures/text/
 * jpnn-, inews-, medcom-, tvone- and lookalikes-style.txt). Each checks mechanisms, not strings:
 * header and trailer zones, related blocks, captions and credits of several shapes, prompts,
 * bylines, datelines, date lines with prefixes, body-date plausibility, editor tags; and that body
 * lines shaped like boilerplate stay.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanText, type CleanResult } from '../../../src/stages/clean/clean-text.ts';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/text/${name}`, import.meta.url)), 'utf8');

interface Cleaned extends CleanResult {
  lines: string[];
  /** Line numbers dropped whole, with their rule. */
  dropped: Map<number, string>;
}

function clean(name: string, keepBoilerplate = false): Cleaned {
  const text = fixture(name);
  const result = cleanText(text, { keepBoilerplate });
  const lines = text.split('\n');
  const dropped = new Map(result.removed.filter((r) => r.text === lines[r.line - 1]).map((r) => [r.line, r.rule]));
  return { ...result, lines, dropped };
}

/** Every non-empty line is dropped whole or (maybe cut) in a block, never both. */
function expectAccounted(r: Cleaned): void {
  r.lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const no = i + 1;
    expect(r.dropped.has(no) || r.blocks.some((b) => b.line <= no), `line ${no}`).toBe(true);
  });
}

describe('a page with a header of labels, a link list with ages and a newsroom footer (jpnn style)', () => {
  const r = clean('jpnn-style.txt');

  it('finds the metadata: a headline with "!", the dateline outlet, the first of several authors, an en-dash date line', () => {
    expect(r.metadata).toEqual({
      title: 'Polda Jateng Bongkar Jaringan Pengedar Sabu Antarprovinsi, 12 Orang Ditangkap!',
      outlet: 'jpnn.com',
      author: 'Wisnu Indrawan',
      published: '2020-12-18T19:05:00+07:00',
      dateline: 'SEMARANG',
    });
  });

  it('drops the header furniture above and under the title', () => {
    for (const no of [1, 2, 3, 5, 6, 7]) expect(r.dropped.has(no), `line ${no}`).toBe(true);
    expect(r.dropped.get(7)).toBe('author-credit');
    expect(r.dropped.get(6)).toBe('caption-credit');
  });

  it('drops the page end without an end mark: link list with ages, UI words, address and telephone', () => {
    for (const no of [21, 22, 23, 24, 25, 26, 27]) expect(r.dropped.has(no), `line ${no}`).toBe(true);
    expect(r.dropped.get(21)).toBe('related-item');
  });

  it('cuts the dateline and an editor tag glued to the last sentence, and drops a "(Baca: …)" line', () => {
    expect(r.removed).toContainEqual({ line: 9, text: 'jpnn.com, SEMARANG -', rule: 'dateline' });
    expect(r.removed).toContainEqual({ line: 19, text: '(fat/jpnn)', rule: 'editor-tag-inline' });
    expect(r.dropped.get(15)).toBe('read-also');
    const last = r.blocks[r.blocks.length - 1]!;
    expect(last.text).toBe('Polisi masih memburu dua orang lain yang diduga menjadi pemasok utama, tandasnya.');
    expect(r.blocks.map((b) => b.line)).toEqual([4, 9, 11, 13, 17, 19]);
    expectAccounted(r);
  });
});

describe('a page with a two-sentence headline, a byline above it and an election widget at the end (inews style)', () => {
  const r = clean('inews-style.txt');

  it('takes the question-and-answer headline, not the section label, and reads the prefixed date line', () => {
    expect(r.metadata).toEqual({
      title: 'Kenapa Harga Beras Naik Jelang Ramadan? Ini Jawaban Bulog',
      outlet: 'iNews.id',
      author: 'BUDI SANTOSO',
      published: '2022-05-05T19:37:00+07:00',
      dateline: 'BANDUNG',
    });
    expect(r.blocks[0]).toMatchObject({ kind: 'title', line: 4 });
  });

  it('drops logos, the ad label, follow and embed prompts and the widget lines; keeps the short quote', () => {
    for (const no of [1, 2, 3, 5, 6, 10, 13, 14, 15, 16, 17, 18]) expect(r.dropped.has(no), `line ${no}`).toBe(true);
    expect(r.dropped.get(13)).toBe('social-prompt');
    expect(r.dropped.get(14)).toBe('social-prompt');
    expect(r.blocks.map((b) => b.text)).toContain('"Stok kami cukup sampai Lebaran," katanya.');
    expect(r.removed).toContainEqual({ line: 12, text: '(Bob/P-3)', rule: 'editor-tag-inline' });
    expectAccounted(r);
  });
});

describe('a page with a bullet byline, a colon dateline and a short list (medcom style)', () => {
  const r = clean('medcom-style.txt');

  it('reads author and date from one byline line and the "Outlet, City:" dateline', () => {
    expect(r.metadata).toEqual({
      title: 'Defisit Anggaran Daerah Terjaga di Bawah Target',
      outlet: 'medcom.id',
      author: 'Annisa Putri Lestari',
      published: '2024-01-12T14:20:00+07:00',
      dateline: 'Semarang',
    });
  });

  it('keeps a list of one- and two-word items and the paragraph with a desk code; drops the share buttons', () => {
    for (const no of [7, 8, 9, 10, 11]) expect(r.dropped.has(no), `line ${no}`).toBe(false);
    expect(r.blocks.map((b) => b.text)).toEqual(expect.arrayContaining(['2. Pendidikan', '3. Kesehatan']));
    expect(r.removed).toContainEqual({ line: 11, text: '(Z-8)', rule: 'editor-tag-inline' });
    for (const no of [12, 13, 14, 15]) expect(r.dropped.get(no), `line ${no}`).toBe('social-prompt');
    expectAccounted(r);
  });
});

describe('a page without a date line, with captions of other shapes (tvone style)', () => {
  const r = clean('tvone-style.txt');

  it('drops both copies of a repeated caption, "ilustrasi.(MI)" and a caption ending "(Foto: …)"', () => {
    for (const no of [3, 4, 5, 12]) expect(r.dropped.get(no), `line ${no}`).toBe('caption-credit');
  });

  it('dates the article from the body, not from a caption nor from a date far after the others', () => {
    // The caption says 10 June; the body plans an event in 2030.
    expect(r.metadata.published).toBe('2024-06-03');
    expect(r.metadata.outlet).toBe('tvOne');
    expect(r.metadata.author).toBeUndefined();
  });

  it('drops a related block at the end whose headlines have no prefix', () => {
    for (const no of [13, 14, 15]) expect(r.dropped.has(no), `line ${no}`).toBe(true);
    expect(r.blocks.map((b) => b.line)).toEqual([2, 7, 8, 9, 10, 11]);
    expectAccounted(r);
  });
});

describe('the title among menus, a site tagline and a page title', () => {
  it('skips a long menu entry, the tagline and the headline with the outlet after it', () => {
    const text = [
      'Home',
      'Nasional',
      'Pemilu 2024 Kawal Suara',
      'Internasional',
      'Ekonomi',
      'Berita Terkini dan Terbaru Hari Ini',
      'Banjir Rob Rendam Pesisir Pekalongan - GarutNews.id',
      'Banjir Rob Rendam Pesisir Pekalongan',
      'Senin, 3 Juni 2024 10:15 WIB',
      'PEKALONGAN, GarutNews.id - Banjir rob merendam permukiman di pesisir Kota Pekalongan sejak Minggu malam.',
      'Ketinggian air di sejumlah titik mencapai 50 sentimeter, kata petugas.',
    ].join('\n');
    const r = cleanText(text, { keepBoilerplate: false });
    expect(r.metadata.title).toBe('Banjir Rob Rendam Pesisir Pekalongan');
    expect(r.metadata.author).toBeUndefined();
    expect(r.blocks.map((b) => b.line)).toEqual([8, 10, 11]);
  });
});

describe('body lines shaped like boilerplate, in plain articles', () => {
  it('a date heading a step of a chronology stays; a paragraph signed "(Antara)" loses only the signature', () => {
    const text = [
      'Kronologi Kericuhan di Pelabuhan Sunda Kelapa',
      'Kamis, 7 November 2024 20:15 WIB',
      'JAKARTA - Kericuhan pecah di Pelabuhan Sunda Kelapa saat ratusan buruh menolak rencana relokasi gudang.',
      'Berikut kronologi kejadiannya:',
      'Selasa, 5 November 2024',
      'Buruh menerima surat pemberitahuan relokasi dari pengelola pelabuhan.',
      'Rabu, 6 November 2024',
      'Perwakilan buruh meminta pertemuan, tetapi tidak mendapat jawaban.',
      'Polisi menyebut situasi di pelabuhan kini sudah kondusif dan bongkar muat kembali berjalan normal. (Antara)',
    ].join('\n');
    const r = cleanText(text, { keepBoilerplate: false });
    expect(r.metadata.published).toBe('2024-11-07T20:15:00+07:00');
    expect(r.blocks.map((b) => b.text)).toEqual(expect.arrayContaining(['Selasa, 5 November 2024', 'Rabu, 6 November 2024', 'Polisi menyebut situasi di pelabuhan kini sudah kondusif dan bongkar muat kembali berjalan normal.']));
    expect(r.removed.map((x) => [x.line, x.rule, x.text])).toEqual([
      [2, 'date-line', 'Kamis, 7 November 2024 20:15 WIB'],
      [3, 'dateline', 'JAKARTA -'],
      [9, 'source-tag-inline', '(Antara)'],
    ]);
  });

  it('a quote that opens with a prompt verb stays', () => {
    const quote = '"Lihat saja nanti, Anda akan tahu sendiri hasilnya," kata Ketua Panitia kepada wartawan.';
    const r = cleanText(['Panitia Janjikan Festival Lebih Meriah', 'Panitia festival budaya menjanjikan acara tahun ini lebih meriah.', quote].join('\n'), { keepBoilerplate: false });
    expect(r.removed).toEqual([]);
    expect(r.blocks.map((b) => b.text)).toContain(quote);
  });
});

describe('body lines shaped like boilerplate stay (lookalikes style)', () => {
  const r = clean('lookalikes-style.txt');

  it('drops only the date line, the credit line, the dateline prefix and the copyright line', () => {
    expect(r.removed.map((x) => [x.line, x.rule])).toEqual([
      [2, 'date-line'],
      [3, 'author-credit'],
      [5, 'dateline'],
      [39, 'copyright'],
    ]);
  });

  it('keeps a short quote, a numbered list, one-line paragraphs, a sentence broken over lines by links, a question subheading', () => {
    const texts = r.blocks.map((b) => b.text);
    expect(texts).toContain('"Tidak bisa ditunda."');
    expect(texts).toContain('4. Angkot pengumpan');
    expect(texts).toContain('Sanksi berlaku bulan depan.');
    expect(texts).toContain('Rahmat menambahkan, pemkot juga akan memperbaiki trotoar Suryakencana agar pejalan kaki tidak turun ke badan jalan.');
    expect(texts).toContain('Bagaimana Perubahan Arus Lalu Lintas?');
    expect(texts).toContain('Baca juga tanggapan warga di halaman berikut yang dihimpun redaksi pada Minggu malam.');
    expect(texts).toContain('Iklan di media sosial akan dipakai untuk menyosialisasikan aturan baru itu.');
    expect(texts).toContain('2.000 kendaraan melintas setiap jam pada Sabtu sore, menurut catatan dinas perhubungan.');
    expect(texts).toContain('Komentar warga di media sosial beragam, sebagian mendukung dan sebagian menolak.');
    expectAccounted(r);
  });

  it('with keepBoilerplate, every line stays and the same lines are listed', () => {
    const kept = clean('lookalikes-style.txt', true);
    expect(kept.removed).toEqual(r.removed);
    expect(kept.metadata).toEqual(r.metadata);
    expect(kept.blocks.some((b) => b.text.startsWith('Copyright ©'))).toBe(true);
    expect(kept.blocks.some((b) => b.text.startsWith('BOGOR, GarutNews.id -'))).toBe(true);
  });
});

describe('a listicle with a topic box and picks after the body (listicle style)', () => {
  const r = clean('listicle-style.txt');

  it('keeps numbered subheadings and their paragraphs, drops everything after the body', () => {
    expect(r.metadata).toMatchObject({ title: '5 Fakta Gempa Cianjur Hari Ini, Warga Diminta Tetap Waspada', outlet: 'IDN Times', author: 'Rizal Adhi Pratama', dateline: 'Cianjur' });
    expect(r.blocks.map((b) => b.line)).toEqual([4, 8, 9, 10, 11, 12, 13, 14, 15]);
    for (let no = 16; no <= 23; no++) expect(r.dropped.has(no), `line ${no}`).toBe(true);
    expectAccounted(r);
  });
});

describe('a regional page whose related headlines end in a full stop (regional style)', () => {
  const r = clean('regional-style.txt');

  it('drops the link list after the end mark and a slash credit inside a caption', () => {
    expect(r.metadata).toMatchObject({ author: 'Ahmad Antoni', dateline: 'SEMARANG', published: '2024-06-07T13:45:00+07:00' });
    expect(r.dropped.get(5)).toBe('caption-credit');
    for (const no of [13, 14, 15, 16, 17, 18, 19]) expect(r.dropped.has(no), `line ${no}`).toBe(true);
    expect(r.blocks.map((b) => b.line)).toEqual([3, 7, 8, 10, 11, 12]);
  });
});

describe('a byline label with the names on the next lines (viva style)', () => {
  const r = clean('viva-style.txt');

  it('takes the first name after the label, cuts an outlet-only dateline, keeps a price list', () => {
    expect(r.metadata).toEqual({
      title: 'Harga Emas Antam Hari Ini Turun Rp5.000, Cek Daftarnya di Sini',
      outlet: 'VIVA',
      author: 'Mohammad Yudha Prasetya',
      published: '2024-06-07T09:15:00+07:00',
    });
    expect(r.removed).toContainEqual({ line: 9, text: 'VIVA –', rule: 'dateline' });
    expect(r.blocks.map((b) => b.text)).toEqual(expect.arrayContaining(['Emas 0,5 gram: Rp720.000', 'Emas 5 gram: Rp6.475.000']));
    for (const no of [5, 6, 7, 8, 16, 17, 18, 19, 20]) expect(r.dropped.has(no), `line ${no}`).toBe(true);
    expectAccounted(r);
  });
});

describe('a portal page with a long menu, font buttons, tags and a footer of links (portal style)', () => {
  const r = clean('portal-style.txt');

  it('takes the headline above the date line, not a long menu entry', () => {
    expect(r.metadata).toEqual({
      title: 'Kapolres Minta Warga Tak Terprovokasi Isu Penculikan Anak di Grup WhatsApp',
      outlet: 'KarawangPos.com',
      author: 'Dedi Kurniawan',
      published: '2024-06-13T08:30:00+07:00',
      dateline: 'KARAWANG',
    });
  });

  it('keeps only the title and the four paragraphs', () => {
    expect(r.blocks.map((b) => b.line)).toEqual([16, 24, 25, 26, 27]);
    expect(r.dropped.get(23)).toBe('caption');
    for (let no = 28; no <= 40; no++) expect(r.dropped.has(no), `line ${no}`).toBe(true);
    expectAccounted(r);
  });
});
