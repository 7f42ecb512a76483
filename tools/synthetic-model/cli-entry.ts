import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModelFiles } from './model-folder.ts';

/** Runs `main` with the command-line arguments when `moduleUrl` is the script node was started with. */
export function runIfInvokedDirectly(moduleUrl: string, main: (args: readonly string[]) => number): void {
  const invokedPath = process.argv[1];
  if (invokedPath !== undefined && moduleUrl === pathToFileURL(resolve(invokedPath)).href) {
    process.exitCode = main(process.argv.slice(2));
  }
}

export function describeWrittenFolder(outDir: string, files: ModelFiles): string {
  const totalBytes = [...files.values()].reduce((sum, bytes) => sum + bytes.byteLength, 0);
  return `wrote ${files.size} files (${(totalBytes / 1e6).toFixed(1)} MB) to ${resolve(outDir)}`;
}
