import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WartaError } from '../errors.ts';
import { sha256OfFile } from '../util/hash.ts';
import { knownFilesFor, type ModelLocation } from './files.ts';

export interface DownloadProgress {
  file: string;
  /** Bytes of this file on disk so far (including a resumed part). */
  received: number;
  /** Expected bytes of this file, when known. */
  total: number | null;
  bytesPerSecond: number;
}

export interface DownloadOptions {
  /** Hub base URL; HF_ENDPOINT overrides it, as in the Hugging Face tools. */
  endpoint: string;
  revision: string;
  /** Download these files even if present (e.g. after a failed check). */
  force?: boolean;
  onProgress?: (progress: DownloadProgress) => void;
  onFileDone?: (file: string, bytes: number) => void;
  fetchImpl?: typeof fetch;
}

/**
 * Downloads the files transformers.js needs into the model folder. Each file goes to
 * `<name>.partial` first, resumes from there with an HTTP Range request, is checked against the
 * sizes and sha256 kept in the repo, and only then renamed into place.
 */
export async function downloadModel(location: ModelLocation, options: DownloadOptions): Promise<void> {
  if (!location.hubId) {
    throw new WartaError('MODEL_DOWNLOAD_FAILED', `${location.id} is a folder path, not a hub id; there is nothing to download.`, {
      hint: 'Pass a hub id such as Xenova/opus-mt-id-en with --model.',
    });
  }
  const endpoint = (process.env.HF_ENDPOINT || options.endpoint).replace(/\/+$/, '');
  const known = knownFilesFor(location.hubId);
  const files = [...location.requiredFiles, ...location.optionalFiles];
  for (const file of files) {
    const target = path.join(location.folder, file);
    if (!options.force && existsSync(target)) continue;
    const url = `${endpoint}/${location.hubId}/resolve/${encodeURIComponent(options.revision)}/${file}`;
    const optional = location.optionalFiles.includes(file);
    await downloadFile(url, target, known[file] ?? null, optional, options);
  }
}

async function downloadFile(
  url: string,
  target: string,
  expected: { bytes: number; sha256: string } | null,
  optional: boolean,
  options: DownloadOptions,
): Promise<void> {
  const partial = `${target}.partial`;
  await mkdir(path.dirname(target), { recursive: true });
  const already = (await stat(partial).catch(() => null))?.size ?? 0;
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: already > 0 ? { Range: `bytes=${already}-` } : {}, redirect: 'follow' });
  } catch (cause) {
    throw new WartaError('MODEL_DOWNLOAD_FAILED', `Cannot reach ${url}: ${networkReason(cause)}`, {
      cause,
      file: target,
      hint: 'Check the network, or set HF_ENDPOINT / model.endpoint to a reachable mirror; or copy the files in by hand.',
    });
  }
  if (response.status === 404 && optional) return;
  if (response.status === 416 && expected && already === expected.bytes) {
    await verifyAndPlace(partial, target, expected);
    return;
  }
  if (!response.ok || !response.body) {
    throw new WartaError('MODEL_DOWNLOAD_FAILED', `Download of ${url} failed: HTTP ${response.status} ${response.statusText}`, {
      file: target,
      hint: response.status === 401 || response.status === 404 ? 'Check the model id and revision.' : 'Try again later; a partial download is kept and resumed.',
    });
  }
  const resumed = response.status === 206 && already > 0;
  const contentLength = Number(response.headers.get('content-length') ?? NaN);
  const total = expected?.bytes ?? (Number.isFinite(contentLength) ? contentLength + (resumed ? already : 0) : null);
  let received = resumed ? already : 0;
  const started = performance.now();
  let lastReport = 0;
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    received += chunk.length;
    const now = performance.now();
    if (now - lastReport > 200) {
      lastReport = now;
      const seconds = Math.max((now - started) / 1000, 0.001);
      options.onProgress?.({ file: path.basename(target), received, total, bytesPerSecond: (received - (resumed ? already : 0)) / seconds });
    }
  });
  try {
    await pipeline(body, createWriteStream(partial, { flags: resumed ? 'a' : 'w' }));
  } catch (cause) {
    throw new WartaError('MODEL_DOWNLOAD_FAILED', `Download of ${url} was interrupted after ${received} bytes: ${networkReason(cause)}`, {
      cause,
      file: target,
      hint: 'Run the same command again: the download resumes where it stopped.',
    });
  }
  await verifyAndPlace(partial, target, expected);
  options.onFileDone?.(path.basename(target), received);
}

async function verifyAndPlace(partial: string, target: string, expected: { bytes: number; sha256: string } | null): Promise<void> {
  if (expected) {
    const size = (await stat(partial)).size;
    const digest = size === expected.bytes ? await sha256OfFile(partial) : null;
    if (size !== expected.bytes || digest !== expected.sha256) {
      await rm(partial, { force: true });
      throw new WartaError(
        'MODEL_CORRUPT',
        `Downloaded ${path.basename(target)} does not match the known file (got ${size} bytes${digest ? `, sha256 ${digest}` : ''}; expected ${expected.bytes} bytes, sha256 ${expected.sha256}). The bad file was deleted.`,
        { file: target, hint: 'Run the command again; if it keeps failing, the mirror serves a different file.' },
      );
    }
  }
  await rename(partial, target);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
