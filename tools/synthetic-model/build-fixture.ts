/**
 * Writes the copy-model fixture folder.
 *
 *   tsx tools/synthetic-model/build-fixture.ts <outDir>
 *
 * The output is byte-for-byte the same on every run, so the committed fixture can be checked
 * against a fresh build.
 */
import { describeWrittenFolder, runIfInvokedDirectly } from './cli-entry.ts';
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
    console.error('usage: tsx tools/synthetic-model/build-fixture.ts <outDir>');
    return 2;
  }
  console.log(describeWrittenFolder(outDir, buildCopyModelFixture(outDir)));
  return 0;
}

runIfInvokedDirectly(import.meta.url, main);
