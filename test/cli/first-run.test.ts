/**
 * A new user's first run: `npm start` in a fresh copy of the project, with no model, against a
 * local stand-in for the hub (HF_ENDPOINT). It fetches the model, says so first, and processes the
 * sample articles; --offline or `model.download: false` make it touch no network at all.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchMissingModel, formatBytes } from '../../src/cli/fetch-model.ts';
import { loadConfig } from '../../src/config/load.ts';
import { COPY_MODEL_FILES } from '../helpers/fixture-model.ts';
import { localHub } from '../helpers/local-hub.ts';
import { startModelServer } from '../helpers/model-server.ts';
import { REPO, STACK_TRACE } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const execFileAsync = promisify(execFile);
const MODEL_ID = 'warta-test/opus-mt-copy';
const TXT_SAMPLE = 'samples--banjir-rob-pekalongan';

const root = tempDir('warta-first-run-');
const hub = localHub(root, MODEL_ID);
afterEach(() => vi.unstubAllEnvs());

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** What a fresh clone holds after `npm install`: the committed project files and node_modules. */
function freshClone(): string {
  const dir = mkdtempSync(path.join(root, 'clone-'));
  for (const entry of ['package.json', 'pipeline.yaml', 'bin', 'src', 'input']) cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(realpathSync(path.join(REPO, 'node_modules')), path.join(dir, 'node_modules'));
  return dir;
}

