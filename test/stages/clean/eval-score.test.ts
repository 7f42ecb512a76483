/** The scoring of eval:clean on a hand-made case, without ../shared. */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../tools/eval/clean.ts';
import { scoreClean, type LineLabel } from '../../../tools/eval/clean-score.ts';
import type { CleanedArticle } from '../../../src/types.ts';

const source = { path: 'a.txt', bytes: 0, sha256: '', encoding: 'utf-8' as const, bom: false };
const article: CleanedArticle = {
  id: 'a',
  source,
  metadata: { title: 'Judul Berita', outlet: 'GARUTNEWS.ID', published: '2024-06-03T10:00:00+07:00', author: 'Asep' },
  text: 'Judul Berita\n\nIsi berita pertama.\n\nBaca juga: Lain',
  blocks: [],
  removed: [
    { line: 2, text: 'ADVERTISEMENT', rule: 'ad-marker' },
    { line: 3, text: 'JAKARTA -', rule: 'dateline' },
    { line: 5, text: 'Isi kedua yang hilang.', rule: 'trailer' },
  ],
};
const labels: LineLabel[] = [
  { file: 'a.txt', line_no: 1, text: 'Judul Berita', label: 'keep' },
  { file: 'a.txt', line_no: 2, text: 'ADVERTISEMENT', label: 'drop', reason: 'ad: slot' },
  { file: 'a.txt', line_no: 3, text: 'JAKARTA - Isi berita pertama.', label: 'keep', inline_drop: ['JAKARTA - '] },
  { file: 'a.txt', line_no: 4, text: 'Baca juga: Lain', label: 'drop', reason: 'related: link' },
  { file: 'a.txt', line_no: 5, text: 'Isi kedua yang hilang.', label: 'keep', reason: 'body: text' },
];

describe('scoreClean', () => {
  const score = scoreClean(labels, new Map([['a.txt', article]]), [
    { file: 'a.txt', title: 'judul  berita', outlet: 'GarutNews', outlet_aliases: [], published: '2024-06-03T11:00:00+07:00', dateline: 'JAKARTA', author: null, outlet_group: 'garut' },
  ]);

  it('counts dropped boilerplate, boilerplate left in and body lost', () => {
    expect(score.total).toMatchObject({ lines: 5, tp: 1, data_loss: 1, left_in: 1, precision: 0.5, recall: 0.5 });
    expect(score.per_outlet.garut).toMatchObject({ files: 1, tp: 1 });
    expect(score.failures.data_loss.map((r) => [r.line_no, r.rule, r.category])).toEqual([[5, 'trailer', 'body']]);
    expect(score.failures.left_in.map((r) => [r.line_no, r.category])).toEqual([[4, 'related']]);
    expect(score.inline_fragments).toMatchObject({ checked: 1, left: 0 });
  });

  it('judges metadata as the reference scorer does', () => {
    const summary = score.metadata.summary;
    expect(summary.title).toMatchObject({ correct: 1 });
    expect(summary.outlet).toMatchObject({ correct: 1 }); // case, punctuation and ".id" folded
    expect(summary.published).toMatchObject({ wrong: 1, same_day_only: 1 });
    expect(summary.dateline).toMatchObject({ missed: 1 });
    expect(summary.author).toMatchObject({ spurious_when_not_shown: 1, accuracy_all: 0 });
  });

  it('parses its arguments and refuses others with a usage error', () => {
    expect(parseArgs(['dir', 'labels.jsonl', '--meta', 'meta.jsonl'])).toEqual({ folder: 'dir', labels: 'labels.jsonl', meta: 'meta.jsonl' });
    expect(() => parseArgs(['dir'])).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseArgs(['dir', 'l', '--meta'])).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
