import { spawn } from 'node:child_process';
import path from 'node:path';

const benchDir = import.meta.dirname;

export interface Measured {
  exitCode: number;
  ms: number;
  peakRssMb: number;
}

/** Runs the CLI with ARGS in `cwd` through measure-cli.ts, in its own process: its exit code, wall time and peak RSS. */
export function measure(args: string[], cwd: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'measure-cli.ts'), ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
      env: { ...process.env, CI: 'true' },
    });
    let out = '';
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out.trim()) as Measured);
      } catch {
        reject(new Error(`no result from ${args.join(' ')}`));
      }
    });
  });
}