async function npmStart(dir: string, args: string[], endpoint = hub.server.url): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', WARTA_DEBUG: '', HF_ENDPOINT: endpoint };
  try {
    const { stdout, stderr } = await execFileAsync('npm', ['start', '--', ...args], { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function article(dir: string, id: string): { sentences: Array<{ source: string; translation: string | null }> } {
  return JSON.parse(readFileSync(path.join(dir, 'output/articles', `${id}.json`), 'utf8'));
}

const servedTotal = () => COPY_MODEL_FILES.reduce((sum, file) => sum + statSync(path.join(hub.served, file)).size, 0);

describe('npm start on a fresh clone with no model', () => {
  it('says what it fetches, its size and from where, downloads it, then processes the samples', async () => {
    const dir = freshClone();
    const result = await npmStart(dir, ['--model', MODEL_ID]);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(0);
    const announce = `Fetching model ${MODEL_ID} (${formatBytes(servedTotal())}) from ${hub.server.url} … (no article text is sent)`;
    expect(result.stderr).toContain(announce);
    // The announcement comes before any file and any stage.
    expect(result.stderr.indexOf(announce)).toBeLessThan(result.stderr.indexOf('config.json: '));
    expect(result.stderr.indexOf('onnx/decoder_model_merged_quantized.onnx: ')).toBeLessThan(result.stderr.indexOf('ingest'));
    for (const file of COPY_MODEL_FILES) {
      expect(readFileSync(path.join(dir, 'models', MODEL_ID, file)).equals(readFileSync(path.join(hub.served, file))), file).toBe(true);
    }
    // Only the listing and the model's files were asked for.
    expect(hub.server.requests.filter((r) => r.file !== null).map((r) => r.file)).toEqual([...COPY_MODEL_FILES]);
    expect(hub.server.requests.filter((r) => r.file === null)).toHaveLength(1);

    // Every sample the ingest stage reads is done (which formats it reads is not this test's business).
    const done = /(\d+) of (\d+) articles done/.exec(result.stderr);
    expect(done?.[1]).toBe(done?.[2]);
    expect(Number(done?.[1])).toBeGreaterThanOrEqual(readdirSync(path.join(REPO, 'input/samples')).filter((name) => name.endsWith('.txt')).length);
    const sentences = article(dir, TXT_SAMPLE).sentences;
    expect(sentences.length).toBeGreaterThan(5);
    // The copy model gives each sentence back as its own translation.
    for (const sentence of sentences) expect(sentence.translation).toBe(sentence.source);
    for (const output of ['digest.md', 'digest.json', 'index.html', 'run.json']) expect(existsSync(path.join(dir, 'output', output)), output).toBe(true);

    hub.server.reset();
    const again = await npmStart(dir, ['--model', MODEL_ID]);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('Fetching model');
    expect(hub.server.requests).toHaveLength(0);
  }, 180_000);

  it('with --offline touches no network and ends in the missing-model error, the stages before translate cached', async () => {
    const dir = freshClone();
    const result = await npmStart(dir, ['--model', MODEL_ID, '--offline']);
    expect(hub.server.requests).toHaveLength(0);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('Fetching model');
    expect(result.stderr).toContain('Translation model not available');
    expect(result.stderr).toContain(path.join(dir, 'models', MODEL_ID, 'onnx/encoder_model_quantized.onnx'));
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(path.join(dir, 'models', MODEL_ID))).toBe(false);
    const report = JSON.parse(readFileSync(path.join(dir, 'output/run.json'), 'utf8')) as { stages: Record<string, { ran: number }> };
    expect(report.stages.segment!.ran).toBeGreaterThan(0);
  }, 120_000);

  it('with model.download: false in pipeline.yaml touches no network either', async () => {
    const dir = freshClone();
    const config = path.join(dir, 'pipeline.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^ {2}download: true$/m, '  download: false'));
    expect(readFileSync(config, 'utf8')).toMatch(/^ {2}download: false$/m);
    const result = await npmStart(dir, ['--model', MODEL_ID]);
    expect(hub.server.requests).toHaveLength(0);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Translation model not available');
  }, 120_000);

  it('without a reachable hub says why the download failed, then gives the missing-model error', async () => {
    const dir = freshClone();
    const closed = await startModelServer(hub.served, MODEL_ID);
    const unreachable = closed.url;
    await closed.close();
    const result = await npmStart(dir, ['--model', MODEL_ID], unreachable);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Fetching model ${MODEL_ID} (size not published) from ${unreachable} … (no article text is sent)`);
    expect(result.stderr).toContain(`warta: the model download failed: Cannot reach ${unreachable}/${MODEL_ID}/resolve/main/config.json: connection refused`);
    expect(result.stderr).toContain('warta: the run stopped: Translation model not available');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  }, 120_000);
});

describe('fetchMissingModel', () => {
  it('downloads by default (a pipeline.yaml without model.download), with a live progress line on a terminal', async () => {
    const dir = mkdtempSync(path.join(root, 'default-'));
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${MODEL_ID}\n  dir: models\n  endpoint: ${hub.server.url}\ncache: .cache\n`);
    vi.stubEnv('HF_ENDPOINT', '');
    const config = loadConfig({ cwd: dir });
    expect(config.model.download).toBe(true);
    const lines: string[] = [];
    let terminal = '';
    const io = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text), stderr: { isTTY: true, columns: 80, write: (text: string) => ((terminal += text), true) } };
    expect(await fetchMissingModel(config, io, { progressIntervalMs: 0 })).toBe(true);
    expect(lines[0]).toBe(`Fetching model ${MODEL_ID} (${formatBytes(servedTotal())}) from ${hub.server.url} … (no article text is sent)`);
    expect(terminal).toMatch(/\rtokenizer\.json \[#{20}\] 100% /);
    for (const file of COPY_MODEL_FILES) expect(existsSync(path.join(dir, 'models', MODEL_ID, file)), file).toBe(true);

    hub.server.reset();
    lines.length = 0;
    expect(await fetchMissingModel(config, io)).toBe(true);
    expect(lines).toEqual([]);
    expect(hub.server.requests).toHaveLength(0);
  });
});

describe('status', () => {
  it('never downloads, whatever model.download says', async () => {
    const dir = freshClone();
    const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', HF_ENDPOINT: hub.server.url };
    const { stdout } = await execFileAsync(process.execPath, [path.join(dir, 'bin/warta.js'), 'status', '--model', MODEL_ID], { cwd: dir, env });
    expect(stdout).toMatch(/translate\s+0\s+0\s+\d+\s+cannot check: Translation model not available/);
    expect(hub.server.requests).toHaveLength(0);
  }, 60_000);
});
