/**
 * Writes the copy-model fixture folder.
 *
 *   tsx src/model/synthetic/build-fixture.ts <outDir>
 *
 * The output is byte-for-byte the same on every run, so the committed fixture can be checked
 * against a fresh build.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyModelFiles } from './copy-model.ts';
import { type ModelFiles, writeModelFolder } from './model-folder.ts';

export function buildCopyModelFixture(outDir: string): ModelFiles {
  const files = copyModelFiles();
  writeModelFolder(outDir, files);
  return files;
}

function main(args: readonly string[]): number {
  const [outDir, ...extra] = args;
  if (outDir === undefined || extra.length > 0) {
    console.error('usage: tsx src/model/synthetic/build-fixture.ts <outDir>');
    return 2;
  }
  const files = buildCopyModelFixture(outDir);
  const totalBytes = [...files.values()].reduce((sum, bytes) => sum + bytes.byteLength, 0);
  console.log(`wrote ${files.size} files (${totalBytes} bytes) to ${resolve(outDir)}`);
  return 0;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  process.exitCode = main(process.argv.slice(2));
}
