import { fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WartaError } from '../../src/errors.ts';
import { acquireLock, LOCK_FILE } from '../../src/pipeline/lock.ts';
import { processStartOf } from '../../src/util/process.ts';
import { tempDir } from '../helpers/temp.ts';

const lockIn = (dir: string) => path.join(dir, LOCK_FILE);
const writeLock = (dir: string, holder: object) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(lockIn(dir), JSON.stringify({ host: os.hostname(), startedAt: '2024-01-01T00:00:00Z', ...holder }));
};
const holderOf = (dir: string) => JSON.parse(readFileSync(lockIn(dir), 'utf8')) as { pid: number; token: string };

async function rejection(promise: Promise<unknown>): Promise<WartaError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(WartaError);
  return error as WartaError;
}

/** A live process that is not a warta run, and its pid. */
function bystander() {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill() };
}

describe('the output lock', () => {
  it("takes over a lock naming this process's own pid when this process does not hold it (pid reused after a restart)", async () => {
    const dir = path.join(tempDir(), 'out');
    writeLock(dir, { pid: process.pid });
    const lock = await acquireLock(dir, { timeoutMs: 2_000 });
    expect(holderOf(dir).pid).toBe(process.pid);
    await lock.release();
    expect(existsSync(lockIn(dir))).toBe(false);
  });

  it('makes a second acquirer in the same process wait while the first holds it', async () => {
    const dir = path.join(tempDir(), 'out');
    const first = await acquireLock(dir);
    const error = await rejection(acquireLock(dir, { pollMs: 10, timeoutMs: 150 }));
    expect(error.code).toBe('LOCKED');
    await first.release();
    await (await acquireLock(dir, { timeoutMs: 150 })).release();
  });

  it('times out with the lock file and the command to remove it when a live pid (pid 1) holds a lock with no process start time', async () => {
    const dir = path.join(tempDir(), 'out dir');
    writeLock(dir, { pid: 1 });
    let waited = 0;
    const error = await rejection(acquireLock(dir, { pollMs: 10, unverifiedTimeoutMs: 200, onWait: () => waited++ }));
    expect(waited).toBe(1);
    expect(error.code).toBe('LOCKED');
    expect(error.message).toContain(`${lockIn(dir)} names pid 1`);
    expect(error.message).toContain('nothing shows it is a warta run');
    expect(error.hint).toContain(`rm '${lockIn(dir)}'`);
  });

  it('takes over at once a lock whose pid is alive but started at another time than the holder recorded', async () => {
    const other = bystander();
    try {
      const dir = path.join(tempDir(), 'out');
      writeLock(dir, { pid: other.pid, processStart: 'another-boot:1' });
      const lock = await acquireLock(dir, { timeoutMs: 2_000 });
      expect(holderOf(dir).pid).toBe(process.pid);
      await lock.release();
    } finally {
      other.stop();
    }
  });

  it('waits for a holder whose pid and process start time both match (a live run)', async () => {
    const other = bystander();
    try {
      const dir = path.join(tempDir(), 'out');
      writeLock(dir, { pid: other.pid, processStart: processStartOf(other.pid) });
      const error = await rejection(acquireLock(dir, { pollMs: 10, timeoutMs: 200, unverifiedTimeoutMs: 50 }));
      expect(error.message).toMatch(/is in use by another warta run \(pid \d+/);
      expect(holderOf(dir).pid).toBe(other.pid);
    } finally {
      other.stop();
    }
  });

  it('waits for a lock held by a warta process until it is released', async () => {
    const dir = path.join(tempDir(), 'out');
    const holder = fork(path.join(import.meta.dirname, 'lock-holder.ts'), [dir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise((resolve) => holder.once('message', resolve));
    let waitingFor: number | undefined;
    const acquiring = acquireLock(dir, { pollMs: 10, onWait: (h) => {
      waitingFor = h?.pid;
      holder.disconnect();
    } });
    const lock = await acquiring;
    expect(waitingFor).toBe(holder.pid);
    expect(holderOf(dir).pid).toBe(process.pid);
    await lock.release();
  });

  it('replaces a dangling symlink at the lock path, without creating its target', async () => {
    const root = tempDir();
    const dir = path.join(root, 'out');
    mkdirSync(dir);
    symlinkSync(path.join(root, 'nowhere'), lockIn(dir));
    const lock = await acquireLock(dir, { timeoutMs: 2_000 });
    expect(holderOf(dir).pid).toBe(process.pid);
    expect(existsSync(path.join(root, 'nowhere'))).toBe(false);
    await lock.release();
  });

  it('stops with a clear error when a directory stands where the lock file goes', async () => {
    const dir = path.join(tempDir(), 'out');
    mkdirSync(lockIn(dir), { recursive: true });
    const error = await rejection(acquireLock(dir, { timeoutMs: 2_000 }));
    expect(error.code).toBe('LOCKED');
    expect(error.message).toBe(`${lockIn(dir)} is a directory, where warta keeps its lock file.`);
    expect(error.hint).toContain(`rm -r ${lockIn(dir)}`);
  });

  it('never removes a lock another acquisition made, and release never throws', async () => {
    const dir = path.join(tempDir(), 'out');
    const lock = await acquireLock(dir);
    writeLock(dir, { pid: 4194305, token: 'someone-else' });
    await lock.release();
    expect(holderOf(dir).token).toBe('someone-else');
    await expect(lock.release()).resolves.toBeUndefined();
  });
});
