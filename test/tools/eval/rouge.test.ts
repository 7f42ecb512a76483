import { describe, expect, it } from 'vitest';
import {
  lcsLength,
  normalizeTokenizedSentence,
  normalizeTokens,
  rougeLConcat,
  rougeLSummary,
  rougeN,
  scoreExtract,
} from '../../../tools/eval/rouge.ts';

const t = (s: string): string[] => s.split(' ');

describe('normalizeTokens (IndoSum preprocessing)', () => {
  it('lower-cases, drops punctuation tokens, maps digits to 0', () => {
    expect(normalizeTokens(['Harga', 'naik', '12,5', '%', '.', 'Rp', '2.000', '"', '...', '–', 'ke-2'])).toEqual([
      'harga',
      'naik',
      '00,0',
      'rp',
      '0.000',
      'ke-0',
    ]);
    expect(normalizeTokenizedSentence('Polisi  menangkap 3 pencuri .')).toEqual(['polisi', 'menangkap', '0', 'pencuri']);
  });
});

describe('ROUGE-N', () => {
  const hyp = t('polisi menangkap dua pencuri motor');
  const ref = t('polisi menangkap pencuri motor di pasar');

  it('ROUGE-1: 4 shared unigrams, P = 4/5, R = 4/6, F = 8/11', () => {
    const r = rougeN(hyp, ref, 1);
    expect(r.precision).toBeCloseTo(4 / 5, 12);
    expect(r.recall).toBeCloseTo(4 / 6, 12);
    expect(r.f1).toBeCloseTo(8 / 11, 12);
  });

  it('ROUGE-2: 2 shared bigrams of 4 and 5, F = 4/9', () => {
    const r = rougeN(hyp, ref, 2);
    expect(r.precision).toBeCloseTo(2 / 4, 12);
    expect(r.recall).toBeCloseTo(2 / 5, 12);
    expect(r.f1).toBeCloseTo(4 / 9, 12);
  });

  it('clips repeated n-grams to the reference count', () => {
    const r = rougeN(t('ya ya ya'), t('ya tidak'), 1);
    expect(r.precision).toBeCloseTo(1 / 3, 12);
    expect(r.recall).toBeCloseTo(1 / 2, 12);
    expect(r.f1).toBeCloseTo(0.4, 12);
    // 2 of the 2 hypothesis bigrams "ya ya" but only 1 in the reference
    expect(rougeN(t('ya ya ya'), t('ya ya tidak'), 2).precision).toBeCloseTo(1 / 2, 12);
  });

  it('is 0 for empty or too-short sides, and rejects a bad n', () => {
    expect(rougeN([], ref, 1).f1).toBe(0);
    expect(rougeN(hyp, [], 1).f1).toBe(0);
    expect(rougeN(t('satu'), t('satu'), 2).f1).toBe(0);
    expect(() => rougeN(hyp, ref, 0)).toThrow(RangeError);
  });

  it('identical texts score 1', () => {
    expect(rougeN(ref, ref, 1).f1).toBeCloseTo(1, 12);
    expect(rougeN(ref, ref, 2).f1).toBeCloseTo(1, 12);
  });
});

describe('ROUGE-L', () => {
  it('LCS length', () => {
    expect(lcsLength(t('a b c d e'), t('a c e f'))).toBe(3);
    expect(lcsLength(t('a b'), [])).toBe(0);
  });

  it('concatenated LCS on the ROUGE-1 example: LCS 4, F = 8/11', () => {
    const r = rougeLConcat(t('polisi menangkap dua pencuri motor'), t('polisi menangkap pencuri motor di pasar'));
    expect(r.f1).toBeCloseTo(8 / 11, 12);
  });

  it("union LCS, Lin (2004) §3.2's example: 4 hits, R = 4/5, P = 4/10, F = 8/15", () => {
    const ref = [t('w1 w2 w3 w4 w5')];
    const hyp = [t('w1 w2 w6 w7 w8'), t('w1 w3 w8 w9 w5')];
    const r = rougeLSummary(hyp, ref);
    expect(r.recall).toBeCloseTo(4 / 5, 12);
    expect(r.precision).toBeCloseTo(4 / 10, 12);
    expect(r.f1).toBeCloseTo(8 / 15, 12);
  });

  it('union LCS ignores sentence order; one concatenated LCS does not', () => {
    const ref = [t('a b c d')];
    const hyp = [t('c d'), t('a b')];
    expect(rougeLSummary(hyp, ref).f1).toBeCloseTo(1, 12);
    expect(rougeLConcat(hyp.flat(), ref.flat()).f1).toBeCloseTo(0.5, 12);
  });

  it('union LCS hits are clipped by the unused token counts', () => {
    // Each reference sentence matches the single hypothesis "a", but it can be used only once.
    const r = rougeLSummary([t('a')], [t('a'), t('a')]);
    expect(r.precision).toBeCloseTo(1, 12);
    expect(r.recall).toBeCloseTo(1 / 2, 12);
    expect(r.f1).toBeCloseTo(2 / 3, 12);
  });

  it('scoreExtract bundles the four scores', () => {
    const s = scoreExtract([t('c d'), t('a b')], [t('a b c d')]);
    expect(s.rouge1.f1).toBeCloseTo(1, 12);
    expect(s.rouge2.f1).toBeCloseTo(2 / 3, 12); // bigrams cd, da, ab vs ab, bc, cd: 2 of 3 each
    expect(s.rougeL.f1).toBeCloseTo(1, 12);
    expect(s.rougeLConcat.f1).toBeCloseTo(0.5, 12);
  });
});
