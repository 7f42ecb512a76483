import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/stages/clean/clean-text.ts';
import { cleanStage } from '../../../src/stages/clean/index.ts';
import { isEnglish, languageCounts } from '../../../src/stages/clean/language.ts';
import { ATTRIBUTION_VERBS, ENGLISH_FUNCTION_WORDS, FUNCTION_WORDS } from '../../../src/text/function-words.ts';
import type { IngestedArticle } from '../../../src/types.ts';

const ENGLISH = [
  'Residents wade through a flooded street after heavy rain in Semarang, Central Java, on February 11, 2024.',
  '“We are ready to work with anyone who respects our sovereignty,” he said.',
  'The ministry said it would review the import quota before the end of the year.',
];

const INDONESIAN = [
  // English loanwords and names, Indonesian function words.
  'Startup digital itu meluncurkan fitur live streaming dan cashback untuk pengguna baru di Jakarta.',
  'Menurut laporan The Jakarta Post, harga beras naik pada awal tahun ini.',
  'Film The Lord of the Rings kembali tayang di bioskop Jakarta pekan ini.',
  'Presiden AS Joe Biden bertemu dengan Perdana Menteri Inggris di Gedung Putih.',
  'Acara bertajuk Women in Business Forum digelar di Hotel Indonesia Kempinski pada Kamis.',
  'Tim marketing menyiapkan meeting online dengan software open source.',
  // Short English: too few words to judge.
  'Thank you very much.',
  'Breaking News',
];

describe('English detection', () => {
  for (const text of ENGLISH) {
    it(`English: ${text.slice(0, 50)}…`, () => {
      expect(isEnglish(text), JSON.stringify(languageCounts(text))).toBe(true);
    });
  }
  for (const text of INDONESIAN) {
    it(`not English: ${text.slice(0, 50)}…`, () => {
      expect(isEnglish(text), JSON.stringify(languageCounts(text))).toBe(false);
    });
  }

  it('counts lower-case words and function words among them; capitalised words, acronyms and numbers do not count', () => {
    expect(languageCounts('The ship is in the port, kata dia.')).toEqual({ words: 7, english: 3, indonesian: 2 });
    expect(languageCounts('Presiden AS tiba di IT Center pada tahun 90-an, "the end" katanya.')).toEqual({ words: 7, english: 1, indonesian: 3 });
  });

  it('a name-heavy English caption counts on its lower-case words', () => {
    const caption = 'Residents wade through a flooded street in Semarang, Central Java, Indonesia, February 11, 2024.';
    expect(languageCounts(caption)).toEqual({ words: 6, english: 3, indonesian: 0 });
    expect(isEnglish(caption)).toBe(true);
    // A title-case headline has too few lower-case words to judge: it stays Indonesian.
    expect(isEnglish('The Lord of the Rings: The Return of the King Tayang Lagi')).toBe(false);
  });

  it('the two word lists do not overlap', () => {
    expect([...ENGLISH_FUNCTION_WORDS].filter((w) => FUNCTION_WORDS.has(w) || ATTRIBUTION_VERBS.has(w))).toEqual([]);
  });
});

describe('English passages in cleanText', () => {
  const TITLE = 'Banjir Rendam Ribuan Rumah di Semarang';
  const LEAD = 'Banjir merendam sekitar 3.200 rumah di Kota Semarang sejak Minggu malam, kata petugas.';
  const QUOTE = '“The water rose faster than we expected, and many families had nowhere to go,” a volunteer told reporters.';
  const BODY = 'Pemerintah kota menyiapkan dapur umum yang melayani tiga kali makan per hari.';

  it('keeps an English paragraph and marks it; Indonesian blocks carry no language field', () => {
    const r = cleanText([TITLE, '', LEAD, '', QUOTE, '', BODY].join('\n'), { keepBoilerplate: false });
    expect(r.blocks.map((b) => b.text)).toEqual([TITLE, LEAD, QUOTE, BODY]);
    expect(r.blocks.map((b) => b.language ?? 'id')).toEqual(['id', 'id', 'en', 'id']);
    for (const block of r.blocks.filter((b) => b.language === undefined)) expect('language' in block).toBe(false);
    expect(r.removed).toEqual([]);
  });

  it('an Indonesian paragraph quoting a short English phrase stays Indonesian', () => {
    const mixed = 'Warga menyebut banjir itu "the worst in years" saat ditemui di posko pengungsian, kata dia.';
    const r = cleanText([TITLE, '', LEAD, '', mixed].join('\n'), { keepBoilerplate: false });
    expect(r.blocks[2]).toMatchObject({ text: mixed });
    expect(r.blocks[2]!.language).toBeUndefined();
  });

  it('a wire caption kept by keepBoilerplate is still listed and is marked English', () => {
    const caption = 'Residents wade through a flooded street in Semarang, Central Java, Indonesia, February 11, 2024. REUTERS/Ajeng Putri/File Photo Purchase Licensing Rights';
    const text = [TITLE, '', caption, '', LEAD, '', BODY].join('\n');
    expect(cleanText(text, { keepBoilerplate: false }).blocks.map((b) => b.text)).not.toContain(caption);
    const kept = cleanText(text, { keepBoilerplate: true });
    expect(kept.removed).toEqual([{ line: 3, text: caption, rule: 'wire-caption' }]);
    expect(kept.blocks.find((b) => b.text === caption)?.language).toBe('en');
  });

  it('the clean stage puts the mark on the Block record', async () => {
    const article: IngestedArticle = {
      id: 'banjir',
      source: { path: 'banjir.txt', bytes: 0, sha256: '', encoding: 'utf-8', bom: false },
      text: [TITLE, '', LEAD, '', QUOTE, '', BODY].join('\n'),
    };
    const out = await cleanStage.run(article, { options: { keep_boilerplate: false } } as Parameters<typeof cleanStage.run>[1]);
    expect(out.blocks.map((b) => b.language)).toEqual([undefined, undefined, 'en', undefined]);
    expect(out.text.slice(out.blocks[2]!.start, out.blocks[2]!.end)).toBe(QUOTE);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});

describe('English quotes framed in Indonesian', () => {
  it('a paragraph with an English quote and an Indonesian attribution stays Indonesian', () => {
    for (const text of [
      '"We will not give up on this case," kata pengacara keluarga korban kepada wartawan di Jakarta, Senin.',
      '“We will not give up on this case,” kata dia.',
    ]) {
      expect(isEnglish(text), JSON.stringify(languageCounts(text))).toBe(false);
    }
  });
});
