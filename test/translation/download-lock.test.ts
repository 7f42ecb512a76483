import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { describeError } from '../../src/errors.ts';
import { fsCacheStore } from '../../src/pipeline/runner.ts';
import { createTranslationResources } from '../../src/stages/translate/resources.ts';
import { acquireLock } from '../../src/pipeline/lock.ts';
import { DOWNLOAD_LOCK_FILE, downloadModel, type DownloadOptions } from '../../src/translation/hub/download.ts';
import { locateModel, verifyModel, type KnownFile, type ModelLocation } from '../../src/translation/model-files.ts';
import { COPY_MODEL_FILES, manifestOf } from '../helpers/fixture-model.ts';
import { localHub } from '../helpers/local-hub.ts';
import type { ModelServer } from '../helpers/model-server.ts';
import { rejection } from '../helpers/rejection.ts';
import { tempDir } from '../helpers/temp.ts';
import type { ChildReport } from './download-child.ts';

const MODEL_ID = 'warta-test/opus-mt-copy';

const root = tempDir('warta-download-lock-');
const hub = localHub(root, MODEL_ID);
let server: ModelServer;
let published: Record<string, KnownFile>;

beforeAll(() => {
  // An HF_ENDPOINT in the environment would send the downloads, the children's too, elsewhere.
  vi.stubEnv('HF_ENDPOINT', '');
  server = hub.server;
  published = manifestOf(hub.served, COPY_MODEL_FILES);
});
afterAll(() => vi.unstubAllEnvs());

function freshLocation(): ModelLocation {
  const dir = mkdtempSync(path.join(root, 'models-'));
  return locateModel({ id: MODEL_ID, dir, engine: 'transformers-v2', dtype: 'q8' });
}

function options(extra: Partial<DownloadOptions> = {}): DownloadOptions {
  return { endpoint: server.url, revision: 'main', retryDelayMs: 0, ...extra };
}

/** Slow enough that a download takes about a second, so two that start together overlap. */
function slowServer(): void {
  server.chunkBytes = 1024;
  server.chunkDelayMs = 10;
}

/** Requests for the whole file (a Range request resumes one already counted). */
const wholeFileGets = (file: string) => server.requestsFor(file).filter((r) => r.method === 'GET' && r.range === null).length;

const lockFileOf = (location: ModelLocation) => path.join(location.folder, DOWNLOAD_LOCK_FILE);
const waitNotices = (notices: string[]) => notices.filter((notice) => notice.startsWith('Waiting:'));

async function expectVerified(location: ModelLocation): Promise<void> {
  for (const file of COPY_MODEL_FILES) {
    expect(readFileSync(path.join(location.folder, file)).equals(readFileSync(path.join(hub.served, file))), file).toBe(true);
    expect(existsSync(path.join(location.folder, `${file}.partial`)), `${file}.partial`).toBe(false);
  }
  await expect(verifyModel(location, mkdtempSync(path.join(root, 'cache-')), { knownFiles: published })).resolves.toMatchObject({ id: MODEL_ID });
  expect(existsSync(lockFileOf(location))).toBe(false);
}

interface Downloader {
  child: ChildProcess;
  next(type: ChildReport['type']): Promise<ChildReport>;
}

