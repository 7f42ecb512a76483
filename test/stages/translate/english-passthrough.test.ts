/**
 * English passages are passed through by `translate`: marked by `clean`, carried by `segment`, and
 * never sent to the model or the translation memory. Runs the whole pipeline through the library
 * API with the fixture copy model.
 */
import { translationStats } from '../../helpers/run-report.ts';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, runWarta, type RunReport, type SegmentedArticle, type TranslatedArticle } from '../../../src/index.ts';
import { normalizeForTranslation } from '../../../src/stages/translate/normalize.ts';
import { tempDir } from '../../helpers/temp.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const copyModel = path.join(repo, 'test/fixtures/models/opus-mt-copy');

const ENGLISH = [
  '“The water rose faster than we expected, and many families had nowhere to go,” a volunteer told reporters.',
  'She said the city should have opened the shelters earlier in the evening.',
];
const ARTICLE = [
  'Banjir Rendam Ribuan Rumah di Semarang',
  '',
  'Banjir merendam sekitar 3.200 rumah di Kota Semarang sejak Minggu malam. Ketinggian air mencapai satu meter.',
  '',
  ENGLISH.join(' '),
  '',
  'Pemerintah kota menyiapkan dapur umum yang melayani tiga kali makan per hari.',
].join('\n');

/** Every stage record of `stage` in the cache (one JSON file per entry). */
function cachedRecords<T>(cache: string, stage: string): T[] {
  const root = path.join(cache, 'stages', stage);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(readFileSync(path.join(root, f), 'utf8')) as { value: { record: T } }).value.record);
}

function memorySources(cache: string): string[] {
  const root = path.join(cache, 'memory');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(readFileSync(path.join(root, f), 'utf8')) as { value: { source: string } }).value.source);
}

describe('translate passes English sentences through', () => {
  let dir: string;
  let report: RunReport;
  let article: TranslatedArticle;

  beforeAll(async () => {
    dir = tempDir('warta-english-');
    mkdirSync(path.join(dir, 'input'));
    writeFileSync(path.join(dir, 'input', 'banjir.txt'), ARTICLE);
    const config = loadConfig({
      cwd: dir,
      overrides: { input: 'input', output: 'output', cache: '.cache', model: copyModel, concurrency: 1 },
    });
    report = await runWarta(config);
    article = cachedRecords<TranslatedArticle>(path.join(dir, '.cache'), 'translate').find((a) => a.id === 'banjir')!;
  }, 120_000);

  it('runs cleanly', () => {
    expect(report.fatal).toBeNull();
    expect(report.failures).toEqual([]);
    expect(article).toBeDefined();
  });

  it('segment carries the English mark from the block to its sentences', () => {
    const segmented = cachedRecords<SegmentedArticle>(path.join(dir, '.cache'), 'segment').find((a) => a.id === 'banjir')!;
    const english = segmented.blocks.filter((b) => b.language === 'en');
    expect(english.map((b) => b.text)).toEqual([ENGLISH.join(' ')]);
    expect(segmented.sentences.filter((s) => s.language === 'en').map((s) => s.text)).toEqual(ENGLISH);
    for (const s of segmented.sentences) expect(s.language === 'en').toBe(s.block === english[0]!.index);
  });

  it('English sentences get their own normalised text, no score and no flags', () => {
    const english = article.sentences.filter((s) => s.language === 'en');
    expect(english.map((s) => s.text)).toEqual(ENGLISH);
    for (const s of english) {
      expect(s.translation).toBe(normalizeForTranslation(s.text));
      expect(s.score).toBeNull();
      expect(s.flags).toEqual([]);
    }
    // Indonesian sentences went to the model (the copy model gives a score).
    const indonesian = article.sentences.filter((s) => s.language === undefined);
    expect(indonesian).toHaveLength(4); // title, two lead sentences, the last paragraph
    for (const s of indonesian) expect(typeof s.score).toBe('number');
  });

  it('the translated count and the translation memory leave English out', () => {
    const runJson = JSON.parse(readFileSync(path.join(dir, 'output', 'run.json'), 'utf8')) as RunReport;
    for (const r of [report, runJson]) {
      expect(translationStats(r).translated).toBe(4);
      expect(translationStats(r).sentences).toBe(6);
    }
    const sources = memorySources(path.join(dir, '.cache'));
    expect(sources).toHaveLength(4);
    for (const text of ENGLISH) expect(sources).not.toContain(normalizeForTranslation(text));
  });

  it('the article JSON has the English source as its translation', () => {
    const json = JSON.parse(readFileSync(path.join(dir, 'output', 'articles', 'banjir.json'), 'utf8')) as {
      sentences: Array<{ source: string; translation: string }>;
    };
    for (const text of ENGLISH) expect(json.sentences.find((s) => s.source === text)?.translation).toBe(normalizeForTranslation(text));
  });
});
