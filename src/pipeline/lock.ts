import { mkdir, open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WartaError } from '../errors.ts';
import { processAlive } from '../util/process.ts';

export const LOCK_FILE = '.warta.lock';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export interface LockOptions {
  /** Called once when another live run holds the lock and this one starts waiting. */
  onWait?: (holder: LockHolder | null, lockFile: string) => void;
  pollMs?: number;
  /** A lock from another host whose heartbeat is older than this is stale. */
  staleMs?: number;
  /** Give up after this long (default: wait as long as the holder lives). */
  timeoutMs?: number;
}

export interface Lock {
  release(): Promise<void>;
}

/**
 * An exclusive lock on a folder, held as `<dir>/.warta.lock` with the holder's pid and host. It
 * survives the death of its holder: on the same host a lock whose pid is gone is stale; from
 * another host (a shared file system) a lock whose heartbeat (mtime, refreshed while held) has
 * stopped is stale. A stale lock is taken over by renaming it away first, so of two runs that
 * find it stale at once only one wins.
 */
export async function acquireLock(dir: string, { onWait, pollMs = 250, staleMs = 60_000, timeoutMs }: LockOptions = {}): Promise<Lock> {
  const lockFile = path.join(dir, LOCK_FILE);
  await mkdir(dir, { recursive: true });
  const me: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  const started = Date.now();
  let announced = false;
  for (;;) {
    if (await tryCreate(lockFile, me)) return holdLock(lockFile, me, staleMs);
    const holder = await readHolder(lockFile);
    if (await isStale(lockFile, holder, staleMs)) {
      // Only the run whose rename succeeds removes the stale lock; the others retry.
      const aside = `${lockFile}.stale.${process.pid}`;
      if (await rename(lockFile, aside).then(() => true, () => false)) await rm(aside, { force: true });
      continue;
    }
    if (!announced) {
      onWait?.(holder, lockFile);
      announced = true;
    }
    if (timeoutMs !== undefined && Date.now() - started > timeoutMs) {
      throw new WartaError('LOCKED', `${dir} is in use by another warta run${holder ? ` (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})` : ''}.`, {
        file: lockFile,
        hint: `Wait for it to finish. If no such run exists, delete ${lockFile}.`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function tryCreate(lockFile: string, me: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockFile, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new WartaError('OUTPUT_WRITE_FAILED', `Cannot create the lock file ${lockFile}: ${(error as Error).message}`, {
      cause: error,
      file: lockFile,
      hint: 'Check that the output folder is writable and the disk has space.',
    });
  }
  try {
    await handle.writeFile(JSON.stringify(me));
  } finally {
    await handle.close();
  }
  return true;
}

async function readHolder(lockFile: string): Promise<LockHolder | null> {
  try {
    const parsed = JSON.parse(await readFile(lockFile, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockHolder) : null;
  } catch {
    return null;
  }
}

async function isStale(lockFile: string, holder: LockHolder | null, staleMs: number): Promise<boolean> {
  const info = await stat(lockFile).catch(() => null);
  if (!info) return false; // gone already: the next create attempt will tell
  const age = Date.now() - info.mtimeMs;
  // A lock with no readable holder was cut short while being written: stale once it is not brand new.
  if (!holder) return age > 2_000;
  if (holder.host === os.hostname()) return !processAlive(holder.pid);
  return age > staleMs;
}

function holdLock(lockFile: string, me: LockHolder, staleMs: number): Lock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    void utimes(lockFile, now, now).catch(() => {});
  }, Math.max(1_000, staleMs / 4));
  heartbeat.unref();
  return {
    async release() {
      clearInterval(heartbeat);
      const holder = await readHolder(lockFile);
      if (holder && holder.pid === me.pid && holder.host === me.host) await rm(lockFile, { force: true });
    },
  };
}
