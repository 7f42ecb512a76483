import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/pipeline/lock.ts';
import { tempDir } from '../helpers/temp.ts';

const TRIALS = 50;
// Above Linux's largest pid (2^22): no process can have it, so the lock is stale.
const DEAD_PID = 4194305;

interface Outcome {
  acquired: boolean;
  alone: boolean;
  error?: string;
}

function startContender(): ChildProcess {
  return fork(path.join(import.meta.dirname, 'lock-contender.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function ask(child: ChildProcess, trial: { dir: string; goAt: number; holdMs: number }): Promise<Outcome> {
  return new Promise((resolve) => {
    child.once('message', (outcome) => resolve(outcome as Outcome));
    child.send(trial);
  });
}

describe('two runs take over the same stale lock at once', () => {
  const contenders: ChildProcess[] = [];
  beforeAll(async () => {
    contenders.push(startContender(), startContender());
    // Warm-up: each contender has loaded the lock code before the first timed trial.
    const warm = tempDir('warta-lock-warm-');
    for (const [i, child] of contenders.entries()) await ask(child, { dir: path.join(warm, String(i)), goAt: 0, holdMs: 0 });
  });
  afterAll(() => contenders.forEach((child) => child.kill()));

  it(`exactly one holds it at a time, in each of ${TRIALS} trials`, async () => {
    const root = tempDir('warta-lock-race-');
    const overlaps: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const dir = path.join(root, String(trial));
      mkdirSync(dir);
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: os.hostname(), startedAt: '2024-01-01T00:00:00Z' }));
      const goAt = Date.now() + 40;
      const outcomes = await Promise.all(contenders.map((child) => ask(child, { dir, goAt, holdMs: 30 })));
      expect(outcomes.map((o) => o.error ?? 'ok')).toEqual(['ok', 'ok']);
      if (!outcomes.every((o) => o.alone)) overlaps.push(trial);
      expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    }
    expect(overlaps).toEqual([]);
  }, 120_000);
});
