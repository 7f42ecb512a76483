import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/stages/clean/clean-text.ts';
import { RULES } from '../../../src/stages/clean/rules.ts';
import type { ArticleMetadata } from '../../../src/types.ts';

const TITLE = 'Pemkab Garut Buka Posko Kesehatan Gratis di Pasar Ceplak';
const LEAD = 'Pemerintah Kabupaten Garut membuka posko kesehatan gratis di Pasar Ceplak mulai Senin (3/6/2024).';
const BODY = 'Posko itu melayani pemeriksaan tekanan darah dan gula darah bagi pedagang serta pengunjung pasar.';

/** A small article: title, lead, the line under test, one more paragraph. */
const around = (line: string): string => [TITLE, '', LEAD, '', line, '', BODY].join('\n');

interface Example {
  /** Input text. */
  text: string;
  /** 1-based line the rule must report. */
  line: number;
  /** What `removed[].text` must be, when it is not the whole line. */
  removedText?: string;
  metadata?: Partial<ArticleMetadata>;
  /** Block texts that must be present after cleaning (e.g. the paragraph a prefix was cut from). */
  keeps?: string[];
  /** For duplicate rules: this text must remain exactly once. */
  once?: string;
}

/** One or more firing examples for every rule. */
const EXAMPLES: Record<string, Example[]> = {
  'ad-marker': [
    { text: around('ADVERTISEMENT'), line: 5 },
    { text: around('Advertisement'), line: 5 },
    { text: around('SCROLL TO CONTINUE WITH CONTENT'), line: 5 },
    { text: around('Hide Ads'), line: 5 },
    { text: around('Scroll ke bawah untuk melanjutkan membaca'), line: 5 },
    { text: around('ADVERTISEMENT - SCROLL TO CONTINUE'), line: 5 },
  ],
  'read-also': [
    { text: around('Baca Juga'), line: 5 },
    { text: around('Baca juga: Harga Cabai Rawit di Garut Turun Jelang Iduladha'), line: 5 },
    { text: around('BACA JUGA - Jalur Selatan Garut Mulai Diperbaiki'), line: 5 },
  ],
  'related-link': [{ text: around('Berita Terkait: Dinkes Garut Gelar Vaksinasi Massal'), line: 5 }],
  'see-also': [
    { text: around('Lihat Juga :'), line: 5 },
    { text: around('Simak juga Video: Antrean Panjang di Posko Kesehatan Garut'), line: 5 },
    { text: around('Tonton juga "Pedagang Pasar Antusias Cek Kesehatan"'), line: 5 },
  ],
  pagination: [
    { text: around('Halaman 2 dari 3'), line: 5 },
    { text: around('Baca halaman selanjutnya.'), line: 5 },
    { text: around('Selengkapnya'), line: 5 },
    { text: around('1 2 3 Selanjutnya'), line: 5 },
    { text: around('Lanjutkan Membaca'), line: 5 },
  ],
  'comment-prompt': [
    { text: around('tulis komentar anda'), line: 5 },
    { text: around('12 Komentar'), line: 5 },
  ],
  'social-prompt': [
    { text: around('Ikuti berita terkini dari kami di Google News, klik di sini.'), line: 5 },
    { text: around('follow us on Google News'), line: 5 },
    { text: [TITLE, LEAD, BODY, '* Follow Official WhatsApp Channel GarutNews.id untuk mendapatkan berita terkini'].join('\n'), line: 4 },
    { text: around('View this post on Instagram'), line: 5 },
    { text: [TITLE, LEAD, BODY, 'WhatsApp'].join('\n'), line: 4 },
  ],
  breadcrumb: [{ text: [TITLE, 'Home > News > Jawa Barat', '', LEAD, '', BODY].join('\n'), line: 2 }],
  'editor-tag': [
    { text: [TITLE, '', LEAD, '', BODY, '(rdp/rdp)'].join('\n'), line: 6 },
    { text: [TITLE, '', LEAD, '', BODY, '(ahm)'].join('\n'), line: 6 },
    { text: [TITLE, '', LEAD, '', BODY, '[cob]'].join('\n'), line: 6 },
    { text: [TITLE, '', LEAD, '', BODY, '(Z-8)'].join('\n'), line: 6 },
    { text: [TITLE, '', LEAD, '', BODY, '(*)'].join('\n'), line: 6 },
    { text: [TITLE, '', LEAD, '', BODY, '(*/rin)'].join('\n'), line: 6 },
    { text: [TITLE, '', LEAD, '', BODY, '(mg1/ant)'].join('\n'), line: 6 },
  ],
  'editor-credit': [{ text: [TITLE, '', LEAD, '', BODY, '', 'Editor: Yulia Kusumawardani'].join('\n'), line: 7 }],
  'author-credit': [
    { text: [TITLE, 'Penulis: Bagus Wicaksono', '', LEAD, '', BODY].join('\n'), line: 2, metadata: { author: 'Bagus Wicaksono' } },
    { text: [TITLE, 'Rep: Dwi Santoso/ Red: Agus Salim', LEAD, BODY].join('\n'), line: 2, metadata: { author: 'Dwi Santoso' } },
    { text: [TITLE, 'LAPORAN: RINA MARLINA', LEAD, BODY].join('\n'), line: 2, metadata: { author: 'RINA MARLINA' } },
    { text: [TITLE, 'Oleh: Asep Saepudin, Neneng Rahayu, & Ujang Suryana', LEAD, BODY].join('\n'), line: 2, metadata: { author: 'Asep Saepudin' } },
    { text: [TITLE, 'Penulis: asep saepudin | Editor: neneng rahayu', LEAD, BODY].join('\n'), line: 2, metadata: { author: 'asep saepudin' } },
    { text: [TITLE, 'Laporan Wartawan GarutNews.id, Neneng Rahayu', LEAD, BODY].join('\n'), line: 2, metadata: { author: 'Neneng Rahayu' } },
  ],
  'photo-caption': [
    { text: around('Foto: Petugas memeriksa tekanan darah pedagang di Pasar Ceplak (Dok. Dinkes Garut)'), line: 5 },
    { text: around('(Foto: Ilustrasi posko kesehatan)'), line: 5 },
  ],
  'wire-caption': [
    {
      text: around('A health worker checks a trader\'s blood pressure at a market in Garut, West Java, June 3, 2024. REUTERS/Rina Hapsari/File Photo Purchase Licensing Rights'),
      line: 5,
    },
    { text: around('Petugas kesehatan melayani warga di Pasar Ceplak, Garut. (ANTARA FOTO/Dedi Kurnia/agr)'), line: 5 },
  ],
  byline: [
    {
      text: [TITLE, '', 'Dewi Anggraini - detikJabar', LEAD, '', BODY].join('\n'),
      line: 3,
      metadata: { author: 'Dewi Anggraini', outlet: 'detikJabar' },
    },
    {
      text: [TITLE, 'Neneng Rahayu - 3 Jun 2024 10:15 WIB', LEAD, BODY].join('\n'),
      line: 2,
      metadata: { author: 'Neneng Rahayu', published: '2024-06-03T10:15:00+07:00' },
    },
    { text: [TITLE, 'Kesehatan - Neneng Rahayu, CNBC Indonesia', LEAD, BODY].join('\n'), line: 2, metadata: { author: 'Neneng Rahayu', outlet: 'CNBC Indonesia' } },
  ],
  'date-line': [
    { text: [TITLE, 'Kamis, 28 Mar 2024 21:37 WIB', LEAD, BODY].join('\n'), line: 2, metadata: { published: '2024-03-28T21:37:00+07:00' } },
    { text: [TITLE, 'Sabtu, 14 September 2024 - 15:34 WITA', LEAD, BODY].join('\n'), line: 2, metadata: { published: '2024-09-14T15:34:00+08:00' } },
    { text: [TITLE, 'Senin, 1 Juli 2024 | 09.05 WIT', LEAD, BODY].join('\n'), line: 2, metadata: { published: '2024-07-01T09:05:00+09:00' } },
    { text: [TITLE, 'GarutNews.id - 03/06/2024, 19:37 WIB', LEAD, BODY].join('\n'), line: 2, metadata: { published: '2024-06-03T19:37:00+07:00', outlet: 'GarutNews.id' } },
    { text: [TITLE, '• Senin, 3 Juni 2024', LEAD, BODY].join('\n'), line: 2, metadata: { published: '2024-06-03' } },
  ],
  'empty-dateline': [{ text: [TITLE, '', 'Garut -', '', LEAD, '', BODY].join('\n'), line: 3, metadata: { dateline: 'Garut' } }],
  'dateline-line': [
    { text: [TITLE, '', 'KabarPriangan ID, Garut.', '', LEAD, '', BODY].join('\n'), line: 3, metadata: { outlet: 'KabarPriangan ID', dateline: 'Garut' } },
    { text: [TITLE, '', 'Garut (ANTARA) -', '', LEAD, '', BODY].join('\n'), line: 3, metadata: { outlet: 'ANTARA', dateline: 'Garut' } },
  ],
  promo: [
    { text: around('Program apresiasi persembahan detikcom untuk tenaga kesehatan di seluruh Indonesia.'), line: 5 },
    { text: around('Baca berita tanpa iklan. Gabung GarutNews.id+'), line: 5 },
    { text: around('Konten Premium'), line: 5 },
  ],
  'embed-placeholder': [
    { text: around('[Gambas:Video CNN]'), line: 5 },
    { text: around('[Embed: Video Posko Kesehatan]'), line: 5 },
    { text: around('https://www.instagram.com/p/Cx12AbCdEf/'), line: 5 },
    { text: around('— Dinkes Garut (@dinkesgarut) June 3, 2024'), line: 5 },
  ],
  'reader-widget': [
    { text: [TITLE, 'waktu baca 2 menit', LEAD, BODY].join('\n'), line: 2 },
    { text: around('AA'), line: 5 },
    { text: around('·'), line: 5 },
  ],
  hashtags: [{ text: [TITLE, LEAD, BODY, '#PoskoKesehatan #Garut'].join('\n'), line: 4 }],
  'related-item': [{ text: around('Nasional / 16 jam lalu / Pemkab Tasikmalaya Buka Posko Serupa'), line: 5 }],
  'outlet-logo': [
    { text: around('logo GarutNews.id'), line: 5 },
    { text: around('Tribunnews.com'), line: 5 },
  ],
  'credit-line': [
    { text: around('TRIBUNJABAR/DEDE SUHERMAN'), line: 5 },
    { text: around('MI/Rahmat Hidayat'), line: 5 },
  ],
  'caption-credit': [
    { text: around('Warga antre di posko kesehatan Pasar Ceplak, Garut, Senin (3/6/2024). (Foto: Bernama)'), line: 5 },
    { text: around('Petugas memeriksa tekanan darah warga. (GarutNews.id/Asep Supriatna)'), line: 5 },
    { text: around('Ilustrasi posko kesehatan di pasar tradisional.(MI)'), line: 5 },
    { text: around('Antrean warga di depan posko kesehatan. - tvOne'), line: 5 },
    { text: around('Pedagang mengikuti pemeriksaan gula darah. ©2024 Merdeka.com'), line: 5 },
    { text: around('Petugas menimbang berat badan balita. Foto: Shutterstock'), line: 5 },
    { text: around('Antrean pemeriksaan di Pasar Ceplak. GARUTNEWS/Asep Supriatna'), line: 5 },
  ],
  copyright: [
    { text: [TITLE, LEAD, BODY, 'Copyright © 2024 Garut Ekspres. All rights reserved.'].join('\n'), line: 4 },
    { text: [TITLE, LEAD, BODY, 'All Right Reserved'].join('\n'), line: 4 },
  ],
  syndication: [
    { text: [TITLE, LEAD, BODY, 'Artikel ini telah tayang di GarutNews.id dengan judul "Posko Kesehatan Gratis Dibuka"'].join('\n'), line: 4 },
  ],
  disclaimer: [{ text: [TITLE, LEAD, BODY, 'Disclaimer: berita ini tidak dimaksudkan sebagai saran medis.'].join('\n'), line: 4 }],
  header: [{ text: [TITLE, 'Kamis, 28 Mar 2024 21:37 WIB', 'Garut Terkini', LEAD, BODY].join('\n'), line: 3 }],
  caption: [
    { text: [TITLE, 'Kamis, 28 Mar 2024 21:37 WIB', 'Petugas memeriksa tekanan darah pedagang di Pasar Ceplak.', 'TRIBUNJABAR/DEDE SUHERMAN', LEAD, BODY].join('\n'), line: 3 },
    // The same caption twice: each copy is a caption.
    { text: [TITLE, 'Kamis, 28 Mar 2024 21:37 WIB', 'Pedagang antre di depan posko kesehatan.', 'Pedagang antre di depan posko kesehatan.', LEAD, BODY].join('\n'), line: 3 },
    { text: [TITLE, 'Kamis, 28 Mar 2024 21:37 WIB', 'Pedagang antre di depan posko kesehatan.', 'Pedagang antre di depan posko kesehatan.', LEAD, BODY].join('\n'), line: 4 },
    // In the body: a chart title above its source line.
    { text: [TITLE, '', LEAD, '', 'Kunjungan Posko Kesehatan Juni 2024', 'Sumber: Dinkes Garut', '', BODY].join('\n'), line: 5 },
  ],
  standfirst: [
    { text: [TITLE, 'Kamis, 28 Mar 2024 21:37 WIB', 'Posko itu melayani pemeriksaan tekanan darah dan gula darah.', LEAD, BODY].join('\n'), line: 3 },
  ],
  'related-block': [
    { text: [TITLE, '', LEAD, '', 'Berita Terkait', 'Dinkes Garut Gelar Vaksinasi Massal di 42 Puskesmas', 'RSUD Garut Tambah Ruang Isolasi Anak', '', BODY].join('\n'), line: 6 },
    { text: [TITLE, '', LEAD, '', 'BACA JUGA:', 'RSUD Garut Tambah Ruang Isolasi Anak', '', BODY].join('\n'), line: 6 },
  ],
  'between-boilerplate': [
    { text: [TITLE, '', LEAD, '', 'ADVERTISEMENT', 'Garut Expo 2024', 'SCROLL TO CONTINUE WITH CONTENT', '', BODY].join('\n'), line: 6 },
    // A widget label just above a chart caption.
    { text: [TITLE, '', LEAD, '', 'Grafik', 'Kunjungan Posko Kesehatan Juni 2024', 'Sumber: Dinkes Garut', '', BODY].join('\n'), line: 5 },
  ],
  prompt: [{ text: [TITLE, LEAD, 'ADVERTISEMENT', 'Cek jadwal posko kesehatan terdekat lewat aplikasi dan kanal berita kami', BODY].join('\n'), line: 4 }],
  'source-tag-inline': [{ text: [TITLE, '', LEAD, '', `${BODY} (Antara)`].join('\n'), line: 5, removedText: '(Antara)', keeps: [BODY] }],
  'read-also-inline': [
    {
      text: around('Posko juga membagikan masker gratis (Baca juga: Stok Masker di Garut Aman) kepada pengunjung.'),
      line: 5,
      removedText: '(Baca juga: Stok Masker di Garut Aman)',
      keeps: ['Posko juga membagikan masker gratis kepada pengunjung.'],
    },
  ],
  dateline: [
    {
      text: [TITLE, '', `Liputan6.com, Garut - ${LEAD}`, '', BODY].join('\n'),
      line: 3,
      removedText: 'Liputan6.com, Garut -',
      metadata: { outlet: 'Liputan6.com', dateline: 'Garut' },
      keeps: [LEAD],
    },
    {
      text: [TITLE, '', `KONTAN.CO.ID - GARUT. ${LEAD}`, '', BODY].join('\n'),
      line: 3,
      removedText: 'KONTAN.CO.ID - GARUT.',
      metadata: { outlet: 'KONTAN.CO.ID', dateline: 'GARUT' },
      keeps: [LEAD],
    },
    { text: [TITLE, `GARUT - ${LEAD}`, BODY].join('\n'), line: 2, removedText: 'GARUT -', metadata: { dateline: 'GARUT' }, keeps: [LEAD] },
    {
      text: [TITLE, `JAKARTA, KOMPAS.com - ${LEAD}`, BODY].join('\n'),
      line: 2,
      removedText: 'JAKARTA, KOMPAS.com -',
      metadata: { outlet: 'KOMPAS.com', dateline: 'JAKARTA' },
      keeps: [LEAD],
    },
    {
      text: [TITLE, `GARUT, PRIANGANNEWS - ${LEAD}`, BODY].join('\n'),
      line: 2,
      removedText: 'GARUT, PRIANGANNEWS -',
      metadata: { outlet: 'PRIANGANNEWS', dateline: 'GARUT' },
      keeps: [LEAD],
    },
    {
      text: [TITLE, `medcom.id, Garut: ${LEAD}`, BODY].join('\n'),
      line: 2,
      removedText: 'medcom.id, Garut:',
      metadata: { outlet: 'medcom.id', dateline: 'Garut' },
      keeps: [LEAD],
    },
    {
      text: [TITLE, `Garut (ANTARA) - ${LEAD}`, BODY].join('\n'),
      line: 2,
      removedText: 'Garut (ANTARA) -',
      metadata: { outlet: 'ANTARA', dateline: 'Garut' },
      keeps: [LEAD],
    },
  ],
  'editor-tag-inline': [
    { text: [TITLE, '', LEAD, '', `${BODY} (ygs/ygs)`].join('\n'), line: 5, removedText: '(ygs/ygs)', keeps: [BODY] },
    { text: [TITLE, '', LEAD, '', `${BODY}(fat/jpnn)`].join('\n'), line: 5, removedText: '(fat/jpnn)', keeps: [BODY] },
    { text: [TITLE, '', LEAD, '', `${BODY} (Bob/P-3)`].join('\n'), line: 5, removedText: '(Bob/P-3)', keeps: [BODY] },
    { text: [TITLE, '', LEAD, '', `${BODY} [dwi]`].join('\n'), line: 5, removedText: '[dwi]', keeps: [BODY] },
  ],
  'repeated-title': [
    { text: [TITLE, '', TITLE, '', LEAD, '', BODY].join('\n'), line: 3 },
    { text: [TITLE, `${TITLE.toUpperCase()}.`, LEAD, BODY].join('\n'), line: 2 },
  ],
  'duplicate-paragraph': [
    { text: [TITLE, '', LEAD, '', BODY, '', LEAD].join('\n'), line: 7, once: LEAD },
    // A whole body pasted twice, one paragraph per line.
    { text: [TITLE, LEAD, BODY, LEAD, BODY].join('\n'), line: 5, once: BODY },
  ],
  'near-duplicate-paragraph': [
    // A lead repeated without its final full stop.
    { text: [TITLE, '', LEAD, '', LEAD.replace(/\.$/u, ''), '', BODY].join('\n'), line: 5, once: LEAD },
    // A cut-off copy of a paragraph first, the full one later: the full one stays.
    {
      text: [TITLE, '', LEAD.slice(0, LEAD.indexOf(' (3/6')), '', BODY, '', LEAD].join('\n'),
      line: 3,
      once: LEAD,
    },
  ],
  trailer: [
    {
      text: [TITLE, '', LEAD, '', BODY, '(bbw/bbw)', 'Garut Expo 2024', 'Pameran UMKM terbesar di Priangan timur', ''].join('\n'),
      line: 7,
    },
  ],
  // A repair, not a removal: the word as it stood is listed, the block has the Latin spelling.
  'mixed-script': [
    {
      // "Сeplak" with a Cyrillic Es (U+0421).
      text: around('Antrean warga mengular di depan posko Pasar \u0421eplak sejak pukul 07.00 WIB.'),
      line: 5,
      removedText: '\u0421eplak',
      keeps: ['Antrean warga mengular di depan posko Pasar Ceplak sejak pukul 07.00 WIB.'],
    },
  ],
};

