/**
 * `npx tsx tools/screenshot-report.ts [--input DIR] [--model DIR] [--out FILE.png]`: runs warta over
 * the sample articles (by default with the fixture copy model, offline) into a temp folder and
 * saves a screenshot of its index.html in headless Chromium, for the README.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config/load.ts';
import { runWarta } from '../src/warta.ts';

const CHROMIUM = '/usr/bin/chromium';
const repo = path.resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: path.join(repo, 'input/samples') },
    model: { type: 'string', default: path.join(repo, 'test/fixtures/models/opus-mt-copy') },
    out: { type: 'string', default: path.join(repo, 'docs/images/report.png') },
    width: { type: 'string', default: '1200' },
    height: { type: 'string', default: '900' },
  },
});

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; install Debian's chromium package.`);
  const work = mkdtempSync(path.join(tmpdir(), 'warta-screenshot-'));
  try {
    const report = await runOver(values.input, values.model, work);
    await screenshot(path.join(report, 'index.html'), path.resolve(values.out), Number(values.width), Number(values.height), work);
    console.error(`wrote ${path.relative(process.cwd(), path.resolve(values.out))}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Returns the output folder of a run over `input`. */
async function runOver(input: string, model: string, work: string): Promise<string> {
  const output = path.join(work, 'output');
  const config = loadConfig({ cwd: work, overrides: { input: path.resolve(input), output, cache: path.join(work, '.cache'), model: path.resolve(model), offline: true } });
  const report = await runWarta(config);
  if (report.fatal) throw new Error(`the run stopped: ${report.fatal.message}`);
  if (report.failures.length > 0) throw new Error(`articles failed: ${report.failures.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  return output;
}

async function screenshot(page: string, out: string, width: number, height: number, work: string): Promise<void> {
  const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width, height },
    deviceScaleFactor: 1,
  });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(pathToFileURL(page).href);
    mkdirSync(path.dirname(out), { recursive: true });
    await tab.screenshot({ path: out });
  } finally {
    await context.close();
  }
}

await main();
