import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, runWarta } from '../../../src/index.ts';
import { splitToFit } from '../../../src/stages/translate/split.ts';
import { mulberry32 } from '../../../src/util/random.ts';
import { COPY_MODEL } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';
import { translationStats } from '../../helpers/run-report.ts';

const WORDS = ['warga', 'pemerintah', 'bantuan', 'sungai', 'jalan', 'desa', 'kota', 'banjir', 'hujan', 'rumah', 'pasar', 'harga', 'beras', 'petugas', 'sekolah'];

/** One line of words, no full stop anywhere, a comma now and then: a paragraph no sentence splitter can cut. */
function unpunctuatedParagraph(characters: number): string {
  const random = mulberry32(2_000_000);
  const parts: string[] = [];
  let length = 0;
  while (length < characters) {
    const word = `${WORDS[Math.floor(random() * WORDS.length)]!}${random() < 0.02 ? ',' : ''}`;
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ').slice(0, characters).trimEnd().replace(/,$/, '');
}

/** The same clauses over and over with no full stop: what a pasted log or a spammed form gives. */
function repeatedClauses(characters: number): string {
  const clauses = ['warga desa membersihkan saluran air di sepanjang jalan kota', 'petugas memeriksa harga beras di pasar', 'hujan deras merendam rumah dan sekolah'];
  const parts: string[] = [];
  for (let length = 0, i = 0; length < characters; i++) {
    parts.push(clauses[i % clauses.length]!);
    length += parts.at(-1)!.length + 2;
  }
  return parts.join(', ').slice(0, characters).replace(/[ ,]+$/, '');
}

describe('a 2,000,000-character paragraph', () => {
  it('is translated in pieces by the copy model, rejoined whole and flagged split', async () => {
    const dir = tempDir('warta-huge-');
    mkdirSync(path.join(dir, 'input'));
    const paragraph = repeatedClauses(2_000_000);
    expect(paragraph.length).toBeGreaterThan(1_999_000);
    writeFileSync(path.join(dir, 'input', 'panjang.txt'), `Laporan Panjang\n\n${paragraph}\n`);
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\ntranslate:\n  max_length: 512\n`);
    const report = await runWarta(loadConfig({ cwd: dir }));
    expect(report.failures).toEqual([]);
    expect(translationStats(report).translated).toBe(2);
    const article = JSON.parse(readFileSync(path.join(dir, 'output/articles/panjang.json'), 'utf8')) as {
      sentences: Array<{ source: string; translation: string; flags: string[] }>;
    };
    const long = article.sentences.find((s) => s.source.length > 1_000_000)!;
    expect(long.source).toBe(paragraph);
    // The copy model gives each piece back: rejoined, nothing is lost or truncated.
    expect(long.translation).toBe(paragraph);
    expect(long.flags).toContain('split');
    expect(long.flags).not.toContain('truncated');
  }, 300_000);
});

describe('splitToFit', () => {
  it('cuts a run with no boundary by characters, never inside a surrogate pair', () => {
    const run = '𝔸'.repeat(301);
    const parts = splitToFit(run, (text) => text.length <= 16);
    expect(parts.join('')).toBe(run);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(16);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('never asks whether a text far longer than the model could take fits', () => {
    const asked: number[] = [];
    const text = unpunctuatedParagraph(200_000);
    const parts = splitToFit(text, (piece) => {
      asked.push(piece.length);
      return piece.length <= 1000;
    });
    expect(parts.join(' ')).toBe(text);
    expect(parts.every((part) => part.length <= 1000)).toBe(true);
    // Depth is logarithmic: a few times the number of parts, not the square.
    expect(asked.length).toBeLessThan(4 * parts.length);
  });
});
