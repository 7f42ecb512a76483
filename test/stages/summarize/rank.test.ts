import { describe, expect, it } from 'vitest';
import {
  RANK_METHOD,
  RANK_PARAMS,
  isBoilerplate,
  opensWithQuote,
  scoreSentences,
  selectSummary,
  type RankInput,
} from '../../../src/stages/summarize/rank.ts';
import { contentTerms, countWords, stem } from '../../../src/stages/summarize/text-features.ts';
import { article, banjir, sepakbola, tarif } from './fixtures.ts';

const FIXTURES = { banjir, tarif, sepakbola };

function order(input: RankInput): Map<string, number> {
  return new Map(input.sentences.map((s, i) => [s.id, i]));
}

function textOf(input: RankInput, id: string): string {
  return input.sentences.find((s) => s.id === id)!.text;
}

describe('selectSummary: length and order', () => {
  for (const [name, input] of Object.entries(FIXTURES)) {
    it(`${name}: returns N distinct paragraph sentences in source order`, () => {
      const paragraphs = input.sentences.filter((s) => s.kind === 'paragraph' && !isBoilerplate(s.text)).length;
      for (const n of [1, 2, 3]) {
        const result = selectSummary(input, { sentences: n });
        expect(result.method).toBe(RANK_METHOD);
        expect(result.sentences).toHaveLength(Math.min(n, paragraphs));
        const positions = result.sentences.map((s) => order(input).get(s.id)!);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);
        for (const s of result.sentences) {
          expect(s.score).toBeGreaterThan(0);
          expect(s.score).toBeLessThanOrEqual(1);
        }
      }
    });
  }

  it('asks for more sentences than exist: returns every eligible one, still in order', () => {
    const result = selectSummary(sepakbola, { sentences: 50 });
    const ids = result.sentences.map((s) => s.id);
    expect(ids).toEqual(sepakbola.sentences.filter((s) => s.kind === 'paragraph').map((s) => s.id));
  });

  it('the news lead is chosen for a 1-sentence summary', () => {
    expect(selectSummary(banjir, { sentences: 1 }).sentences.map((s) => s.id)).toEqual(['banjir#p1s1']);
    expect(selectSummary(sepakbola, { sentences: 1 }).sentences.map((s) => s.id)).toEqual(['bola#p1s1']);
  });

  it('zero sentences, or an article without paragraphs, gives an empty summary', () => {
    expect(selectSummary(banjir, { sentences: 0 }).sentences).toEqual([]);
    const onlyTitle = article('t', 'Judul Saja', [['title', ['Judul Saja']], ['heading', ['Subjudul yang panjang sekali']]]);
    expect(selectSummary(onlyTitle, { sentences: 3 })).toEqual({ method: RANK_METHOD, sentences: [] });
    expect(selectSummary({ title: null, sentences: [] }, { sentences: 3 }).sentences).toEqual([]);
  });

  it('rejects invalid lengths', () => {
    expect(() => selectSummary(banjir, { sentences: -1 })).toThrow(RangeError);
    expect(() => selectSummary(banjir, { sentences: 1.5 })).toThrow(RangeError);
    expect(() => selectSummary(banjir, { sentences: 3, words: Number.NaN })).toThrow(RangeError);
  });
});

describe('selectSummary: eligibility', () => {
  it('never chooses title or heading sentences, even when they are the most central text', () => {
    // The heading repeats the article's key words; the title block repeats the title.
    for (const input of [banjir, sepakbola]) {
      for (const n of [1, 3, 50]) {
        for (const s of selectSummary(input, { sentences: n }).sentences) {
          const kind = input.sentences.find((x) => x.id === s.id)!.kind;
          expect(kind).toBe('paragraph');
        }
      }
    }
  });

  it('a heading identical to a paragraph sentence does not make that sentence ineligible or doubled', () => {
    const lead = 'Gempa bermagnitudo 5,2 mengguncang Kabupaten Sukamaju pada Rabu pagi tanpa menimbulkan kerusakan berarti.';
    const input = article('g', null, [
      ['heading', [lead]],
      ['paragraph', [lead, 'Getaran terasa hingga kota tetangga selama beberapa detik.']],
    ]);
    expect(selectSummary(input, { sentences: 3 }).sentences.map((s) => s.id)).toEqual(['g#p1s1', 'g#p1s2']);
  });

  it('never chooses "Baca juga" cross-reference boilerplate', () => {
    const result = selectSummary(banjir, { sentences: 50 });
    const texts = result.sentences.map((s) => textOf(banjir, s.id));
    expect(texts.some((t) => t.startsWith('Baca juga'))).toBe(false);
    expect(isBoilerplate('[Baca Juga: Harga Cabai Naik Lagi]')).toBe(true);
    expect(isBoilerplate('Simak juga video berikut ini.')).toBe(true);
    expect(isBoilerplate('Ia juga membaca laporan itu.')).toBe(false);
  });

  it('prefers reported speech over a direct quote at a similar position', () => {
    expect(opensWithQuote('"Debit sungai naik," kata Rahmat.')).toBe(true);
    expect(opensWithQuote('“Kami siap,” ujarnya.')).toBe(true);
    expect(opensWithQuote('Rahmat mengatakan debit sungai naik.')).toBe(false);
    const scored = scoreSentences(banjir);
    const quote = scored.find((s) => s.id === 'banjir#p2s2')!;
    expect(quote.quote).toBe(RANK_PARAMS.quoteFactor);
    expect(scored.find((s) => s.id === 'banjir#p2s1')!.quote).toBe(1);
  });
});

