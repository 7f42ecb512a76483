/**
 * Invented Indonesian news (fictional villages, regencies, markets and people) about four events,
 * with hand-written English translations, for the digest's tests:
 *
 * - longsor Karangsari (3 outlets, 4–5 Nov 2024): a landslide; the outlets restate the same facts;
 * - kebakaran Pasar Sentral Tanjung Rawa (2 outlets, one article undated): a market fire;
 * - longsor Cikadu (16 Nov 2024): another landslide in the same regency, twelve days later;
 * - longsor Banjarsari (4 Nov 2024): a landslide on the same day in another province.
 *
 * Summaries come from the real summarizer (`selectSummary`), and entities from the real tagger and
 * the entities stage's mention, alignment and merging steps, as in the pipeline.
 */
import { createHash } from 'node:crypto';
import { selectSummary } from '../../src/stages/summarize/rank.ts';
import type { ArticleDocument } from '../../src/stages/render/document.ts';
import type { ArticleEntity, ArticleMetadata, BlockKind, TranslatedSentence } from '../../src/types.ts';
import { recognizeEntities } from '../../src/text/entities/index.ts';
import { findMentions } from '../../src/stages/entities/mentions.ts';
import { alignMentions } from '../../src/stages/entities/english.ts';
import { mergeMentions } from '../../src/stages/entities/merge.ts';

type Pair = [id: string, en: string];

interface FixtureArticle {
  id: string;
  metadata: Omit<ArticleMetadata, 'title'>;
  title: Pair;
  paragraphs: Pair[][];
}

