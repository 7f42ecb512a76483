import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadSize, hubFileSizes } from '../../../src/translation/hub/listing.ts';
import { knownFilesFor, locateModel } from '../../../src/translation/model-files.ts';
import { COPY_MODEL_FILES } from '../../helpers/fixture-model.ts';
import { localHub } from '../../helpers/local-hub.ts';
import { tempDir } from '../../helpers/temp.ts';

const MODEL_ID = 'warta-test/opus-mt-copy';
const REAL_ID = 'Xenova/opus-mt-id-en';
const root = tempDir('warta-listing-');
const hub = localHub(root, MODEL_ID);

const location = (id: string) => locateModel({ id, dir: path.join(root, 'models'), engine: 'transformers-v2', dtype: 'q8' }, root);

describe('hubFileSizes', () => {
  it("reads every file's size from the hub's recursive listing", async () => {
    const sizes = await hubFileSizes(location(MODEL_ID), { endpoint: hub.server.url, revision: 'main' });
    for (const file of COPY_MODEL_FILES) expect(sizes?.[file], file).toBe(statSync(path.join(hub.served, file)).size);
    expect(sizes).not.toHaveProperty('onnx');
  });

  it('is null when the hub has no listing for the model, or cannot be reached', async () => {
    expect(await hubFileSizes(location('someone/else'), { endpoint: hub.server.url, revision: 'main' })).toBeNull();
    const fetchImpl = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    expect(await hubFileSizes(location(MODEL_ID), { endpoint: hub.server.url, revision: 'main', fetchImpl })).toBeNull();
  });
});

describe('downloadSize', () => {
  it('takes the published sizes kept in the repo, and says which files it has no size for', () => {
    const real = location(REAL_ID);
    const published = knownFilesFor(REAL_ID);
    const onnx = ['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
    const size = downloadSize(real, [...real.requiredFiles, ...real.optionalFiles], null);
    expect(size.bytes).toBe(published[onnx[0]!]!.bytes + published[onnx[1]!]!.bytes);
    expect(size.unknown.sort()).toEqual(['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json']);
  });

  it("fills the rest from the hub's listing, and counts only the files asked for", () => {
    const real = location(REAL_ID);
    const published = knownFilesFor(REAL_ID);
    const listed = { 'config.json': 1500, 'tokenizer.json': 2_000_000, 'onnx/encoder_model_quantized.onnx': 1 };
    const size = downloadSize(real, ['config.json', 'tokenizer.json', 'onnx/encoder_model_quantized.onnx'], listed);
    // The published figure wins over the listing.
    expect(size).toEqual({ bytes: 1500 + 2_000_000 + published['onnx/encoder_model_quantized.onnx']!.bytes, unknown: [] });
  });
});