describe('selectSummary: redundancy (MMR)', () => {
  it('does not choose a near-duplicate of a chosen sentence', () => {
    const ids = selectSummary(tarif, { sentences: 3 }).sentences.map((s) => s.id);
    expect(ids).toContain('tarif#p0s1');
    expect(ids).not.toContain('tarif#p0s2');
    expect(ids).toHaveLength(3);
  });

  it('control: without redundancy control the same ranker does take the near-duplicate', () => {
    const noMmr = { ...RANK_PARAMS, mmrLambda: 1, duplicateCosine: 2 };
    const ids = selectSummary(tarif, { sentences: 3 }, noMmr).sentences.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['tarif#p0s1', 'tarif#p0s2']));
  });

  it('an exact repeat (even one without content words) is never chosen twice', () => {
    const input = article('r', null, [
      ['paragraph', ['Ya, itu dia.', 'Ya, itu dia.', 'Petani di Desa Sumber Rejeki memanen padi lebih awal tahun ini.']],
    ]);
    const texts = selectSummary(input, { sentences: 3 }).sentences.map((s) => textOf(input, s.id));
    expect(texts.filter((t) => t === 'Ya, itu dia.')).toHaveLength(1);
  });
});

describe('selectSummary: word budget', () => {
  for (const [name, input] of Object.entries(FIXTURES)) {
    it(`${name}: total words never exceed the budget`, () => {
      for (const words of [0, 5, 15, 25, 40, 60, 100, 1000]) {
        const result = selectSummary(input, { sentences: 3, words });
        const used = result.sentences.reduce((sum, s) => sum + countWords(textOf(input, s.id)), 0);
        expect(used).toBeLessThanOrEqual(words);
        const positions = result.sentences.map((s) => order(input).get(s.id)!);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
    });
  }

  it('the budget replaces the sentence count', () => {
    const result = selectSummary(banjir, { sentences: 1, words: 1000 });
    expect(result.sentences.length).toBeGreaterThan(3);
  });

  it('a sentence that does not fit is skipped and a shorter one still taken', () => {
    const lead = countWords(textOf(banjir, 'banjir#p1s1')); // 20 words
    const result = selectSummary(banjir, { sentences: 3, words: lead - 1 });
    expect(result.sentences.map((s) => s.id)).not.toContain('banjir#p1s1');
    expect(result.sentences.length).toBeGreaterThan(0);
  });

  it('a budget smaller than every sentence gives an empty summary', () => {
    expect(selectSummary(banjir, { sentences: 3, words: 3 }).sentences).toEqual([]);
  });
});

describe('selectSummary: determinism', () => {
  it('same input, same output; a JSON round trip of the input changes nothing', () => {
    for (const input of Object.values(FIXTURES)) {
      const first = JSON.stringify(selectSummary(input, { sentences: 3 }));
      const copy = JSON.parse(JSON.stringify(input)) as RankInput;
      for (let i = 0; i < 3; i++) expect(JSON.stringify(selectSummary(copy, { sentences: 3 }))).toBe(first);
    }
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(banjir);
    selectSummary(banjir, { sentences: 3, words: 40 });
    expect(JSON.stringify(banjir)).toBe(before);
  });

  it('between equally central sentences, the earlier one wins', () => {
    const s = 'Warga desa bergotong royong membersihkan saluran air setiap Minggu pagi.';
    const t = 'Pedagang pasar menata ulang lapak mereka menjelang bulan puasa tahun ini.';
    // Two unrelated sentences (same centrality): only the position prior separates them.
    const input = article('tie', null, [['paragraph', [t, s]]]);
    expect(selectSummary(input, { sentences: 1 }).sentences[0]!.id).toBe('tie#p0s1');
  });
});

describe('text features', () => {
  it('stems Indonesian affixes and drops stopwords', () => {
    expect(stem('menaikkan')).toBe('naik');
    expect(stem('pengungsian')).toBe('ungsi');
    expect(contentTerms('Warga yang rumahnya terendam banjir sedang mengungsi')).toEqual(['warga', 'rumah', 'rendam', 'banjir', 'ungsi']);
  });

  it('counts whitespace-separated words', () => {
    expect(countWords('  Hujan deras,  angin   kencang. ')).toBe(4);
    expect(countWords('')).toBe(0);
  });
});
