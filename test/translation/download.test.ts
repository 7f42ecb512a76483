import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { isWartaError } from '../../src/errors.ts';
import { downloadModel, resolveEndpoint, type DownloadOptions, type DownloadProgress } from '../../src/translation/hub/download.ts';
import { localManifestPath, locateModel, readLocalManifest, verifyModel, type KnownFile, type ModelLocation } from '../../src/translation/model-files.ts';
import { loadTranslator } from '../../src/translation/engines/transformers-v2/translator.ts';
import { createTranslationResources } from '../../src/stages/translate/resources.ts';
import { fsCacheStore } from '../../src/pipeline/runner.ts';
import { COPY_MODEL_FILES, copyFixtureModel, flipByte, manifestOf } from '../helpers/fixture-model.ts';
import { startModelServer, type ModelServer } from '../helpers/model-server.ts';
import { tempDir } from '../helpers/temp.ts';
import { rejection } from '../helpers/rejection.ts';

const MODEL_ID = 'warta-test/opus-mt-copy';
const DECODER = 'onnx/decoder_model_merged_quantized.onnx';
const ENCODER = 'onnx/encoder_model_quantized.onnx';

const root = tempDir('warta-download-');
let served: string;
let server: ModelServer;
/** The served files' sizes and sha256, as a published manifest would list them. */
let published: Record<string, KnownFile>;
const savedEndpoint = process.env.HF_ENDPOINT;

beforeAll(async () => {
  delete process.env.HF_ENDPOINT;
  served = copyFixtureModel(path.join(root, 'served'));
  published = manifestOf(served, COPY_MODEL_FILES);
  server = await startModelServer(served, MODEL_ID);
});

afterAll(async () => {
  await server.close();
  if (savedEndpoint !== undefined) process.env.HF_ENDPOINT = savedEndpoint;
});

beforeEach(() => server.reset());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** A model location in a fresh, empty models folder. */
function freshLocation(): ModelLocation {
  const dir = mkdtempSync(path.join(root, 'models-'));
  return locateModel({ id: MODEL_ID, dir, engine: 'transformers-v2', dtype: 'q8', download: true, endpoint: server.url, revision: 'main' }, root);
}

function options(extra: Partial<DownloadOptions> = {}): DownloadOptions {
  return { endpoint: server.url, revision: 'main', retryDelayMs: 0, ...extra };
}

const servedBytes = (file: string) => readFileSync(path.join(served, file));
const localBytes = (location: ModelLocation, file: string) => readFileSync(path.join(location.folder, file));


