/**
 * The CLI on a terminal that reports 0 columns (a real pseudo-terminal made by util-linux `script`),
 * and interrupted by SIGINT and SIGTERM mid-run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/index.ts';
import { writeSyntheticCorpus } from '../../tools/synthetic-corpus.ts';
import { CLI, COPY_MODEL, exited, FIXTURE_ARTICLES, readTree, STACK_TRACE, startWarta, warta } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const CONFIG = `model:\n  id: ${COPY_MODEL}\nconcurrency: 2\n`;
const hasScript = spawnSync('script', ['--version']).status === 0;
const runJson = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'output/run.json'), 'utf8')) as RunReport;
const outputsOf = (dir: string) => readTree(path.join(dir, 'output'), (file) => file.startsWith('run') || file === '.warta.lock');
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' });

function workspace(input: string): string {
  const dir = tempDir('warta-terminal-');
  writeFileSync(path.join(dir, 'pipeline.yaml'), CONFIG);
  cpSync(input, path.join(dir, 'input'), { recursive: true });
  return dir;
}

/** Resolves once the child's stderr has a line matching `pattern`; rejects if the child ends first. */
function lineOn(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.split('\n').find((line) => pattern.test(line));
      if (match) resolve(match);
    });
    child.on('close', (code) => reject(new Error(`the run ended (${code}) before a line matching ${pattern}:\n${seen}`)));
  });
}

describe.skipIf(!hasScript)('a terminal that reports 0 columns', () => {
  it('gets plain progress lines, and the run finishes', async () => {
    const dir = workspace(FIXTURE_ARTICLES);
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', WARTA_DEBUG: '' };
    delete env.CI;
    const child = spawn('script', ['-qec', `stty cols 0 rows 0 && exec "${process.execPath}" "${CLI}" run`, '/dev/null'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let terminal = '';
    child.stdout!.on('data', (chunk: Buffer) => (terminal += chunk.toString()));
    const { code } = await exited(child);
    expect(code).toBe(0);
    expect(terminal).toMatch(/translate 5\/5 articles, \d+ sentences in \d+ ms/);
    expect(terminal).toContain('5 of 5 articles done');
    // No spinner: it hides the cursor and redraws its line.
    expect(terminal).not.toContain('\u001b[?25l');
    expect(terminal.length).toBeLessThan(20_000);
    expect(existsSync(path.join(dir, 'output/index.html'))).toBe(true);
  }, 120_000);
});

describe('SIGINT and SIGTERM mid-run', () => {
  const ARTICLES = 240;
  it('end the run promptly with 130 and 143, release the lock, keep the cache, and the next run completes as an uninterrupted one', async () => {
    const corpus = tempDir('warta-corpus-');
    // Enough articles that translate outlasts the plain reporter's first mid-stage line even on an idle machine.
    writeSyntheticCorpus(corpus, { articles: ARTICLES, seed: 13 });
    const dir = workspace(corpus);
    const exits: number[] = [];

    for (const [signal, expected] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const child = startWarta(['run'], dir);
      const done = exited(child);
      // Once translate has reported progress its model is loaded and work is in flight.
      await lineOn(child, new RegExp(`^translate \\d+/${ARTICLES} articles.*…$`));
      const sent = performance.now();
      child.kill(signal);
      const { code, stderr } = await done;
      exits.push(Math.round(performance.now() - sent));
      expect(code, stderr).toBe(expected);
      expect(stderr).toContain(`Interrupted (${signal}): finishing the writes in flight`);
      expect(stderr).toContain('warta: interrupted. Work already done is cached');
      expect(stderr).not.toMatch(STACK_TRACE);
      expect(existsSync(path.join(dir, 'output/.warta.lock'))).toBe(false);
      expect(runJson(dir).interrupted).toBe(true);
      expect(filesUnder(path.join(dir, 'output')).filter((file) => file.endsWith('.tmp'))).toEqual([]);
    }
    for (const ms of exits) expect(ms).toBeLessThan(3_000);

    const final = await warta(['run'], dir);
    expect(final.code, final.stderr).toBe(0);
    const report = runJson(dir);
    // What the interrupted runs finished was kept: segment entirely, translate in part.
    expect(report.stages.segment).toMatchObject({ ran: 0, cached: ARTICLES });
    expect(report.stages.translate!.cached).toBeGreaterThan(0);
    const reference = workspace(corpus);
    expect((await warta(['run'], reference)).code).toBe(0);
    expect(outputsOf(dir)).toEqual(outputsOf(reference));
  }, 300_000);
});
