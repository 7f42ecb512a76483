import { existsSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createFsDriver } from '../cache/fs-driver.ts';
import type { ResolvedModelConfig } from '../config/schema.ts';
import type { ModelDtype } from './engine.ts';
import { engineById } from './engines/index.ts';
import { WartaError } from '../errors.ts';
import type { ModelIdentity } from '../types.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { hashValue, sha256, sha256OfFile } from '../util/hash.ts';

/** Where a model lives and which files transformers.js will read from it. */
export interface ModelLocation {
  /** The id the user gave (a hub id or a folder path). */
  id: string;
  /** Absolute path of the model folder. */
  folder: string;
  /** The hub id to download from, when `id` is not a folder path. */
  hubId: string | null;
  /** The `model.engine` that reads the files. */
  engine: string;
  dtype: ModelDtype;
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

/**
 * The per-model manifest kept next to the model files: the size and sha256 of every file as it
 * was downloaded, so that files the repo has no published hash for (config, tokenizer) are still
 * checked on every run.
 */
export const LOCAL_MANIFEST = '.warta-manifest.json';

export interface LocalManifest {
  format: 1;
  /** The hub id the files were downloaded from. */
  id: string | null;
  files: Record<string, KnownFile & { revision?: string; recordedAt?: string }>;
}

export function localManifestPath(folder: string): string {
  return path.join(folder, LOCAL_MANIFEST);
}

/** The local manifest of a model folder; null when there is none or it does not parse. */
export function readLocalManifest(folder: string): LocalManifest | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(localManifestPath(folder), 'utf8'));
  } catch {
    return null;
  }
  const manifest = value as Partial<LocalManifest> | null;
  if (!manifest || typeof manifest !== 'object' || manifest.format !== 1 || typeof manifest.files !== 'object' || !manifest.files) return null;
  const files: LocalManifest['files'] = {};
  for (const [name, entry] of Object.entries(manifest.files)) {
    if (entry && Number.isSafeInteger(entry.bytes) && entry.bytes >= 0 && typeof entry.sha256 === 'string' && /^[0-9a-f]{64}$/.test(entry.sha256)) {
      files[name] = entry;
    }
  }
  return { format: 1, id: typeof manifest.id === 'string' ? manifest.id : null, files };
}

/** Adds (or replaces) entries in the folder's local manifest; the file is written atomically. */
export async function recordLocalFiles(folder: string, hubId: string | null, entries: LocalManifest['files']): Promise<void> {
  const current = readLocalManifest(folder) ?? { format: 1, id: hubId, files: {} };
  const files = { ...current.files, ...entries };
  const sorted = Object.fromEntries(Object.keys(files).sort().map((name) => [name, files[name]]));
  const next: LocalManifest = { format: 1, id: hubId ?? current.id, files: sorted as LocalManifest['files'] };
  await writeFileAtomic(localManifestPath(folder), `${JSON.stringify(next, null, 2)}\n`);
}

export type ExpectedSource = 'manifest' | 'recorded';

/**
 * What each file should be: the published figures kept in the repo (or `knownFiles` instead of
 * them), and for the other files the figures recorded in the folder when they were downloaded.
 */
export function expectedFiles(
  location: ModelLocation,
  knownFiles: Record<string, KnownFile> = knownFilesFor(location.hubId),
): Record<string, KnownFile & { source: ExpectedSource }> {
  const expected: Record<string, KnownFile & { source: ExpectedSource }> = {};
  for (const [name, entry] of Object.entries(readLocalManifest(location.folder)?.files ?? {})) {
    expected[name] = { bytes: entry.bytes, sha256: entry.sha256, source: 'recorded' };
  }
  for (const [name, entry] of Object.entries(knownFiles)) expected[name] = { bytes: entry.bytes, sha256: entry.sha256, source: 'manifest' };
  return expected;
}

/**
 * `model.id` is either a path to a model folder (absolute, or relative to the working directory)
 * or a hub id looked up under `model.dir`, the transformers.js local model path.
 */
