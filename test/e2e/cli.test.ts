import { translationStats } from '../helpers/run-report.ts';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/index.ts';
import { normalizeForTranslation } from '../../src/stages/translate/normalize.ts';
import { tempDir } from '../helpers/temp.ts';

const execFileAsync = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repo, 'bin/warta.js');
const fixtureArticles = path.join(repo, 'test/fixtures/articles');
const copyModel = path.join(repo, 'test/fixtures/models/opus-mt-copy');
const ARTICLE_IDS = ['001_banjir_semarang', '002_harga_beras', '003_kereta_cepat', '004_kereta_cepat_lain', 'daerah--gempa-garut'];

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function warta(args: string[], cwd: string): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [cli, ...args], { cwd, env: { ...process.env, CI: 'true', WARTA_DEBUG: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A workspace like a user's: pipeline.yaml, input/, output/, .cache/, using the fixture model. */
function workspace(extraYaml = ''): string {
  const dir = tempDir('warta-e2e-');
  cpSync(fixtureArticles, path.join(dir, 'input'), { recursive: true });
  writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${copyModel}\nconcurrency: 2\n${extraYaml}`);
  return dir;
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;
const runJson = (dir: string) => readJson<RunReport>(path.join(dir, 'output/run.json'));
const ranPerStage = (report: RunReport) => Object.fromEntries(Object.entries(report.stages).map(([name, s]) => [name, s.ran]));

interface ArticleJson {
  id: string;
  text: string;
  metadata: { title: string | null };
  removed: Array<{ line: number; text: string; rule: string }>;
  sentences: Array<{ id: string; kind: string; offsets: [number, number]; source: string; translation: string }>;
  summary: { method: string; sentences: Array<{ id: string; offsets: [number, number]; source: string; translation: string }> };
}

describe('warta run, end to end with the fixture copy model', () => {
  let dir: string;
  let first: CliResult;

  beforeAll(async () => {
    dir = workspace();
    first = await warta(['run'], dir);
  });

  it('succeeds and writes every output', () => {
    expect(first.stderr).not.toMatch(/\n\s+at /);
    expect(first.code).toBe(0);
    const files = readdirSync(path.join(dir, 'output/articles')).sort();
    expect(files).toEqual(ARTICLE_IDS.flatMap((id) => [`${id}.json`, `${id}.md`]).sort());
    for (const file of ['digest.md', 'digest.json', 'index.html']) expect(existsSync(path.join(dir, 'output', file))).toBe(true);
    const report = runJson(dir);
    expect(ranPerStage(report)).toEqual({ ingest: 5, clean: 5, segment: 5, translate: 5, entities: 5, summarize: 5, render: 5 });
    expect(translationStats(report).modelLoaded).toBe(true);
    expect(translationStats(report).translated).toBeGreaterThan(20);
    expect(first.stderr).toMatch(/translate\s+run\s+5\s+0\s+0/);
  });

  it("gives each sentence its own translation, offsets into the cleaned text, and no boilerplate", () => {
    for (const id of ARTICLE_IDS) {
      const article = readJson<ArticleJson>(path.join(dir, `output/articles/${id}.json`));
      expect(article.sentences.length).toBeGreaterThan(2);
      for (const sentence of article.sentences) {
        // The copy model reproduces its input: any misalignment across batches or the memory shows here.
        expect(sentence.translation).toBe(normalizeForTranslation(sentence.source));
        expect(article.text.slice(...sentence.offsets)).toBe(sentence.source);
        expect(sentence.id).toMatch(new RegExp(`^${id}#p\\d+s\\d+$`));
        expect(sentence.source).not.toMatch(/ADVERTISEMENT|SCROLL TO CONTINUE|Baca Juga|Halaman 2 dari|Purchase Licensing Rights/i);
      }
    }
  });

  it('records removed boilerplate with its rule', () => {
    const article = readJson<ArticleJson>(path.join(dir, 'output/articles/001_banjir_semarang.json'));
    const removedTexts = article.removed.map((r) => r.text);
    expect(removedTexts).toEqual(expect.arrayContaining(['SCROLL TO CONTINUE WITH CONTENT', 'ADVERTISEMENT', 'Halaman 2 dari 2']));
    expect(article.removed.every((r) => r.rule.length > 0 && r.line > 0)).toBe(true);
    expect(article.metadata.title).toBe('Banjir Rendam Ribuan Rumah di Semarang, Warga Mengungsi');
    expect(article.sentences.filter((s) => s.source === article.metadata.title)).toHaveLength(1);
  });

  it('writes bilingual summaries linked to their source sentences, in source order', () => {
    for (const id of ARTICLE_IDS) {
      const article = readJson<ArticleJson>(path.join(dir, `output/articles/${id}.json`));
      const order = new Map(article.sentences.map((s, i) => [s.id, i]));
      const picked = article.summary.sentences;
      expect(picked.length).toBeGreaterThan(0);
      expect(picked.length).toBeLessThanOrEqual(3);
      const positions = picked.map((s) => order.get(s.id));
      expect(positions.every((p) => p !== undefined)).toBe(true);
      expect([...positions].sort((a, b) => a! - b!)).toEqual(positions);
      for (const s of picked) {
        const source = article.sentences[order.get(s.id)!]!;
        expect(s.translation).toBe(source.translation);
        expect(source.kind).toBe('paragraph');
      }
    }
    const digest = readFileSync(path.join(dir, 'output/digest.md'), 'utf8');
    expect(digest).toContain('Banjir Rendam Ribuan Rumah di Semarang, Warga Mengungsi');
    // The two reports of the high-speed-train figures are one event: four groups for five articles.
    expect(digest.match(/^## /gm)).toHaveLength(4);
    const groups = readJson<{ groups: Array<{ articles: Array<{ id: string }> }> }>(path.join(dir, 'output/digest.json')).groups;
    // Groups are listed by date; what matters here is who is grouped with whom.
    expect(groups.map((g) => g.articles.map((a) => a.id).sort()).sort()).toEqual([
      ['001_banjir_semarang'],
      ['002_harga_beras'],
      ['003_kereta_cepat', '004_kereta_cepat_lain'],
      ['daerah--gempa-garut'],
    ]);
    const html = readFileSync(path.join(dir, 'output/index.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<article class="article"/g)).toHaveLength(5);
  });

  it('serves a second run entirely from the cache, without loading the model', async () => {
    const second = await warta(['run'], dir);
    expect(second.code).toBe(0);
    const report = runJson(dir);
    expect(ranPerStage(report)).toEqual({ ingest: 0, clean: 0, segment: 0, translate: 0, entities: 0, summarize: 0, render: 0 });
    expect(Object.values(report.stages).map((s) => s.cached)).toEqual([5, 5, 5, 5, 5, 5, 5]);
    expect(translationStats(report).modelLoaded).toBe(false);
  });

  it('re-runs only the article whose file changed', async () => {
    const file = path.join(dir, 'input/003_kereta_cepat.txt');
    const edited = readFileSync(file, 'utf8').replace('Editor:', 'Tarif kereta cepat tetap Rp 250.000 untuk kelas premium.\n\nEditor:');
    writeFileSync(file, edited);
    const result = await warta(['run'], dir);
    expect(result.code).toBe(0);
    const report = runJson(dir);
    expect(ranPerStage(report)).toEqual({ ingest: 1, clean: 1, segment: 1, translate: 1, entities: 1, summarize: 1, render: 1 });
    // Only the new sentence needs the model; the rest of the article comes from the translation memory.
    expect(translationStats(report).translated).toBe(1);
    expect(translationStats(report).memoryHits).toBeGreaterThan(3);
  });

  it('re-runs only summarize and render when summarize.sentences changes', async () => {
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${copyModel}\nsummarize:\n  sentences: 2\n`);
    const result = await warta(['run'], dir);
    expect(result.code).toBe(0);
    const report = runJson(dir);
    expect(ranPerStage(report)).toEqual({ ingest: 0, clean: 0, segment: 0, translate: 0, entities: 0, summarize: 5, render: 5 });
    expect(translationStats(report).modelLoaded).toBe(false);
    const article = readJson<ArticleJson>(path.join(dir, 'output/articles/001_banjir_semarang.json'));
    expect(article.summary.sentences).toHaveLength(2);
  });

  it('--only summarize --force re-runs summarize alone, never runs translate, and says which command brings the outputs up to date', async () => {
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${copyModel}\nsummarize:\n  sentences: 1\n`);
    const result = await warta(['run', '--only', 'summarize', '--force'], dir);
    expect(result.code).toBe(0);
    const report = runJson(dir);
    expect(report.stages.translate).toMatchObject({ mode: 'cache-only', ran: 0, cached: 5 });
    expect(report.stages.summarize).toMatchObject({ mode: 'run', ran: 5 });
    expect(report.stages.render!.mode).toBe('skipped');
    expect(translationStats(report).modelLoaded).toBe(false);
    expect(report.outputsBehind).toBe('warta run --from render');
    expect(result.stderr).toContain('--only summarize does not update the outputs: to bring them up to date, run `warta run --from render`');
    expect(result.stderr).toMatch(/5 of 5 articles done .*\n.*The outputs .* do not show this run's results yet: run `warta run --from render`/);

    const brought = await warta(['run', '--from', 'render'], dir);
    expect(brought.code).toBe(0);
    expect(runJson(dir).stages.render).toMatchObject({ mode: 'run', ran: 5 });
    expect(readJson<ArticleJson>(path.join(dir, 'output/articles/001_banjir_semarang.json')).summary.sentences).toHaveLength(1);
    expect((await warta(['status'], dir)).stdout).toMatch(/render\s+5\s+0\s+0/);
  });

  it('rebuilds deleted outputs from the cache', async () => {
    const md = path.join(dir, 'output/articles/002_harga_beras.md');
    writeFileSync(md, 'tampered');
    const result = await warta(['run'], dir);
    expect(result.code).toBe(0);
    expect(runJson(dir).stages.render!.ran).toBe(1);
    expect(readFileSync(md, 'utf8')).toContain('## Summary');
  });

  it('status reports every stage cached, then the changed article as stale', async () => {
    const clean = await warta(['status'], dir);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/translate\s+5\s+0\s+0/);
    writeFileSync(path.join(dir, 'input/004_kereta_cepat_lain.txt'), 'Judul Baru\n\nIsi berita yang baru sama sekali.\n');
    const after = await warta(['status'], dir);
    expect(after.stdout).toMatch(/ingest\s+4\s+1\s+0\s+input changed: 1/);
  });
});

describe('warta run, failures', () => {
  it('exits 2 with the key and line for a bad config', async () => {
    const dir = workspace('translate:\n  beams: six\n');
    const result = await warta(['run'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pipeline.yaml:5: `translate.beams`: expected an integer from 1 to 16, got the text "six"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an unknown flag or stage', async () => {
    const dir = workspace();
    expect((await warta(['run', '--bogus'], dir)).code).toBe(2);
    const badStage = await warta(['run', '--only', 'translat'], dir);
    expect(badStage.code).toBe(2);
    expect(badStage.stderr).toContain('--only: expected one of ingest, clean, segment, translate, entities, summarize, render, got "translat"');
  });

  it('fails one bad input file with its name and byte offset, and completes the others', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'input/rusak.txt'), Buffer.from([...Buffer.from('Judul berita\n\nHarga naik '), 0xff, ...Buffer.from(' lagi.\n')]));
    writeFileSync(path.join(dir, 'input/kosong.txt'), '   \n\n');
    const result = await warta(['run'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rusak.txt is not valid UTF-8: bad byte 0xff at byte offset 25.');
    expect(result.stderr).toContain('kosong.txt has no text');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(path.join(dir, 'output/articles')).filter((f) => f.endsWith('.json'))).toHaveLength(5);
    expect(runJson(dir).failures.map((f) => f.path).sort()).toEqual(['kosong.txt', 'rusak.txt']);
  });

  it('ends in a clear missing-model error that names the files and what to do', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'pipeline.yaml'), 'model:\n  id: Xenova/opus-mt-id-en\n  dir: models\n');
    const result = await warta(['run', '--offline'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Translation model not available');
    expect(result.stderr).toContain('onnx/encoder_model_quantized.onnx');
    expect(result.stderr).toContain(path.join(dir, 'models/Xenova/opus-mt-id-en'));
    expect(result.stderr).toContain('npx warta fetch-model');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // The stages before translate completed and are cached for the next run.
    expect(runJson(dir).stages.segment!.ran).toBe(5);
  });

  it('prints help with every command', async () => {
    const result = await warta(['--help'], repo);
    expect(result.code).toBe(0);
    for (const text of ['warta run', 'warta status', 'warta fetch-model', '--only STAGE', '--from STAGE', '--force', '--offline', 'Examples']) {
      expect(result.stdout).toContain(text);
    }
  });
});
