import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doneLine, fetchModelCommand, formatBytes, formatDuration, progressLine } from '../../src/cli/fetch-model.ts';
import { loadConfig } from '../../src/config/load.ts';
import { LOCAL_MANIFEST } from '../../src/translation/model-files.ts';
import { COPY_MODEL_FILES, copyFixtureModel, flipByte } from '../helpers/fixture-model.ts';
import { startModelServer, type ModelServer } from '../helpers/model-server.ts';
import { tempDir } from '../helpers/temp.ts';

const execFileAsync = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repo, 'bin/warta.js');
const MODEL_ID = 'warta-test/opus-mt-copy';
const DECODER = 'onnx/decoder_model_merged_quantized.onnx';
const STACK_LINE = /\n\s+at /;
const ARTICLE = `Banjir Rendam Ratusan Rumah di Semarang

Hujan deras sejak Senin malam membuat ratusan rumah di Semarang terendam banjir. Warga mengungsi ke masjid terdekat.

Pemerintah kota menyiapkan dapur umum bagi para pengungsi. Air mulai surut pada Selasa siang.
`;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const root = tempDir('warta-fetch-cli-');
let served: string;
let server: ModelServer;

beforeAll(async () => {
  served = copyFixtureModel(path.join(root, 'served'));
  server = await startModelServer(served, MODEL_ID);
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function warta(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CI: 'true', WARTA_DEBUG: '', HF_ENDPOINT: server.url, ...env };
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [cli, ...args], { cwd, env: childEnv });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A temp folder with a pipeline.yaml that sets model.dir and cache, and an input folder with one article. */
function workspace(modelYaml = ''): { dir: string; config: string; folder: string } {
  const dir = mkdtempSync(path.join(root, 'ws-'));
  const config = path.join(dir, 'pipeline.yaml');
  writeFileSync(config, `model:\n  id: ${MODEL_ID}\n  dir: models\n${modelYaml}cache: cache\ninput: input\noutput: output\n`);
  mkdirSync(path.join(dir, 'input'));
  writeFileSync(path.join(dir, 'input/banjir.txt'), ARTICLE);
  return { dir, config, folder: path.join(dir, 'models', MODEL_ID) };
}

describe('warta fetch-model against a local hub (HF_ENDPOINT)', () => {
  const ws = { dir: '', config: '', folder: '' };

  beforeAll(() => Object.assign(ws, workspace()));

  it('downloads every file into model.dir with one line per file, and the model checks out', async () => {
    const result = await warta(['fetch-model', '--config', ws.config], root);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Fetching ${MODEL_ID} (int8 quantized, revision main) from ${server.url} (HF_ENDPOINT)`);
    expect(result.stdout).toContain(`Model ready: ${ws.folder} (fingerprint `);
    expect(result.stderr).not.toContain('\r');
    for (const file of COPY_MODEL_FILES) {
      expect(result.stderr).toMatch(new RegExp(`\\n  ${file.replace('.', '\\.')}: [\\d.]+ k?B in [\\d.]+ s, .*/s; no published hash: size and sha256 recorded ✓`));
      expect(readFileSync(path.join(ws.folder, file)).equals(readFileSync(path.join(served, file))), file).toBe(true);
    }
    expect(existsSync(path.join(ws.folder, LOCAL_MANIFEST))).toBe(true);
    expect(server.requests.map((r) => r.file)).toEqual([...COPY_MODEL_FILES]);
  });

  it('leaves a complete model alone on the next call', async () => {
    const result = await warta(['fetch-model', '--config', ws.config], root);
    expect(result.code).toBe(0);
    for (const file of COPY_MODEL_FILES) expect(result.stderr).toContain(`  ${file}: already present`);
    expect(server.requests).toHaveLength(0);
  });

  it('replaces a file that was corrupted on disk since, and says so', async () => {
    flipByte(path.join(ws.folder, 'tokenizer.json'));
    const result = await warta(['fetch-model', '--config', ws.config], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Model file ${path.join(ws.folder, 'tokenizer.json')} has sha256`);
    expect(result.stderr).toContain('Deleted it; downloading tokenizer.json again.');
    expect(server.requests.map((r) => r.file)).toEqual(['tokenizer.json']);
    expect(readFileSync(path.join(ws.folder, 'tokenizer.json')).equals(readFileSync(path.join(served, 'tokenizer.json')))).toBe(true);
  });

  it('makes `warta run` stop with a clear error when a recorded file is corrupted later', async () => {
    const tokenizer = path.join(ws.folder, 'tokenizer.json');
    flipByte(tokenizer);
    try {
      const result = await warta(['run', '--config', ws.config], root);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`warta: the run stopped: Model file ${tokenizer} has sha256`);
      expect(result.stderr).toContain('(recorded when it was downloaded)');
      expect(result.stderr).toContain(`npx warta fetch-model --model ${MODEL_ID}`);
      expect(result.stderr).not.toMatch(STACK_LINE);
    } finally {
      flipByte(tokenizer);
    }
  });
});

