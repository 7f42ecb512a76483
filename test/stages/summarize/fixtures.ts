/**
 * Invented Indonesian news articles (fictional places and people) for the ranker's tests.
 */
import type { RankInput } from '../../../src/stages/summarize/rank.ts';

type Kind = RankInput['sentences'][number]['kind'];

/** Blocks of [kind, sentences]; ids follow the pipeline's `<article>#p<block>s<n>` convention. */
export function article(id: string, title: string | null, blocks: Array<[Kind, string[]]>): RankInput {
  const sentences: RankInput['sentences'] = [];
  blocks.forEach(([kind, texts], block) =>
    texts.forEach((text, i) => sentences.push({ id: `${id}#p${block}s${i + 1}`, text, block, kind })),
  );
  return { title, sentences };
}

/** A flood report with a title block, a heading, a boilerplate link and a quote. */
export const banjir = article('banjir', 'Banjir Rendam Ratusan Rumah di Sukamaju', [
  ['title', ['Banjir Rendam Ratusan Rumah di Sukamaju']],
  [
    'paragraph',
    [
      'Banjir setinggi satu meter merendam sedikitnya 450 rumah warga di Kecamatan Sukamaju, Kabupaten Lembah Hijau, Selasa (12/3) dini hari.',
      'Air mulai masuk ke permukiman sekitar pukul 02.00 WIB setelah hujan deras mengguyur wilayah itu selama enam jam tanpa henti.',
    ],
  ],
  [
    'paragraph',
    [
      'Kepala Badan Penanggulangan Bencana Daerah Lembah Hijau, Rahmat Sentosa, mengatakan tanggul Sungai Cikaret jebol sepanjang 20 meter.',
      '"Debit sungai naik sangat cepat dan tanggul tidak mampu menahan arus," kata Rahmat kepada wartawan di posko pengungsian.',
    ],
  ],
  ['heading', ['Banjir Sukamaju: warga rumah terendam mengungsi']],
  [
    'paragraph',
    [
      'Sebanyak 1.200 warga yang rumahnya terendam banjir kini mengungsi di balai desa dan dua gedung sekolah.',
      'Petugas gabungan mengerahkan enam perahu karet untuk mengevakuasi lansia dan anak-anak.',
    ],
  ],
  ['paragraph', ['Baca juga: Hujan Deras Diprediksi Guyur Jawa Barat Sepekan ke Depan']],
  [
    'paragraph',
    [
      'Dinas Sosial setempat telah menyalurkan beras, mi instan, selimut, dan air bersih ke lokasi pengungsian.',
      'Hingga Selasa siang, belum ada laporan korban jiwa akibat banjir tersebut.',
      'Pemerintah kabupaten berencana memperbaiki tanggul yang jebol dalam waktu dua pekan.',
    ],
  ],
]);

/**
 * A fare-rise report whose second sentence repeats the lead almost word for word (a syndication
 * artefact), so a ranker without redundancy control takes both.
 */
export const tarif = article('tarif', 'Tarif Angkutan Umum Kota Lembah Hijau Naik 15 Persen', [
  [
    'paragraph',
    [
      'Pemerintah Kota Lembah Hijau resmi menaikkan tarif angkutan umum sebesar 15 persen mulai Senin pekan depan.',
      'Pemerintah Kota Lembah Hijau secara resmi menaikkan tarif angkutan umum sebesar 15 persen mulai pekan depan.',
    ],
  ],
  [
    'paragraph',
    [
      'Kenaikan tarif itu diputuskan setelah harga bahan bakar solar bersubsidi naik bulan lalu.',
      'Wali Kota Sri Handayani menyebut keputusan tersebut sudah dibahas bersama organisasi pengusaha angkutan.',
    ],
  ],
  [
    'paragraph',
    [
      'Sejumlah penumpang mengeluhkan kenaikan tarif angkutan umum karena penghasilan mereka tidak bertambah.',
      'Dinas Perhubungan berjanji menambah armada pada jam sibuk agar penumpang tidak menunggu lama.',
      'Pengawasan tarif di terminal akan dilakukan setiap hari selama bulan pertama.',
    ],
  ],
]);

/** A short sports report with no title field (the title comes from the `title` block). */
export const sepakbola = article('bola', null, [
  ['title', ['Persija Muda Tundukkan Tamu 2-1 di Stadion Kenanga']],
  [
    'paragraph',
    [
      'Persija Muda menundukkan tamunya, Garuda Timur, dengan skor 2-1 dalam laga pekan kelima Liga Nusantara di Stadion Kenanga, Minggu (5/5) malam.',
      'Dua gol tuan rumah dicetak oleh Andika Pratama pada menit ke-12 dan ke-67.',
      'Garuda Timur sempat menyamakan kedudukan lewat sundulan Yohanes Rumbiak menjelang turun minum.',
    ],
  ],
  ['heading', ['Persija Muda naik ke posisi kedua']],
  [
    'paragraph',
    [
      'Kemenangan itu membawa Persija Muda naik ke posisi kedua klasemen sementara dengan 11 poin.',
      '"Anak-anak bermain disiplin dan tidak menyerah sampai akhir," ujar pelatih Persija Muda, Bambang Susilo, seusai laga.',
    ],
  ],
]);