describe('downloadModel against a local hub', () => {
  it('downloads every file, records its size and sha256, and the result loads and translates', async () => {
    const location = freshLocation();
    const result = await downloadModel(location, options());
    expect(result.downloaded).toEqual([...COPY_MODEL_FILES]);
    for (const file of COPY_MODEL_FILES) {
      expect(localBytes(location, file).equals(servedBytes(file)), file).toBe(true);
      expect(existsSync(path.join(location.folder, `${file}.partial`))).toBe(false);
    }
    expect(server.requests.every((r) => r.range === null && r.acceptEncoding === 'identity' && r.revision === 'main')).toBe(true);
    const recorded = readLocalManifest(location.folder);
    expect(recorded?.id).toBe(MODEL_ID);
    for (const file of COPY_MODEL_FILES) expect(recorded?.files[file]).toMatchObject(published[file]!);

    const cache = path.join(location.folder, '..', '..', '.cache');
    const identity = await verifyModel(location, cache);
    const translator = await loadTranslator(location, identity, cache);
    try {
      const sentence = 'Sidang dimulai pukul 14.30 WIB.';
      const [translation] = await translator.translate([sentence], { beams: 1, maxNewTokens: 64, batchSize: 4 });
      expect(translation?.text).toBe(sentence);
    } finally {
      await translator.dispose();
    }
  });

  it('reports progress with bytes, total and rate, and each finished file', async () => {
    server.chunkBytes = 256;
    server.chunkDelayMs = 2;
    const location = freshLocation();
    const progress: DownloadProgress[] = [];
    const done: Array<{ file: string; bytes: number; check: string }> = [];
    await downloadModel(
      location,
      options({ progressIntervalMs: 0, onProgress: (p) => progress.push(p), onFileDone: (file, bytes, info) => done.push({ file, bytes, check: info.check }) }),
    );
    const decoder = progress.filter((p) => p.file === DECODER);
    expect(decoder.length).toBeGreaterThan(5);
    expect(decoder.every((p) => p.total === published[DECODER]!.bytes)).toBe(true);
    expect(decoder.map((p) => p.received)).toEqual([...decoder.map((p) => p.received)].sort((a, b) => a - b));
    expect(decoder.at(-1)?.received).toBe(published[DECODER]!.bytes);
    expect(decoder.some((p) => p.bytesPerSecond > 0)).toBe(true);
    expect(done.map((d) => d.file)).toEqual([...COPY_MODEL_FILES]);
    expect(done.find((d) => d.file === DECODER)).toEqual({ file: DECODER, bytes: published[DECODER]!.bytes, check: 'recorded' });
  });

  it('keeps an interrupted transfer and resumes it with a Range request', async () => {
    const location = freshLocation();
    server.cut(DECODER, 1000);
    const error = await rejection(downloadModel(location, options({ retries: 0 })));
    expect(error).toMatchObject({ code: 'MODEL_DOWNLOAD_FAILED' });
    expect(error.message).toContain(`interrupted after 1000 of ${published[DECODER]!.bytes} bytes`);
    expect(existsSync(path.join(location.folder, DECODER))).toBe(false);
    expect(readFileSync(path.join(location.folder, `${DECODER}.partial`)).length).toBe(1000);

    server.reset();
    const starts: Array<[string, number]> = [];
    const result = await downloadModel(location, options({ onFileStart: (file, info) => starts.push([file, info.resumeFrom]) }));
    expect(result.downloaded).toEqual([DECODER, 'generation_config.json']);
    expect(starts).toContainEqual([DECODER, 1000]);
    const resumed = server.requestsFor(DECODER);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toMatchObject({ range: 'bytes=1000-', status: 206 });
    expect(localBytes(location, DECODER).equals(servedBytes(DECODER))).toBe(true);
    expect(existsSync(path.join(location.folder, `${DECODER}.partial`))).toBe(false);
    expect(readLocalManifest(location.folder)?.files[DECODER]).toMatchObject(published[DECODER]!);
  });

  it('resumes by itself within one call, through the hub redirect, after a cut and after a stall', async () => {
    const location = freshLocation();
    server.redirect = true;
    server.cut(DECODER, 1000);
    server.stall(ENCODER, 500);
    const notices: string[] = [];
    await downloadModel(location, options({ idleTimeoutMs: 1000, onNotice: (m) => notices.push(m) }));
    // Every file was asked for at /resolve/ (302) and fetched from /cdn/.
    const decoder = server.requestsFor(DECODER).filter((r) => r.status !== 302);
    expect(decoder.map((r) => [r.range, r.status])).toEqual([
      [null, 200],
      ['bytes=1000-', 206],
    ]);
    const encoder = server.requestsFor(ENCODER).filter((r) => r.status !== 302);
    expect(encoder.map((r) => [r.range, r.status])).toEqual([
      [null, 200],
      ['bytes=500-', 206],
    ]);
    expect(notices.some((m) => m.includes('nothing received for'))).toBe(true);
    for (const file of [DECODER, ENCODER]) expect(localBytes(location, file).equals(servedBytes(file))).toBe(true);
  });

  it('starts again from zero, not appending, when the server ignores Range and answers 200', async () => {
    const location = freshLocation();
    mkdirSync(path.join(location.folder, 'onnx'), { recursive: true });
    // A partial part that does not even match the file: appending to it would show.
    writeFileSync(path.join(location.folder, `${DECODER}.partial`), Buffer.alloc(1000, 7));
    server.honourRange = false;
    const notices: string[] = [];
    await downloadModel(location, options({ onNotice: (m) => notices.push(m) }));
    expect(server.requestsFor(DECODER).map((r) => [r.range, r.status])).toEqual([['bytes=1000-', 200]]);
    expect(localBytes(location, DECODER).equals(servedBytes(DECODER))).toBe(true);
    expect(notices.join('\n')).toMatch(/ignored the Range request/);
  });

  it('on 416, places a partial file that is already complete', async () => {
    const location = freshLocation();
    mkdirSync(path.join(location.folder, 'onnx'), { recursive: true });
    writeFileSync(path.join(location.folder, `${DECODER}.partial`), servedBytes(DECODER));
    await downloadModel(location, options());
    expect(server.requestsFor(DECODER).map((r) => r.status)).toEqual([416]);
    expect(localBytes(location, DECODER).equals(servedBytes(DECODER))).toBe(true);
    expect(readLocalManifest(location.folder)?.files[DECODER]).toMatchObject(published[DECODER]!);
  });

  it('on 416, discards a partial file longer than the file on the server and downloads it whole', async () => {
    const location = freshLocation();
    mkdirSync(path.join(location.folder, 'onnx'), { recursive: true });
    writeFileSync(path.join(location.folder, `${DECODER}.partial`), Buffer.concat([servedBytes(DECODER), Buffer.alloc(100)]));
    const notices: string[] = [];
    await downloadModel(location, options({ onNotice: (m) => notices.push(m) }));
    expect(server.requestsFor(DECODER).map((r) => [r.range, r.status])).toEqual([
      [`bytes=${published[DECODER]!.bytes + 100}-`, 416],
      [null, 200],
    ]);
    expect(localBytes(location, DECODER).equals(servedBytes(DECODER))).toBe(true);
    expect(notices.join('\n')).toMatch(/HTTP 416.*discarded/);
  });

  it('discards a partial file larger than the published size before asking the server', async () => {
    const location = freshLocation();
    mkdirSync(path.join(location.folder, 'onnx'), { recursive: true });
    writeFileSync(path.join(location.folder, `${DECODER}.partial`), Buffer.alloc(published[DECODER]!.bytes + 1));
    const notices: string[] = [];
    await downloadModel(location, options({ knownFiles: published, onNotice: (m) => notices.push(m) }));
    expect(server.requestsFor(DECODER).map((r) => [r.range, r.status])).toEqual([[null, 200]]);
    expect(localBytes(location, DECODER).equals(servedBytes(DECODER))).toBe(true);
    expect(notices.join('\n')).toContain(`more than the ${published[DECODER]!.bytes} expected; discarded`);
  });

  it('detects a flipped byte by sha256 against the published figures and deletes the bad file', async () => {
    const location = freshLocation();
    server.corrupt(ENCODER, 100);
    const error = await rejection(downloadModel(location, options({ knownFiles: published })));
    expect(error).toMatchObject({ code: 'MODEL_CORRUPT', file: path.join(location.folder, ENCODER) });
    expect(error.message).toContain(`Downloaded ${ENCODER} does not match the published file`);
    expect(error.message).toContain(published[ENCODER]!.sha256);
    expect(error.message).toMatch(/The bad file was deleted/);
    expect(existsSync(path.join(location.folder, ENCODER))).toBe(false);
    expect(existsSync(path.join(location.folder, `${ENCODER}.partial`))).toBe(false);
    expect(server.requestsFor(ENCODER)).toHaveLength(1);
    expect(readLocalManifest(location.folder)?.files[ENCODER]).toBeUndefined();
    // Without the published figures the same bytes would have been accepted: the check is what caught it.
    server.reset();
    server.corrupt(ENCODER, 100);
    await downloadModel(location, options());
    expect(localBytes(location, ENCODER).equals(servedBytes(ENCODER))).toBe(false);
  });

  it('downloads a resumed file that fails its check once more from zero', async () => {
    const location = freshLocation();
    mkdirSync(path.join(location.folder, 'onnx'), { recursive: true });
    writeFileSync(path.join(location.folder, `${DECODER}.partial`), Buffer.alloc(1000, 1)); // a stale part
    await downloadModel(location, options({ knownFiles: published }));
    expect(server.requestsFor(DECODER).map((r) => [r.range, r.status])).toEqual([
      ['bytes=1000-', 206],
      [null, 200],
    ]);
    expect(localBytes(location, DECODER).equals(servedBytes(DECODER))).toBe(true);
  });

  it('skips an optional file the hub does not have, and fails on a missing required one without retrying', async () => {
    const location = freshLocation();
    server.missing.add('generation_config.json');
    const result = await downloadModel(location, options());
    expect(result.absent).toEqual(['generation_config.json']);
    expect(existsSync(path.join(location.folder, 'generation_config.json'))).toBe(false);
    expect(readLocalManifest(location.folder)?.files['generation_config.json']).toBeUndefined();

    const other = freshLocation();
    server.missing.add('tokenizer.json');
    const error = await rejection(downloadModel(other, options()));
    expect(error).toMatchObject({ code: 'MODEL_DOWNLOAD_FAILED' });
    expect(error.message).toMatch(/tokenizer\.json failed: HTTP 404/);
    expect(server.requestsFor('tokenizer.json').filter((r) => r.status === 404)).toHaveLength(1);
  });

  it('replaces a present file whose size differs from the recorded one', async () => {
    const location = freshLocation();
    await downloadModel(location, options());
    writeFileSync(path.join(location.folder, 'tokenizer.json'), '{"truncated":');
    server.reset();
    const result = await downloadModel(location, options());
    expect(result.downloaded).toEqual(['tokenizer.json']);
    expect(localBytes(location, 'tokenizer.json').equals(servedBytes('tokenizer.json'))).toBe(true);
  });

  it('uses HF_ENDPOINT over the configured endpoint', async () => {
    vi.stubEnv('HF_ENDPOINT', `${server.url}/`);
    const location = freshLocation();
    await downloadModel(location, { endpoint: 'http://127.0.0.1:9', revision: 'v1.0', retryDelayMs: 0 });
    expect(server.requests.length).toBe(COPY_MODEL_FILES.length);
    expect(server.requests.every((r) => r.revision === 'v1.0')).toBe(true);
    expect(resolveEndpoint('https://huggingface.co')).toEqual({ url: server.url, from: 'HF_ENDPOINT' });
    vi.stubEnv('HF_ENDPOINT', 'ftp://mirror');
    expect(() => resolveEndpoint('https://huggingface.co')).toThrow(/HF_ENDPOINT must be an http\(s\) URL/);
  });
});

