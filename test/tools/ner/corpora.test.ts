/** Other repositories' corpora: IOB files read as names records, from a working tree or a bare git directory. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detokenize, IDNER_NEWS, iobRecords, NERP, openCheckout, readCorpus } from '../../../tools/ner/corpora.ts';

const readIdnerNews = (root: string, splits?: string[]) => readCorpus(IDNER_NEWS, root, splits);

const named = (record: { text: string; entities: Array<{ start: number; end: number; type: string }> }) => record.entities.map((e) => `${e.type}:${record.text.slice(e.start, e.end)}`);

describe('detokenize', () => {
  it('joins words as running text, with no space before closing punctuation, after an opening bracket or inside quotes', () => {
    const words = ['Menurut', 'Haposan', ',', 'laporan', '(', 'KPK', ')', 'itu', '"', 'benar', '"', '.'];
    const { text, offsets } = detokenize(words);
    expect(text).toBe('Menurut Haposan, laporan (KPK) itu "benar".');
    words.forEach((word, i) => expect(text.slice(offsets[i]!.start, offsets[i]!.end)).toBe(word));
  });
});

describe('iobRecords', () => {
  const conll = ['Menurut ADP O', 'Haposan NOUN B-PER', 'Siregar PROPN I-PER', ', PUNCT O', 'Partai PROPN B-ORG', 'Golkar PROPN I-ORG', 'menolak VERB O', '. PUNCT O', '', 'Di ADP O', 'Kota PROPN I-LOC', 'Medan PROPN I-LOC', 'ada VERB O', 'Pesta NOUN B-EVT', 'Danau NOUN I-EVT', '. PUNCT O', ''].join('\r\n');

  it('reads each sentence with its names as character spans of its text, typed as ours', () => {
    const records = iobRecords(conll, 'news-', IDNER_NEWS.labels);
    expect(records.map((r) => r.id)).toEqual(['news-1', 'news-2']);
    expect(records[0]!.text).toBe('Menurut Haposan Siregar, Partai Golkar menolak.');
    expect(named(records[0]!)).toEqual(['PERSON:Haposan Siregar', 'ORGANISATION:Partai Golkar']);
  });

  it('opens a name at an I- label after no name of its type, and leaves out types that are not ours', () => {
    expect(named(iobRecords(conll, 'news-', IDNER_NEWS.labels)[1]!)).toEqual(['PLACE:Kota Medan']);
  });

  it("reads word-tab-label lines too, each corpus's labels as its own", () => {
    const nerp = 'kepala\tO\ndinas\tB-IND\nkota\tI-IND\nmanado\tB-PLC\namos\tB-PPL\nkenda\tI-PPL\nmakan\tO\nsate\tB-FNB\n';
    expect(named(iobRecords(nerp, 'x-', NERP.labels)[0]!)).toEqual(['ORGANISATION:dinas kota', 'PLACE:manado', 'PERSON:amos kenda']);
    expect(named(iobRecords(nerp, 'x-', IDNER_NEWS.labels)[0]!)).toEqual([]);
  });
});

describe('a checkout of IDNer News 2K', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'warta-corpora-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const tree = path.join(root, 'tree');
  const split = (word: string) => `${word} PROPN B-PER\nhadir VERB O\n. PUNCT O\n\n`;
  execFileSync('git', ['init', '-q', tree]);
  writeFileSync(path.join(tree, 'train.txt'), split('Andi') + split('Budi'));
  writeFileSync(path.join(tree, 'dev.txt'), split('Citra'));
  writeFileSync(path.join(tree, 'test.txt'), split('Dewi'));
  execFileSync('git', ['-C', tree, 'add', '.']);
  execFileSync('git', ['-C', tree, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'splits']);
  const bare = path.join(root, 'bare.git');
  execFileSync('git', ['clone', '-q', '--bare', tree, bare]);

  it('gives its train and dev sentences by default, never its test split, from a working tree and from a bare git directory', () => {
    for (const checkout of [tree, bare]) {
      const records = readIdnerNews(checkout)!;
      expect(records.map((r) => r.text)).toEqual(['Andi hadir.', 'Budi hadir.', 'Citra hadir.']);
      expect(records.map((r) => r.id)).toEqual(['idner-news-train-1', 'idner-news-train-2', 'idner-news-dev-1']);
      expect(readIdnerNews(checkout, ['test'])!.map((r) => r.text)).toEqual(['Dewi hadir.']);
    }
  });

  it('is none where the folder holds no splits', () => {
    expect(readIdnerNews(root)).toBeNull();
    expect(readIdnerNews(path.join(root, 'missing'))).toBeNull();
    expect(openCheckout(path.join(root, 'missing'), 'train.txt')).toBeNull();
  });
});
