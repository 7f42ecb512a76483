import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/schema.ts';
import { isWartaError, WartaError } from '../errors.ts';
import { downloadModel, resolveEndpoint, type DownloadOptions, type DownloadProgress, type FileDone } from '../translation/hub/download.ts';
import { locateModel, verifyModel } from '../translation/model-files.ts';
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

  io.err(
    `Fetching ${location.hubId} (${location.dtype === 'q8' ? 'int8 quantized' : 'fp32'}, revision ${config.model.revision}) from ${endpoint.url}${endpoint.from === 'HF_ENDPOINT' ? ' (HF_ENDPOINT)' : ''}`,
  );
  io.err(`  into ${location.folder}`);
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

  let identity: ModelIdentity;
  const replaced = new Set<string>();
  try {
    for (;;) {
      await downloadModel(location, options);
      try {
        identity = await verifyModel(location, config.cache, extras.knownFiles ? { knownFiles: extras.knownFiles } : {});
        break;
      } catch (error) {
        // A file already on disk that fails its check: delete it and download it again, once.
        if (!isWartaError(error, 'MODEL_CORRUPT') || !error.file || replaced.has(error.file)) throw error;
        replaced.add(error.file);
        await rm(error.file, { force: true });
        say(`  ${error.message.split('\n')[0]} Deleted it; downloading ${path.relative(location.folder, error.file)} again.`);
      }
    }
  } finally {
    clearLine();
  }
  io.out(`Model ready: ${location.folder} (fingerprint ${identity.fingerprint.slice(0, 12)})`);
  return 0;
}
