import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeEntry } from '../../src/cache/driver.ts';
import type { RunReport } from '../../src/index.ts';
import { sha256 } from '../../src/util/hash.ts';
import { COPY_MODEL, FIXTURE_ARTICLES, readTree, STACK_TRACE, warta } from '../helpers/cli.ts';
import { translationStats } from '../helpers/run-report.ts';
import { tempDir } from '../helpers/temp.ts';

const ARTICLES = 5;
const skipRunReports = (file: string) => file.startsWith('run');

function entryFiles(dir: string, namespace: string): string[] {
  const root = path.join(dir, '.cache', namespace);
  return readdirSync(root).flatMap((shard) => readdirSync(path.join(root, shard)).map((name) => path.join(root, shard, name)));
}

/** Edits the stored bytes of an entry in place, leaving it parseable: what a hand on a shared cache would do. */
function edit(file: string, change: (text: string) => string): void {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  JSON.parse(after);
  writeFileSync(file, after);
}

/** Replaces an entry's value with one of the wrong shape, under the right key and with a valid hash. */
function reshape(file: string, value: unknown): void {
  writeFileSync(file, encodeEntry(path.basename(file, '.json'), value));
}

function runReport(dir: string): RunReport {
  return JSON.parse(readFileSync(path.join(dir, 'output/run.json'), 'utf8')) as RunReport;
}

describe('a tampered cache, namespace by namespace', () => {
  const dir = tempDir('warta-tamper-');
  let expected: Map<string, string>;

  const config = (sentences: number) => writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\nsummarize:\n  sentences: ${sentences}\n`);

  /** A run that must succeed and give the outputs an untampered run gives; returns its report. */
  async function repairingRun(damaged: number): Promise<RunReport> {
    const result = await warta(['run'], dir);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code, result.stderr).toBe(0);
    const report = runReport(dir);
    expect(report.failures).toEqual([]);
    expect(report.damagedCacheEntries).toBe(damaged);
    if (damaged > 0) expect(result.stderr).toContain(`${damaged} cache ${damaged === 1 ? 'entry was' : 'entries were'} damaged and recomputed`);
    else expect(result.stderr).not.toContain('damaged');
    expect(readTree(path.join(dir, 'output'), skipRunReports)).toEqual(expected);
    return report;
  }

  beforeAll(async () => {
    config(2);
    execFileSync('cp', ['-r', FIXTURE_ARTICLES, path.join(dir, 'input')]);
    expect((await warta(['run'], dir)).code).toBe(0);
    expected = readTree(path.join(dir, 'output'), skipRunReports);
    // Two files an article, the digest, its Markdown, the report and the manifest of the article files.
    expect(expected.size).toBe(2 * ARTICLES + 4);
  }, 120_000);

  it('stages and memory: a changed letter in a translation is caught, retranslated and rewritten', async () => {
    const translated = entryFiles(dir, 'stages/translate');
    const memory = entryFiles(dir, 'memory');
    for (const file of [...translated, ...memory]) edit(file, (text) => text.replace(/("translation":"(?:[^"\\]|\\.)*?)([a-z])/, (_, head: string, letter: string) => `${head}${letter === 'q' ? 'z' : 'q'}`));
    // The stage after translate now needs its input again: the translate results are read back, then the memory.
    rmSync(path.join(dir, '.cache', 'stages', 'entities'), { recursive: true });
    config(3);
    const changed = await warta(['run'], dir);
    expect(changed.code, changed.stderr).toBe(0);
    expect(runReport(dir).damagedCacheEntries).toBe(translated.length + memory.length);
    expect(translationStats(runReport(dir)).translated).toBe(memory.length);
    config(2);
    await repairingRun(0);
    // The repaired entries were rewritten: the next run reads them as they are.
    for (const file of entryFiles(dir, 'memory')) {
      const { value } = JSON.parse(readFileSync(file, 'utf8')) as { value: { source: string; translation: string } };
      expect(value.translation).toBe(value.source);
    }
  }, 120_000);

  it('stages: results of the wrong shape under the right key are recomputed, not an internal error', async () => {
    // render's result is read back (its files are checked), and recomputing it reads summarize's.
    for (const file of entryFiles(dir, 'stages/summarize')) reshape(file, { x: 1 });
    for (const file of entryFiles(dir, 'stages/render')) reshape(file, { stage: 'render', article: 'x', record: { files: 'none' }, recordHash: 'x' });
    const report = await repairingRun(2 * ARTICLES);
    expect(report.stages.render!.ran).toBe(ARTICLES);
    await repairingRun(0);
  }, 120_000);

  it('index: entries of the wrong shape are rewritten', async () => {
    for (const file of entryFiles(dir, 'index')) reshape(file, ['not', 'an', 'index']);
    await repairingRun(ARTICLES);
    await repairingRun(0);
  }, 120_000);

  it('outputs: a bad entry does not break every run, and is rewritten', async () => {
    // Earlier settings left entries of their own: only the current one is read.
    const files = entryFiles(dir, 'outputs');
    for (const file of files) reshape(file, { x: 1 });
    await repairingRun(1);
    for (const file of entryFiles(dir, 'outputs').filter((f) => readFileSync(f, 'utf8').includes('digest.md'))) edit(file, (text) => text.replace(/"digest\.md":"(.)/, (_, first: string) => `"digest.md":"${first === 'a' ? 'b' : 'a'}`));
    await repairingRun(1);
    await repairingRun(0);
  }, 120_000);

  it('model-hashes: an edited memo neither blames the model nor changes its fingerprint', async () => {
    const memos = entryFiles(dir, 'model-hashes');
    expect(memos.length).toBeGreaterThan(0);
    for (const file of memos) edit(file, (text) => text.replace(/"value":"(.)/, (_, first: string) => `"value":"${first === '0' ? '1' : '0'}`));
    const report = await repairingRun(memos.length);
    expect(report.stages.translate!.ran).toBe(0);
    for (const file of memos) reshape(file, { x: 1 });
    expect((await repairingRun(memos.length)).stages.translate!.ran).toBe(0);
  }, 120_000);

  it('sources: an edited file hash is caught and the file hashed again', async () => {
    const [file] = entryFiles(dir, 'sources');
    const stampOf = (name: string) => new RegExp(`("${name}":\\[[^\\]]*,")([0-9a-f])`);
    edit(file!, (text) => text.replace(stampOf('002_harga_beras.txt'), (_, head: string, first: string) => `${head}${first === '0' ? '1' : '0'}`));
    const report = await repairingRun(1);
    expect(report.stages.ingest!.ran).toBe(0);
    const document = JSON.parse(readFileSync(path.join(dir, 'output/articles/002_harga_beras.json'), 'utf8')) as { source: { sha256: string } };
    expect(document.source.sha256).toBe(sha256(readFileSync(path.join(dir, 'input/002_harga_beras.txt'))));
  }, 120_000);
});