describe('clean rules: every rule has a firing example', () => {
  it('covers every rule in RULES', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length); // names are unique
    expect(names.filter((n) => !(n in EXAMPLES))).toEqual([]);
  });

  for (const [rule, examples] of Object.entries(EXAMPLES)) {
    examples.forEach((example, i) => {
      it(`${rule} #${i + 1} fires`, () => {
        const result = cleanText(example.text, { keepBoilerplate: false });
        const hit = result.removed.find((r) => r.rule === rule && r.line === example.line);
        expect(hit, JSON.stringify(result.removed)).toBeDefined();
        const lineText = example.text.split('\n')[example.line - 1]!;
        expect(hit!.text).toBe(example.removedText ?? lineText);
        // The removed line (or cut part) is in no block, the title is untouched.
        if (example.once) {
          expect(result.blocks.filter((b) => b.text === example.once)).toHaveLength(1);
        } else {
          for (const block of result.blocks) {
            if (example.removedText) expect(block.text).not.toContain(example.removedText);
            else if (block.kind !== 'title') expect(block.text).not.toBe(lineText.trim());
          }
        }
        expect(result.metadata.title).toBe(TITLE);
        expect(result.blocks[0]).toMatchObject({ kind: 'title', text: TITLE, line: 1 });
        if (example.metadata) expect(result.metadata).toMatchObject(example.metadata);
        for (const text of example.keeps ?? []) expect(result.blocks.map((b) => b.text)).toContain(text);
        // Every rule name that appears is a declared rule.
        for (const r of result.removed) expect(RULES.map((x) => x.name)).toContain(r.rule);
      });
    });
  }
});