export function locateModel(model: Pick<ResolvedModelConfig, 'id' | 'dir' | 'engine' | 'dtype'> & Partial<ResolvedModelConfig>, cwd = process.cwd()): ModelLocation {
  const asPath = path.resolve(cwd, model.id);
  const isFolder = existsSync(path.join(asPath, 'config.json')) || /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(model.id);
  const { required, optional } = engineById(model.engine).files(model.dtype);
  return {
    id: model.id,
    folder: isFolder ? asPath : path.resolve(model.dir, model.id),
    hubId: isFolder ? null : model.id,
    engine: model.engine,
    dtype: model.dtype,
    requiredFiles: required,
    optionalFiles: optional,
  };
}

export function missingFiles(location: ModelLocation): string[] {
  return location.requiredFiles.filter((file) => !existsSync(path.join(location.folder, file)));
}

/** The command that (re)downloads this model, or null for a plain folder. */
export function fetchCommandFor(location: ModelLocation): string | null {
  return location.hubId ? `npx warta fetch-model --model ${location.hubId}${location.dtype === 'q8' ? '' : ' --fp32'}` : null;
}

export function missingModelError(location: ModelLocation, missing: string[], reason: string): WartaError {
  const fetchCommand = fetchCommandFor(location);
  const known = knownFilesFor(location.hubId);
  const lines = [
    `Translation model not available: ${reason}.`,
    `  Model: ${location.id}`,
    `  Folder: ${location.folder}`,
    `  Missing ${missing.length === 1 ? 'file' : 'files'}:`,
    ...missing.map((file) => {
      const target = path.join(location.folder, file);
      const partial = statSync(`${target}.partial`, { throwIfNoEntry: false });
      const expected = known[file];
      const note = partial
        ? ` (partly downloaded: ${partial.size}${expected ? ` of ${expected.bytes}` : ''} bytes in ${path.basename(target)}.partial)`
        : '';
      return `    ${target}${note}`;
    }),
  ];
  const hint = [
    fetchCommand ? `Run \`${fetchCommand}\` on a machine with network access, or` : null,
    `copy the model's files into ${location.folder}${path.sep} (keeping the onnx${path.sep} subfolder),`,
    fetchCommand ? 'or let `warta run` download it: drop --offline and keep `model.download: true` (the default).' : 'or point --model at a complete model folder.',
  ]
    .filter(Boolean)
    .join(' ');
  return new WartaError('MODEL_MISSING', lines.join('\n'), { hint, file: path.join(location.folder, missing[0] ?? '') });
}

function corruptError(location: ModelLocation, absolute: string, problem: string): WartaError {
  const fetchCommand = fetchCommandFor(location);
  return new WartaError('MODEL_CORRUPT', `Model file ${absolute} ${problem}`, {
    file: absolute,
    hint: fetchCommand
      ? `Run \`${fetchCommand}\`: it deletes the bad file and downloads it again.`
      : `Replace it with a good copy, or point --model at a complete model folder.`,
  });
}

export interface VerifyOptions {
  /** Published sizes and hashes to use instead of the manifest kept in the repo. */
  knownFiles?: Record<string, KnownFile>;
}

/**
 * Checks the model files before onnxruntime sees them, so a partial or corrupt download is a
 * clear error naming the file. Sizes are checked every time; sha256 (and the structure of ONNX
 * files) once per file version, remembered in the cache folder by path, size and mtime. Files are
 * compared with the published figures in the repo, or else with the figures recorded in the
 * model folder when they were downloaded.
 */
