import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseTempFile } from '../io/atomic-write.ts';

/**
 * A writer killed between writing its temp file and renaming it into place leaves the temp file
 * behind. The cache may be shared by runs on several machines, so a temp file's pid says nothing
 * here: one older than any write could take is a leftover.
 */
export const LEFTOVER_AGE_MS = 10 * 60 * 1000;

/** Removes the leftover temp files under the cache root (its namespaces, which may be nested, and their shard folders); returns how many. */
export async function removeLeftoverCacheTemps(root: string, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const folder of await foldersUnder(root, 3)) {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (!parseTempFile(name)) continue;
      const file = path.join(folder, name);
      const info = await stat(file).catch(() => null);
      if (!info || now - info.mtimeMs < LEFTOVER_AGE_MS) continue;
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/** `root` and its folders down to `depth` levels. */
async function foldersUnder(root: string, depth: number): Promise<string[]> {
  const folders = [root];
  let level = [root];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const folder of level) {
      const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) if (entry.isDirectory()) next.push(path.join(folder, entry.name));
    }
    folders.push(...next);
    level = next;
  }
  return folders;
}
