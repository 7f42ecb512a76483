/**
 * The digest of the sample folder a first run reads (`input/samples/`, written for the project):
 * a run of five articles, three of them from three outlets about one tidal flood. A small run must
 * group an event's articles as a large one does (the background articles of `articleIdf`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { runWarta } from '../../src/warta.ts';
import { FIXTURE_COPY_MODEL } from '../helpers/fixture-model.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'warta-samples-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the digest of the sample articles', () => {
  it('groups the three articles about the Pekalongan tidal flood, and leaves the other two alone', async () => {
    const output = path.join(work, 'output');
    const config = loadConfig({ cwd: work, overrides: { input: path.join(REPO, 'input/samples'), output, cache: path.join(work, '.cache'), model: FIXTURE_COPY_MODEL, offline: true } });
    const report = await runWarta(config);
    expect(report.failures).toEqual([]);
    const digest = JSON.parse(readFileSync(path.join(output, 'digest.json'), 'utf8')) as { groups: Array<{ articles: Array<{ id: string }>; outlets: string[] }> };
    const groups = digest.groups.map((g) => g.articles.map((a) => a.id).sort());
    expect(groups).toEqual([['banjir-rob-pekalongan', 'bantuan-rob-pekalongan', 'rob-pekalongan-pompa'], ['panen-padi-demak'], ['tarif-bus-listrik']]);
    expect(digest.groups[0]!.outlets).toHaveLength(3);
  }, 120_000);
});
