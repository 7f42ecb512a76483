import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, abbreviationKind } from '../../../src/stages/segment/abbreviations.ts';
import { MAX_QUOTE_LENGTH, segmentSentences, splitSentences } from '../../../src/stages/segment/segmenter.ts';

const split = (text: string) => splitSentences(text);
const one = (text: string) => expect(split(text)).toEqual([text]);

describe('segmentSentences: numbers, dates and times do not split', () => {
  it.each([
    'Harga cabai rawit naik menjadi Rp 1.000 per ons di Pasar Induk.',
    'Pemerintah menyiapkan dana Rp1.000.000.000 untuk perbaikan jembatan.',
    'Inflasi bulan lalu tercatat 2,5 persen secara tahunan.',
    'Rapat dimulai pukul 14.30 WIB di balai kota.',
    'Surat itu bertanggal 28/3/2024 dan ditandatangani kepala desa.',
    'Sebanyak 1.689.393 warga telah menerima bantuan, atau 75,25 persen dari target.',
    'Nomor registrasi KEP-12/MK.01/2024 diterbitkan kemarin.',
    'Situs Liputan6.com dan KONTAN.CO.ID memuat berita itu.',
  ])('%s', one);

  it('splits after a number that ends a sentence', () => {
    expect(split('Pesawat mendarat pukul 14.30. Penumpang turun satu per satu.')).toEqual([
      'Pesawat mendarat pukul 14.30.',
      'Penumpang turun satu per satu.',
    ]);
    expect(split('Total bantuan mencapai Rp 1.000.000. Dana itu dibagikan merata.')).toHaveLength(2);
  });
});

describe('segmentSentences: initials and abbreviations', () => {
  it.each([
    'Direktur SVR Sergei E. Naryshkin tiba di Pyongyang pada Senin.',
    'Mantan presiden B. J. Habibie dikenang sebagai bapak teknologi.',
    'Gubernur bank sentral Agus D.W. Martowardojo memberi keterangan.',
    'Hadir dalam acara itu Dr. Rahmat Hidayat dan Prof. Sri Wahyuni.',
    'Jenazah H. Abdul Karim dan Hj. Siti Maryam dimakamkan di Bogor.',
    'Proyek itu dipimpin Ir. Bambang Sutrisno dari dinas pekerjaan umum.',
    'Pasien ditangani dr. Lestari Wulandari di ruang gawat darurat.',
    'Kantor itu berada di Jl. Diponegoro No. 12, Kec. Coblong, Kab. Bandung.',
    'Kontrak diteken PT. Sinar Abadi dan disaksikan Sdr. Hendra Gunawan.',
    'Kebaktian dipimpin pendeta di Gereja St. Yosef pada Minggu pagi.',
    'Surat itu ditandatangani a.n. Kepala Dinas dan dikirim u.p. Bagian Umum.',
    'Undangan menyebut acara dimulai pk. 09.00 pada tgl. 5 Mei.',
    'Kapal dijadwalkan tiba pada 5 Agt. 2024 di Pelabuhan Tanjung Perak.',
    'Laporan itu ditulis oleh Suharto dkk. pada tahun lalu.',
    'Pedagang menjual beras, gula, minyak, dll. dengan harga murah.',
    'Saham PT Bumi Makmur Tbk. (BUMI) naik 3 persen pada sesi pertama.',
    'Anak usaha Sinar Laut Pte. Ltd. menjual seluruh sahamnya.',
    'Perusahaan Samudra Co. Ltd. dari Korea ikut tender.',
    'Menurut data tsb. jumlah pengungsi terus bertambah.',
  ])('%s', one);

  it('every prefix abbreviation in the data keeps a capitalised name in the same sentence', () => {
    const prefixes = ABBREVIATIONS.filter((a) => a.kind === 'prefix');
    expect(prefixes.length).toBeGreaterThan(40);
    for (const a of prefixes) {
      const text = `Surat itu dibawa ${a.form}. Budi Santoso ke kantor.`;
      expect(split(text), a.form).toEqual([text]);
    }
  });

  it('dll. / dsb. / Tbk. ending a sentence before a capitalised word is a boundary', () => {
    expect(split('Pasar menjual sayur, buah, dll. Harga relatif stabil.')).toEqual(['Pasar menjual sayur, buah, dll.', 'Harga relatif stabil.']);
    expect(split('Korban membutuhkan selimut, makanan, dsb. Bantuan terus berdatangan.')).toHaveLength(2);
    expect(split('Ia menjabat komisaris PT Angin Ribut Tbk. Sebelumnya ia bekerja di bank.')).toHaveLength(2);
    expect(split('Kapal tiba pada 5 Agt. Muatan segera dibongkar.')).toHaveLength(2);
  });

  it('an initial after a lower-case word ends the sentence', () => {
    expect(split('Sekolah itu masuk akreditasi kelas A. Guru-guru menyambut gembira.')).toHaveLength(2);
  });

  it('abbreviation lookup respects case where the lower-case form is a word', () => {
    expect(abbreviationKind('Kol')).toBe('prefix');
    expect(abbreviationKind('kol')).toBeUndefined();
    expect(abbreviationKind('DR')).toBe('prefix');
    expect(abbreviationKind('TBK')).toBe('suffix');
  });
});

