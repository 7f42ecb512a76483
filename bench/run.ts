/**
 * `npm run bench`: decoding speed of warta's batched decoder against transformers.js's stock
 * translation pipeline, on a random-weight model with opus-mt-id-en's real shapes.
 *
 * Writes bench/results.json and the tables in bench/README.md and docs/translation.md. `--quick` runs a
 * smoke-sized version (fewer sentences and runs) to check the harness, not to quote.
 * `--case NAME` runs only the named cases (several separated by `|`; a name not found matches the
 * cases that contain it) and prints them, writing nothing.
 * `--peers` runs only the comparison with CTranslate2 (bench/peers.ts) and writes its part of
 * bench/results.json (`peers`) and its table in bench/README.md, keeping the rest.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeModelFolder } from '../tools/synthetic-model/model-folder.ts';
import { randomMarianFiles } from '../tools/synthetic-model/random-marian.ts';
import { comparePeers, type PeerSummary, peersText, runWorkerProcess } from './peers.ts';
import { FALLBACK_LENGTHS, benchSentences, seedSentenceLengths, vocabularyWords } from './sentences.ts';
import type { BenchCase, BenchCaseResult, RunBreakdown } from './worker.ts';

const benchDir = import.meta.dirname;
const repo = path.dirname(benchDir);
const workDir = path.join(benchDir, '.work');
const modelFolder = path.join(workDir, 'models', 'opus-mt-random-full');
const sentencesFile = path.join(workDir, 'sentences.json');
const quick = process.argv.includes('--quick');
const peersOnly = process.argv.includes('--peers');
const caseFilter = process.argv.includes('--case') ? process.argv[process.argv.indexOf('--case') + 1] : undefined;

const SENTENCES = 200;
const MAX_NEW_TOKENS = 32;
const RUNS = quick ? 1 : 3;
const scale = (n: number) => (quick ? Math.max(2, Math.ceil(n / 10)) : n);

interface Case extends Omit<BenchCase, 'modelFolder' | 'sentencesFile' | 'maxNewTokens' | 'runs'> {
  name: string;
  /**
   * Identity checks only, not timed: one more new token for warta. The random model never ends a
   * sentence, so both engines stop at the limit, and warta's last token is then forced to EOS
   * (Hugging Face's `forced_eos_token_id`, which the stock v2 generate leaves unimplemented). One
   * more step puts that EOS after the same tokens the stock pipeline produced.
   */
  identityOnly?: boolean;
}

/**
 * The stock pipeline decodes every sentence and beam as its own batch-1 call, so it is timed on a
 * prefix of the same sentence list (its throughput per sentence does not depend on the count); all
 * 200 would take it over 15 minutes with 4 beams.
 */