/** An ArticleDocument as the render stage writes it, with offsets into the joined text. */
export function documentOf(article: FixtureArticle, summarySentences = 3): ArticleDocument {
  const blocks: Array<{ kind: BlockKind; pairs: Pair[] }> = [{ kind: 'title', pairs: [article.title] }, ...article.paragraphs.map((pairs) => ({ kind: 'paragraph' as const, pairs }))];
  const sentences: ArticleDocument['sentences'] = [];
  let text = '';
  blocks.forEach(({ kind, pairs }, block) => {
    if (block > 0) text += '\n\n';
    pairs.forEach(([source, translation], i) => {
      if (i > 0) text += ' ';
      const start = text.length;
      text += source;
      sentences.push({ id: `${article.id}#p${block}s${i + 1}`, kind, offsets: [start, text.length], source, translation });
    });
  });
  const ranked = selectSummary(
    { title: article.title[0], sentences: sentences.map((s) => ({ id: s.id, text: s.source, block: Number(/#p(\d+)/.exec(s.id)![1]), kind: s.kind })) },
    { sentences: summarySentences },
  );
  const byId = new Map(sentences.map((s) => [s.id, s]));
  const translated: TranslatedSentence[] = sentences.map((s) => ({
    id: s.id,
    block: Number(/#p(\d+)/.exec(s.id)![1]),
    kind: s.kind,
    start: s.offsets[0],
    end: s.offsets[1],
    text: s.source,
    translation: s.translation,
    score: null,
    flags: [],
  }));
  const entities: ArticleEntity[] = mergeMentions(alignMentions(findMentions(translated, (text) => recognizeEntities(text))));
  return {
    id: article.id,
    source: { path: `${article.id}.txt`, bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex'), encoding: 'utf-8', bom: false },
    metadata: { title: article.title[0], ...article.metadata },
    model: { id: 'handwritten', fingerprint: '0'.repeat(64) },
    text,
    removed: [{ line: 3, text: 'ADVERTISEMENT', rule: 'ad-marker' }],
    sentences,
    entities,
    summary: {
      method: ranked.method,
      sentences: ranked.sentences.map(({ id, score }) => {
        const s = byId.get(id)!;
        return { id, offsets: s.offsets, source: s.source, translation: s.translation, score };
      }),
    },
  };
}

export const longsorWarta: FixtureArticle = {
  id: 'longsor-karangsari-warta',
  metadata: { outlet: 'Warta Priangan', published: '2024-11-04T09:20:00+07:00', dateline: 'Sumedang Kidul' },
  title: ['Longsor Timbun Lima Rumah di Karangsari, Tujuh Warga Tewas', 'Landslide Buries Five Houses in Karangsari, Seven Residents Killed'],
  paragraphs: [
    [
      [
        'Tanah longsor menimbun lima rumah di Desa Karangsari, Kecamatan Cilembu Wetan, Kabupaten Sumedang Kidul, Jawa Barat, pada Minggu (3/11/2024) malam.',
        'A landslide buried five houses in Karangsari Village, Cilembu Wetan District, Sumedang Kidul Regency, West Java, on Sunday (3/11/2024) night.',
      ],
      ['Tujuh warga meninggal dunia dan dua orang masih dicari tim gabungan.', 'Seven residents died and two people are still being searched for by the joint team.'],
    ],
    [
      [
        'Kepala Pelaksana BPBD Sumedang Kidul, Asep Mulyana, mengatakan longsor dipicu hujan deras yang mengguyur wilayah itu sejak sore.',
        'The head of the Sumedang Kidul BPBD, Asep Mulyana, said the landslide was triggered by heavy rain that had fallen on the area since the afternoon.',
      ],
      ['"Tebing setinggi 30 meter di belakang permukiman runtuh sekitar pukul 21.00 WIB," kata Asep.', '"A 30-metre cliff behind the settlement collapsed at around 21.00 WIB," Asep said.'],
    ],
    [['Sebanyak 86 warga dari desa tersebut kini mengungsi ke balai desa dan masjid.', 'A total of 86 residents from the village are now sheltering in the village hall and a mosque.']],
    [['Pencarian korban dilanjutkan Senin pagi dengan bantuan alat berat.', 'The search for victims resumed on Monday morning with the help of heavy equipment.']],
  ],
};

export const longsorKabar: FixtureArticle = {
  id: 'longsor-karangsari-kabar',
  metadata: { outlet: 'Kabar Nusantara', published: '2024-11-04T14:05:00+07:00' },
  title: ['Tujuh Orang Tewas Tertimbun Longsor di Sumedang Kidul', 'Seven People Killed by Landslide in Sumedang Kidul'],
  paragraphs: [
    [
      [
        'Tujuh warga Desa Karangsari, Kabupaten Sumedang Kidul, meninggal dunia akibat tanah longsor yang menimbun lima rumah pada Minggu (3/11/2024) malam.',
        'Seven residents of Karangsari Village, Sumedang Kidul Regency, died as a result of a landslide that buried five houses on Sunday (3/11/2024) night.',
      ],
      ['Dua warga lainnya masih dalam pencarian.', 'Two other residents are still being searched for.'],
    ],
    [['Tim SAR gabungan mengerahkan dua ekskavator untuk menyingkirkan material longsor.', 'The joint SAR team deployed two excavators to clear the landslide material.']],
    [
      [
        'Kepala Basarnas Bandung, Dedi Kurniawan, mengatakan pencarian terkendala tanah yang masih labil.',
        'The head of the Bandung Basarnas, Dedi Kurniawan, said the search was hampered by soil that was still unstable.',
      ],
    ],
    [
      [
        'Menurut BPBD Sumedang Kidul, hujan deras mengguyur Kecamatan Cilembu Wetan selama lebih dari lima jam sebelum longsor terjadi.',
        'According to the Sumedang Kidul BPBD, heavy rain fell on Cilembu Wetan District for more than five hours before the landslide occurred.',
      ],
      ['Sebanyak 86 warga mengungsi ke balai desa.', 'A total of 86 residents took shelter in the village hall.'],
    ],
  ],
};

export const longsorHarian: FixtureArticle = {
  id: 'longsor-karangsari-harian',
  metadata: { outlet: 'Harian Cakrawala', published: '2024-11-05T07:40:00+07:00' },
  title: ['Korban Terakhir Longsor Karangsari Ditemukan, Pencarian Dihentikan', 'Last Victims of Karangsari Landslide Found, Search Called Off'],
  paragraphs: [
    [
      [
        'Tim SAR gabungan menemukan dua korban terakhir longsor di Desa Karangsari, Kabupaten Sumedang Kidul, pada Senin (4/11/2024) sore.',
        'The joint SAR team found the last two victims of the landslide in Karangsari Village, Sumedang Kidul Regency, on Monday (4/11/2024) afternoon.',
      ],
      ['Dengan temuan itu, jumlah korban meninggal akibat longsor menjadi sembilan orang.', 'With that discovery, the death toll from the landslide rose to nine people.'],
    ],
    [
      [
        'Bupati Sumedang Kidul, Rina Hartati, menetapkan status tanggap darurat selama 14 hari.',
        'The Regent of Sumedang Kidul, Rina Hartati, declared a 14-day emergency response status.',
      ],
    ],
    [['Pemerintah kabupaten akan merelokasi 86 warga yang tinggal di zona rawan longsor.', 'The regency government will relocate 86 residents living in the landslide-prone zone.']],
    [
      [
        'Longsor terjadi pada Minggu (3/11/2024) malam setelah hujan deras mengguyur Kecamatan Cilembu Wetan.',
        'The landslide happened on Sunday (3/11/2024) night after heavy rain fell on Cilembu Wetan District.',
      ],
    ],
  ],
};

export const kebakaranKabar: FixtureArticle = {
  id: 'kebakaran-tanjung-rawa-kabar',
  metadata: { outlet: 'Kabar Nusantara', published: '2024-11-04T10:15:00+07:00' },
  title: ['Kebakaran Hanguskan 120 Kios di Pasar Sentral Tanjung Rawa', 'Fire Destroys 120 Kiosks at Tanjung Rawa Central Market'],
  paragraphs: [
    [
      [
        'Kebakaran melanda Pasar Sentral Tanjung Rawa, Sumatera Utara, pada Senin (4/11/2024) dini hari dan menghanguskan sedikitnya 120 kios.',
        'A fire hit Tanjung Rawa Central Market, North Sumatra, early on Monday (4/11/2024) and destroyed at least 120 kiosks.',
      ],
      ['Api diduga berasal dari korsleting listrik di salah satu kios pakaian.', 'The fire is suspected to have started from an electrical short circuit in one of the clothing kiosks.'],
    ],
    [
      [
        'Kepala Dinas Pemadam Kebakaran Kota Tanjung Rawa, Hasan Lubis, mengatakan 14 unit mobil pemadam dikerahkan ke lokasi.',
        'The head of the Tanjung Rawa City Fire Department, Hasan Lubis, said 14 fire engines were deployed to the scene.',
      ],
      ['Api baru dapat dipadamkan sekitar pukul 06.30 WIB.', 'The fire could only be put out at around 06.30 WIB.'],
    ],
    [['Tidak ada korban jiwa dalam peristiwa tersebut.', 'There were no fatalities in the incident.']],
  ],
};

export const kebakaranHarian: FixtureArticle = {
  id: 'kebakaran-tanjung-rawa-harian',
  metadata: { outlet: 'Harian Cakrawala' },
  title: ['Pedagang Pasar Sentral Tanjung Rawa Merugi Setelah Kebakaran', 'Tanjung Rawa Central Market Traders Suffer Losses After Fire'],
  paragraphs: [
    [
      [
        'Ratusan pedagang Pasar Sentral Tanjung Rawa kehilangan barang dagangan setelah kebakaran menghanguskan 120 kios pada Senin dini hari.',
        'Hundreds of traders at Tanjung Rawa Central Market lost their goods after a fire destroyed 120 kiosks early on Monday.',
      ],
      [
        'Wali Kota Tanjung Rawa, Syahrial Nasution, memperkirakan kerugian mencapai Rp 8 miliar.',
        'The Mayor of Tanjung Rawa, Syahrial Nasution, estimated the losses at Rp 8 billion.',
      ],
    ],
    [
      [
        'Pemerintah kota akan membangun pasar darurat di lapangan parkir agar pedagang bisa kembali berjualan.',
        'The city government will build a temporary market in the parking lot so traders can sell again.',
      ],
    ],
    [
      [
        'Menurut Dinas Pemadam Kebakaran, api diduga berasal dari korsleting listrik di kios pakaian.',
        'According to the Fire Department, the fire is suspected to have come from an electrical short circuit in a clothing kiosk.',
      ],
    ],
  ],
};

export const longsorCikadu: FixtureArticle = {
  id: 'longsor-cikadu-warta',
  metadata: { outlet: 'Warta Priangan', published: '2024-11-16T11:00:00+07:00' },
  title: ['Longsor Tutup Jalan Provinsi di Cikadu', 'Landslide Blocks Provincial Road in Cikadu'],
  paragraphs: [
    [
      [
        'Tanah longsor menutup jalan provinsi yang menghubungkan Cikadu dan Pameungpeuk Barat, Kabupaten Sumedang Kidul, pada Jumat (15/11/2024) sore.',
        'A landslide blocked the provincial road connecting Cikadu and West Pameungpeuk, Sumedang Kidul Regency, on Friday (15/11/2024) afternoon.',
      ],
      ['Tidak ada korban jiwa, tetapi arus kendaraan lumpuh selama enam jam.', 'There were no casualties, but traffic was paralysed for six hours.'],
    ],
    [
      [
        'Kepala Pelaksana BPBD Sumedang Kidul, Asep Mulyana, mengatakan material longsor setinggi dua meter menutup badan jalan sepanjang 40 meter.',
        'The head of the Sumedang Kidul BPBD, Asep Mulyana, said two-metre-high landslide material covered 40 metres of the road.',
      ],
    ],
    [
      [
        'Petugas membersihkan jalan dengan dua alat berat dan meminta pengendara melintas dengan hati-hati.',
        'Officers cleared the road with two pieces of heavy equipment and asked drivers to pass with caution.',
      ],
    ],
  ],
};

export const longsorBanjarsari: FixtureArticle = {
  id: 'longsor-banjarsari-suara',
  metadata: { outlet: 'Suara Merapi', published: '2024-11-04T16:45:00+07:00' },
  title: ['Longsor di Banjarsari, Satu Rumah Rusak Berat', 'Landslide in Banjarsari, One House Badly Damaged'],
  paragraphs: [
    [
      [
        'Tanah longsor merusak satu rumah di Dusun Banjarsari, Kabupaten Temanggung Raya, Jawa Tengah, pada Senin (4/11/2024) siang.',
        'A landslide damaged a house in Banjarsari Hamlet, Temanggung Raya Regency, Central Java, on Monday (4/11/2024) afternoon.',
      ],
      ['Penghuni rumah berhasil menyelamatkan diri sebelum dinding dapur tertimbun tanah.', 'The residents of the house managed to escape before the kitchen wall was buried by soil.'],
    ],
    [
      [
        'Kepala BPBD Temanggung Raya, Wahyu Prasetyo, mengatakan hujan deras sejak pagi membuat tanah di lereng bukit jenuh air.',
        'The head of the Temanggung Raya BPBD, Wahyu Prasetyo, said heavy rain since the morning had saturated the soil on the hillside.',
      ],
    ],
    [['Warga bergotong royong membersihkan material longsor bersama relawan.', 'Residents worked together with volunteers to clear the landslide material.']],
  ],
};

export const FIXTURES = [longsorWarta, longsorKabar, longsorHarian, kebakaranKabar, kebakaranHarian, longsorCikadu, longsorBanjarsari];

export const corpus = (): ArticleDocument[] => FIXTURES.map((a) => documentOf(a));