/** A downloader process, loaded and waiting for `go`. */
async function startDownloader(location: ModelLocation): Promise<Downloader> {
  const modelsDir = path.dirname(path.dirname(location.folder));
  const child = fork(path.join(import.meta.dirname, 'download-child.ts'), [MODEL_ID, modelsDir, server.url], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const reports: ChildReport[] = [];
  const waiting: Array<() => void> = [];
  child.on('message', (report: ChildReport) => {
    reports.push(report);
    waiting.splice(0).forEach((wake) => wake());
  });
  const next = async (type: ChildReport['type']): Promise<ChildReport> => {
    for (;;) {
      const found = reports.find((report) => report.type === type);
      if (found) return found;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the downloader ended before reporting ${type}`);
      await new Promise<void>((wake) => waiting.push(wake));
    }
  };
  await next('ready');
  return { child, next };
}

const children: ChildProcess[] = [];
afterAll(() => children.forEach((child) => child.kill()));

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('two downloads into the same model folder at once', () => {
  it('in one process: each file is fetched once, the second call waits and then only skips', async () => {
    slowServer();
    const location = freshLocation();
    const notices: string[][] = [[], []];
    const results = await Promise.all(notices.map((mine) => downloadModel(location, options({ onNotice: (notice) => mine.push(notice) }))));

    for (const file of COPY_MODEL_FILES) expect(wholeFileGets(file), file).toBe(1);
    expect(server.requests).toHaveLength(COPY_MODEL_FILES.length);
    // Which of the two calls takes the lock first is the event loop's choice, not the order of the calls.
    const holder = results.findIndex((r) => r.downloaded.length > 0);
    expect(holder).toBeGreaterThanOrEqual(0);
    expect(results[holder]!.downloaded).toEqual([...COPY_MODEL_FILES]);
    expect(results[1 - holder]).toEqual({ downloaded: [], skipped: [...COPY_MODEL_FILES], absent: [] });
    expect(waitNotices(notices[holder]!)).toEqual([]);
    const [waited, ...more] = waitNotices(notices[1 - holder]!);
    expect(more).toEqual([]);
    expect(waited).toContain(`pid ${process.pid}`);
    expect(waited).toContain(`is downloading into ${location.folder}`);
    await expectVerified(location);
  });

  it('in two processes: each file is fetched once, both succeed, one says which process it waited for', async () => {
    slowServer();
    const location = freshLocation();
    const downloaders = await Promise.all([startDownloader(location), startDownloader(location)]);
    downloaders.forEach(({ child }) => child.send('go'));
    const outcomes = await Promise.all(downloaders.map(({ next }) => Promise.race([next('done'), next('failed')])));

    expect(outcomes.map((o) => o.type)).toEqual(['done', 'done']);
    for (const file of COPY_MODEL_FILES) expect(wholeFileGets(file), file).toBe(1);
    const done = outcomes as Array<Extract<ChildReport, { type: 'done' }>>;
    expect(done.map((o) => o.downloaded.length).sort()).toEqual([0, COPY_MODEL_FILES.length]);
    const holder = done.findIndex((o) => o.downloaded.length > 0);
    const waiter = done[1 - holder]!;
    expect(waiter.skipped).toEqual([...COPY_MODEL_FILES]);
    expect(waitNotices(done[holder]!.notices)).toEqual([]);
    const [waited, ...more] = waitNotices(waiter.notices);
    expect(more).toEqual([]);
    expect(waited).toContain(`pid ${downloaders[holder]!.child.pid}`);
    expect(waited).toContain(location.folder);
    await expectVerified(location);
  });
});

describe('a downloader killed mid-download', () => {
  it('leaves a stale lock and a partial file: the next download takes the lock over and resumes', async () => {
    server.chunkBytes = 256;
    server.chunkDelayMs = 20;
    const location = freshLocation();
    const killed = await startDownloader(location);
    killed.child.send('go');
    const partial = (await killed.next('partial')) as Extract<ChildReport, { type: 'partial' }>;
    killed.child.kill('SIGKILL');
    await exited(killed.child);

    const lockFile = lockFileOf(location);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: killed.child.pid });
    const partialFile = path.join(location.folder, `${partial.file}.partial`);
    const kept = statSync(partialFile).size;
    expect(kept).toBeGreaterThanOrEqual(partial.received);

    server.reset();
    const notices: string[] = [];
    const holders: number[] = [];
    const starts: Array<[string, number]> = [];
    const result = await downloadModel(
      location,
      options({
        onNotice: (notice) => notices.push(notice),
        onFileStart: (file, { resumeFrom }) => {
          starts.push([file, resumeFrom]);
          holders.push((JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid);
        },
      }),
    );
    expect(waitNotices(notices)).toEqual([]);
    expect(new Set(holders)).toEqual(new Set([process.pid]));
    expect(starts).toContainEqual([partial.file, kept]);
    expect(server.requestsFor(partial.file).map((r) => [r.range, r.status])).toEqual([[`bytes=${kept}-`, 206]]);
    expect(result.downloaded).toContain(partial.file);
    await expectVerified(location);
  });
});

describe('waiting for another download', () => {
  it('ends with INTERRUPTED on the signal, without a request; a complete folder and offline never wait', async () => {
    const location = freshLocation();
    const held = await acquireLock(location.folder, { file: DOWNLOAD_LOCK_FILE });
    try {
      const controller = new AbortController();
      const notices: string[] = [];
      const onNotice = (notice: string) => {
        notices.push(notice);
        if (notice.startsWith('Waiting:')) controller.abort();
      };
      const error = await rejection(downloadModel(location, options({ signal: controller.signal, onNotice })));
      expect(error).toMatchObject({ code: 'INTERRUPTED', cause: { code: 'LOCKED', file: lockFileOf(location) } });
      expect(describeError(error)).not.toMatch(/\n\s+at /);
      expect(waitNotices(notices)).toHaveLength(1);
      expect(server.requests).toEqual([]);

      const offline = await rejection(downloadModel(location, options({ offline: true })));
      expect(offline).toMatchObject({ code: 'MODEL_MISSING' });
    } finally {
      await held.release();
    }

    await downloadModel(location, options());
    server.reset();
    const again = await acquireLock(location.folder, { file: DOWNLOAD_LOCK_FILE });
    try {
      const notices: string[] = [];
      const result = await downloadModel(location, options({ onNotice: (notice) => notices.push(notice) }));
      expect(result.skipped).toEqual([...COPY_MODEL_FILES]);
      expect(notices).toEqual([]);
      expect(server.requests).toEqual([]);
    } finally {
      await again.release();
    }
  });

  it('names the holder even when it first finds the lock still being written', async () => {
    const location = freshLocation();
    const held = await acquireLock(location.folder, { file: DOWNLOAD_LOCK_FILE });
    const lockFile = lockFileOf(location);
    const record = readFileSync(lockFile, 'utf8');
    writeFileSync(lockFile, ''); // as between the holder's O_EXCL create and its write
    const notices: string[] = [];
    let release: Promise<void> | undefined;
    const downloading = downloadModel(
      location,
      options({
        onNotice: (notice) => {
          notices.push(notice);
          if (notice.startsWith('Waiting:')) release = held.release();
        },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notices).toEqual([]);
    writeFileSync(lockFile, record);
    await downloading;
    await release;
    const [waited, ...more] = waitNotices(notices);
    expect(more).toEqual([]);
    expect(waited).toContain(`pid ${process.pid}`);
    await expectVerified(location);
  });

  it("stops a run's translate stage waiting for it when the run is interrupted", async () => {
    const work = mkdtempSync(path.join(root, 'work-'));
    writeFileSync(path.join(work, 'pipeline.yaml'), `model:\n  id: ${MODEL_ID}\n  dir: models\n  download: true\n  endpoint: ${server.url}\ncache: .cache\n`);
    const config = loadConfig({ cwd: work });
    const held = await acquireLock(path.join(work, 'models', MODEL_ID), { file: DOWNLOAD_LOCK_FILE });
    try {
      const controller = new AbortController();
      const resources = createTranslationResources(config, fsCacheStore(config.cache), { signal: controller.signal });
      const identity = resources.modelIdentity();
      identity.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      controller.abort();
      const outcome = await Promise.race([identity.then(() => 'resolved', (error: unknown) => error), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3_000))]);
      expect(outcome).toMatchObject({ code: 'INTERRUPTED' });
      expect(server.requests).toEqual([]);
    } finally {
      await held.release();
    }
  });
});
