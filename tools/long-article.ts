import { mulberry32 } from '../src/util/random.ts';

/**
 * A long but ordinary article: many short Indonesian sentences, a dozen to a paragraph, every
 * paragraph different. What a transcript, a live blog or a pasted thread looks like; it stays
 * inside the default limits (file size, paragraphs), so the pipeline must cope with it as it is.
 */
export interface LongArticleOptions {
  sentences: number;
  perParagraph?: number;
  seed?: number;
}

const SUBJECTS = ['Warga', 'Petugas', 'Relawan', 'Polisi', 'Pedagang', 'Siswa', 'Nelayan', 'Petani', 'Sopir', 'Perawat', 'Guru', 'Pemuda'];
const VERBS = ['membersihkan', 'memeriksa', 'menjaga', 'membangun', 'mendata', 'mengangkut', 'memperbaiki', 'mengirim', 'menanam', 'menutup'];
const OBJECTS = ['jalan desa', 'saluran air', 'pasar lama', 'jembatan kayu', 'gudang beras', 'balai warga', 'pos ronda', 'sekolah dasar', 'kebun sayur', 'pelabuhan kecil'];

export function longArticle({ sentences, perParagraph = 14, seed = 26 }: LongArticleOptions): string {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const paragraphs: string[] = ['Kegiatan Warga Sepanjang Pekan di Kabupaten Lembah Hijau'];
  let lines: string[] = [];
  for (let i = 0; i < sentences; i++) {
    lines.push(`${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ke-${i + 1}.`);
    if (lines.length === perParagraph) {
      paragraphs.push(lines.join(' '));
      lines = [];
    }
  }
  if (lines.length > 0) paragraphs.push(lines.join(' '));
  return `${paragraphs.join('\n\n')}\n`;
}
