/**
 * `npm run eval:clean` agrees with the reference scorer `score_clean.py` of ../shared on the
 * labelled dev set: the scorer reads a `warta run` output folder, eval:clean runs the clean stage
 * itself. Both score the real labels, and labels and metadata with some entries flipped, so that
 * errors of every kind (lost body lines, boilerplate left in, wrong metadata) are counted too.
 * Skips cleanly for a checkout without ../shared.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalClean } from '../../../tools/eval/clean.ts';
import type { CleanScore } from '../../../tools/eval/clean-score.ts';
import { CLI } from '../../helpers/cli.ts';
import { copyFixtureModel } from '../../helpers/fixture-model.ts';

const SHARED = path.resolve(import.meta.dirname, '../../../../shared');
const OUTLETS = path.join(SHARED, 'corpus/outlets');
const SCORER = path.join(SHARED, 'tools/score_clean.py');

/** Every seventh line label flipped, and every fifth article's title and outlet changed. */
function perturb(dir: string): { labels: string; meta: string } {
  const labels = readFileSync(path.join(OUTLETS, 'labels.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const row = JSON.parse(l) as { label: string };
      if (i % 7 === 3) row.label = row.label === 'keep' ? 'drop' : 'keep';
      return JSON.stringify(row);
    });
  const meta = readFileSync(path.join(OUTLETS, 'meta.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const row = JSON.parse(l) as Record<string, unknown>;
      if (i % 5 === 1) Object.assign(row, { title: 'Judul Lain', outlet: 'Outlet Lain', outlet_aliases: [], author: null });
      if (i % 5 === 2) Object.assign(row, { published: null, dateline: 'Tempat Lain' });
      return JSON.stringify(row);
    });
  const out = { labels: path.join(dir, 'labels.jsonl'), meta: path.join(dir, 'meta.jsonl') };
  writeFileSync(out.labels, `${labels.join('\n')}\n`);
  writeFileSync(out.meta, `${meta.join('\n')}\n`);
  return out;
}

interface Reference {
  total: CleanScore['total'];
  per_outlet: CleanScore['per_outlet'];
  metadata: { summary: CleanScore['metadata']['summary'] };
  inline_fragments: { checked: number; left: number };
  failures: CleanScore['failures'];
}

const scoreWithPython = (labels: string, output: string, meta: string, json: string): Reference => {
  execFileSync('python3', [SCORER, labels, output, '--meta', meta, '--json', json], { stdio: 'ignore' });
  return JSON.parse(readFileSync(json, 'utf8')) as Reference;
};

const lines = (rows: CleanScore['failures']['data_loss']) => rows.map((r) => [r.file, r.line_no, r.category, r.rule]);

function expectAgreement(ours: CleanScore, reference: Reference): void {
  expect(ours.total).toEqual(reference.total);
  expect(ours.per_outlet).toEqual(reference.per_outlet);
  expect(ours.metadata.summary).toEqual(reference.metadata.summary);
  expect({ checked: ours.inline_fragments.checked, left: ours.inline_fragments.left }).toEqual({
    checked: reference.inline_fragments.checked,
    left: reference.inline_fragments.left,
  });
  expect(lines(ours.failures.data_loss)).toEqual(lines(reference.failures.data_loss));
  expect(lines(ours.failures.left_in)).toEqual(lines(reference.failures.left_in));
  expect(ours.failures.inconsistent).toHaveLength(reference.failures.inconsistent.length);
}

describe.skipIf(!existsSync(SCORER) || !existsSync(OUTLETS))('eval:clean agrees with score_clean.py (../shared)', () => {
  let work: string;
  let output: string;

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'warta-eval-clean-'));
    const input = path.join(work, 'input');
    output = path.join(work, 'output');
    mkdirSync(input);
    for (const name of readdirSync(OUTLETS).filter((f) => f.endsWith('.txt'))) copyFileSync(path.join(OUTLETS, name), path.join(input, name));
    const model = copyFixtureModel(path.join(work, 'model'));
    execFileSync(process.execPath, [CLI, 'run', '--input', input, '--output', output, '--cache', path.join(work, 'cache'), '--model', model], {
      env: { ...process.env, CI: 'true', WARTA_DEBUG: '' },
      stdio: 'ignore',
    });
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('on the labels as they are', async () => {
    const labels = path.join(OUTLETS, 'labels.jsonl');
    const meta = path.join(OUTLETS, 'meta.jsonl');
    const ours = await evalClean({ folder: OUTLETS, labels, meta });
    expectAgreement(ours, scoreWithPython(labels, output, meta, path.join(work, 'reference.json')));
    expect(ours.files_scored).toBe(40);
  });

  it('on flipped labels and changed metadata, where every kind of error is counted', async () => {
    const { labels, meta } = perturb(work);
    const ours = await evalClean({ folder: OUTLETS, labels, meta });
    const reference = scoreWithPython(labels, output, meta, path.join(work, 'reference-flipped.json'));
    expectAgreement(ours, reference);
    expect(ours.total.data_loss).toBeGreaterThan(0);
    expect(ours.total.left_in).toBeGreaterThan(0);
    expect(ours.metadata.errors.length).toBeGreaterThan(0);
  });
});