const GLOSSARY_CASE = 'warta greedy, batch 16, a glossary term in 1/4';
const CASES: Case[] = [
  { name: 'stock greedy', engine: 'stock', quantized: true, beams: 1, batchSize: 1, limit: scale(32) },
  { name: 'stock 4 beams', engine: 'stock', quantized: true, beams: 4, batchSize: 1, limit: scale(4) },
  { name: 'warta greedy, batch 1', engine: 'warta', quantized: true, beams: 1, batchSize: 1, limit: scale(32) },
  { name: 'warta greedy, batch 8', engine: 'warta', quantized: true, beams: 1, batchSize: 8, limit: scale(64) },
  { name: 'warta greedy, batch 16', engine: 'warta', quantized: true, beams: 1, batchSize: 16, limit: scale(SENTENCES) },
  // Every fourth sentence must contain two of its own words: its four constraint beams share the
  // batch's decoder calls with the greedy rows of the others.
  { name: GLOSSARY_CASE, engine: 'warta', quantized: true, beams: 1, batchSize: 16, limit: scale(64), termEvery: 4 },
  { name: 'warta greedy, batch 32', engine: 'warta', quantized: true, beams: 1, batchSize: 32, limit: scale(96) },
  { name: 'warta 2 beams, batch 16', engine: 'warta', quantized: true, beams: 2, batchSize: 16, limit: scale(32) },
  { name: 'warta 4 beams, batch 16', engine: 'warta', quantized: true, beams: 4, batchSize: 16, limit: scale(64) },
  { name: 'warta 4 beams, batch 8', engine: 'warta', quantized: true, beams: 4, batchSize: 8, limit: scale(32) },
  // model.threads and model.memory_arena: the product's defaults (1 thread, arena on) against the alternatives.
  { name: 'warta greedy, batch 16, 2 threads', engine: 'warta', quantized: true, beams: 1, batchSize: 16, limit: scale(SENTENCES), runtime: { threads: 2, memoryArena: true } },
  { name: 'warta 4 beams, batch 16, 2 threads', engine: 'warta', quantized: true, beams: 4, batchSize: 16, limit: scale(64), runtime: { threads: 2, memoryArena: true } },
  { name: 'warta 4 beams, batch 16, no memory arena', engine: 'warta', quantized: true, beams: 4, batchSize: 16, limit: scale(64), runtime: { threads: 1, memoryArena: false } },
  { name: 'stock greedy, fp32', engine: 'stock', quantized: false, beams: 1, batchSize: 1, limit: scale(12) },
  { name: 'warta greedy, batch 16, fp32', engine: 'warta', quantized: false, beams: 1, batchSize: 16, limit: scale(64) },
  { name: 'identity: warta greedy, batch 16', engine: 'warta', quantized: true, beams: 1, batchSize: 16, limit: scale(32), identityOnly: true },
  { name: 'identity: warta greedy, batch 16, fp32', engine: 'warta', quantized: false, beams: 1, batchSize: 16, limit: scale(12), identityOnly: true },
];

interface Measured {
  name: string;
  engine: 'stock' | 'warta';
  precision: 'int8' | 'fp32';
  beams: number;
  batchSize: number;
  sentences: number;
  runs: number;
  medianMs: number;
  sentencesPerSecond: number;
  tokensPerSecond: number;
  peakRssMb: number;
  loadMs: number;
  /** Process CPU time (all threads) per wall-clock second of the run: how much of the 2 cores it used. */
  cpuPerWallSecond: number;
  breakdown?: StepBreakdown;
}

/**
 * Where a decoder step's time goes, median over runs: milliseconds per step for each decoder phase
 * (the encoder spread over the steps), `other` for the rest of the run (tokenizer, batching), and
 * the share of the run's wall-clock time in GC pauses, which fall inside the phases.
 */
