/**
 * `npm run bench:scale`: the pipeline on synthetic corpora of N = 1,000 and 10,000 articles in the
 * style of the seeds, with the fixture copy model (so the figures measure the pipeline, not a
 * model). Per N: the first run's time and peak RSS, a re-run with nothing changed, and `status`.
 * Targets: peak RSS flat within 20% from 1,000 to 10,000; the re-run under 1/50 of the first run;
 * `status` under 2 s. Each first run is made `--runs` times (3 by default), each from an empty cache,
 * and the targets use the medians: the peak alone moves by tens of MB between identical runs.
 * Results go into bench/results.json (`scale`) and the tables in bench/README.md and docs/scaling.md.
 *   npm run bench:scale [-- --sizes 1000,10000] [-- --runs 3]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HEAP_GROWING_PERCENT } from '../src/cli/heap.ts';
import { writeSyntheticCorpus } from '../tools/synthetic-corpus.ts';
import { measure, type Measured } from './measure.ts';

const benchDir = import.meta.dirname;
const repo = path.dirname(benchDir);
const workDir = path.join(benchDir, '.work', 'scale');
const copyModel = path.join(repo, 'test/fixtures/models/opus-mt-copy');
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = sizesArg === -1 ? [1000, 10000] : process.argv[sizesArg + 1]!.split(',').map(Number);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg === -1 ? 3 : Number(process.argv[runsArg + 1]);

async function scaleCase(articles: number) {
  const corpus = path.join(workDir, `corpus-${articles}`);
  if (!existsSync(path.join(corpus, '.complete'))) {
    rmSync(corpus, { recursive: true, force: true });
    writeSyntheticCorpus(corpus, { articles, seed: 11 });
    writeFileSync(path.join(corpus, '.complete'), '');
  }
  const workspace = path.join(workDir, `run-${articles}`);
  const firstRuns: Measured[] = [];
  for (let run = 1; run <= RUNS; run++) {
    rmSync(workspace, { recursive: true, force: true });
    mkdirSync(workspace, { recursive: true });
    writeFileSync(path.join(workspace, 'pipeline.yaml'), `input: ${corpus}\nmodel:\n  id: ${copyModel}\nconcurrency: 2\n`);
    console.error(`N = ${articles}: first run ${run} of ${RUNS}…`);
    const first = await measure(['run'], workspace);
    if (first.exitCode !== 0) throw new Error(`the first run of ${articles} articles exited with ${first.exitCode}`);
    console.error(`  ${(first.ms / 1000).toFixed(1)} s, peak RSS ${first.peakRssMb} MB`);
    firstRuns.push(first);
  }
  const first = { ms: median(firstRuns.map((r) => r.ms)), peakRssMb: median(firstRuns.map((r) => r.peakRssMb)) };
  console.error('  re-run of the last…');
  const rerun = await measure(['run'], workspace);
  const status = await measure(['status'], workspace);
  const report = JSON.parse(readFileSync(path.join(workspace, 'output/run.json'), 'utf8')) as { stages: Record<string, { ran: number }> };
  const rerunRanNothing = Object.values(report.stages).every((s) => s.ran === 0);
  console.error(`  re-run ${(rerun.ms / 1000).toFixed(2)} s (ran nothing: ${rerunRanNothing}), status ${(status.ms / 1000).toFixed(2)} s`);
  return { articles, firstRuns, first, rerun, rerunRanNothing, status, rerunShare: Math.round((rerun.ms / first.ms) * 10000) / 10000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

const cases = [];
for (const size of SIZES) cases.push(await scaleCase(size));
const smallest = cases[0]!;
const largest = cases.at(-1)!;
const rssGrowth = Math.round((largest.first.peakRssMb / smallest.first.peakRssMb - 1) * 1000) / 10;
const scale = {
  date: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version },
  model: 'fixture copy model (test/fixtures/models/opus-mt-copy)',
  runs: RUNS,
  heapGrowth: process.env.WARTA_HEAP_GROWTH ?? `${HEAP_GROWING_PERCENT}% (the CLI's default, src/cli/heap.ts)`,
  corpus: 'synthetic articles in the seeds\' style (tools/synthetic-corpus.ts), seed 11',
  cases,
  targets: {
    peakRssGrowthPercent: { value: rssGrowth, target: '≤ 20', met: rssGrowth <= 20 },
    rerunShareOfFirstRun: { value: largest.rerunShare, target: '< 0.02', met: cases.every((c) => c.rerunShare < 0.02) },
    statusSeconds: { value: largest.status.ms / 1000, target: '< 2', met: cases.every((c) => c.status.ms < 2000) },
  },
};
const resultsFile = path.join(benchDir, 'results.json');
const results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};
writeFileSync(resultsFile, `${JSON.stringify({ ...results, scale }, null, 2)}\n`);

const rows = cases.map(
  (c) =>
    `| ${c.articles.toLocaleString('en')} | ${(c.first.ms / 1000).toFixed(1)} s (${c.firstRuns.map((r) => (r.ms / 1000).toFixed(0)).join(', ')}) | ${c.first.peakRssMb} MB (${c.firstRuns.map((r) => r.peakRssMb).join(', ')}) | ${(c.rerun.ms / 1000).toFixed(2)} s (${(c.rerunShare * 100).toFixed(2)}%) | ${c.rerun.peakRssMb} MB | ${(c.status.ms / 1000).toFixed(2)} s |`,
);
const text = [
  `Measured ${scale.date.slice(0, 10)} on ${scale.machine.cores} × ${scale.machine.cpu}, Node ${scale.machine.node}; ${scale.model}; ${scale.corpus}; V8 heap growth ${scale.heapGrowth}.`,
  '',
  `| articles | first run: median (each of ${RUNS}) | peak RSS: median (each) | re-run, nothing changed (share of first) | re-run peak RSS | \`warta status\` |`,
  '|---:|---:|---:|---:|---:|---:|',
  ...rows,
  '',
  `Median peak RSS grows ${rssGrowth}% from ${smallest.articles.toLocaleString('en')} to ${largest.articles.toLocaleString('en')} articles (target ≤ 20%); the re-run takes ${(largest.rerunShare * 100).toFixed(2)}% of the first run (target < 2%); status answers in ${(largest.status.ms / 1000).toFixed(2)} s (target < 2 s).`,
].join('\n');
for (const file of [path.join(benchDir, 'README.md'), path.join(repo, 'docs/scaling.md')]) {
  const current = readFileSync(file, 'utf8');
  const start = '<!-- bench-scale:start -->';
  const end = '<!-- bench-scale:end -->';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`${file} has no ${start} … ${end} markers`);
  writeFileSync(file, `${current.slice(0, from + start.length)}\n${text}\n${current.slice(to)}`);
}
console.error('\nwrote bench/results.json (scale) and the tables in bench/README.md and docs/scaling.md');
