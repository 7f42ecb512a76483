import { mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  locateModel,
  localManifestPath,
  missingModelError,
  onnxStructureProblem,
  readLocalManifest,
  recordLocalFiles,
  verifyModel,
  type ModelLocation,
} from '../../src/translation/model-files.ts';
import { COPY_MODEL_FILES, copyFixtureModel, flipByte, manifestOf } from '../helpers/fixture-model.ts';
import { tempDir } from '../helpers/temp.ts';
import { rejection } from '../helpers/rejection.ts';

const DECODER = 'onnx/decoder_model_merged_quantized.onnx';
const root = tempDir('warta-files-');

/** A copy of the fixture model used as a folder path (no hub id, so no published hashes). */
function folderModel(): ModelLocation {
  const folder = copyFixtureModel(mkdtempSync(path.join(root, 'model-')));
  return locateModel({ id: folder, dir: 'models', engine: 'transformers-v2', dtype: 'q8', download: false, endpoint: 'https://huggingface.co', revision: 'main' });
}

const newCache = () => mkdtempSync(path.join(root, 'cache-'));


describe('verifyModel', () => {
  it('accepts the fixture model and gives a fingerprint that follows the contents', async () => {
    const location = folderModel();
    const cache = newCache();
    const first = await verifyModel(location, cache);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyModel(location, cache)).fingerprint).toBe(first.fingerprint);
    flipByte(path.join(location.folder, 'tokenizer.json'));
    expect((await verifyModel(location, cache)).fingerprint).not.toBe(first.fingerprint);
  });

  it('turns a truncated ONNX file with no known hash into MODEL_CORRUPT naming the file', async () => {
    const location = folderModel();
    const decoder = path.join(location.folder, DECODER);
    truncateSync(decoder, Math.floor(readFileSync(decoder).length / 2));
    const error = await rejection(verifyModel(location, newCache()));
    expect(error).toMatchObject({ code: 'MODEL_CORRUPT', file: decoder });
    expect(error.message).toContain(`Model file ${decoder} is not a complete ONNX model`);
    expect(error.message).toMatch(/truncated/);
  });

  it('hashes each file version once (by path, size and mtime) but checks sizes every time', async () => {
    const location = folderModel();
    const cache = newCache();
    const tokenizer = path.join(location.folder, 'tokenizer.json');
    const pinned = new Date('2024-01-02T03:04:05Z');
    utimesSync(tokenizer, pinned, pinned);
    await recordLocalFiles(location.folder, null, manifestOf(location.folder, COPY_MODEL_FILES));
    await verifyModel(location, cache);

    // Same size, same mtime: the remembered hash is used, so this change goes unseen…
    flipByte(tokenizer);
    utimesSync(tokenizer, pinned, pinned);
    await expect(verifyModel(location, cache)).resolves.toBeTruthy();
    // …until the mtime moves, and the file is hashed again.
    utimesSync(tokenizer, new Date(), new Date());
    const corrupt = await rejection(verifyModel(location, cache));
    expect(corrupt).toMatchObject({ code: 'MODEL_CORRUPT', file: tokenizer });
    expect(corrupt.message).toMatch(/has sha256 [0-9a-f]{64}; expected [0-9a-f]{64} \(recorded when it was downloaded\)/);

    // A size change is caught with no hashing at all, even with the mtime put back.
    flipByte(tokenizer); // restore the content
    writeFileSync(tokenizer, Buffer.concat([readFileSync(tokenizer), Buffer.from(' ')]));
    utimesSync(tokenizer, pinned, pinned);
    const sized = await rejection(verifyModel(location, cache));
    expect(sized.message).toMatch(/has \d+ bytes; expected \d+ \(recorded when it was downloaded\)/);
  });

  it('prefers the published figures over the ones recorded in the folder', async () => {
    const location = folderModel();
    await recordLocalFiles(location.folder, null, manifestOf(location.folder, COPY_MODEL_FILES));
    const published = manifestOf(location.folder, COPY_MODEL_FILES);
    published['config.json'] = { bytes: published['config.json']!.bytes, sha256: '0'.repeat(64) };
    const error = await rejection(verifyModel(location, newCache(), { knownFiles: published }));
    expect(error).toMatchObject({ code: 'MODEL_CORRUPT', file: path.join(location.folder, 'config.json') });
    expect(error.message).toContain(`expected ${'0'.repeat(64)} (published)`);
    expect(error.message).not.toContain('fetch-model');
  });

  it('names every missing file with its full path, and a partial download', async () => {
    const location = folderModel();
    const fake = { ...location, hubId: 'Xenova/opus-mt-id-en', id: 'Xenova/opus-mt-id-en' };
    writeFileSync(path.join(location.folder, `${DECODER}.partial`), Buffer.alloc(1234));
    const error = missingModelError(fake, ['tokenizer.json', DECODER], 'files are missing');
    expect(error.code).toBe('MODEL_MISSING');
    expect(error.message).toContain(`\n    ${path.join(location.folder, 'tokenizer.json')}\n`);
    expect(error.message).toContain(`\n    ${path.join(location.folder, DECODER)} (partly downloaded: 1234 of 54947024 bytes`);
    expect(error.hint).toContain('npx warta fetch-model --model Xenova/opus-mt-id-en');
  });
});