export async function verifyModel(location: ModelLocation, cacheRoot: string, options: VerifyOptions = {}): Promise<ModelIdentity> {
  const missing = missingFiles(location);
  if (missing.length > 0) throw missingModelError(location, missing, 'files are missing');
  const expectedByFile = expectedFiles(location, options.knownFiles);
  const hashMemo = createFsDriver(cacheRoot, 'model-hashes');
  const present = [...location.requiredFiles, ...location.optionalFiles.filter((f) => existsSync(path.join(location.folder, f)))];
  const files: Array<{ path: string; bytes: number; sha256: string }> = [];
  for (const relative of present) {
    const absolute = path.join(location.folder, relative);
    const stat = statSync(absolute);
    const expected = expectedByFile[relative];
    const origin = expected?.source === 'recorded' ? 'recorded when it was downloaded' : 'published';
    if (expected && stat.size !== expected.bytes) {
      throw corruptError(location, absolute, `has ${stat.size} bytes; expected ${expected.bytes} (${origin}). It is incomplete or has been changed.`);
    }
    const memoKey = sha256(`${absolute}\0${stat.size}\0${stat.mtimeMs}`);
    const remembered = await hashMemo.get<string>(memoKey, isSha256Hex);
    // A memo that disagrees with the expected hash is checked against the file before the file is blamed.
    const hashedNow = !remembered || (expected !== undefined && remembered !== expected.sha256);
    const digest = hashedNow ? await sha256OfFile(absolute) : remembered;
    if (expected && digest !== expected.sha256) {
      throw corruptError(location, absolute, `has sha256 ${digest}; expected ${expected.sha256} (${origin}). It is corrupt or has been changed.`);
    }
    if (hashedNow) {
      if (relative.endsWith('.onnx')) {
        const problem = await onnxStructureProblem(absolute);
        if (problem) throw corruptError(location, absolute, `is not a complete ONNX model: ${problem}. It is probably truncated or not a model file.`);
      }
      await hashMemo.set(memoKey, digest);
    }
    files.push({ path: relative, bytes: stat.size, sha256: digest });
  }
  return { id: location.id, fingerprint: hashValue({ quantized: location.dtype === 'q8', files }) };
}

function isSha256Hex(value: unknown): boolean {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/**
 * Walks the top-level protobuf fields of an ONNX ModelProto without reading the payloads, so a
 * truncated file (the graph field claims more bytes than remain) is caught in a few small reads,
 * whatever the file's size. Returns what is wrong, or null.
 */
export async function onnxStructureProblem(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    if (size === 0) return 'the file is empty';
    const header = Buffer.alloc(20);
    let offset = 0;
    let sawGraph = false;
    let sawOpset = false;
    let fields = 0;
    while (offset < size) {
      if (++fields > 10_000) return 'too many top-level fields';
      const { bytesRead } = await handle.read(header, 0, header.length, offset);
      const tag = readVarint(header, 0, bytesRead);
      if (!tag) return `unreadable field header at byte ${offset}`;
      const fieldNumber = Math.floor(tag.value / 8);
      const wireType = tag.value % 8;
      if (fieldNumber === 0) return `invalid field number 0 at byte ${offset}`;
      let next: number;
      if (wireType === 0) {
        const value = readVarint(header, tag.length, bytesRead);
        if (!value) return `unreadable value at byte ${offset}`;
        next = offset + tag.length + value.length;
      } else if (wireType === 1) {
        next = offset + tag.length + 8;
      } else if (wireType === 5) {
        next = offset + tag.length + 4;
      } else if (wireType === 2) {
        const length = readVarint(header, tag.length, bytesRead);
        if (!length) return `unreadable length at byte ${offset}`;
        next = offset + tag.length + length.length + length.value;
      } else {
        return `unexpected wire type ${wireType} at byte ${offset}`;
      }
      if (next > size) return `field ${fieldNumber} at byte ${offset} needs ${next - offset} bytes but the file ends after ${size - offset} more (file size ${size})`;
      if (fieldNumber === 7 && wireType === 2) sawGraph = true;
      if (fieldNumber === 8 && wireType === 2) sawOpset = true;
      offset = next;
    }
    if (!sawGraph) return 'it has no graph';
    return sawOpset ? null : 'it has no opset_import (the file may end early)';
  } finally {
    await handle.close();
  }
}

function readVarint(buffer: Buffer, start: number, end: number): { value: number; length: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = start; i < end && i < start + 10; i++) {
    const byte = buffer[i]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return Number.isSafeInteger(value) ? { value, length: i - start + 1 } : null;
  }
  return null;
}
