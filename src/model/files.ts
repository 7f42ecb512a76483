import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createFsDriver } from '../cache/fs-driver.ts';
import type { ModelConfig } from '../config/schema.ts';
import { WartaError } from '../errors.ts';
import type { ModelIdentity } from '../types.ts';
import { hashValue, sha256, sha256OfFile } from '../util/hash.ts';

/** Where a model lives and which files transformers.js will read from it. */
export interface ModelLocation {
  /** The id the user gave (a hub id or a folder path). */
  id: string;
  /** Absolute path of the model folder. */
  folder: string;
  /** The hub id to download from, when `id` is not a folder path. */
  hubId: string | null;
  quantized: boolean;
  /** Paths relative to `folder`. */
  requiredFiles: string[];
  optionalFiles: string[];
}

export interface KnownFile {
  bytes: number;
  sha256: string;
}

/** Known sizes and hashes of published models, kept in the repo, keyed by hub id. */
const MANIFESTS: Record<string, Record<string, KnownFile>> = loadManifests();

function loadManifests(): Record<string, Record<string, KnownFile>> {
  const file = new URL('./manifests/xenova-opus-mt-id-en.json', import.meta.url);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { id: string; files: Record<string, KnownFile> };
  return { [manifest.id]: manifest.files };
}

export function knownFilesFor(hubId: string | null): Record<string, KnownFile> {
  return (hubId && MANIFESTS[hubId]) || {};
}

export function modelFileNames(quantized: boolean): { required: string[]; optional: string[] } {
  const suffix = quantized ? '_quantized' : '';
  return {
    required: [
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      `onnx/encoder_model${suffix}.onnx`,
      `onnx/decoder_model_merged${suffix}.onnx`,
    ],
    optional: ['generation_config.json'],
  };
}

/**
 * `model.id` is either a path to a model folder (absolute, or relative to the working directory)
 * or a hub id looked up under `model.dir`, the transformers.js local model path.
 */
export function locateModel(model: ModelConfig, cwd = process.cwd()): ModelLocation {
  const asPath = path.resolve(cwd, model.id);
  const isFolder = existsSync(path.join(asPath, 'config.json')) || /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(model.id);
  const { required, optional } = modelFileNames(model.quantized);
  return {
    id: model.id,
    folder: isFolder ? asPath : path.resolve(model.dir, model.id),
    hubId: isFolder ? null : model.id,
    quantized: model.quantized,
    requiredFiles: required,
    optionalFiles: optional,
  };
}

export function missingFiles(location: ModelLocation): string[] {
  return location.requiredFiles.filter((file) => !existsSync(path.join(location.folder, file)));
}

export function missingModelError(location: ModelLocation, missing: string[], reason: string): WartaError {
  const fetchCommand = location.hubId ? `npx warta fetch-model --model ${location.hubId}` : null;
  const lines = [
    `Translation model not available: ${reason}.`,
    `  Model: ${location.id}`,
    `  Folder: ${location.folder}`,
    `  Missing: ${missing.join(', ')}`,
  ];
  const hint = [
    fetchCommand ? `Run \`${fetchCommand}\` on a machine with network access, or` : null,
    `copy the model's files into ${location.folder}/ (keeping the onnx/ subfolder),`,
    fetchCommand ? 'or set `model.download: true` in pipeline.yaml.' : 'or point --model at a complete model folder.',
  ]
    .filter(Boolean)
    .join(' ');
  return new WartaError('MODEL_MISSING', lines.join('\n'), { hint, file: location.folder });
}

/**
 * Checks the model files before onnxruntime sees them, so a partial or corrupt download is a
 * clear error naming the file. Sizes are checked every time; sha256 once per file version,
 * remembered in the cache folder by path, size and mtime.
 */
export async function verifyModel(location: ModelLocation, cacheRoot: string): Promise<ModelIdentity> {
  const missing = missingFiles(location);
  if (missing.length > 0) throw missingModelError(location, missing, 'files are missing');
  const known = knownFilesFor(location.hubId);
  const hashMemo = createFsDriver(cacheRoot, 'model-hashes');
  const present = [...location.requiredFiles, ...location.optionalFiles.filter((f) => existsSync(path.join(location.folder, f)))];
  const files: Array<{ path: string; bytes: number; sha256: string }> = [];
  for (const relative of present) {
    const absolute = path.join(location.folder, relative);
    const stat = statSync(absolute);
    const expected = known[relative];
    if (expected && stat.size !== expected.bytes) {
      throw new WartaError('MODEL_CORRUPT', `Model file ${absolute} has ${stat.size} bytes; expected ${expected.bytes}. It is incomplete or not the published file.`, {
        file: absolute,
        hint: `Delete it and run \`npx warta fetch-model --model ${location.hubId}\` again.`,
      });
    }
    const memoKey = sha256(`${absolute}\0${stat.size}\0${stat.mtimeMs}`);
    let digest = await hashMemo.get<string>(memoKey);
    if (!digest) {
      digest = await sha256OfFile(absolute);
      if (expected && digest !== expected.sha256) {
        throw new WartaError('MODEL_CORRUPT', `Model file ${absolute} has sha256 ${digest}; expected ${expected.sha256}. It is corrupt or not the published file.`, {
          file: absolute,
          hint: `Delete it and run \`npx warta fetch-model --model ${location.hubId}\` again.`,
        });
      }
      await hashMemo.set(memoKey, digest);
    }
    files.push({ path: relative, bytes: stat.size, sha256: digest });
  }
  return { id: location.id, fingerprint: hashValue({ quantized: location.quantized, files }) };
}
