import { existsSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { interruptedError, isWartaError, WartaError } from '../../errors.ts';
import { acquireLock, type Lock } from '../../pipeline/lock.ts';
import { sha256OfFile } from '../../util/hash.ts';
import { expectedFiles, knownFilesFor, missingFiles, missingModelError, recordLocalFiles, type KnownFile, type ModelLocation } from '../model-files.ts';

export interface DownloadProgress {
  /** Path of the file relative to the model folder, e.g. `onnx/encoder_model_quantized.onnx`. */
  file: string;
  /** Bytes of this file on disk so far (including a resumed part). */
  received: number;
  /** Expected bytes of this file, when known. */
  total: number | null;
  /** Recent transfer rate, over the bytes fetched in this session only. */
  bytesPerSecond: number;
}

export interface FileDone {
  /** Seconds spent on this file in this call. */
  seconds: number;
  sha256: string;
  /** `manifest`: matched the published size and sha256; `recorded`: no published hash, so it was recorded. */
  check: 'manifest' | 'recorded';
  /** Bytes that came from an earlier, interrupted download. */
  resumedFrom: number;
}

export interface DownloadOptions {
  /** Hub base URL; HF_ENDPOINT overrides it, as in the Hugging Face tools. */
  endpoint: string;
  revision: string;
  /** Download these files even if present (e.g. after a failed check). */
  force?: boolean;
  /** Never touch the network: fail with the list of missing files instead. */
  offline?: boolean;
  /** Published sizes and hashes to check against, instead of the manifest kept in the repo. */
  knownFiles?: Record<string, KnownFile>;
  /** Automatic resumes after an interrupted or stalled transfer (default 3). */
  retries?: number;
  /** Wait before the first automatic resume, doubled each time (default 1000 ms). */
  retryDelayMs?: number;
  /** A transfer that receives nothing for this long counts as interrupted (default 60 s). */
  idleTimeoutMs?: number;
  /** Least time between two progress reports of one file (default 100 ms). */
  progressIntervalMs?: number;
  onFileStart?: (file: string, info: { index: number; count: number; resumeFrom: number }) => void;
  onProgress?: (progress: DownloadProgress) => void;
  onFileDone?: (file: string, bytes: number, info: FileDone) => void;
  /** A file not downloaded: already present, or optional and not on the hub. */
  onFileSkipped?: (file: string, reason: 'present' | 'absent') => void;
  /** Something the user should know that is not an error (a restart, a discarded partial file). */
  onNotice?: (message: string) => void;
  /** Stops waiting for another process's download into the same folder (Ctrl-C): the call then fails with INTERRUPTED. */
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export interface DownloadResult {
  downloaded: string[];
  skipped: string[];
  absent: string[];
}

/** The hub base URL: HF_ENDPOINT when set, else the configured one; without a trailing slash. */
export function resolveEndpoint(configured: string, env: NodeJS.ProcessEnv = process.env): { url: string; from: 'HF_ENDPOINT' | 'config' } {
  const fromEnv = env.HF_ENDPOINT?.trim();
  const raw = fromEnv || configured;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WartaError('USAGE', `${fromEnv ? 'HF_ENDPOINT' : '`model.endpoint`'} must be an http(s) URL, got ${JSON.stringify(raw)}.`, {
      hint: fromEnv ? 'Fix or unset the HF_ENDPOINT environment variable.' : 'Fix `model.endpoint` in pipeline.yaml.',
    });
  }
  return { url: raw.replace(/\/+$/, ''), from: fromEnv ? 'HF_ENDPOINT' : 'config' };
}

/** The model folder's lock, held while files are downloaded into it; apart from a run's output lock. */
export const DOWNLOAD_LOCK_FILE = '.warta-download.lock';

/**
 * Downloads the files transformers.js needs into the model folder. Each file goes to
 * `<name>.partial` first, resumes from there with an HTTP Range request, is checked against the
 * published size and sha256 kept in the repo, and only then renamed into place. Every downloaded
 * file's size and sha256 is recorded in the folder's local manifest, so files with no published
 * hash are checked on later runs too. A file that fails its check is deleted. While it downloads,
 * the folder is locked: a second process waits, then downloads only what is still missing.
 */
export async function downloadModel(location: ModelLocation, options: DownloadOptions): Promise<DownloadResult> {
  if (options.offline) return presentOffline(location);
  const hubId = hubIdOf(location);
  const endpoint = resolveEndpoint(options.endpoint).url;
  const known = options.knownFiles ?? knownFilesFor(hubId);
  if (!options.force && filesToFetch(location, known).length === 0) return allPresent(location, options);
  const lock = await lockModelFolder(location, options);
  try {
    // Checked again under the lock: the process waited for may have downloaded them all.
    return await fetchMissing(location, { hubId, endpoint, known }, options);
  } finally {
    await lock.release();
  }
}

function presentOffline(location: ModelLocation): DownloadResult {
  const missing = missingFiles(location);
  if (missing.length > 0) throw missingModelError(location, missing, 'working offline, so nothing is downloaded');
  return { downloaded: [], skipped: [...location.requiredFiles], absent: [] };
}

function hubIdOf(location: ModelLocation): string {
  if (location.hubId) return location.hubId;
  throw new WartaError('MODEL_DOWNLOAD_FAILED', `${location.id} is a folder path, not a hub id; there is nothing to download.`, {
    hint: 'Pass a hub id such as Xenova/opus-mt-id-en with --model.',
  });
}

const filesOf = (location: ModelLocation) => [...location.requiredFiles, ...location.optionalFiles];

type OnDisk = { state: 'present' } | { state: 'missing' } | { state: 'wrong-size'; size: number; expected: number };

/** Whether a file is in place; a present file of the wrong size (published, or recorded at an earlier download) is to be replaced. */
function onDisk(target: string, expected: KnownFile | undefined): OnDisk {
  if (!existsSync(target)) return { state: 'missing' };
  const size = statSync(target).size;
  return !expected || size === expected.bytes ? { state: 'present' } : { state: 'wrong-size', size, expected: expected.bytes };
}

function filesToFetch(location: ModelLocation, known: Record<string, KnownFile>): string[] {
  const expected = expectedFiles(location, known);
  return filesOf(location).filter((file) => onDisk(path.join(location.folder, file), expected[file]).state !== 'present');
}

function allPresent(location: ModelLocation, options: DownloadOptions): DownloadResult {
  const files = filesOf(location);
  for (const file of files) options.onFileSkipped?.(file, 'present');
  return { downloaded: [], skipped: files, absent: [] };
}

/** The model folder's lock; waiting for another process says so once, and an interrupted wait is an INTERRUPTED error. */
async function lockModelFolder(location: ModelLocation, options: DownloadOptions): Promise<Lock> {
  try {
    return await acquireLock(location.folder, {
      file: DOWNLOAD_LOCK_FILE,
      onWait: (holder, lockFile) =>
        options.onNotice?.(
          `Waiting: another process${holder ? ` (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})` : ''} is downloading into ${location.folder}. This one goes on when it ends, with whatever is still missing (lock: ${lockFile}).`,
        ),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw interruptedError(error);
    throw error;
  }
}

interface Origin {
  hubId: string;
  endpoint: string;
  known: Record<string, KnownFile>;
}

async function fetchMissing(location: ModelLocation, { hubId, endpoint, known }: Origin, options: DownloadOptions): Promise<DownloadResult> {
  const expectedOnDisk = expectedFiles(location, known);
  const files = filesOf(location);
  const result: DownloadResult = { downloaded: [], skipped: [], absent: [] };
  for (const [index, file] of files.entries()) {
    const target = path.join(location.folder, file);
    if (!options.force) {
      const found = onDisk(target, expectedOnDisk[file]);
      if (found.state === 'present') {
        result.skipped.push(file);
        options.onFileSkipped?.(file, 'present');
        continue;
      }
      if (found.state === 'wrong-size') {
        await rm(target, { force: true });
        options.onNotice?.(`${file}: the file present has ${found.size} bytes, not the expected ${found.expected}; deleted, downloading it again.`);
      }
    }
    const url = `${endpoint}/${hubId}/resolve/${encodeURIComponent(options.revision)}/${file}`;
    const optional = location.optionalFiles.includes(file);
    const outcome = await downloadFile({ url, file, target, expected: known[file] ?? null, optional, index, count: files.length }, options);
    if (outcome === 'absent') {
      result.absent.push(file);
      options.onFileSkipped?.(file, 'absent');
      continue;
    }
    await recordLocalFiles(location.folder, hubId, {
      [file]: { bytes: outcome.bytes, sha256: outcome.sha256, revision: options.revision, recordedAt: new Date().toISOString() },
    });
    result.downloaded.push(file);
  }
  return result;
}

interface FileJob {
  url: string;
  /** Relative to the model folder. */
  file: string;
  target: string;
  expected: KnownFile | null;
  optional: boolean;
  index: number;
  count: number;
}

/** Thrown inside one attempt when the partial file has to go and the transfer start from zero. */
class Restart extends Error {}

async function downloadFile(job: FileJob, options: DownloadOptions): Promise<'absent' | { bytes: number; sha256: string }> {
  const partial = `${job.target}.partial`;
  await mkdir(path.dirname(job.target), { recursive: true });
  const started = performance.now();
  const retries = options.retries ?? 3;
  let retryDelay = options.retryDelayMs ?? 1000;
  const initialPartial = (await stat(partial).catch(() => null))?.size ?? 0;
  let resumedFrom = initialPartial;
  options.onFileStart?.(job.file, { index: job.index, count: job.count, resumeFrom: initialPartial });
  let failures = 0;
  let restarts = 0;
  for (;;) {
    try {
      const outcome = await attempt(job, partial, options);
      if (outcome === 'absent') return outcome;
      const digest = await placeChecked(job, partial);
      const done: FileDone = {
        seconds: (performance.now() - started) / 1000,
        sha256: digest,
        check: job.expected ? 'manifest' : 'recorded',
        resumedFrom,
      };
      options.onFileDone?.(job.file, outcome.bytes, done);
      return { bytes: outcome.bytes, sha256: digest };
    } catch (error) {
      if (error instanceof Restart) {
        // A restart needs no wait; it only deletes what cannot be resumed. Bounded, so a server
        // that keeps answering nonsense still ends in an error.
        if (++restarts > 2) throw downloadError(job, `the server keeps rejecting the download (${error.message})`, error, false);
        options.onNotice?.(`${job.file}: ${error.message}; starting again from zero.`);
        await rm(partial, { force: true });
        resumedFrom = 0;
        continue;
      }
      // The file was assembled from an earlier session's part and fails its check: that part may
      // be stale (the revision moved), so download the whole file once more before giving up.
      if (isWartaError(error, 'MODEL_CORRUPT') && initialPartial > 0 && restarts === 0) {
        restarts++;
        options.onNotice?.(`${job.file}: the resumed file failed its check; the bad file was deleted, downloading it again from zero.`);
        resumedFrom = 0;
        continue;
      }
      if (!(error instanceof RetryableError) || failures >= retries) throw error instanceof RetryableError ? error.final : error;
      failures++;
      const reason = (error.final.message.split('\n')[0] ?? '').replace(/\.?$/, '.');
      options.onNotice?.(`${job.file}: ${reason} Trying again (attempt ${failures + 1} of ${retries + 1})…`);
      await sleep(retryDelay);
      retryDelay *= 2;
    }
  }
}

/** An error worth another attempt (network trouble, a 5xx); `final` is what the user sees if none is left. */
class RetryableError extends Error {
  constructor(readonly final: WartaError) {
    super(final.message);
  }
}

function downloadError(job: FileJob, reason: string, cause: unknown, resumable: boolean): WartaError {
  return new WartaError('MODEL_DOWNLOAD_FAILED', `Download of ${job.url} failed: ${reason}.`, {
    cause,
    file: job.target,
    hint: resumable
      ? 'Run the same command again: the download resumes where it stopped. Or set HF_ENDPOINT / model.endpoint to a reachable mirror, or copy the files in by hand.'
      : 'Check the model id, the revision and HF_ENDPOINT / model.endpoint.',
  });
}

/** One HTTP request: appends to (or rewrites) the partial file. Returns its final size. */
async function attempt(job: FileJob, partial: string, options: DownloadOptions): Promise<'absent' | { bytes: number }> {
  const already = await usablePartialSize(job, partial, options);
  if (job.expected && already === job.expected.bytes) return { bytes: already };
  const idle = idleAbort(options.idleTimeoutMs ?? 60_000);
  const response = await request(job, already, idle, options.fetchImpl ?? fetch);
  try {
    const settled = settleWithoutBody(job, already, response);
    if (settled) return settled;
    const transfer = await planTransfer(job, partial, already, response, options);
    await receive(job, partial, response.body as AsyncIterable<Uint8Array>, transfer, idle, options);
    return await checkReceived(job, partial, transfer.total);
  } finally {
    idle.stop();
    // Free the connection when the body was not read (a 404, a 416, an error status).
    if (response.body && !response.bodyUsed) await response.body.cancel().catch(() => {});
  }
}

/** Size of the partial file to resume from; one longer than the published file is discarded. */
async function usablePartialSize(job: FileJob, partial: string, options: DownloadOptions): Promise<number> {
  const already = (await stat(partial).catch(() => null))?.size ?? 0;
  if (job.expected && already > job.expected.bytes) {
    await rm(partial, { force: true });
    options.onNotice?.(`${job.file}: the partial download has ${already} bytes, more than the ${job.expected.bytes} expected; discarded.`);
    return 0;
  }
  return already;
}

/** Aborts the transfer when nothing arrives for `timeoutMs`; `arm` restarts the wait. */
interface IdleAbort {
  readonly signal: AbortSignal;
  arm(): void;
  stop(): void;
}

function idleAbort(timeoutMs: number): IdleAbort {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  return {
    signal: abort.signal,
    arm() {
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(new Error(`nothing received for ${(timeoutMs / 1000).toFixed(timeoutMs < 10_000 ? 1 : 0)} s`)), timeoutMs);
    },
    stop() {
      clearTimeout(timer);
    },
  };
}

/** Sends the request, for the bytes after `already` when there are any. */
async function request(job: FileJob, already: number, idle: IdleAbort, fetchImpl: typeof fetch): Promise<Response> {
  // Ask for the bytes as stored: a compressed answer would not match the sizes, and could not be resumed.
  // (fetch adds `identity` itself to a Range request.)
  const headers: Record<string, string> = already > 0 ? { range: `bytes=${already}-` } : { 'accept-encoding': 'identity' };
  idle.arm();
  try {
    return await fetchImpl(job.url, { headers, redirect: 'follow', signal: idle.signal });
  } catch (cause) {
    idle.stop();
    throw new RetryableError(
      new WartaError('MODEL_DOWNLOAD_FAILED', `Cannot reach ${job.url}: ${networkReason(cause, idle.signal)}`, {
        cause,
        file: job.target,
        hint: 'Check the network, or set HF_ENDPOINT / model.endpoint to a reachable mirror; or copy the files in by hand.',
      }),
    );
  }
}

/** The outcome of an answer with nothing to receive (an absent optional file, a complete partial file), or null; throws on an error status. */
function settleWithoutBody(job: FileJob, already: number, response: Response): 'absent' | { bytes: number } | null {
  if (response.status === 404 && job.optional) return 'absent';
  if (response.status === 416) {
    // Nothing left to send from `already`: either the partial file is complete, or it is longer
    // than the file on the server (a different version), and has to go.
    const total = job.expected?.bytes ?? parseContentRange(response.headers.get('content-range'))?.total ?? null;
    if (already > 0 && total !== null && already === total) return { bytes: already };
    throw new Restart(
      already > 0
        ? `the server cannot resume from byte ${already} (HTTP 416${total !== null ? `; the file has ${total} bytes` : ''}), so the partial download was discarded`
        : 'the server answered HTTP 416 to a request for the whole file',
    );
  }
  if (!response.ok || !response.body) {
    const transient = response.status >= 500 || response.status === 429 || response.status === 408;
    const error = downloadError(job, `HTTP ${response.status} ${response.statusText}`.trim(), undefined, transient);
    throw transient ? new RetryableError(error) : error;
  }
  return null;
}

/** How the body goes into the partial file: appended after `from` bytes or replacing it, and the size the file should reach. */
interface Transfer {
  append: boolean;
  from: number;
  total: number | null;
}

async function planTransfer(job: FileJob, partial: string, already: number, response: Response, options: DownloadOptions): Promise<Transfer> {
  const encoding = response.headers.get('content-encoding');
  const encoded = Boolean(encoding && encoding !== 'identity');
  const contentLength = encoded ? null : numberOrNull(response.headers.get('content-length'));
  let append = false;
  let total: number | null;
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    if (!range || range.start !== already) {
      throw new Restart(`the server answered the resume request with the wrong range (${response.headers.get('content-range') ?? 'none'})`);
    }
    append = true;
    total = range.total ?? (contentLength !== null ? already + contentLength : null);
  } else {
    if (already > 0) options.onNotice?.(`${job.file}: the server does not resume downloads (it ignored the Range request); downloading the whole file again.`);
    total = contentLength;
  }
  if (job.expected && total !== null && total !== job.expected.bytes) {
    await rm(partial, { force: true });
    throw downloadError(job, `the server offers ${total} bytes; the published file has ${job.expected.bytes}`, undefined, false);
  }
  return { append, from: append ? already : 0, total };
}

