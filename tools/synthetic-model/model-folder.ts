/**
 * A model folder in the layout transformers.js 2.17.2 loads from `env.localModelPath`:
 * JSON files at the top, ONNX files under `onnx/`. By default it loads the `_quantized` names.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type ModelFiles = ReadonlyMap<string, Uint8Array>;

export interface OnnxPair {
  encoder: Uint8Array;
  decoder: Uint8Array;
}

export interface ModelFolderContents {
  /** File name → JSON value; written with insertion-order keys, two-space indent, final newline. */
  json: Readonly<Record<string, unknown>>;
  /** Written as `onnx/encoder_model.onnx` and `onnx/decoder_model_merged.onnx`. */
  onnx: OnnxPair;
  /** Written under the `_quantized` names; when absent those are byte copies of `onnx`. */
  quantizedOnnx?: OnnxPair;
}

export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function onnxFiles({ encoder, decoder }: OnnxPair, suffix: string): [string, Uint8Array][] {
  return [
    [`onnx/encoder_model${suffix}.onnx`, encoder],
    [`onnx/decoder_model_merged${suffix}.onnx`, decoder],
  ];
}

/** Relative path → bytes, in a fixed order. */
export function modelFolderFiles(contents: ModelFolderContents): ModelFiles {
  const files = new Map<string, Uint8Array>();
  for (const [name, value] of Object.entries(contents.json)) files.set(name, Buffer.from(serializeJson(value), 'utf8'));
  for (const [path, bytes] of onnxFiles(contents.onnx, '')) files.set(path, bytes);
  for (const [path, bytes] of onnxFiles(contents.quantizedOnnx ?? contents.onnx, '_quantized')) files.set(path, bytes);
  return files;
}

/** Writes every file as a real file (git keeps no hard links); files already there are overwritten. */
export function writeModelFolder(directory: string, files: ModelFiles): void {
  for (const [relativePath, bytes] of files) {
    const path = join(directory, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
}