describe('local manifest', () => {
  it('is written atomically, merges entries and ignores a broken file', async () => {
    const folder = mkdtempSync(path.join(root, 'manifest-'));
    const entry = { bytes: 3, sha256: 'a'.repeat(64) };
    await recordLocalFiles(folder, 'x/y', { 'a.json': entry });
    await recordLocalFiles(folder, 'x/y', { 'b.json': { ...entry, bytes: 4 } });
    expect(readLocalManifest(folder)).toEqual({ format: 1, id: 'x/y', files: { 'a.json': entry, 'b.json': { ...entry, bytes: 4 } } });
    expect(readdirSync(folder)).toEqual(['.warta-manifest.json']);
    writeFileSync(localManifestPath(folder), '{"format": 1, "files": ');
    expect(readLocalManifest(folder)).toBeNull();
  });
});

describe('onnxStructureProblem', () => {
  it('passes whole ONNX files and names the problem in cut or foreign ones', async () => {
    const folder = copyFixtureModel(mkdtempSync(path.join(root, 'onnx-')));
    for (const file of ['onnx/encoder_model_quantized.onnx', DECODER]) expect(await onnxStructureProblem(path.join(folder, file))).toBeNull();
    const decoder = path.join(folder, DECODER);
    const size = readFileSync(decoder).length;
    truncateSync(decoder, size - 1);
    expect(await onnxStructureProblem(decoder)).toMatch(/^field \d+ at byte \d+ needs \d+ bytes but the file ends after \d+ more/);
    truncateSync(decoder, Math.floor(size / 2));
    expect(await onnxStructureProblem(decoder)).toMatch(/^field 7 at byte \d+ needs \d+ bytes but the file ends after \d+ more/);
    expect(await onnxStructureProblem(path.join(folder, 'config.json'))).toMatch(/unexpected wire type/);
    // ir_version 7, then a 2-byte graph, and nothing after it.
    writeFileSync(path.join(folder, 'no-opset.onnx'), Buffer.from([0x08, 0x07, 0x3a, 0x02, 0x00, 0x00]));
    expect(await onnxStructureProblem(path.join(folder, 'no-opset.onnx'))).toMatch(/no opset_import/);
    writeFileSync(path.join(folder, 'with-opset.onnx'), Buffer.from([0x08, 0x07, 0x3a, 0x02, 0x00, 0x00, 0x42, 0x02, 0x10, 0x11]));
    expect(await onnxStructureProblem(path.join(folder, 'with-opset.onnx'))).toBeNull();
    mkdirSync(path.join(folder, 'empty'));
    writeFileSync(path.join(folder, 'empty/x.onnx'), '');
    expect(await onnxStructureProblem(path.join(folder, 'empty/x.onnx'))).toBe('the file is empty');
  });
});