/** Writes the body to the partial file, reporting progress. */
async function receive(job: FileJob, partial: string, body: AsyncIterable<Uint8Array>, transfer: Transfer, idle: IdleAbort, options: DownloadOptions): Promise<void> {
  let received = transfer.from;
  const report = progressReporter(job, transfer, options);
  report(received, true);
  // Every byte received is on disk before an interruption is reported, so a resume loses nothing.
  const out = await open(partial, transfer.append ? 'a' : 'w');
  let interruption: unknown = null;
  try {
    for await (const chunk of body) {
      await out.write(chunk);
      received += chunk.length;
      idle.arm();
      report(received, false);
    }
  } catch (cause) {
    interruption = cause;
  } finally {
    await out.close();
  }
  if (interruption) {
    throw new RetryableError(downloadError(job, `interrupted after ${received} of ${transfer.total ?? '?'} bytes (${networkReason(interruption, idle.signal)})`, interruption, true));
  }
  report(received, true);
}

/** Reports progress at most once per `progressIntervalMs` unless forced. */
function progressReporter(job: FileJob, transfer: Transfer, options: DownloadOptions): (received: number, force: boolean) => void {
  const total = job.expected?.bytes ?? transfer.total;
  const interval = options.progressIntervalMs ?? 100;
  const rate = rateMeter();
  let lastReport = -Infinity;
  return (received, force) => {
    const now = performance.now();
    if (!force && now - lastReport < interval) return;
    lastReport = now;
    options.onProgress?.({ file: job.file, received, total, bytesPerSecond: rate.sample(now, received - transfer.from) });
  };
}

