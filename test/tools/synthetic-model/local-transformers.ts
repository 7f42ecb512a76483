/** Points transformers.js at a local model folder, with no hub and no shared cache. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { env } from '@xenova/transformers';

export const FIXTURES_MODELS = new URL('../../fixtures/models/', import.meta.url).pathname;
export const COPY_MODEL_ID = 'opus-mt-copy';

export function useLocalModels(localModelPath: string, cacheDir: string): void {
  env.localModelPath = localModelPath;
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.cacheDir = cacheDir;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `warta-${prefix}-`));
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** Relative path (forward slashes) → contents, for every file under `root`. */
export function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path).split('\\').join('/'), readFileSync(path));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}
