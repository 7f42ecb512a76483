/**
 * `npm run bench:hostile`: peak RSS of one run over the five seed articles plus one long ordinary
 * article (about 26,000 short sentences, about a megabyte, inside the default limits), with the
 * fixture copy model, from an empty cache. Target: under 1 GB. A benchmark, not a test: the figure
 * depends on the machine; results go into bench/results-hostile.json.
 *   npm run bench:hostile
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { longArticle } from '../tools/long-article.ts';
import { measure } from './measure.ts';

const benchDir = import.meta.dirname;
const repo = path.dirname(benchDir);
const seeds = path.resolve(repo, '../shared/corpus/seeds');
const workspace = path.join(benchDir, '.work', 'hostile');
const copyModel = path.join(repo, 'test/fixtures/models/opus-mt-copy');
const LONG_SENTENCES = 26_000;
const TARGET_MB = 1024;

rmSync(workspace, { recursive: true, force: true });
mkdirSync(path.join(workspace, 'input'), { recursive: true });
for (const name of readdirSync(seeds)) copyFileSync(path.join(seeds, name), path.join(workspace, 'input', name));
const longFile = path.join(workspace, 'input', 'long-article.txt');
writeFileSync(longFile, longArticle({ sentences: LONG_SENTENCES }));
writeFileSync(path.join(workspace, 'pipeline.yaml'), `model:\n  id: ${copyModel}\n`);

console.error(`Running ${readdirSync(seeds).length} seed articles and a ${(statSync(longFile).size / 1e6).toFixed(2)} MB article of ${LONG_SENTENCES} sentences…`);
const run = await measure(['run'], workspace);
const report = JSON.parse(readFileSync(path.join(workspace, 'output/run.json'), 'utf8')) as { articles: number; completed: number; stages: Record<string, { ms: number }>; failures: unknown[] };
const result = {
  measured: new Date().toISOString().slice(0, 10),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 1e9).toFixed(1)} GB, Node ${process.version}`,
  model: 'fixture copy model (test/fixtures/models/opus-mt-copy)',
  articles: report.articles,
  completed: report.completed,
  failures: report.failures,
  longArticle: { sentences: LONG_SENTENCES, bytes: statSync(longFile).size },
  exitCode: run.exitCode,
  ms: run.ms,
  stageMs: Object.fromEntries(Object.entries(report.stages).map(([name, stage]) => [name, stage.ms])),
  peakRssMb: run.peakRssMb,
  targetMb: TARGET_MB,
  withinTarget: run.peakRssMb < TARGET_MB,
};
writeFileSync(path.join(benchDir, 'results-hostile.json'), `${JSON.stringify(result, null, 2)}\n`);
console.error(`exit ${run.exitCode}, ${report.completed} of ${report.articles} articles, ${(run.ms / 1000).toFixed(1)} s, peak RSS ${run.peakRssMb} MB (target < ${TARGET_MB} MB)`);