/** Checks the partial file against the size the server announced. */
async function checkReceived(job: FileJob, partial: string, total: number | null): Promise<{ bytes: number }> {
  const size = (await stat(partial)).size;
  if (total !== null && size < total) {
    throw new RetryableError(downloadError(job, `the connection ended after ${size} of ${total} bytes`, undefined, true));
  }
  if (total !== null && size > total) throw new Restart(`the download came to ${size} bytes, more than the ${total} announced`);
  return { bytes: size };
}

/**
 * Checks the finished partial file against the published size and sha256, if there are any, and
 * renames it into place. A file that fails is deleted. Returns its sha256.
 */
async function placeChecked(job: FileJob, partial: string): Promise<string> {
  const size = (await stat(partial)).size;
  const digest = await sha256OfFile(partial);
  const { expected } = job;
  if (expected && (size !== expected.bytes || digest !== expected.sha256)) {
    await rm(partial, { force: true });
    throw new WartaError(
      'MODEL_CORRUPT',
      `Downloaded ${job.file} does not match the published file (got ${size} bytes, sha256 ${digest}; expected ${expected.bytes} bytes, sha256 ${expected.sha256}). The bad file was deleted.`,
      { file: job.target, hint: 'Run the command again; if it keeps failing, the server (HF_ENDPOINT / model.endpoint) serves a different file.' },
    );
  }
  await rename(partial, job.target);
  return digest;
}

