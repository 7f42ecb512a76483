import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { WartaError } from '../errors.ts';
import { tempFileFor, writeFileAtomic } from './atomic-write.ts';

export async function writeOutput(outputDir: string, relative: string, content: string): Promise<void> {
  const target = path.join(outputDir, relative);
  try {
    await writeFileAtomic(target, content);
  } catch (cause) {
    throw new WartaError('OUTPUT_WRITE_FAILED', `Cannot write ${target}: ${(cause as Error).message}`, {
      cause,
      file: target,
      hint: 'Check that the output folder is writable and the disk has space; the cache is intact, so the next run resumes here.',
    });
  }
}

/**
 * Writes an output file piece by piece, atomically like `writeOutput` (a temp file renamed into
 * place once complete), so a large file never has to exist as one string. `produce` calls `write`
 * for each piece; returns the sha256 of what was written. An error from `produce` that is a
 * WartaError passes through unchanged; the temp file is removed either way.
 */
export async function writeOutputParts(outputDir: string, relative: string, produce: (write: (chunk: string) => Promise<void>) => Promise<void>): Promise<string> {
  const target = path.join(outputDir, relative);
  const temp = tempFileFor(target);
  const hash = createHash('sha256');
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = async () => {
    const text = pending.join('');
    pending = [];
    pendingLength = 0;
    if (text.length > 0) await handle!.write(text);
  };
  try {
    await mkdir(path.dirname(target), { recursive: true });
    handle = await open(temp, 'w');
    await produce(async (chunk) => {
      hash.update(chunk);
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength >= 1 << 18) await flush();
    });
    await flush();
    await handle.close();
    handle = null;
    await rename(temp, target);
    return hash.digest('hex');
  } catch (cause) {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    if (cause instanceof WartaError) throw cause;
    throw new WartaError('OUTPUT_WRITE_FAILED', `Cannot write ${target}: ${(cause as Error).message}`, {
      cause,
      file: target,
      hint: 'Check that the output folder is writable and the disk has space; the cache is intact, so the next run resumes here.',
    });
  }
}
