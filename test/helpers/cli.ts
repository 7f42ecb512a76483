import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
export const REPO = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(REPO, 'bin/warta.js');
export const COPY_MODEL = path.join(REPO, 'test/fixtures/models/opus-mt-copy');
export const FIXTURE_ARTICLES = path.join(REPO, 'test/fixtures/articles');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `warta ARGS` in `cwd` as a user would, without a TTY. */
export async function warta(args: string[], cwd: string): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true', WARTA_DEBUG: '' }, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Starts `warta ARGS` without waiting, for tests that kill it or race it. */
export function startWarta(args: string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

/** Every file under `dir` (relative path → bytes), except those `skip` names. */
export function readTree(dir: string, skip: (relative: string) => boolean = () => false): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative))) {
      const child = relative ? `${relative}/${name}` : name;
      if (statSync(path.join(dir, child)).isDirectory()) visit(child);
      else if (!skip(child)) files.set(child, readFileSync(path.join(dir, child), 'latin1'));
    }
  };
  visit('');
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

export const STACK_TRACE = /\n\s+at /;
