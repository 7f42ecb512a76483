import type { ResolvedConfig } from '../config/schema.ts';
import { WartaError } from '../errors.ts';
import { downloadModel, type DownloadProgress } from '../model/download.ts';
import { locateModel, verifyModel } from '../model/files.ts';

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function progressLine({ file, received, total, bytesPerSecond }: DownloadProgress): string {
  const rate = `${megabytes(bytesPerSecond)}/s`;
  if (!total) return `${file}: ${megabytes(received)} at ${rate}`;
  const percent = Math.min(100, (received / total) * 100);
  const width = 24;
  const filled = Math.round((percent / 100) * width);
  const eta = bytesPerSecond > 0 ? Math.ceil((total - received) / bytesPerSecond) : NaN;
  return `${file} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent.toFixed(0)}% ${megabytes(received)}/${megabytes(total)} ${rate} ETA ${Number.isFinite(eta) ? `${eta}s` : '?'}`;
}

export async function fetchModelCommand(config: ResolvedConfig, io: { out: (t: string) => void; err: (t: string) => void; stderr: NodeJS.WriteStream }): Promise<number> {
  if (config.offline) throw new WartaError('USAGE', 'fetch-model downloads the model, which --offline forbids.', { hint: 'Drop --offline.' });
  const location = locateModel(config.model);
  const tty = io.stderr.isTTY;
  io.err(`Fetching ${location.id} (${location.quantized ? 'int8 quantized' : 'fp32'}) into ${location.folder}`);
  await downloadModel(location, {
    endpoint: config.model.endpoint,
    revision: config.model.revision,
    onProgress: (progress) => {
      if (tty) io.stderr.write(`\r${progressLine(progress)}\u001b[K`);
    },
    onFileDone: (file, bytes) => {
      if (tty) io.stderr.write('\r\u001b[K');
      io.err(`  ${file}: ${megabytes(bytes)} ✓`);
    },
  });
  const identity = await verifyModel(location, config.cache);
  io.out(`Model ready: ${location.folder} (fingerprint ${identity.fingerprint.slice(0, 12)})`);
  return 0;
}
