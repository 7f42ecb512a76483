/**
 * Writes a random-weight MarianMT folder, e.g. opus-mt-id-en's shapes for benchmarks:
 *
 *   tsx tools/synthetic-model/build-random-marian.ts <outDir> [tiny|full] [--fp32-only]
 *
 * `--fp32-only` makes the `_quantized` files copies of the fp32 ones instead of int8.
 */
import { describeWrittenFolder, runIfInvokedDirectly } from './cli-entry.ts';
import { writeModelFolder } from './model-folder.ts';
import { RANDOM_MARIAN_PRESETS, type RandomMarianPreset, randomMarianFiles } from './random-marian.ts';

const USAGE = 'usage: tsx tools/synthetic-model/build-random-marian.ts <outDir> [tiny|full] [--fp32-only]';

function isPreset(value: string): value is RandomMarianPreset {
  return Object.hasOwn(RANDOM_MARIAN_PRESETS, value);
}

function main(args: readonly string[]): number {
  const fp32Only = args.includes('--fp32-only');
  const [outDir, preset = 'tiny', ...extra] = args.filter((arg) => arg !== '--fp32-only');
  if (outDir === undefined || !isPreset(preset) || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const files = randomMarianFiles({ preset, quantizedFiles: fp32Only ? 'fp32' : 'int8' });
  writeModelFolder(outDir, files);
  console.log(describeWrittenFolder(outDir, files));
  return 0;
}

runIfInvokedDirectly(import.meta.url, main);
