import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Write a file so that readers see either the old content or the new, never a torn one:
 * write a sibling temp file, then rename it over the target (atomic on POSIX file systems).
 * The folder is created only when the first write finds it missing: most writes go to a folder
 * that exists, and a `mkdir -p` per write is a measurable cost on a cache of many small files.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = tempFileFor(file);
  try {
    await writeFile(temp, data).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temp, data);
    });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The temp file a write of `file` goes through before it is renamed into place. */
export function tempFileFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

const TEMP_FILE = /^(.*)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** A temp file of `tempFileFor`: the file it was to become, and the writer's pid. */
export function parseTempFile(name: string): { target: string; pid: number } | null {
  const match = TEMP_FILE.exec(name);
  return match ? { target: match[1]!, pid: Number(match[2]) } : null;
}

/** Removes the temp files a killed writer left in `folder` (not its subfolders) that `isLeftover` accepts. */
export async function removeLeftoverTempFiles(folder: string, isLeftover: (temp: { target: string; pid: number }) => boolean): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const temp = parseTempFile(name);
    if (temp && isLeftover(temp)) await rm(path.join(folder, name), { force: true });
  }
}
