import { describe, expect, it } from 'vitest';
import { numbersPreserved, qualityFlags, repeats } from '../../../src/stages/translate/quality.ts';
import { splitToFit } from '../../../src/stages/translate/split.ts';

const words = (text: string) => text.split(/\s+/).length;

describe('splitToFit', () => {
  it('leaves a sentence that fits alone', () => {
    expect(splitToFit('Harga naik.', () => true)).toEqual(['Harga naik.']);
  });

  it('splits at a semicolon before a comma, and the parts rejoin to the sentence', () => {
    const sentence = 'Banjir merendam 3.200 rumah, kata petugas; warga mengungsi ke masjid dan sekolah.';
    const parts = splitToFit(sentence, (t) => words(t) <= 8);
    expect(parts).toEqual(['Banjir merendam 3.200 rumah, kata petugas;', 'warga mengungsi ke masjid dan sekolah.']);
    expect(parts.join(' ')).toBe(sentence);
  });

  it('prefers a comma before a conjunction to any other comma', () => {
    const sentence = 'Menurut data resmi, harga beras naik tajam pekan ini, sehingga pemerintah melepas cadangan ke pasar.';
    const parts = splitToFit(sentence, (t) => words(t) <= 10);
    expect(parts[1]).toMatch(/^sehingga /);
    expect(parts.join(' ')).toBe(sentence);
  });

  it('keeps a dash with the clause before it', () => {
    const parts = splitToFit('Dua orang hilang - satu ditemukan selamat pada malam hari.', (t) => words(t) <= 5);
    expect(parts.join(' ')).toBe('Dua orang hilang - satu ditemukan selamat pada malam hari.');
    expect(parts[0]).toBe('Dua orang hilang -');
  });

  it('always ends with parts that fit, even without any boundary', () => {
    const parts = splitToFit('x'.repeat(100), (t) => t.length <= 30);
    expect(parts.every((p) => p.length <= 30)).toBe(true);
    expect(parts.join('')).toBe('x'.repeat(100));
  });
});

describe('quality flags', () => {
  it('accepts numbers written the English way, and months named', () => {
    expect(numbersPreserved('Harga naik menjadi Rp 14.500 atau 2,5 persen.', 'The price rose to Rp 14,500 or 2.5 percent.')).toBe(true);
    expect(numbersPreserved('Pada Kamis (28/3/2024) pukul 14.30 WIB.', 'On Thursday (March 28, 2024) at 14:30 WIB.')).toBe(true);
    expect(numbersPreserved('Sebanyak 1.450 warga mengungsi.', 'As many as 1450 residents fled.')).toBe(true);
  });

  it('flags a number that is missing or changed', () => {
    expect(qualityFlags('Harga naik menjadi Rp 14.500 per kilogram.', 'The price rose to Rp 15,400 per kilogram.', { truncated: false, split: false })).toContain('numbers');
    expect(qualityFlags('Sebanyak 1.450 warga mengungsi.', 'Many residents fled.', { truncated: false, split: false })).toContain('numbers');
  });

  it('flags loops, pass-through, odd lengths, truncation and splits', () => {
    expect(repeats("I'm sorry I'm sorry I'm sorry about it")).toBe(true);
    expect(repeats('the the the the end')).toBe(true);
    expect(repeats('A long and perfectly ordinary sentence about rice prices.')).toBe(false);
    const source = 'Pemerintah akan membangun jalan baru di kota itu.';
    expect(qualityFlags(source, source, { truncated: false, split: false })).toContain('untranslated');
    expect(qualityFlags(source, 'Yes.', { truncated: false, split: false })).toContain('length-ratio');
    expect(qualityFlags(source, 'The government will build a new road in the city.', { truncated: true, split: true })).toEqual(['truncated', 'split']);
  });

  it('passes a faithful translation with no flags', () => {
    expect(qualityFlags('Harga beras naik menjadi Rp 14.500 per kilogram pada Selasa.', 'The price of rice rose to Rp 14,500 per kilogram on Tuesday.', { truncated: false, split: false })).toEqual([]);
  });
});