describe('clean rules: conservative on real sentences', () => {
  const sentences = [
    'Iklan rokok dilarang tayang di televisi sebelum pukul 21.30 WIB.',
    'Baca juga buku panduan yang dibagikan petugas sebelum mendaftar.',
    'Foto itu diambil warga sesaat sebelum jembatan runtuh.',
    'Menurut jajak pendapat Reuters/Ipsos, 40 persen warga setuju dengan kebijakan itu.',
    'Editor senior majalah itu mengatakan redaksi akan meminta maaf.',
    'Halaman sekolah itu dipakai sebagai tempat pengungsian sementara.',
    'Simak saja bagaimana harga cabai bergerak dalam sepekan terakhir.',
    'Jakarta - Bandung kini bisa ditempuh dalam 45 menit dengan kereta cepat.',
    'Selengkapnya akan diumumkan oleh panitia pada Senin pekan depan.',
    'Kamis, 28 Maret 2024, menjadi hari terakhir pendaftaran calon peserta.',
    'Lihat saja hasilnya nanti, kata dia sambil tersenyum.',
    'Komentar warganet soal kebijakan itu beragam, ada yang setuju dan ada yang menolak.',
  ];
  for (const sentence of sentences) {
    it(`keeps: ${sentence.slice(0, 50)}…`, () => {
      for (const position of ['lead', 'body'] as const) {
        const text = position === 'lead' ? [TITLE, sentence, BODY].join('\n') : [TITLE, LEAD, sentence, BODY].join('\n');
        const result = cleanText(text, { keepBoilerplate: false });
        expect(result.removed).toEqual([]);
        expect(result.blocks.map((b) => b.text)).toContain(sentence);
      }
    });
  }

  it('keeps a repeated short paragraph (fewer than three words)', () => {
    const result = cleanText([TITLE, LEAD, '"Tidak benar."', BODY, '"Tidak benar."'].join('\n'), { keepBoilerplate: false });
    expect(result.blocks.filter((b) => b.text === '"Tidak benar."')).toHaveLength(2);
  });

  it('does not cut a dateline from a later paragraph', () => {
    const later = 'MALANG - Kota lain juga menyiapkan posko serupa.';
    const result = cleanText([TITLE, LEAD, later].join('\n'), { keepBoilerplate: false });
    expect(result.blocks.map((b) => b.text)).toContain(later);
  });

  it('does not treat a long tail after editor initials as a trailer', () => {
    const tail = Array.from({ length: 13 }, (_, i) => `Paragraf tambahan nomor ${i + 1} berisi keterangan lanjutan dari panitia.`);
    const result = cleanText([TITLE, LEAD, '(abc)', ...tail].join('\n'), { keepBoilerplate: false });
    expect(result.removed.map((r) => r.rule)).toEqual(['editor-tag']);
    expect(result.blocks).toHaveLength(2 + tail.length);
  });
});
