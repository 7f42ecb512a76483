import { translationStats } from '../helpers/run-report.ts';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/index.ts';
import { COPY_MODEL, FIXTURE_ARTICLES, readTree, warta } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

function workspace(extra = ''): string {
  const dir = tempDir('warta-repair-');
  writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\n${extra}`);
  execFileSync('cp', ['-r', FIXTURE_ARTICLES, path.join(dir, 'input')]);
  return dir;
}

function cacheFiles(dir: string, namespace: string): string[] {
  const root = path.join(dir, '.cache', namespace);
  return readdirSync(root).flatMap((shard) => readdirSync(path.join(root, shard)).map((name) => path.join(root, shard, name)));
}

describe('a damaged cache', () => {
  it('recomputes an unreadable upstream result when a later stage needs it, and ends with the right outputs', async () => {
    const dir = workspace();
    expect((await warta(['run'], dir)).code).toBe(0);
    // Break every cached translate and segment result, then make summarize need its input again.
    for (const file of [...cacheFiles(dir, 'stages/translate'), ...cacheFiles(dir, 'stages/segment')]) writeFileSync(file, '{"key": "trunc');
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\nsummarize:\n  sentences: 2\n`);
    const result = await warta(['run'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'output/run.json'), 'utf8')) as RunReport;
    expect(report.stages.summarize!.ran).toBe(5);
    // The translations came back from the translation memory, not the model.
    expect(translationStats(report).modelLoaded).toBe(false);

    const reference = workspace('summarize:\n  sentences: 2\n');
    expect((await warta(['run'], reference)).code).toBe(0);
    const skip = (file: string) => file.startsWith('run');
    expect(readTree(path.join(dir, 'output'), skip)).toEqual(readTree(path.join(reference, 'output'), skip));
  }, 120_000);
});

describe('temp files a killed run left in the output folder', () => {
  it('are removed by the next run, except those of writers still alive and of shard reports', async () => {
    const dir = workspace();
    expect((await warta(['run'], dir)).code).toBe(0);
    // A child that has exited: its pid is no longer alive.
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
    const output = path.join(dir, 'output');
    const leftovers = [`articles/${readdirSync(path.join(output, 'articles'))[0]}.${process.pid}.0badf00d.tmp`, `digest.md.${deadPid}.deadbeef.tmp`, `run.json.${deadPid}.0123abcd.tmp`];
    const kept = [`index.html.${process.pid}.feedf00d.tmp`, `run.shard-0-of-2.json.${deadPid}.abcdef01.tmp`, 'notes.tmp'];
    for (const name of [...leftovers, ...kept]) writeFileSync(path.join(output, name), 'half-written');

    expect((await warta(['run'], dir)).code).toBe(0);
    expect(leftovers.filter((name) => existsSync(path.join(output, name)))).toEqual([]);
    expect(kept.filter((name) => existsSync(path.join(output, name)))).toEqual(kept);
  }, 120_000);
});
