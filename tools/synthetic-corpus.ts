import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../src/util/random.ts';

/**
 * Writes N synthetic Indonesian news articles in the style of scraped news sites: a title, often a
 * byline and a date line, a dateline, boilerplate lines (ads, "Baca Juga"), paragraphs of
 * sentences and sometimes an editor line. Deterministic for a seed. Sentences come from templates
 * with slots, so the corpus has many distinct sentences but also the repetition real news has.
 */
export interface SyntheticCorpusOptions {
  articles: number;
  seed?: number;
  /** Articles per sub-folder, so no folder gets huge. */
  perFolder?: number;
}

const PEOPLE = ['Budi Santoso', 'Siti Rahmawati', 'Andi Wibowo', 'Dewi Lestari', 'Hendra Wijaya', 'Rina Marlina', 'Agus Salim', 'Yusuf Hamdani', 'Maria Ulfa', 'Joko Susilo'];
const PLACES = ['Jakarta', 'Surabaya', 'Bandung', 'Semarang', 'Medan', 'Makassar', 'Denpasar', 'Palembang', 'Yogyakarta', 'Balikpapan', 'Manado', 'Padang'];
const ROLES = ['Menteri Keuangan', 'Gubernur', 'Wali Kota', 'Kepala BPBD', 'Direktur Utama', 'Ketua DPRD', 'Kepala Dinas Kesehatan', 'Juru bicara polisi'];
const THINGS = ['harga beras', 'jumlah penumpang', 'produksi padi', 'angka pengangguran', 'nilai ekspor', 'jumlah wisatawan', 'harga cabai', 'curah hujan'];
const OUTLETS = [
  { byline: (p: string) => `${p} - detikNews`, dateline: (c: string) => `${c} -` },
  { byline: null, dateline: (c: string) => `Liputan6.com, ${c} -` },
  { byline: null, dateline: (c: string) => `KONTAN.CO.ID - ${c.toUpperCase()}.` },
  { byline: null, dateline: (c: string) => `${c.toUpperCase()} -` },
];
const DAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

type Pick = <T>(items: readonly T[]) => T;

const SENTENCES: Array<(pick: Pick, n: (max: number) => number) => string> = [
  (pick, n) => `${pick(ROLES)} ${pick(PEOPLE)} mengatakan ${pick(THINGS)} naik ${n(40)} persen dibandingkan bulan lalu.`,
  (pick, n) => `Menurut data resmi, ${pick(THINGS)} di ${pick(PLACES)} mencapai ${n(900)}.${String(n(999)).padStart(3, '0')} pada pekan ini.`,
  (pick, n) => `Pemerintah berencana menyalurkan bantuan senilai Rp ${n(90)} miliar kepada ${n(9000)} keluarga di ${pick(PLACES)}.`,
  (pick, n) => `"Kami akan terus memantau situasi di lapangan," kata ${pick(PEOPLE)} di ${pick(PLACES)}, ${pick(DAYS)} (${n(28)}/${n(12)}/2024).`,
  (pick, n) => `Rapat koordinasi dimulai pukul ${n(23)}.${String(n(59)).padStart(2, '0')} WIB dan dihadiri ${n(60)} pejabat daerah.`,
  (pick) => `Warga ${pick(PLACES)} berharap pemerintah segera mengambil langkah untuk menstabilkan ${pick(THINGS)}.`,
  (pick, n) => `Sebanyak ${n(3000)} warga terdampak, sementara ${n(200)} rumah dilaporkan rusak ringan.`,
  (pick) => `${pick(ROLES)} menegaskan bahwa program tersebut akan dievaluasi setiap tiga bulan.`,
  (pick, n) => `Harga kebutuhan pokok di pasar tradisional ${pick(PLACES)} naik menjadi Rp ${n(80)}.000 per kilogram.`,
  (pick) => `Para ahli menilai kebijakan itu perlu didukung data yang lebih lengkap dari ${pick(PLACES)}.`,
];

