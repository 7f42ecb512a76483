/** Copies of the fixture copy model, and the published-figures manifest a test can check them against. */
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { KnownFile } from '../../src/translation/model-files.ts';

export const FIXTURE_COPY_MODEL = path.resolve(import.meta.dirname, '../fixtures/models/opus-mt-copy');

/** The files `fetch-model` asks for, for the quantized copy model (all exist in the fixture). */
export const COPY_MODEL_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/encoder_model_quantized.onnx',
  'onnx/decoder_model_merged_quantized.onnx',
  'generation_config.json',
] as const;

/** A private copy of the fixture model (the fixture itself may be rebuilt while tests run). */
export function copyFixtureModel(destination: string): string {
  cpSync(FIXTURE_COPY_MODEL, destination, { recursive: true });
  return destination;
}

/** Size and sha256 of `files` under `folder`, in the shape of src/translation/manifests/*.json. */
export function manifestOf(folder: string, files: readonly string[]): Record<string, KnownFile> {
  return Object.fromEntries(
    files.map((file) => {
      const absolute = path.join(folder, file);
      return [file, { bytes: statSync(absolute).size, sha256: createHash('sha256').update(readFileSync(absolute)).digest('hex') }];
    }),
  );
}

/** Flips one byte of a file in place (at `offset`, default the middle). */
export function flipByte(file: string, offset?: number): void {
  const data = readFileSync(file);
  const at = offset ?? Math.floor(data.length / 2);
  data[at] = data[at]! ^ 0xff;
  writeFileSync(file, data); // same size, new mtime
}