describe('segmentSentences: sentence-final punctuation', () => {
  it('splits after . ? ! and ?!', () => {
    expect(split('Banjir surut. Warga pulang? Belum semua! Kenapa begitu?! Petugas menjawab.')).toEqual([
      'Banjir surut.',
      'Warga pulang?',
      'Belum semua!',
      'Kenapa begitu?!',
      'Petugas menjawab.',
    ]);
  });

  it('splits after an ellipsis followed by a capital, not before a lower-case word', () => {
    expect(split('Ia terdiam... Lalu pergi tanpa pamit.')).toEqual(['Ia terdiam...', 'Lalu pergi tanpa pamit.']);
    expect(split('Ia terdiam… Lalu pergi.')).toEqual(['Ia terdiam…', 'Lalu pergi.']);
    one('Ia ragu... dan akhirnya kembali ke rumah.');
  });

  it('a question or exclamation followed by a lower-case attribution does not split', () => {
    one('"Siapa yang bertanggung jawab?" tanya seorang warga.');
    one('"Awas!" teriak petugas itu.');
  });

  it('closing quotes and brackets stay with the sentence they end', () => {
    expect(split('Ia berkata, "Saya lelah." Lalu ia tidur.')).toEqual(['Ia berkata, "Saya lelah."', 'Lalu ia tidur.']);
    expect(split('Ia berkata, “Saya lelah.” Lalu ia tidur.')).toEqual(['Ia berkata, “Saya lelah.”', 'Lalu ia tidur.']);
    expect(split('Data dirilis kemarin (angka sementara.) Revisi menyusul.')).toEqual(['Data dirilis kemarin (angka sementara.)', 'Revisi menyusul.']);
    expect(split("Ia menulis 'Selamat jalan.' Kemudian ia pergi.")).toEqual(["Ia menulis 'Selamat jalan.'", 'Kemudian ia pergi.']);
  });

  it('a short quotation stays whole with its attribution; a long one is split', () => {
    one('"Kami siap. Semua personel sudah di lokasi," kata Kapolres.');
    one('Ia mengatakan: “Kami menunggu. Kami tidak akan pergi.”');
    const long = `"${'Air terus naik di seluruh kampung. '.repeat(Math.ceil(MAX_QUOTE_LENGTH / 35))}Kami menunggu bantuan," kata dia.`;
    expect(split(long).length).toBeGreaterThan(2);
    expect(splitSentences('"Kami siap. Semua sudah di lokasi," kata dia.', { keepQuotesTogether: false })).toEqual([
      '"Kami siap.',
      'Semua sudah di lokasi," kata dia.',
    ]);
  });

  it('an unclosed quotation does not block splitting', () => {
    expect(split('"Kami siap. Semua personel sudah di lokasi. Mereka bekerja sejak pagi.')).toHaveLength(3);
  });
});

describe('segmentSentences: lines, headlines, bullets', () => {
  it('a headline without final punctuation is a whole sentence', () => {
    one('Gempa Magnitudo 5,2 Guncang Sukabumi');
    expect(split('Gempa Magnitudo 5,2 Guncang Sukabumi\nWarga berhamburan ke luar rumah.')).toEqual([
      'Gempa Magnitudo 5,2 Guncang Sukabumi',
      'Warga berhamburan ke luar rumah.',
    ]);
  });

  it('a wrapped line that continues lower-case stays in the sentence', () => {
    expect(split('Warga yang tinggal di bantaran\nsungai diminta mengungsi. Petugas berjaga.')).toEqual([
      'Warga yang tinggal di bantaran\nsungai diminta mengungsi.',
      'Petugas berjaga.',
    ]);
  });

  it('bullet lines are each a sentence', () => {
    expect(split('Langkah yang disiapkan:\n- Evakuasi warga lansia\n- Dapur umum di balai desa\n• Posko kesehatan\n1. Pendataan korban\n2) Distribusi logistik')).toEqual([
      'Langkah yang disiapkan:',
      '- Evakuasi warga lansia',
      '- Dapur umum di balai desa',
      '• Posko kesehatan',
      '1. Pendataan korban',
      '2) Distribusi logistik',
    ]);
  });

  it('a blank line always separates', () => {
    expect(split('Kalimat pertama tanpa titik\n\nlanjutan setelah baris kosong')).toHaveLength(2);
  });
});

describe('segmentSentences: spans', () => {
  const texts = [
    '  Banjir surut.  Warga pulang?\n\n"Belum," kata dia.  ',
    'Harga Rp 1.000. Stok aman!\n- satu\n- dua',
    '',
    '   \n  ',
    'Tanpa tanda baca sama sekali',
  ];
  it('are trimmed, ordered, non-overlapping and cover every non-space character', () => {
    for (const text of texts) {
      const spans = segmentSentences(text);
      let last = 0;
      const covered = new Array<boolean>(text.length).fill(false);
      for (const s of spans) {
        expect(s.start).toBeGreaterThanOrEqual(last);
        expect(s.end).toBeGreaterThan(s.start);
        expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim());
        for (let i = s.start; i < s.end; i++) covered[i] = true;
        last = s.end;
      }
      for (let i = 0; i < text.length; i++) if (!/\s/u.test(text[i]!)) expect(covered[i], `${JSON.stringify(text)} @${i}`).toBe(true);
    }
  });

  it('empty or blank text has no sentences', () => {
    expect(segmentSentences('')).toEqual([]);
    expect(segmentSentences(' \n\t ')).toEqual([]);
  });

  it('offsets point into the given text', () => {
    expect(segmentSentences('  Satu. Dua.')).toEqual([
      { start: 2, end: 7 },
      { start: 8, end: 12 },
    ]);
  });
});
