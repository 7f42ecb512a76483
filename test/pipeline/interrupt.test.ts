import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/cache/memory-driver.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Pipeline, SourceFile, Stage } from '../../src/pipeline/contract.ts';
import { LOCK_FILE } from '../../src/pipeline/lock.ts';
import { runPipeline } from '../../src/pipeline/runner.ts';
import { sha256 } from '../../src/util/hash.ts';
import { tempDir } from '../helpers/temp.ts';

const IDS = Array.from({ length: 40 }, (_, i) => `a${i}`);

/**
 * Two stages over 40 articles; the second holds each article until released, and aborts the run
 * once `abortAfter` of its articles have started: the run is then in the middle of that stage.
 */
function slowPipeline(abortAfter: number, controller: AbortController) {
  const started: string[] = [];
  const finished: string[] = [];
  const releases: Array<() => void> = [];
  const read: Stage<SourceFile, { id: string }> = { name: 'read', version: '1', options: () => ({}), run: async (file) => ({ id: file.id }) };
  const slow: Stage<{ id: string }, { id: string }> = {
    name: 'slow',
    version: '1',
    options: () => ({}),
    writesOutputs: true,
    concurrency: () => 2,
    async run(input) {
      started.push(input.id);
      if (started.length === abortAfter) controller.abort();
      await new Promise<void>((resolve) => releases.push(resolve));
      finished.push(input.id);
      return input;
    },
  };
  let stepRan = false;
  const pipeline: Pipeline = {
    source: {
      async discover() {
        return { files: IDS.map((id): SourceFile => ({ id, path: `${id}.txt`, absolutePath: `/nowhere/${id}.txt`, bytes: 1, sha256: sha256(id) })), problems: [] };
      },
      idFor: (relative) => relative.replace(/\.txt$/, ''),
      keyOf: (file) => ({ id: file.id, sha256: file.sha256 }),
    },
    stages: [read, slow],
    steps: [{ name: 'step', after: 'slow', keep: () => 1, run: async () => { stepRan = true; return {}; } }],
  };
  return { pipeline, started, finished, releases, stepRan: () => stepRan };
}

describe('an interrupted run', () => {
  it('starts no new work, lets the work in flight finish, runs no step, releases the lock and says it was interrupted', async () => {
    const controller = new AbortController();
    const { pipeline, started, finished, releases, stepRan } = slowPipeline(2, controller);
    const config = loadConfig({ cwd: tempDir(), overrides: { output: 'out', cache: 'cache' } });
    const cache = createMemoryStore();
    // The work in flight finishes when the abort reaches the runner, within its grace.
    controller.signal.addEventListener('abort', () => setTimeout(() => releases.forEach((release) => release()), 20));
    const report = await runPipeline(config, pipeline, { cache, signal: controller.signal });
    expect(report.interrupted).toBe(true);
    expect(started).toHaveLength(2);
    expect(finished).toEqual(started);
    expect(stepRan()).toBe(false);
    expect(report.stages.slow!.ran).toBe(2);
    expect(existsSync(path.join(config.output, LOCK_FILE))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(config.output, 'run.json'), 'utf8'))).toMatchObject({ interrupted: true });

    // The next run finds the two finished articles cached and does the rest.
    const again = slowPipeline(-1, new AbortController());
    const pending = runPipeline(config, again.pipeline, { cache });
    const releaseAll = setInterval(() => again.releases.splice(0).forEach((release) => release()), 5);
    const second = await pending;
    clearInterval(releaseAll);
    expect(second.interrupted).toBeUndefined();
    expect(second.stages.slow).toMatchObject({ ran: 38, cached: 2 });
    expect(again.stepRan()).toBe(true);
  });

  it('returns within its grace when the work in flight does not finish', async () => {
    const controller = new AbortController();
    const { pipeline, releases } = slowPipeline(2, controller);
    const config = loadConfig({ cwd: tempDir(), overrides: { output: 'out', cache: 'cache' } });
    // The work in flight is released only after the run returned: that it returns at all shows it did not wait for it.
    const report = await runPipeline(config, pipeline, { cache: createMemoryStore(), signal: controller.signal });
    expect(report.interrupted).toBe(true);
    expect(report.stages.slow!.ran).toBe(0);
    expect(existsSync(path.join(config.output, LOCK_FILE))).toBe(false);
    releases.forEach((release) => release());
  });

  it('stops waiting for the lock', async () => {
    const config = loadConfig({ cwd: tempDir(), overrides: { output: 'out', cache: 'cache' } });
    const { acquireLock } = await import('../../src/pipeline/lock.ts');
    const held = await acquireLock(config.output);
    const controller = new AbortController();
    const { pipeline } = slowPipeline(-1, controller);
    const waiting = runPipeline(config, pipeline, { cache: createMemoryStore(), signal: controller.signal, reporter: { stageStart() {}, stageProgress() {}, stageEnd() {}, info: (line) => line.startsWith('Waiting') && controller.abort() } });
    const report = await waiting;
    expect(report.interrupted).toBe(true);
    expect(report.stages.read!.ran).toBe(0);
    await held.release();
  });
});
