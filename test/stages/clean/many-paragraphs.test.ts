/**
 * Duplicate detection compares each paragraph only with the few kept paragraphs that could be its
 * copy, so an article of tens of thousands of paragraphs cleans in about the time of reading it
 * (comparing every pair took hours at this size).
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/stages/clean/clean-text.ts';

const WORDS = ['warga', 'kota', 'banjir', 'pemerintah', 'bantuan', 'jalan', 'sungai', 'petugas', 'rumah', 'sekolah', 'pasar', 'harga', 'beras', 'listrik', 'air'];

/** A distinct sentence of twelve words for each number. */
function paragraph(n: number): string {
  const words = Array.from({ length: 12 }, (_, i) => WORDS[(n * 7 + i * (n % 13 + 1)) % WORDS.length]);
  return `Pada hari ke-${n} ${words.join(' ')} menurut laporan nomor ${n * 31}.`;
}

describe('clean on an article of 40,000 paragraphs', () => {
  it('drops exact, near and cut-off copies anywhere in it and keeps every other paragraph', () => {
    const count = 40_000;
    const paragraphs = Array.from({ length: count }, (_, n) => paragraph(n));
    const copies = [
      paragraph(5), // exact copy of an early paragraph
      paragraph(20_000).toUpperCase(), // the same up to case and final punctuation
      paragraph(30_000).replace(/\.$/, ''),
    ];
    const cutOff = paragraph(39_000).slice(0, -4); // a cut-off copy standing before its fuller one
    const text = ['Judul Berita Panjang Sekali', cutOff, ...paragraphs, ...copies].join('\n\n');

    const result = cleanText(text, { keepBoilerplate: false, markdown: false });
    const rules = result.removed.map((r) => r.rule);
    expect(rules.filter((r) => r === 'duplicate-paragraph')).toHaveLength(1);
    expect(rules.filter((r) => r === 'near-duplicate-paragraph')).toHaveLength(3);
    expect(result.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(count);
    expect(result.blocks.some((b) => b.text === cutOff)).toBe(false);
  });
});
