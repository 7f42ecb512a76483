import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/stages/clean/clean-text.ts';
import { CONFUSABLES, repairMixedScript, repairWord } from '../../../src/stages/clean/script.ts';

// Look-alike letters are written as escapes so the test shows exactly which code point is meant.
const CYR_ES = '\u0421'; // С
const CYR_A = '\u0430'; // а
const CYR_O = '\u043e'; // о
const CYR_ER = '\u0440'; // р
const GRK_RHO = '\u03a1'; // Ρ
const GRK_OMICRON = '\u03bf'; // ο
const GRK_PI = '\u03a0'; // Π (no Latin look-alike)

const TITLE = 'Warga Semarang Kembali Mengungsi Akibat Banjir Rob';
const LEAD = 'Banjir rob kembali merendam permukiman warga di pesisir utara Semarang sejak Selasa pagi.';
const article = (line: string) => [TITLE, '', LEAD, '', line].join('\n');

describe('mixed-script repair: fires', () => {
  it('replaces one Cyrillic look-alike in a Latin word and lists the word as it stood', () => {
    const line = `Pengungsi ditampung di gedung ${CYR_ES}entral Pemuda milik pemerintah kota.`;
    const r = cleanText(article(line), { keepBoilerplate: false });
    expect(r.blocks[2]!.text).toBe('Pengungsi ditampung di gedung Central Pemuda milik pemerintah kota.');
    expect(r.removed).toEqual([{ line: 5, text: `${CYR_ES}entral`, rule: 'mixed-script' }]);
  });

  it('replaces up to two look-alikes, Greek or Cyrillic, in a mostly Latin word', () => {
    expect(repairWord(`Sem${CYR_A}r${CYR_A}ng`)).toBe('Semarang');
    expect(repairWord(`${GRK_RHO}residen`)).toBe('Presiden');
    expect(repairWord(`p${GRK_OMICRON}sk${CYR_O}nya`)).toBe('poskonya');
    const r = repairMixedScript(`Kota Sem${CYR_A}r${CYR_A}ng dan ${GRK_RHO}residen.`);
    expect(r.text).toBe('Kota Semarang dan Presiden.');
    expect(r.repairs.map((x) => x.original)).toEqual([`Sem${CYR_A}r${CYR_A}ng`, `${GRK_RHO}residen`]);
  });

  it('the repair also happens with keepBoilerplate (it is not boilerplate), and the rules see the repaired line', () => {
    const line = `Petugas BPBD menyiapkan perahu karet di ${CYR_ES}entral Pemuda.`;
    const kept = cleanText(article(line), { keepBoilerplate: true });
    expect(kept.blocks[2]!.text).toContain('Central Pemuda');
    expect(kept.removed.map((x) => x.rule)).toEqual(['mixed-script']);
    // "Baca Juga" with a Cyrillic а would dodge the read-also rule without the repair.
    const sneaky = cleanText(article(`Baca Jug${CYR_A}: Harga Beras Naik Lagi`), { keepBoilerplate: false });
    expect(sneaky.removed.map((x) => x.rule)).toEqual(['read-also']);
    expect(sneaky.blocks.map((b) => b.text).join('\n')).not.toContain('Harga Beras');
  });

  it('a repair in a dropped line is not listed (the line is listed once, by the rule that dropped it)', () => {
    const r = cleanText(article(`Foto: Warga di gedung ${CYR_ES}entral Pemuda`), { keepBoilerplate: false });
    expect(r.removed.map((x) => x.rule)).toEqual(['photo-caption']);
    expect(r.removed[0]!.text).toContain(CYR_ES); // the raw line, as it stood
  });
});

describe('mixed-script repair: does not fire', () => {
  it('leaves words wholly in Cyrillic or Greek alone, even when every letter has a look-alike', () => {
    for (const word of ['\u041c\u043e\u0441\u043a\u0432\u0430', '\u0420\u043e\u0441\u0441\u0438\u044f', '\u0391\u0398\u0397\u039d\u0391', '\u0420\u0410\u0421', '\u039a\u039f\u0391\u039d']) {
      expect(repairWord(word), word).toBeNull();
    }
    const line = 'Kantor berita \u0422\u0410\u0421\u0421 menyebut kota \u041c\u043e\u0441\u043a\u0432\u0430 siaga.';
    const r = cleanText(article(line), { keepBoilerplate: false });
    expect(r.blocks[2]!.text).toBe(line);
    expect(r.removed).toEqual([]);
  });

  it('leaves a mostly Cyrillic word with a stray Latin letter alone', () => {
    expect(repairWord(`\u041c${'o'}\u0441\u043a\u0432\u0430`)).toBeNull(); // Latin o inside Москва
  });

  it('leaves a word with a non-Latin letter that has no clear Latin twin', () => {
    expect(repairWord(`${GRK_PI}osmodrome`)).toBeNull();
    expect(repairWord(`\u0411osmodrome`)).toBeNull(); // Б
    expect(repairWord(`${CYR_ES}\u03bbub`)).toBeNull(); // one look-alike, one letter without a twin
  });

  it('leaves words with more than two look-alikes, or not mostly Latin', () => {
    expect(repairWord(`J${CYR_A}k${CYR_A}rt${CYR_A}`)).toBeNull(); // three
    expect(repairWord(`${CYR_ER}a`)).toBeNull(); // one Latin letter per look-alike
    expect(repairWord(`K${CYR_O}${CYR_A}t`)).toBeNull(); // two Latin letters for two look-alikes
  });

  it('leaves plain Latin (with diacritics) alone', () => {
    expect(repairMixedScript('Café Jakarta-Bogor di Mekkah, Mühlheim, Łódź.')).toEqual({ text: 'Café Jakarta-Bogor di Mekkah, Mühlheim, Łódź.', repairs: [] });
  });

  it('the seed case: Π followed by a quotation mark is mojibake with no unambiguous reading, left as it is', () => {
    // The two characters are UTF-8 bytes of a Cyrillic capital read as a Greek code page:
    // ISO 8859-7 gives С (U+0421), Windows-1253 gives Б (U+0411). Π is its own word here.
    const line = `Bendera berkibar di Vostochny ${GRK_PI}\u2018osmodrome, lokasi pertemuan kedua pemimpin.`;
    const r = cleanText(article(line), { keepBoilerplate: false });
    expect(r.blocks[2]!.text).toBe(line);
    expect(r.removed).toEqual([]);
  });

  it('the table maps Greek and Cyrillic letters to ASCII Latin letters only', () => {
    for (const [from, to] of Object.entries(CONFUSABLES)) {
      expect(from, to).toMatch(/^[\p{Script=Greek}\p{Script=Cyrillic}]$/u);
      expect(to, from).toMatch(/^[A-Za-z]$/);
    }
  });
});