describe('fetch-model flags', () => {
  it('--quantized overrides model.quantized: false; --fp32 fetches the fp32 files; both at once is a usage error', async () => {
    const ws = workspace('  quantized: false\n');
    const quantized = await warta(['fetch-model', '--config', ws.config, '--quantized'], root);
    expect(quantized.code).toBe(0);
    expect(quantized.stderr).toContain('(int8 quantized, revision main)');
    expect(existsSync(path.join(ws.folder, DECODER))).toBe(true);
    expect(existsSync(path.join(ws.folder, 'onnx/decoder_model_merged.onnx'))).toBe(false);

    server.reset();
    const fp32 = await warta(['fetch-model', '--config', ws.config, '--fp32', '--revision', 'v2'], root);
    expect(fp32.code).toBe(0);
    expect(fp32.stderr).toContain('(fp32, revision v2)');
    expect(server.requests.map((r) => r.file)).toEqual(['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx']);
    expect(server.requests.every((r) => r.revision === 'v2')).toBe(true);

    const both = await warta(['fetch-model', '--config', ws.config, '--fp32', '--quantized'], root);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--fp32 and --quantized cannot be combined');

    const help = await warta(['--help'], root);
    expect(help.stdout).toMatch(/--quantized\s+fetch the int8 quantized files/);
  });
});

describe('warta run without a usable model', () => {
  it('--offline never touches the network and names each missing file with its full path', async () => {
    const ws = workspace('  download: true\n');
    const result = await warta(['run', '--config', ws.config, '--offline'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Translation model not available');
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', DECODER]) {
      expect(result.stderr).toContain(`\n    ${path.join(ws.folder, file)}\n`);
    }
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(server.requests).toHaveLength(0);
  });

  it('a truncated ONNX file in a model without known hashes is a clean error naming the file', async () => {
    const dir = mkdtempSync(path.join(root, 'trunc-'));
    const model = copyFixtureModel(path.join(dir, 'model'));
    const decoder = path.join(model, DECODER);
    truncateSync(decoder, Math.floor(readFileSync(decoder).length / 2));
    mkdirSync(path.join(dir, 'input'));
    writeFileSync(path.join(dir, 'input/banjir.txt'), ARTICLE);
    const result = await warta(['run', '--model', model, '--input', path.join(dir, 'input'), '--output', path.join(dir, 'out'), '--cache', path.join(dir, 'cache')], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`warta: the run stopped: Model file ${decoder} is not a complete ONNX model`);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).not.toMatch(/wasm|onnxruntime|internal error/i);
    expect(result.stderr.length).toBeLessThan(3000);
  });

  it('an ONNX file that is whole but that onnxruntime rejects is a clean MODEL_LOAD_FAILED, with no wasm dump', async () => {
    const dir = mkdtempSync(path.join(root, 'badop-'));
    const model = copyFixtureModel(path.join(dir, 'model'));
    const decoder = path.join(model, DECODER);
    // Rename one operator (op_type "Shape" → "Shapf"): the protobuf stays valid, the graph does not.
    const bytes = readFileSync(decoder);
    const at = bytes.indexOf(Buffer.from('\x22\x05Shape', 'latin1'));
    expect(at).toBeGreaterThan(0);
    bytes.write('Shapf', at + 2, 'latin1');
    writeFileSync(decoder, bytes);
    mkdirSync(path.join(dir, 'input'));
    writeFileSync(path.join(dir, 'input/banjir.txt'), ARTICLE);
    const result = await warta(['run', '--model', model, '--input', path.join(dir, 'input'), '--output', path.join(dir, 'out'), '--cache', path.join(dir, 'cache')], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`warta: the run stopped: Could not load the ONNX model of ${model} from ${model}`);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).not.toMatch(/wasm|internal error/i);
    expect(result.stderr.length).toBeLessThan(3000);
  });
});

