import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/schema.ts';
import { describeError, isWartaError, WartaError } from '../errors.ts';
import { downloadModel, resolveEndpoint, type DownloadOptions, type DownloadProgress, type FileDone } from '../translation/hub/download.ts';
import { downloadSize, hubFileSizes, type DownloadSize } from '../translation/hub/listing.ts';
import { locateModel, missingFiles, verifyModel, type ModelLocation } from '../translation/model-files.ts';
import type { ModelIdentity } from '../types.ts';

/** Bytes in SI units, as download tools and the hub show them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 'B';
  for (const next of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = next;
  }
  return `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${unit}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

/** One terminal line: file, bar, percent, bytes so far / total, rate and ETA; cut to `columns`. */
export function progressLine({ file, received, total, bytesPerSecond }: DownloadProgress, columns = 100): string {
  const rate = `${formatBytes(bytesPerSecond)}/s`;
  let line: string;
  if (!total) {
    line = `${file} ${formatBytes(received)} ${rate}`;
  } else {
    const fraction = Math.min(1, Math.max(0, received / total));
    const width = 20;
    const filled = Math.floor(fraction * width);
    const eta = bytesPerSecond > 0 ? formatDuration(Math.max(0, total - received) / bytesPerSecond) : '?';
    line = `${file} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${formatBytes(received)}/${formatBytes(total)} ${rate} ETA ${eta}`;
  }
  return line.length > columns - 1 ? `${line.slice(0, Math.max(0, columns - 2))}…` : line;
}

export function doneLine(file: string, bytes: number, info: FileDone): string {
  const transferred = bytes - info.resumedFrom;
  const rate = info.seconds > 0 ? `, ${formatBytes(transferred / info.seconds)}/s` : '';
  const resumed = info.resumedFrom > 0 ? `, resumed at ${formatBytes(info.resumedFrom)}` : '';
  const check = info.check === 'manifest' ? 'size and sha256 match the published file' : 'no published hash: size and sha256 recorded';
  return `  ${file}: ${formatBytes(bytes)} in ${info.seconds.toFixed(1)} s${rate}${resumed}; ${check} ✓`;
}

interface FetchIo {
  out: (text: string) => void;
  err: (text: string) => void;
  stderr: Pick<NodeJS.WriteStream, 'isTTY' | 'write'> & { columns?: number };
}

/** Test seams; the CLI passes none. */
export type FetchModelExtras = Pick<DownloadOptions, 'fetchImpl' | 'knownFiles' | 'retries' | 'retryDelayMs' | 'progressIntervalMs' | 'idleTimeoutMs'>;

export async function fetchModelCommand(config: ResolvedConfig, io: FetchIo, extras: FetchModelExtras = {}): Promise<number> {
  if (config.offline) throw new WartaError('USAGE', 'fetch-model downloads the model, which --offline forbids.', { hint: 'Drop --offline.' });
  const location = locateModel(config.model);
  if (!location.hubId) {
    throw new WartaError('USAGE', `fetch-model needs a hub model id, and ${location.id} is a folder path.`, {
      hint: 'Pass a hub id such as Xenova/opus-mt-id-en with --model; the files go to model.dir.',
    });
  }
  const endpoint = resolveEndpoint(config.model.endpoint);
  io.err(
    `Fetching ${location.hubId} (${location.dtype === 'q8' ? 'int8 quantized' : 'fp32'}, revision ${config.model.revision}) from ${endpoint.url}${endpoint.from === 'HF_ENDPOINT' ? ' (HF_ENDPOINT)' : ''}`,
  );
  io.err(`  into ${location.folder}`);
  const identity = await downloadVerified(location, config, io, extras);
  io.out(`Model ready: ${location.folder} (fingerprint ${identity.fingerprint.slice(0, 12)})`);
  return 0;
}

/**
 * Before `warta run`: downloads a model that is missing, when `model.download` allows it and
 * --offline does not forbid it, after one line saying what is fetched, its size and from where.
 * Returns false when the download failed (it has said why); the run then goes on without the
 * model and ends in the missing-model error, with the work before translate cached.
 */
export async function fetchMissingModel(config: ResolvedConfig, io: FetchIo, extras: FetchModelExtras = {}): Promise<boolean> {
  const location = locateModel(config.model);
  if (config.offline || !config.model.download || !location.hubId || missingFiles(location).length === 0) return true;
  const endpoint = resolveEndpoint(config.model.endpoint);
  const files = [...location.requiredFiles, ...location.optionalFiles].filter((file) => !existsSync(path.join(location.folder, file)));
  const listed = await hubFileSizes(location, { endpoint: config.model.endpoint, revision: config.model.revision, ...(extras.fetchImpl ? { fetchImpl: extras.fetchImpl } : {}) });
  io.err(`Fetching model ${location.hubId} (${sizeText(downloadSize(location, files, listed))}) from ${endpoint.url} … (no article text is sent)`);
  try {
    await downloadVerified(location, config, io, extras);
    return true;
  } catch (error) {
    if (!(error instanceof WartaError)) throw error;
    io.err(`warta: the model download failed: ${describeError(error)}`);
    return false;
  }
}

function sizeText({ bytes, unknown }: DownloadSize): string {
  if (unknown.length === 0) return formatBytes(bytes);
  if (bytes === 0) return 'size not published';
  return `at least ${formatBytes(bytes)}`;
}

/** Downloads with a progress bar, then checks the files; a file on disk that fails its check is downloaded again, once. */
async function downloadVerified(location: ModelLocation, config: ResolvedConfig, io: FetchIo, extras: FetchModelExtras): Promise<ModelIdentity> {
  // On a terminal: one live progress line. Otherwise (CI, pipes): one plain line per file.
  const tty = Boolean(io.stderr.isTTY);
  let lineShown = false;
  const clearLine = () => {
    if (lineShown) io.stderr.write('\r\u001b[K');
    lineShown = false;
  };
  const say = (text: string) => {
    clearLine();
    io.err(text);
  };
  const options: DownloadOptions = {
    ...extras,
    endpoint: config.model.endpoint,
    revision: config.model.revision,
    onFileStart: (file, { resumeFrom }) => {
      if (resumeFrom > 0) say(`  ${file}: resuming a partial download at ${formatBytes(resumeFrom)}`);
    },
    onProgress: (progress) => {
      if (!tty) return;
      io.stderr.write(`\r${progressLine(progress, io.stderr.columns || 100)}\u001b[K`);
      lineShown = true;
    },
    onFileDone: (file, bytes, info) => say(doneLine(file, bytes, info)),
    onFileSkipped: (file, reason) => say(reason === 'present' ? `  ${file}: already present` : `  ${file}: not on the hub (optional), skipped`),
    onNotice: (message) => say(`  ${message}`),
  };
  const replaced = new Set<string>();
  try {
    for (;;) {
      await downloadModel(location, options);
      try {
        return await verifyModel(location, config.cache, extras.knownFiles ? { knownFiles: extras.knownFiles } : {});
      } catch (error) {
        if (!isWartaError(error, 'MODEL_CORRUPT') || !error.file || replaced.has(error.file)) throw error;
        replaced.add(error.file);
        await rm(error.file, { force: true });
        say(`  ${error.message.split('\n')[0]} Deleted it; downloading ${path.relative(location.folder, error.file)} again.`);
      }
    }
  } finally {
    clearLine();
  }
}