describe('recorded hashes', () => {
  it('let verifyModel catch later corruption of a file with no published hash', async () => {
    const location = freshLocation();
    const cache = mkdtempSync(path.join(root, 'cache-'));
    await downloadModel(location, options());
    await verifyModel(location, cache);

    const tokenizer = path.join(location.folder, 'tokenizer.json');
    flipByte(tokenizer);
    const error = await rejection(verifyModel(location, cache));
    expect(error).toMatchObject({ code: 'MODEL_CORRUPT', file: tokenizer });
    expect(error.message).toContain(`Model file ${tokenizer} has sha256`);
    expect(error.message).toContain(`expected ${published['tokenizer.json']!.sha256} (recorded when it was downloaded)`);
    expect(isWartaError(error) && error.hint).toContain(`npx warta fetch-model --model ${MODEL_ID}`);

    // The record is what catches it: without the local manifest the same file passes.
    rmSync(localManifestPath(location.folder));
    await expect(verifyModel(location, cache)).resolves.toMatchObject({ id: MODEL_ID });
  });

  it('let verifyModel catch a changed size on every run', async () => {
    const location = freshLocation();
    const cache = mkdtempSync(path.join(root, 'cache-'));
    await downloadModel(location, options());
    await verifyModel(location, cache);
    const config = path.join(location.folder, 'config.json');
    writeFileSync(config, `${readFileSync(config, 'utf8')} `);
    const error = await rejection(verifyModel(location, cache));
    expect(error).toMatchObject({ code: 'MODEL_CORRUPT', file: config });
    expect(error.message).toContain(`has ${published['config.json']!.bytes + 1} bytes; expected ${published['config.json']!.bytes}`);
  });
});

