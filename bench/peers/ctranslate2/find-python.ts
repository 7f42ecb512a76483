/**
 * Finds a Python interpreter that can `import ctranslate2`, in this order: the one
 * `WARTA_BENCH_CTRANSLATE2_PYTHON` names, the bench's own venv, or a fresh venv with the PyPI wheel
 * where PyPI answers. Without one the peer is reported unavailable and the rest of the bench goes on.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const PYTHON_ENV_VAR = 'WARTA_BENCH_CTRANSLATE2_PYTHON';
export const BUILD_ENV_VAR = 'WARTA_BENCH_CTRANSLATE2_BUILD';
const DEFAULT_INDEX = 'https://pypi.org/simple';
const IMPORT_TIMEOUT_MS = 60_000;
const INSTALL_TIMEOUT_MS = 15 * 60_000;

export type PeerPython =
  | { available: true; python: string; version: string; source: 'env' | 'venv' | 'pypi' }
  | { available: false; reason: string; hint: string };

export interface FindPythonOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the bench keeps its own venv (`bench/.work/venv`). */
  venvDir: string;
  /** The interpreter that creates that venv. */
  systemPython?: string;
  /** How long PyPI may take to answer before the bench gives up on it. */
  reachTimeoutMs?: number;
}

const HINT = `set ${PYTHON_ENV_VAR}=/path/to/python (an interpreter that can import ctranslate2), then run npm run bench -- --peers`;

/** The interpreter's ctranslate2 version, or why it has none. */
export async function ctranslate2Version(python: string, env: NodeJS.ProcessEnv = process.env): Promise<{ version: string } | { error: string }> {
  try {
    const { stdout } = await execFileAsync(python, ['-c', 'import ctranslate2; print(ctranslate2.__version__)'], { env, timeout: IMPORT_TIMEOUT_MS });
    return { version: stdout.trim() };
  } catch (cause) {
    return { error: describeFailure(cause) };
  }
}

function describeFailure(cause: unknown): string {
  const failure = cause as { code?: string | number; stderr?: string; message?: string };
  if (failure.code === 'ENOENT') return 'no such interpreter';
  const lastLine = (failure.stderr ?? '').trim().split('\n').at(-1);
  return lastLine || (failure.message ?? String(cause)).split('\n')[0]!;
}

export async function findCtranslate2Python(options: FindPythonOptions): Promise<PeerPython> {
  const env = options.env ?? process.env;
  const named = env[PYTHON_ENV_VAR];
  if (named) {
    const found = await ctranslate2Version(named, env);
    return 'version' in found
      ? { available: true, python: named, version: found.version, source: 'env' }
      : { available: false, reason: `${PYTHON_ENV_VAR}=${named} cannot import ctranslate2: ${found.error}`, hint: HINT };
  }
  const venvPython = path.join(options.venvDir, 'bin', 'python');
  if (existsSync(venvPython)) {
    const found = await ctranslate2Version(venvPython, env);
    if ('version' in found) return { available: true, python: venvPython, version: found.version, source: 'venv' };
  }
  return installFromPypi(options, env, venvPython);
}

async function installFromPypi(options: FindPythonOptions, env: NodeJS.ProcessEnv, venvPython: string): Promise<PeerPython> {
  const index = (env.PIP_INDEX_URL ?? DEFAULT_INDEX).replace(/\/$/, '');
  const reachable = await answers(`${index}/ctranslate2/`, options.reachTimeoutMs ?? 4000);
  if (reachable !== true) {
    return { available: false, reason: `no interpreter found that imports ctranslate2, and ${index} is not reachable to install it (${reachable})`, hint: HINT };
  }
  try {
    if (!existsSync(venvPython)) await execFileAsync(options.systemPython ?? 'python3', ['-m', 'venv', options.venvDir], { env, timeout: IMPORT_TIMEOUT_MS });
    await execFileAsync(path.join(options.venvDir, 'bin', 'pip'), ['install', '--quiet', 'ctranslate2'], { env, timeout: INSTALL_TIMEOUT_MS });
  } catch (cause) {
    return { available: false, reason: `pip install ctranslate2 into ${options.venvDir} failed: ${describeFailure(cause)}`, hint: HINT };
  }
  const found = await ctranslate2Version(venvPython, env);
  return 'version' in found
    ? { available: true, python: venvPython, version: found.version, source: 'pypi' }
    : { available: false, reason: `ctranslate2 installed from PyPI does not import: ${found.error}`, hint: HINT };
}

/** `true` when the URL answers within the timeout, else what went wrong. */
async function answers(url: string, timeoutMs: number): Promise<true | string> {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? true : `HTTP ${response.status}`;
  } catch (cause) {
    const error = cause as { name?: string; cause?: { code?: string }; message?: string };
    return error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error.cause?.code ?? error.message ?? String(cause));
  }
}
