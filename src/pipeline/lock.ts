import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readFile, rmdir, stat, unlink, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WartaError } from '../errors.ts';
import { processAlive, processStartOf, shellQuote } from '../util/process.ts';

export const LOCK_FILE = '.warta.lock';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** When the holding process started (see `processStartOf`): tells a live holder from a process that reused its pid. */
  processStart?: string;
  /** Unique per acquisition: a lock is released only by the acquisition that made it. */
  token?: string;
}

export interface LockOptions {
  /** Name of the lock file in the folder (default `.warta.lock`): locks with other purposes on the same folder keep apart. */
  file?: string;
  /** Called once when another live run holds the lock and this one starts waiting, as soon as the holder's record can be read. */
  onWait?: (holder: LockHolder | null, lockFile: string) => void;
  pollMs?: number;
  /** A lock from another host whose heartbeat is older than this is stale. */
  staleMs?: number;
  /** Give up after this long (default: wait as long as the holder lives). */
  timeoutMs?: number;
  /**
   * Give up after this long when the holder's pid is alive but nothing shows it is the run that
   * wrote the lock (an old lock without a process start time, or no `/proc`): after a container
   * restart that pid may be anything, pid 1 included.
   */
  unverifiedTimeoutMs?: number;
  /** Stops waiting (Ctrl-C): the acquisition then fails with a LOCKED error saying so. */
  signal?: AbortSignal;
}

export interface Lock {
  release(): Promise<void>;
}

/** A lock file as found on disk: what a take-over compares before it removes it. */
interface Seen {
  kind: 'file' | 'symlink' | 'directory' | 'other';
  ino: number;
  mtimeMs: number;
  raw: string;
  holder: LockHolder | null;
}

type Verdict = 'stale' | 'live' | 'unverified';

/** Lock files this process holds now: its own pid in a lock file is a live holder only for these. */
const heldHere = new Set<string>();

/** A lock whose holder record is still being written is left alone this long. */
const WRITING_GRACE_MS = 2_000;
/** A take-over takes milliseconds; a guard older than this belongs to a run that died during one. */
const GUARD_STALE_MS = 10_000;

/**
 * An exclusive lock on a folder, held as `<dir>/.warta.lock` (or `options.file`) with the holder's pid, host and process
 * start time. It survives the death of its holder: on the same host a lock whose pid is gone, or
 * now belongs to another process, is stale; from another host (a shared file system) a lock whose
 * heartbeat (mtime, refreshed while held) has stopped is stale. A stale lock is taken over under a
 * take-over guard (a directory made with mkdir, which only one run can create): the guard's holder
 * checks that the lock is still the one it judged stale, removes it and creates its own with O_EXCL,
 * so of several runs taking over the same stale lock exactly one holds it.
 */
export async function acquireLock(dir: string, options: LockOptions = {}): Promise<Lock> {
  const { file = LOCK_FILE, onWait, pollMs = 250, staleMs = 60_000, timeoutMs, unverifiedTimeoutMs = 60_000, signal } = options;
  const lockFile = path.join(dir, file);
  await mkdir(dir, { recursive: true });
  const me: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const start = processStartOf(process.pid);
  if (start) me.processStart = start;
  const started = Date.now();
  let announced = false;
  for (;;) {
    if (await tryCreate(lockFile, me)) return holdLock(lockFile, me, staleMs);
    const seen = await inspect(lockFile);
    if (!seen) continue; // released meanwhile: try again at once
    if (seen.kind === 'directory' || seen.kind === 'other') throw notALockFile(lockFile, seen.kind);
    const verdict = judge(lockFile, seen, staleMs);
    if (verdict === 'stale') {
      if (await takeOver(lockFile, seen, me)) return holdLock(lockFile, me, staleMs);
      await delay(Math.min(pollMs, 20));
      continue;
    }
    // Not while the holder record is still being written: the message would not say who holds it.
    if (!announced && seen.holder) {
      onWait?.(seen.holder, lockFile);
      announced = true;
    }
    const waited = Date.now() - started;
    if (verdict === 'unverified' && waited > unverifiedTimeoutMs) throw unverifiedHolder(dir, lockFile, seen.holder, waited);
    if (timeoutMs !== undefined && waited > timeoutMs) throw stillLocked(dir, lockFile, seen.holder);
    await delay(pollMs, signal);
    if (signal?.aborted) throw new WartaError('LOCKED', `Interrupted while waiting for ${lockFile}.`, { file: lockFile });
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
      hint: `Check that ${path.dirname(lockFile)} is writable and the disk has space.`,
    });
  }
  try {
    await handle.writeFile(JSON.stringify(me));
  } finally {
    await handle.close();
  }
  return true;
}