describe('offline', () => {
  it('downloadModel never calls fetch and names every missing file with its full path', async () => {
    const location = freshLocation();
    const fetchImpl = vi.fn<typeof fetch>(() => {
      throw new Error('fetch must not be called offline');
    });
    const error = await rejection(downloadModel(location, options({ offline: true, fetchImpl })));
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(error).toMatchObject({ code: 'MODEL_MISSING' });
    expect(error.message).toContain('working offline');
    for (const file of location.requiredFiles) expect(error.message).toContain(`\n    ${path.join(location.folder, file)}`);
    expect(server.requests).toHaveLength(0);
  });

  it('a run with --offline never downloads, even with model.download: true', async () => {
    const work = mkdtempSync(path.join(root, 'work-'));
    writeFileSync(path.join(work, 'pipeline.yaml'), `model:\n  id: ${MODEL_ID}\n  dir: models\n  download: true\n  endpoint: ${server.url}\ncache: .cache\n`);
    const fetchSpy = vi.fn<typeof fetch>(() => Promise.reject(new Error('fetch must not be called offline')));
    vi.stubGlobal('fetch', fetchSpy);

    const offlineConfig = loadConfig({ cwd: work, overrides: { offline: true } });
    const offline = createTranslationResources(offlineConfig, fsCacheStore(offlineConfig.cache));
    const error = await rejection(offline.modelIdentity());
    expect(error).toMatchObject({ code: 'MODEL_MISSING' });
    expect(error.message).toContain(path.join(work, 'models', MODEL_ID, DECODER));
    expect(fetchSpy).not.toHaveBeenCalled();

    // The same config online does download: the spy above would have seen it.
    vi.unstubAllGlobals();
    const onlineConfig = loadConfig({ cwd: work });
    const online = createTranslationResources(onlineConfig, fsCacheStore(onlineConfig.cache));
    await expect(online.modelIdentity()).resolves.toMatchObject({ id: MODEL_ID });
    expect(server.requests.length).toBe(COPY_MODEL_FILES.length);
  });
});