describe('progress display', () => {
  it('formats bytes, rate and ETA', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(51_177)).toBe('51.2 kB');
    expect(formatBytes(4_294_000)).toBe('4.29 MB');
    expect(formatDuration(7.2)).toBe('8s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(7300)).toBe('2h01m');
    expect(progressLine({ file: 'onnx/encoder_model_quantized.onnx', received: 12_000_000, total: 48_000_000, bytesPerSecond: 4_000_000 })).toBe(
      'onnx/encoder_model_quantized.onnx [#####...............] 25% 12.0 MB/48.0 MB 4.00 MB/s ETA 9s',
    );
    expect(progressLine({ file: 'a.json', received: 1500, total: null, bytesPerSecond: 0 })).toBe('a.json 1.50 kB 0 B/s');
    expect(progressLine({ file: 'a.onnx', received: 0, total: 10, bytesPerSecond: 0 })).toMatch(/0% .* ETA \?$/);
    expect(progressLine({ file: 'x'.repeat(200), received: 1, total: 2, bytesPerSecond: 1 }, 40)).toHaveLength(39);
    expect(doneLine('tokenizer.json', 2_000_000, { seconds: 2, sha256: 'a', check: 'manifest', resumedFrom: 1_000_000 })).toBe(
      '  tokenizer.json: 2.00 MB in 2.0 s, 500 kB/s, resumed at 1.00 MB; size and sha256 match the published file ✓',
    );
  });

  it('draws a live progress line on a terminal and clears it after each file', async () => {
    server.chunkBytes = 512;
    server.chunkDelayMs = 3;
    const ws = workspace(`  endpoint: ${server.url}\n`);
    const config = loadConfig({ file: ws.config });
    const writes: string[] = [];
    const lines: string[] = [];
    const savedEndpoint = process.env.HF_ENDPOINT;
    delete process.env.HF_ENDPOINT;
    try {
      const code = await fetchModelCommand(
        config,
        { out: (t) => lines.push(t), err: (t) => lines.push(t), stderr: { isTTY: true, columns: 120, write: (t: string | Uint8Array) => (writes.push(String(t)), true) } },
        { progressIntervalMs: 0 },
      );
      expect(code).toBe(0);
    } finally {
      if (savedEndpoint !== undefined) process.env.HF_ENDPOINT = savedEndpoint;
    }
    const bars = writes.filter((w) => w.startsWith('\r') && w.includes(DECODER));
    expect(bars.length).toBeGreaterThan(3);
    const size = formatBytes(readFileSync(path.join(served, DECODER)).length);
    expect(bars.at(-1)).toMatch(new RegExp(`\\[#{20}\\] 100% ${size}/${size} [\\d.]+ k?B/s ETA 0s\u001b\\[K$`));
    expect(bars.some((w) => /\] [1-9]\d?% /.test(w))).toBe(true);
    expect(writes).toContain('\r\u001b[K');
    expect(lines.filter((l) => l.endsWith('✓'))).toHaveLength(COPY_MODEL_FILES.length);
    expect(lines.at(-1)).toContain('Model ready');
  });
});