/** Transfer rate over roughly the last five seconds, so the ETA follows the current speed. */
function rateMeter(): { sample(now: number, bytes: number): number } {
  const samples: Array<{ t: number; bytes: number }> = [];
  return {
    sample(now, bytes) {
      samples.push({ t: now, bytes });
      while (samples.length > 2 && now - samples[1]!.t > 5000) samples.shift();
      const first = samples[0]!;
      const seconds = (now - first.t) / 1000;
      return seconds > 0 ? (bytes - first.bytes) / seconds : 0;
    },
  };
}

function parseContentRange(header: string | null): { start: number | null; end: number | null; total: number | null } | null {
  if (!header) return null;
  const match = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i.exec(header.trim());
  if (!match) return null;
  return {
    start: match[1] !== undefined ? Number(match[1]) : null,
    end: match[2] !== undefined ? Number(match[2]) : null,
    total: match[3] !== '*' && match[3] !== undefined ? Number(match[3]) : null,
  };
}

function numberOrNull(text: string | null): number | null {
  if (text === null || !/^\d+$/.test(text.trim())) return null;
  return Number(text);
}

const NETWORK_CODES: Record<string, string> = {
  UND_ERR_SOCKET: 'the connection was closed',
  ECONNRESET: 'the connection was reset',
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the server stopped sending',
};

function networkReason(error: unknown, signal?: AbortSignal): string {
  if (signal?.aborted && signal.reason instanceof Error) return signal.reason.message;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  if (code) return NETWORK_CODES[code] ? `${NETWORK_CODES[code]}, ${code}` : code;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