interface StepBreakdown {
  steps: number;
  meanRowsPerStep: number;
  msPerStep: Record<string, number>;
  share: Record<string, number>;
  gcShare: number;
  gcPausesPerStep: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function prepare(): { seedLengths: boolean } {
  if (!existsSync(path.join(modelFolder, 'onnx', 'decoder_model_merged_quantized.onnx'))) {
    console.error(`building the random-weight model with opus-mt-id-en's shapes into ${path.relative(repo, modelFolder)} (once)…`);
    writeModelFolder(modelFolder, randomMarianFiles({ preset: 'full' }));
  }
  const lengths = seedSentenceLengths(path.join(repo, '..', 'shared', 'corpus', 'seeds'));
  const sentences = benchSentences(vocabularyWords(path.join(modelFolder, 'tokenizer.json')), lengths ?? FALLBACK_LENGTHS, SENTENCES);
  mkdirSync(workDir, { recursive: true });
  writeFileSync(sentencesFile, JSON.stringify(sentences));
  return { seedLengths: lengths !== null };
}

async function runCase(spec: Case): Promise<{ measured: Measured; outputs: string[] }> {
  const full: BenchCase = { ...spec, modelFolder, sentencesFile, maxNewTokens: MAX_NEW_TOKENS + (spec.identityOnly ? 1 : 0), runs: spec.identityOnly ? 1 : RUNS };
  const result: BenchCaseResult = await runWorkerProcess(full, repo);
  const medianMs = median(result.runs.map((r) => r.ms));
  const breakdowns = result.runs.flatMap((r) => (r.breakdown ? [{ ms: r.ms, ...r.breakdown }] : []));
  const medianTokens = median(result.runs.map((r) => r.tokens));
  const measured: Measured = {
    name: spec.name,
    engine: spec.engine,
    precision: spec.quantized ? 'int8' : 'fp32',
    beams: spec.beams,
    batchSize: spec.batchSize,
    sentences: spec.limit,
    runs: RUNS,
    medianMs: round(medianMs, 0),
    sentencesPerSecond: round(spec.limit / (medianMs / 1000)),
    tokensPerSecond: round(medianTokens / (medianMs / 1000), 1),
    peakRssMb: round(result.peakRssMb, 0),
    loadMs: round(result.loadMs, 0),
    cpuPerWallSecond: round(median(result.runs.map((r) => r.cpuMs / r.ms))),
    ...(breakdowns.length > 0 ? { breakdown: stepBreakdown(breakdowns) } : {}),
  };
  console.error(`${spec.name.padEnd(30)} ${String(measured.sentencesPerSecond).padStart(7)} sentences/s  ${String(measured.tokensPerSecond).padStart(7)} tokens/s  RSS ${measured.peakRssMb} MB`);
  return { measured, outputs: result.outputs };
}

function stepBreakdown(runs: Array<RunBreakdown & { ms: number }>): StepBreakdown {
  const phaseNames = [...new Set(runs.flatMap((r) => Object.keys(r.phases)))];
  const perStep = (run: RunBreakdown & { ms: number }) => {
    const phases = Object.fromEntries(phaseNames.map((name) => [name, (run.phases[name as keyof RunBreakdown['phases']] ?? 0) / run.steps]));
    const timed = Object.values(phases).reduce((a, b) => a + b, 0);
    return { ...phases, other: Math.max(0, run.ms / run.steps - timed) };
  };
  const steps = runs.map(perStep);
  const names = [...phaseNames, 'other'];
  const msPerStep = Object.fromEntries(names.map((name) => [name, round(median(steps.map((s) => s[name as keyof typeof s] as number)), 3)]));
  const total = Object.values(msPerStep).reduce((a, b) => a + b, 0);
  return {
    steps: median(runs.map((r) => r.steps)),
    meanRowsPerStep: round(median(runs.map((r) => r.rows / r.steps)), 1),
    msPerStep,
    share: Object.fromEntries(names.map((name) => [name, round(msPerStep[name]! / total, 3)])),
    gcShare: round(median(runs.map((r) => r.gcMs / r.ms)), 3),
    gcPausesPerStep: round(median(runs.map((r) => r.gcCount / r.steps)), 2),
  };
}

function breakdownTable(rows: Measured[]): string {
  const withBreakdown = rows.filter((row) => row.breakdown);
  const phases = [...new Set(withBreakdown.flatMap((row) => Object.keys(row.breakdown!.msPerStep)))];
  const lines = [
    `| configuration | rows/step | ${phases.join(' | ')} | GC share |`,
    `|---|---:|${phases.map(() => '---:').join('|')}|---:|`,
  ];
  for (const row of withBreakdown) {
    const b = row.breakdown!;
    const cells = phases.map((phase) => `${b.msPerStep[phase] ?? 0} (${Math.round((b.share[phase] ?? 0) * 100)}%)`);
    lines.push(`| ${row.name} | ${b.meanRowsPerStep} | ${cells.join(' | ')} | ${Math.round(b.gcShare * 100)}% |`);
  }
  return lines.join('\n');
}

function identicalShare(a: string[], b: string[]): { identical: number; of: number; share: number } {
  const n = Math.min(a.length, b.length);
  const identical = a.slice(0, n).filter((text, i) => text === b[i]).length;
  return { identical, of: n, share: round(identical / n, 4) };
}

function machine() {
  const cpus = os.cpus();
  const ort = JSON.parse(readFileSync(path.join(repo, 'node_modules', 'onnxruntime-node', 'package.json'), 'utf8')) as { version: string };
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    onnxruntimeNode: ort.version,
  };
}