const BOILERPLATE = ['ADVERTISEMENT', 'SCROLL TO CONTINUE WITH CONTENT', 'Baca Juga: Berita Lain Hari Ini', 'Advertisement'];


const SYLLABLES = ['ba', 'di', 'ka', 'lo', 'ma', 'ni', 'pu', 'ra', 'sa', 'ti', 'wa', 'yo', 'gun', 'har', 'jen', 'kur', 'lan', 'mer', 'pon', 'rin', 'sun', 'tor', 'wan', 'zal'];
const TOPICS = ['banjir', 'kebakaran pasar', 'tanah longsor', 'pemilihan kepala desa', 'harga pupuk', 'pembangunan jembatan', 'wabah demam', 'mogok sopir angkot', 'festival budaya', 'kecelakaan kapal', 'gempa bumi', 'kekeringan sawah', 'pencurian ternak', 'proyek bendungan', 'sengketa lahan'];

/** A proper name made of syllables, different for every event: news is full of names seen once. */
function coinedName(random: () => number, words: number): string {
  return Array.from({ length: words }, () => {
    const parts = 2 + Math.floor(random() * 2);
    const word = Array.from({ length: parts }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
    return word[0]!.toUpperCase() + word.slice(1);
  }).join(' ');
}

/**
 * Article `index` reports event `floor(index / 3)`, as several outlets report one event: the
 * event's people, place and topic recur in its articles and nowhere else.
 */
export function syntheticArticle(index: number, seed = 1): string {
  const eventRandom = mulberry32(seed * 7_919 + Math.floor(index / 3));
  const event = { person: coinedName(eventRandom, 2), place: coinedName(eventRandom, 1), topic: TOPICS[Math.floor(eventRandom() * TOPICS.length)]! };
  const random = mulberry32(seed * 1_000_003 + index);
  const generic: Pick = (items) => items[Math.floor(random() * items.length)]!;
  // Half the names in an article belong to its event, half are the usual officials and cities.
  const pick: Pick = (items) => {
    const list = items as readonly unknown[];
    if (list === PEOPLE && random() < 0.5) return event.person as never;
    if (list === PLACES && random() < 0.5) return event.place as never;
    if (list === THINGS && random() < 0.5) return event.topic as never;
    return generic(items);
  };
  const n = (max: number) => 1 + Math.floor(random() * max);
  const outlet = generic(OUTLETS);
  const city = event.place;
  const lines: string[] = [`${pick(ROLES)} ${event.person} Bahas ${event.topic.replace(/^./, (c) => c.toUpperCase())} di ${city}`, ''];
  if (outlet.byline) lines.push(outlet.byline(pick(PEOPLE)), `${pick(DAYS)}, ${n(28)} ${pick(MONTHS)} 2024 ${String(n(23)).padStart(2, '0')}:${String(n(59)).padStart(2, '0')} WIB`, '');
  const paragraphs = 4 + Math.floor(random() * 6);
  for (let p = 0; p < paragraphs; p++) {
    const sentences = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SENTENCES)(pick, n));
    lines.push(p === 0 ? `${outlet.dateline(city)} ${sentences.join(' ')}` : sentences.join(' '), '');
    if (random() < 0.25) lines.push(pick(BOILERPLATE), '');
  }
  if (random() < 0.5) lines.push(`Editor: ${pick(PEOPLE)}`);
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Writes the corpus; returns the paths written, relative to `dir`. */
export function writeSyntheticCorpus(dir: string, { articles, seed = 1, perFolder = 500 }: SyntheticCorpusOptions): string[] {
  const written: string[] = [];
  for (let i = 0; i < articles; i++) {
    const relative = path.join(`batch-${String(Math.floor(i / perFolder)).padStart(3, '0')}`, `artikel-${String(i).padStart(5, '0')}.txt`);
    mkdirSync(path.join(dir, path.dirname(relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), syntheticArticle(i, seed));
    written.push(relative);
  }
  return written;
}
