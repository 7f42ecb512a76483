import { translationStats } from '../helpers/run-report.ts';
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/index.ts';
import { COPY_MODEL, exited, FIXTURE_ARTICLES, readTree, STACK_TRACE, startWarta, warta } from '../helpers/cli.ts';
import { writeSyntheticCorpus } from '../../tools/synthetic-corpus.ts';
import { tempDir } from '../helpers/temp.ts';

const CONFIG = `model:\n  id: ${COPY_MODEL}\nconcurrency: 2\n`;
const runJson = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'output/run.json'), 'utf8')) as RunReport;
const outputsOf = (dir: string) => readTree(path.join(dir, 'output'), (file) => file.startsWith('run') || file === '.warta.lock');
const totalRan = (report: RunReport) => Object.values(report.stages).reduce((sum, s) => sum + s.ran, 0);

function workspace(input: string): string {
  const dir = tempDir('warta-faults-');
  writeFileSync(path.join(dir, 'pipeline.yaml'), CONFIG);
  execFileSync('cp', ['-r', input, path.join(dir, 'input')]);
  return dir;
}

describe('kill -9 at any moment', () => {
  it('loses nothing: after kills at several points, the next run redoes only unfinished work and its outputs equal an uninterrupted run', async () => {
    const corpus = tempDir('warta-corpus-');
    writeSyntheticCorpus(corpus, { articles: 240, seed: 7 });

    const reference = workspace(corpus);
    const started = Date.now();
    expect((await warta(['run'], reference)).code).toBe(0);
    const referenceMs = Date.now() - started;
    const expected = outputsOf(reference);
    expect(expected.size).toBeGreaterThan(480);

    const interrupted = workspace(corpus);
    let kills = 0;
    // Kill points spread over the run (model load, translate, summarize, render, final outputs).
    for (const fraction of [0.08, 0.3, 0.55, 0.8, 0.97]) {
      const child = startWarta(['run'], interrupted);
      const done = exited(child);
      await new Promise((resolve) => setTimeout(resolve, fraction * referenceMs));
      child.kill('SIGKILL');
      const { signal } = await done;
      if (signal !== 'SIGKILL') break; // the run finished before the kill: nothing left to interrupt
      kills++;
    }
    expect(kills).toBeGreaterThan(0);
    const final = await warta(['run'], interrupted);
    expect(final.stderr).not.toMatch(STACK_TRACE);
    expect(final.code).toBe(0);
    expect(outputsOf(interrupted)).toEqual(expected);
    // It redid less than a whole run: the killed runs' finished work was kept.
    expect(totalRan(runJson(interrupted))).toBeLessThan(totalRan(runJson(reference)));
  }, 600_000);
});

describe('two runs at once', () => {
  it('a run waits, with a clear message, while another process holds the lock, and runs once it is released', async () => {
    const dir = workspace(FIXTURE_ARTICLES);
    const holder = fork(path.join(import.meta.dirname, 'lock-holder.ts'), [path.join(dir, 'output')], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise((resolve) => holder.once('message', resolve));
    const waiting = startWarta(['run'], dir);
    const result = exited(waiting);
    await new Promise<void>((resolve) => {
      let seen = '';
      waiting.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('Waiting:')) resolve();
      });
    });
    expect(existsSync(path.join(dir, 'output/run.json'))).toBe(false);
    holder.disconnect();
    const { code, stderr } = await result;
    expect(code).toBe(0);
    expect(stderr).toContain(`Waiting: another warta run (pid ${holder.pid} on ${os.hostname()}`);
    expect(Object.values(runJson(dir).stages).every((s) => s.ran === 5)).toBe(true);
    expect(existsSync(path.join(dir, 'output/.warta.lock'))).toBe(false);
  }, 120_000);

  it('two runs started together both succeed, and their outputs are those of one run', async () => {
    const dir = workspace(FIXTURE_ARTICLES);
    const [first, second] = await Promise.all([exited(startWarta(['run'], dir)), exited(startWarta(['run'], dir))]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const reference = workspace(FIXTURE_ARTICLES);
    expect((await warta(['run'], reference)).code).toBe(0);
    expect(outputsOf(dir)).toEqual(outputsOf(reference));
  }, 120_000);

  it('takes over a lock left by a run that died', async () => {
    const dir = workspace(FIXTURE_ARTICLES);
    mkdirSync(path.join(dir, 'output'), { recursive: true });
    // pid 2^22 + 1 is above Linux's maximum pid, so no such process can be alive.
    writeFileSync(path.join(dir, 'output/.warta.lock'), JSON.stringify({ pid: 4194305, host: os.hostname(), startedAt: '2024-01-01T00:00:00Z' }));
    const result = await warta(['run'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('Waiting');
    expect(existsSync(path.join(dir, 'output/.warta.lock'))).toBe(false);
  }, 120_000);
});

function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = path.join(os.tmpdir(), `warta-mount-probe-${process.pid}`);
  try {
    mkdirSync(probe, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!canMountTmpfs())('a full disk or a read-only output folder (real tmpfs mounts)', () => {
  function mountTmpfs(dir: string, size: string, readOnly = false): () => void {
    mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${readOnly ? ',ro' : ''}`, 'tmpfs', dir]);
    return () => execFileSync('umount', ['-l', dir]);
  }

  /** `warta run` in `dir` with `mounted` (relative to it) on a tmpfs of `size`, unmounted afterwards. */
  async function runOnTmpfs(dir: string, mounted: string, size: string, readOnly = false) {
    const unmount = mountTmpfs(path.join(dir, mounted), size, readOnly);
    try {
      return await warta(['run'], dir);
    } finally {
      unmount();
    }
  }

  it('stops with a clear error when the output disk is full, and the next run resumes from the cache', async () => {
    const dir = workspace(FIXTURE_ARTICLES);
    const result = await runOnTmpfs(dir, 'output', '24k');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot write .*output.*(no space left on device|ENOSPC)/i);
    expect(result.stderr).toContain('the cache is intact');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    const again = await warta(['run'], dir);
    expect(again.code).toBe(0);
    expect(runJson(dir).stages.translate).toMatchObject({ ran: 0, cached: 5 });
    expect(translationStats(runJson(dir)).modelLoaded).toBe(false);
  }, 120_000);

  it('stops with a clear error when the cache disk fills up, and what it cached stays valid', async () => {
    const dir = workspace(FIXTURE_ARTICLES);
    writeFileSync(path.join(dir, 'pipeline.yaml'), `${CONFIG}cache: cache\n`);
    const unmount = mountTmpfs(path.join(dir, 'cache'), '96k');
    let result;
    try {
      result = await warta(['run'], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Cannot write to the cache: .*(no space left on device|ENOSPC)/i);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      execFileSync('cp', ['-r', path.join(dir, 'cache'), path.join(dir, 'cache-copy')]);
    } finally {
      unmount();
    }
    execFileSync('cp', ['-r', path.join(dir, 'cache-copy/.'), path.join(dir, 'cache')]);
    const again = await warta(['run'], dir);
    expect(again.code).toBe(0);
    expect(readdirSync(path.join(dir, 'output/articles'))).toHaveLength(10);
    const reference = workspace(FIXTURE_ARTICLES);
    expect((await warta(['run'], reference)).code).toBe(0);
    expect(outputsOf(dir)).toEqual(outputsOf(reference));
  }, 180_000);

  it('stops with a clear error for a read-only output folder', async () => {
    const dir = workspace(FIXTURE_ARTICLES);
    const result = await runOnTmpfs(dir, 'output', '1m', true);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/read-only file system|EROFS/i);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  }, 120_000);
});