function table(rows: Measured[], ratios: Map<string, number>): string {
  const lines = [
    '| configuration | precision | sentences timed | sentences/s | target tokens/s | peak RSS (MB) | vs stock |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const ratio = ratios.get(row.name);
    lines.push(`| ${row.name} | ${row.precision} | ${row.sentences} | ${row.sentencesPerSecond} | ${row.tokensPerSecond} | ${row.peakRssMb} | ${ratio === undefined ? '' : `${ratio}×`} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const { seedLengths } = prepare();
  if (caseFilter !== undefined) {
    for (const spec of selectedCases(caseFilter)) console.log(JSON.stringify((await runCase(spec)).measured));
    return;
  }
  if (peersOnly) {
    writePeerResults(await peerComparison());
    return;
  }
  const results = new Map<string, { measured: Measured; outputs: string[] }>();
  // One configuration at a time: the machine has two cores and each run should have both.
  for (const spec of CASES) results.set(spec.name, await runCase(spec));
  const get = (name: string) => results.get(name)!;
  const stockFor = (m: Measured) => (m.precision === 'fp32' ? get('stock greedy, fp32') : m.beams === 1 ? get('stock greedy') : m.beams === 4 ? get('stock 4 beams') : undefined);
  const ratios = new Map<string, number>();
  for (const { measured } of results.values()) {
    const stock = measured.engine === 'warta' ? stockFor(measured) : undefined;
    if (stock) ratios.set(measured.name, round(measured.sentencesPerSecond / stock.measured.sentencesPerSecond, 1));
  }
  const greedyRatio = ratios.get('warta greedy, batch 16')!;
  const beamRatio = ratios.get('warta 4 beams, batch 16')!;
  const identity = {
    int8: identicalShare(get('identity: warta greedy, batch 16').outputs, get('stock greedy').outputs),
    fp32: identicalShare(get('identity: warta greedy, batch 16, fp32').outputs, get('stock greedy, fp32').outputs),
  };
  const rows = [...results.entries()].filter(([name]) => !name.startsWith('identity:')).map(([, r]) => r.measured);
  const glossary = glossaryCost(get(GLOSSARY_CASE).measured, get('warta greedy, batch 16').measured);
  const summary = {
    date: new Date().toISOString(),
    quick,
    machine: machine(),
    model: 'random weights, opus-mt-id-en shapes: d_model 512, 6+6 layers, 8 heads, FFN 2048, vocab 54,796',
    sentences: { count: SENTENCES, lengths: seedLengths ? 'words per sentence drawn from ../shared/corpus/seeds' : 'fixed fallback distribution', maxNewTokens: MAX_NEW_TOKENS },
    runsPerCase: RUNS,
    statistic: 'median over runs',
    targets: {
      greedyBatch16VsStockGreedy: { ratio: greedyRatio, target: 5, met: greedyRatio >= 5 },
      fourBeamsVsStockFourBeams: { ratio: beamRatio, target: 10, met: beamRatio >= 10 },
    },
    identicalGreedyOutputsVsStock: identity,
    glossary,
    cases: rows,
    peers: { ctranslate2: await peerComparison() },
    benchSeconds: round((performance.now() - started) / 1000, 0),
  };
  writeFileSync(path.join(benchDir, 'results.json'), `${JSON.stringify(summary, null, 2)}\n`);

  const m = summary.machine;
  const text = [
    `Measured ${summary.date.slice(0, 10)}${quick ? ' (quick mode: smoke figures, not for quoting)' : ''} on ${m.cores} × ${m.cpu}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, onnxruntime-node ${m.onnxruntimeNode}.`,
    `Model: ${summary.model}. ${SENTENCES} sentences with ${summary.sentences.lengths}, ${MAX_NEW_TOKENS} new tokens at most; each figure is the median of ${RUNS} run${RUNS === 1 ? '' : 's'}, each configuration in its own process.`,
    '',
    table(rows, ratios),
    '',
    `Targets: greedy at batch 16 is **${greedyRatio}×** the stock pipeline's greedy (target ≥ 5×); 4 beams at batch 16 is **${beamRatio}×** the stock pipeline's 4 beams (target ≥ 10×).`,
    `Greedy outputs identical to the stock pipeline's (with warta allowed one more step for its forced end-of-sentence token, see bench/README.md): int8 ${identity.int8.identical}/${identity.int8.of}, fp32 ${identity.fp32.identical}/${identity.fp32.of}.`,
    `A glossary term in a quarter of the sentences (greedy, batch 16, constraint_beams 4): ${glossary.sentencesPerSecond} sentences/s against ${glossary.unconstrainedSentencesPerSecond} unconstrained, **${glossary.timePerSentence}×** the time per sentence.`,
    '',
    'Per decoder step, milliseconds (share of the step), median over runs; `other` is the rest of the run (tokenizer, batching); GC pauses fall inside the phases:',
    '',
    breakdownTable(rows),
  ].join('\n');
  replaceBetweenMarkers(path.join(benchDir, 'README.md'), text);
  replaceBetweenMarkers(path.join(repo, 'docs/translation.md'), text);
  replaceBetweenMarkers(path.join(benchDir, 'README.md'), peersText(summary.peers.ctranslate2), 'bench-peers');
  console.error(`\nwrote bench/results.json and the tables in bench/README.md and docs/translation.md (${summary.benchSeconds} s)`);
}

function selectedCases(filter: string): Case[] {
  return filter.split('|').flatMap((name) => {
    const exact = CASES.filter((c) => c.name === name);
    return exact.length > 0 ? exact : CASES.filter((c) => c.name.includes(name));
  });
}

/** The glossary case's cost next to unconstrained greedy at the same batch size. */
function glossaryCost(withTerms: Measured, unconstrained: Measured) {
  return {
    sentencesPerSecond: withTerms.sentencesPerSecond,
    unconstrainedSentencesPerSecond: unconstrained.sentencesPerSecond,
    timePerSentence: round(unconstrained.sentencesPerSecond / withTerms.sentencesPerSecond, 2),
    peakRssMb: withTerms.peakRssMb,
    unconstrainedPeakRssMb: unconstrained.peakRssMb,
  };
}

/** CTranslate2 beside warta on the same weights and token ids; the main cases' figures are not affected by it. */
function peerComparison(): Promise<PeerSummary> {
  return comparePeers({
    modelFolder,
    sentencesFile,
    workDir,
    newTokens: MAX_NEW_TOKENS,
    repetitions: RUNS,
    quick,
    sentences: { greedy: scale(SENTENCES), beams: scale(64), identity: scale(64) },
  });
}

/** `--peers`: replaces `peers.ctranslate2` in results.json, keeping every other figure, and the README's peer table. */
function writePeerResults(peers: PeerSummary): void {
  const resultsFile = path.join(benchDir, 'results.json');
  const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(resultsFile, `${JSON.stringify({ ...previous, peers: { ctranslate2: peers } }, null, 2)}\n`);
  replaceBetweenMarkers(path.join(benchDir, 'README.md'), peersText(peers), 'bench-peers');
  console.error('\nwrote peers.ctranslate2 in bench/results.json and the peer table in bench/README.md');
}

function replaceBetweenMarkers(file: string, text: string, marker = 'bench'): void {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const current = readFileSync(file, 'utf8');
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`${file} has no ${start} … ${end} markers`);
  writeFileSync(file, `${current.slice(0, from + start.length)}\n${text}\n${current.slice(to)}`);
}

await main();
