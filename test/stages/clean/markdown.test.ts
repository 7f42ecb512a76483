import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/stages/clean/clean-text.ts';
import { cleanStage } from '../../../src/stages/clean/index.ts';
import { stripMarkdownLine } from '../../../src/stages/clean/markdown.ts';
import type { IngestedArticle } from '../../../src/types.ts';

const MD = [
  '# Gempa Magnitudo 5,1 Guncang Garut',
  '',
  'Gempa bumi mengguncang Kabupaten Garut, Jawa Barat, pada Sabtu dini hari.',
  '',
  '**Baca Juga: Warga Garut Diminta Waspada Gempa Susulan**',
  '',
  'BMKG mencatat pusat gempa berada di laut pada kedalaman 10 kilometer.',
  '## Kerusakan di Tiga Kecamatan',
  'Sedikitnya 40 rumah rusak ringan, menurut data **sementara** BPBD.',
  '',
  '__Warga diminta tetap tenang__',
  '',
  '#GarutKuat menjadi trending di media sosial sejak pagi.',
].join('\n');

describe('Markdown input', () => {
  it('strips heading and whole-line emphasis markers, and records nothing for markup', () => {
    const r = cleanText(MD, { keepBoilerplate: false, markdown: true });
    expect(r.metadata.title).toBe('Gempa Magnitudo 5,1 Guncang Garut');
    expect(r.blocks.map((b) => [b.kind, b.line, b.text])).toEqual([
      ['title', 1, 'Gempa Magnitudo 5,1 Guncang Garut'],
      ['paragraph', 3, 'Gempa bumi mengguncang Kabupaten Garut, Jawa Barat, pada Sabtu dini hari.'],
      ['paragraph', 7, 'BMKG mencatat pusat gempa berada di laut pada kedalaman 10 kilometer.'],
      ['heading', 8, 'Kerusakan di Tiga Kecamatan'],
      // Emphasis inside a line is text, not markup around the line.
      ['paragraph', 9, 'Sedikitnya 40 rumah rusak ringan, menurut data **sementara** BPBD.'],
      // Unwrapped, a short unpunctuated line between paragraphs: the usual heading rule applies.
      ['heading', 11, 'Warga diminta tetap tenang'],
      // "#" without a space is a hashtag, not a heading.
      ['paragraph', 13, '#GarutKuat menjadi trending di media sosial sejak pagi.'],
    ]);
    // The bold "Baca Juga" line is boilerplate once unwrapped; `removed` keeps the raw line.
    expect(r.removed).toEqual([{ line: 5, text: '**Baca Juga: Warga Garut Diminta Waspada Gempa Susulan**', rule: 'read-also' }]);
  });

  it('a Markdown heading is never joined with the line after it, and is a heading even with final punctuation', () => {
    const r = cleanText(['# Judul', '## Apa kata BMKG?', 'warga diminta menjauhi tebing.', '## Catatan:', 'Data masih diperbarui.'].join('\n'), {
      keepBoilerplate: false,
      markdown: true,
    });
    expect(r.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['title', 'Judul'],
      ['heading', 'Apa kata BMKG?'],
      ['paragraph', 'warga diminta menjauhi tebing.'],
      ['heading', 'Catatan:'],
      ['paragraph', 'Data masih diperbarui.'],
    ]);
  });

  it('without the markdown option, the markers stay as text', () => {
    const r = cleanText(MD, { keepBoilerplate: false });
    expect(r.metadata.title).toBe('# Gempa Magnitudo 5,1 Guncang Garut');
    expect(r.blocks.map((b) => b.text)).toContain('__Warga diminta tetap tenang__');
    expect(r.removed).toEqual([]); // "**Baca Juga…**" does not match the anchored rule
  });

  it('stripMarkdownLine: near-misses are left alone', () => {
    expect(stripMarkdownLine('### Sub judul ###')).toEqual({ text: 'Sub judul', heading: 3 });
    expect(stripMarkdownLine('## **Tebal**')).toEqual({ text: 'Tebal', heading: 2 });
    expect(stripMarkdownLine('# C#')).toEqual({ text: 'C#', heading: 1 });
    for (const line of ['#hashtag di awal', '####### tujuh pagar', '**a** dan **b**', '** bukan tebal **', '*miring*', '_miring_', 'Harga 2**3', '#', '## ##']) {
      expect(stripMarkdownLine(line), line).toEqual({ text: line });
    }
  });

  it('the clean stage treats only .md sources as Markdown', async () => {
    const run = (path: string) => {
      const article: IngestedArticle = { id: 'gempa', source: { path, bytes: 0, sha256: '', encoding: 'utf-8', bom: false }, text: MD };
      return cleanStage.run(article, { options: { keep_boilerplate: false } } as Parameters<typeof cleanStage.run>[1]);
    };
    expect((await run('daerah/gempa.md')).metadata.title).toBe('Gempa Magnitudo 5,1 Guncang Garut');
    expect((await run('daerah/gempa.MD')).metadata.title).toBe('Gempa Magnitudo 5,1 Guncang Garut');
    expect((await run('daerah/gempa.txt')).metadata.title).toBe('# Gempa Magnitudo 5,1 Guncang Garut');
  });
});
