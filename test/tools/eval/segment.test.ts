import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, goldSpans, intlSegmenter, parseJsonl, type EvalBlock } from '../../../tools/eval/segment.ts';
import { segmentSentences } from '../../../src/stages/segment/segmenter.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEV = join(ROOT, '../shared/eval/seg/ud-id-csui.jsonl');

const block = (sentences: string[], suspect: number[] = []): EvalBlock => ({ text: sentences.join(' '), sentences, suspect_multi: suspect });

describe('segmentation eval', () => {
  it('scores boundaries, excluding the block end', () => {
    const blocks = [
      block(['Satu dua.', 'Tiga empat.', 'Lima enam.']), // 2 gold boundaries
      block(['Judul tanpa titik', 'Isi berita.']), // 1 gold boundary, missed by a splitter on punctuation
    ];
    const r = evaluate(blocks, segmentSentences);
    expect(r.all).toMatchObject({ truePositives: 2, predicted: 2, gold: 3, precision: 1, exactBlocks: 1, blocks: 2, exactBlockShare: 0.5 });
    expect(r.all.recall).toBeCloseTo(2 / 3, 4);
    expect(r.all.f1).toBeCloseTo(0.8, 4);
  });

  it('ignores predicted boundaries inside suspect_multi units only in the second figure', () => {
    const blocks = [block(['"Kami siap. Kami menunggu."', 'Polisi datang.'], [0])];
    const splitEverywhere = (text: string) => segmentSentences(text, { keepQuotesTogether: false });
    const r = evaluate(blocks, splitEverywhere);
    expect(r.all).toMatchObject({ predicted: 2, truePositives: 1, exactBlocks: 0 });
    expect(r.excludingSuspectMulti).toMatchObject({ predicted: 1, truePositives: 1, precision: 1, exactBlocks: 1 });
  });

  it('locates gold spans and rejects malformed lines', () => {
    expect(goldSpans(block(['A b.', 'C d.']))).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ]);
    expect(() => goldSpans({ text: 'A b.', sentences: ['X.'] })).toThrow(/not found/);
    expect(() => parseJsonl('{"text": 1}\n')).toThrow(/:1: expected/);
    expect(() => parseJsonl('not json')).toThrow(/not valid JSON/);
    expect(parseJsonl('{"text":"A.","sentences":["A."]}\n\n')).toEqual([{ text: 'A.', sentences: ['A.'], suspect_multi: [] }]);
  });

  it('Intl.Segmenter baseline yields trimmed spans', () => {
    const spans = intlSegmenter()('Satu.  Dua. ');
    expect(spans).toEqual([
      { start: 0, end: 5 },
      { start: 7, end: 11 },
    ]);
  });

  it('CLI prints JSON for both segmenters', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warta-seg-eval-'));
    try {
      const file = join(dir, 'mini.jsonl');
      writeFileSync(file, `${JSON.stringify(block(['Dr. Budi datang.', 'Ia membawa Rp 1.000.', 'Semua senang.']))}\n`);
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tools/eval/segment.ts'), file], { encoding: 'utf8' });
      const report = JSON.parse(out);
      expect(report.blocks).toBe(1);
      expect(report.warta.all).toMatchObject({ precision: 1, recall: 1, f1: 1, exactBlocks: 1 });
      expect(report.intlSegmenter.all.precision).toBeLessThan(1); // splits after "Dr."
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!existsSync(DEV))('segmentation on the UD Indonesian-CSUI dev set (../shared)', () => {
  const blocks = existsSync(DEV) ? parseJsonl(readFileSync(DEV, 'utf8'), DEV) : [];
  it('boundary F1 ≥ 0.98 and ahead of Intl.Segmenter, with and without suspect_multi', () => {
    const ours = evaluate(blocks, segmentSentences);
    const intl = evaluate(blocks, intlSegmenter());
    expect(ours.all.f1).toBeGreaterThanOrEqual(0.98);
    expect(ours.excludingSuspectMulti.f1).toBeGreaterThanOrEqual(0.98);
    expect(ours.all.f1).toBeGreaterThan(intl.all.f1);
    expect(ours.excludingSuspectMulti.f1).toBeGreaterThan(intl.excludingSuspectMulti.f1);
    expect(ours.all.exactBlockShare).toBeGreaterThan(intl.all.exactBlockShare);
  });
});