/** What is at the lock's path, without following a symlink; null when nothing is. */
async function inspect(lockFile: string): Promise<Seen | null> {
  const info = await lstat(lockFile).catch(() => null);
  if (!info) return null;
  const kind = info.isFile() ? 'file' : info.isSymbolicLink() ? 'symlink' : info.isDirectory() ? 'directory' : 'other';
  const raw = kind === 'file' ? await readFile(lockFile, 'utf8').catch(() => '') : '';
  return { kind, ino: info.ino, mtimeMs: info.mtimeMs, raw, holder: parseHolder(raw) };
}

function parseHolder(raw: string): LockHolder | null {
  try {
    const parsed = JSON.parse(raw) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && typeof parsed.host === 'string' ? (parsed as LockHolder) : null;
  } catch {
    return null;
  }
}

function judge(lockFile: string, seen: Seen, staleMs: number): Verdict {
  // warta never makes a symlink lock: one is left by something else, and removing it removes only the link.
  if (seen.kind === 'symlink') return 'stale';
  const age = Date.now() - seen.mtimeMs;
  const { holder } = seen;
  // A lock with no readable holder was cut short while being written: stale once it is not brand new.
  if (!holder) return age > WRITING_GRACE_MS ? 'stale' : 'live';
  if (holder.host !== os.hostname()) return age > staleMs ? 'stale' : 'live';
  // This process's own pid: a live holder only if this process took the lock (else the pid was reused).
  if (holder.pid === process.pid) return heldHere.has(lockFile) ? 'live' : 'stale';
  if (!processAlive(holder.pid)) return 'stale';
  const now = processStartOf(holder.pid);
  if (holder.processStart && now) return holder.processStart === now ? 'live' : 'stale';
  return 'unverified';
}

/**
 * Replaces the stale lock `judged` with this run's, if no other run does so first. Under the guard
 * no other run removes or creates the lock, so the lock checked is the lock removed.
 */
async function takeOver(lockFile: string, judged: Seen, me: LockHolder): Promise<boolean> {
  const guard = `${lockFile}.takeover`;
  if (!(await enterGuard(guard))) return false;
  try {
    const now = await inspect(lockFile);
    if (now && !(now.kind === judged.kind && now.ino === judged.ino && now.mtimeMs === judged.mtimeMs && now.raw === judged.raw)) return false;
    if (now) await unlink(lockFile).catch(ignoreMissing);
    return await tryCreate(lockFile, me);
  } finally {
    await rmdir(guard).catch(() => {});
  }
}

async function enterGuard(guard: string): Promise<boolean> {
  try {
    await mkdir(guard);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const info = await stat(guard).catch(() => null);
    if (info && Date.now() - info.mtimeMs > GUARD_STALE_MS) await rmdir(guard).catch(() => {});
    return false;
  }
}

function holdLock(lockFile: string, me: LockHolder, staleMs: number): Lock {
  heldHere.add(lockFile);
  const heartbeat = setInterval(() => {
    const now = new Date();
    void utimes(lockFile, now, now).catch(() => {});
  }, Math.max(1_000, staleMs / 4));
  heartbeat.unref();
  return {
    // Never throws: a lock that cannot be removed (the disk went read-only) is stale once this process ends,
    // and the error that ended the run is the one to report.
    async release() {
      clearInterval(heartbeat);
      heldHere.delete(lockFile);
      const seen = await inspect(lockFile).catch(() => null);
      if (seen?.holder?.token === me.token) await unlink(lockFile).catch(() => {});
    },
  };
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

const describeHolder = (holder: LockHolder | null) => (holder ? ` (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})` : '');

function notALockFile(lockFile: string, kind: Seen['kind']): WartaError {
  return new WartaError('LOCKED', `${lockFile} is a ${kind === 'directory' ? 'directory' : 'special file'}, where warta keeps its lock file.`, {
    file: lockFile,
    hint: `warta did not make it. Move it away or remove it (\`rm -r ${shellQuote(lockFile)}\`), then run again.`,
  });
}

function stillLocked(dir: string, lockFile: string, holder: LockHolder | null): WartaError {
  return new WartaError('LOCKED', `${dir} is in use by another warta run${describeHolder(holder)}.`, {
    file: lockFile,
    hint: `Wait for it to finish. If no such run exists, remove the lock: \`rm ${shellQuote(lockFile)}\``,
  });
}

function unverifiedHolder(dir: string, lockFile: string, holder: LockHolder | null, waitedMs: number): WartaError {
  return new WartaError(
    'LOCKED',
    `${lockFile} names pid ${holder?.pid} on ${holder?.host}${holder ? ` (since ${holder.startedAt})` : ''}: a process with that pid is alive, but nothing shows it is a warta run (after a restart, pids are reused). Gave up after ${Math.round(waitedMs / 1000)} s.`,
    { file: lockFile, hint: `If no warta run is writing to ${dir}, remove the lock and run again: \`rm ${shellQuote(lockFile)}\`` },
  );
}
