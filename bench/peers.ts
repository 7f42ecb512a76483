/**
 * CTranslate2 beside warta (issue 17): the same random weights, the same source token ids, exactly
 * the same number of generated tokens per sentence, each engine in its own process, runs
 * interleaved (warta, then CTranslate2, per repetition), medians over repetitions.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tokenizerVocabulary } from './peers/ctranslate2/export-weights.ts';
import { BUILD_ENV_VAR, findCtranslate2Python, type PeerPython } from './peers/ctranslate2/find-python.ts';
import { type ComputeType, type PeerModel, preparePeerModel, sourcePieces } from './peers/ctranslate2/model.ts';
import type { BenchCase, BenchCaseResult } from './worker.ts';

const execFileAsync = promisify(execFile);
const benchDir = import.meta.dirname;
const RUN_SCRIPT = path.join(benchDir, 'peers', 'ctranslate2', 'run.py');
export const PEER_THREADS = { intra: 2, inter: 1 };

export interface PeerContext {
  modelFolder: string;
  sentencesFile: string;
  workDir: string;
  newTokens: number;
  repetitions: number;
  /** Smoke figures (`--quick`), not for quoting. */
  quick: boolean;
  /** Sentence counts: greedy cases use `greedy`, beam cases a prefix of `beams`, the fp32 identity check `identity`. */
  sentences: { greedy: number; beams: number; identity: number };
}

interface PeerConfiguration {
  name: string;
  beams: number;
  batchSize: number;
}

const CONFIGURATIONS: PeerConfiguration[] = [
  { name: 'greedy-b16', beams: 1, batchSize: 16 },
  { name: 'greedy-b32', beams: 1, batchSize: 32 },
  { name: 'beam4-b16', beams: 4, batchSize: 16 },
  { name: 'beam4-b32', beams: 4, batchSize: 32 },
];

export interface EngineFigures {
  medianMs: number;
  sentencesPerSecond: number;
  tokensPerSecond: number;
  peakRssMb: number;
  loadMs: number;
}

export interface ConfigurationComparison {
  precision: 'int8';
  beams: number;
  batchSize: number;
  sentences: number;
  warta: EngineFigures;
  ctranslate2: EngineFigures;
  throughputRatio: number;
  rssRatio: number;
}

export type PeerSummary =
  | { available: false; reason: string; hint: string }
  | {
      available: true;
      date: string;
      quick: boolean;
      version: string;
      threads: typeof PEER_THREADS;
      build: string;
      /** The runtime warta ran on, whatever its thread settings are: the worker uses warta's own. */
      wartaRuntime: string;
      repetitions: number;
      newTokensPerSentence: number;
      configurations: Record<string, ConfigurationComparison>;
      fp32Identity: { identical: number; total: number; share: number };
    };

interface RunOutcome {
  runs: Array<{ ms: number; tokens: number }>;
  peakRssMb: number;
  loadMs: number;
}

interface PeerInputs {
  sourcesFile: string;
  vocabularyFile: string;
  vocabulary: string[];
  suppressedTokens: string[];
  decode(ids: number[]): string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs `bench/worker.ts` on one case in its own process and returns its JSON line. */
export async function runWorkerProcess(spec: BenchCase, cwd: string): Promise<BenchCaseResult> {
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', path.join(benchDir, 'worker.ts'), JSON.stringify(spec)], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as BenchCaseResult;
}

export async function comparePeers(context: PeerContext): Promise<PeerSummary> {
  const python = await findCtranslate2Python({ venvDir: path.join(context.workDir, 'venv') });
  if (!python.available) {
    console.error(`CTranslate2 peer unavailable: ${python.reason}\n  ${python.hint}`);
    return python;
  }
  try {
    const model = await preparePeerModel(python.python, context.modelFolder, path.join(context.workDir, 'ctranslate2'));
    const inputs = await writePeerInputs(context);
    const configurations: Record<string, ConfigurationComparison> = {};
    for (const configuration of CONFIGURATIONS) configurations[configuration.name] = await compareConfiguration(configuration, context, python, model, inputs);
    const fp32Identity = await fp32IdentityShare(context, python, model, inputs);
    return {
      available: true,
      date: new Date().toISOString(),
      quick: context.quick,
      version: python.version,
      threads: PEER_THREADS,
      build: buildDescription(python),
      wartaRuntime: wartaRuntime(),
      repetitions: context.repetitions,
      newTokensPerSentence: context.newTokens,
      configurations,
      fp32Identity,
    };
  } catch (cause) {
    const reason = `the CTranslate2 comparison failed: ${String((cause as { stderr?: string }).stderr || (cause as Error).message || cause).trim().split('\n').at(-1)}`;
    console.error(reason);
    return { available: false, reason, hint: `check that ${python.python} can run bench/peers/ctranslate2/convert.py and run.py, then npm run bench -- --peers` };
  }
}

function buildDescription(python: Extract<PeerPython, { available: true }>): string {
  const described = process.env[BUILD_ENV_VAR];
  if (described) return described;
  return python.source === 'pypi' ? 'official PyPI wheel (oneDNN 3, Intel OpenMP)' : `not described (set ${BUILD_ENV_VAR})`;
}

function wartaRuntime(): string {
  const packageJson = path.join(path.dirname(benchDir), 'node_modules', 'onnxruntime-node', 'package.json');
  return `onnxruntime-node ${(JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version}`;
}

/** The bench sentences as our tokenizer's pieces, the vocabulary in id order, and a decoder back to text. */
async function writePeerInputs(context: PeerContext): Promise<PeerInputs> {
  const { AutoTokenizer, env } = await import('@xenova/transformers');
  env.allowRemoteModels = false;
  env.localModelPath = `${path.dirname(context.modelFolder)}/`;
  const tokenizer = (await AutoTokenizer.from_pretrained(path.basename(context.modelFolder))) as unknown as {
    encode(text: string): number[];
    decode(ids: number[], options: { skip_special_tokens: boolean }): string;
  };
  const vocabulary = tokenizerVocabulary(readFileSync(path.join(context.modelFolder, 'tokenizer.json'), 'utf8'));
  const config = JSON.parse(readFileSync(path.join(context.modelFolder, 'config.json'), 'utf8')) as { bad_words_ids?: number[][] };
  const sentences = JSON.parse(readFileSync(context.sentencesFile, 'utf8')) as string[];
  const dir = path.join(context.workDir, 'ctranslate2');
  mkdirSync(dir, { recursive: true });
  const inputs = { sourcesFile: path.join(dir, 'sources.json'), vocabularyFile: path.join(dir, 'vocabulary.json') };
  writeFileSync(inputs.sourcesFile, JSON.stringify(sourcePieces(sentences.map((s) => tokenizer.encode(s)), vocabulary)));
  writeFileSync(inputs.vocabularyFile, JSON.stringify(vocabulary));
  return {
    ...inputs,
    vocabulary,
    suppressedTokens: (config.bad_words_ids ?? []).filter((ids) => ids.length === 1).map((ids) => vocabulary[ids[0]!]!),
    decode: (ids) => tokenizer.decode(ids, { skip_special_tokens: true }).trim(),
  };
}

interface PeerRun {
  computeType: ComputeType;
  beams: number;
  batchSize: number;
  limit: number;
  newTokens: number;
  runs: number;
  warmUp: boolean;
}

async function runWarta(context: PeerContext, run: PeerRun): Promise<{ outcome: RunOutcome; outputs: string[] }> {
  const result = await runWorkerProcess(
    {
      engine: 'warta',
      modelFolder: context.modelFolder,
      sentencesFile: context.sentencesFile,
      quantized: run.computeType === 'int8',
      beams: run.beams,
      batchSize: run.batchSize,
      maxNewTokens: run.newTokens,
      limit: run.limit,
      runs: run.runs,
      warmUp: run.warmUp,
    },
    path.dirname(benchDir),
  );
  // The worker counts the tokens of each output text; every output also ends with an EOS (its own or forced), a generated token too.
  const runs = result.runs.map((r) => ({ ms: r.ms, tokens: r.tokens + run.limit }));
  return { outcome: { runs, peakRssMb: result.peakRssMb, loadMs: result.loadMs }, outputs: result.outputs };
}

async function runCtranslate2(python: string, model: PeerModel, inputs: PeerInputs, run: PeerRun): Promise<{ outcome: RunOutcome; outputs: number[][] }> {
  const sources = JSON.parse(readFileSync(inputs.sourcesFile, 'utf8')) as string[][];
  const prefixFile = `${inputs.sourcesFile.replace(/\.json$/, '')}-${run.limit}.json`;
  writeFileSync(prefixFile, JSON.stringify(sources.slice(0, run.limit)));
  const request = {
    model: model.directory(run.computeType),
    computeType: run.computeType,
    sourcesFile: prefixFile,
    vocabularyFile: inputs.vocabularyFile,
    batchSize: run.batchSize,
    beams: run.beams,
    newTokens: run.newTokens,
    runs: run.runs,
    intraThreads: PEER_THREADS.intra,
    suppressedTokens: inputs.suppressedTokens,
  };
  const { stdout } = await execFileAsync(python, [RUN_SCRIPT, JSON.stringify(request)], { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as RunOutcome & { outputs: number[][] };
  return { outcome: { runs: result.runs, peakRssMb: result.peakRssMb, loadMs: result.loadMs }, outputs: result.outputs };
}

function figures(outcomes: RunOutcome[], sentences: number): EngineFigures {
  const ms = median(outcomes.flatMap((o) => o.runs.map((r) => r.ms)));
  const tokens = median(outcomes.flatMap((o) => o.runs.map((r) => r.tokens)));
  return {
    medianMs: round(ms, 0),
    sentencesPerSecond: round(sentences / (ms / 1000)),
    tokensPerSecond: round(tokens / (ms / 1000), 1),
    peakRssMb: round(median(outcomes.map((o) => o.peakRssMb)), 0),
    loadMs: round(median(outcomes.map((o) => o.loadMs)), 0),
  };
}

async function compareConfiguration(
  configuration: PeerConfiguration,
  context: PeerContext,
  python: Extract<PeerPython, { available: true }>,
  model: PeerModel,
  inputs: PeerInputs,
): Promise<ConfigurationComparison> {
  const sentences = configuration.beams === 1 ? context.sentences.greedy : context.sentences.beams;
  const run: PeerRun = { computeType: 'int8', beams: configuration.beams, batchSize: configuration.batchSize, limit: sentences, newTokens: context.newTokens, runs: 1, warmUp: true };
  const warta: RunOutcome[] = [];
  const ctranslate2: RunOutcome[] = [];
  for (let repetition = 0; repetition < context.repetitions; repetition++) {
    warta.push((await runWarta(context, run)).outcome);
    ctranslate2.push((await runCtranslate2(python.python, model, inputs, run)).outcome);
  }
  const comparison: ConfigurationComparison = {
    precision: 'int8',
    beams: configuration.beams,
    batchSize: configuration.batchSize,
    sentences,
    warta: figures(warta, sentences),
    ctranslate2: figures(ctranslate2, sentences),
    throughputRatio: 0,
    rssRatio: 0,
  };
  comparison.throughputRatio = round(comparison.warta.tokensPerSecond / comparison.ctranslate2.tokensPerSecond);
  comparison.rssRatio = round(comparison.warta.peakRssMb / comparison.ctranslate2.peakRssMb);
  console.error(
    `${configuration.name.padEnd(12)} warta ${comparison.warta.tokensPerSecond} tokens/s, ${comparison.warta.peakRssMb} MB; CTranslate2 ${comparison.ctranslate2.tokensPerSecond} tokens/s, ${comparison.ctranslate2.peakRssMb} MB`,
  );
  return comparison;
}

/**
 * Greedy fp32, token for token: CTranslate2 generates exactly `newTokens`; warta gets one more step,
 * so its forced EOS comes after the same tokens, and its text is compared with CTranslate2's ids
 * decoded by the same tokenizer.
 */
async function fp32IdentityShare(context: PeerContext, python: Extract<PeerPython, { available: true }>, model: PeerModel, inputs: PeerInputs) {
  const run: PeerRun = { computeType: 'float32', beams: 1, batchSize: 16, limit: context.sentences.identity, newTokens: context.newTokens, runs: 1, warmUp: false };
  const warta = await runWarta(context, { ...run, newTokens: context.newTokens + 1 });
  const ctranslate2 = await runCtranslate2(python.python, model, inputs, run);
  const identical = ctranslate2.outputs.filter((ids, i) => inputs.decode(ids) === warta.outputs[i]).length;
  return { identical, total: ctranslate2.outputs.length, share: round(identical / ctranslate2.outputs.length, 4) };
}

/** The README's peer section, from `results.json`'s `peers.ctranslate2`. */
export function peersText(peers: PeerSummary): string {
  if (!peers.available) return `CTranslate2 was not measured in the last run: ${peers.reason}. To measure it: ${peers.hint}.`;
  const lines = [
    `Measured ${peers.date.slice(0, 10)}${peers.quick ? ' (quick mode: smoke figures, not for quoting)' : ''}: CTranslate2 ${peers.version}, ${peers.threads.intra} intra-op threads, ${peers.threads.inter} inter-op; build: ${peers.build}. warta on ${peers.wartaRuntime}, with its own thread settings.`,
    `int8, ${peers.newTokensPerSentence} generated tokens per sentence for both engines, each figure the median of ${peers.repetitions} interleaved process${peers.repetitions === 1 ? '' : 'es'} per engine.`,
    '',
    '| configuration | sentences | warta tokens/s | CTranslate2 tokens/s | throughput warta ÷ CTranslate2 | peak RSS warta (MB) | peak RSS CTranslate2 (MB) | RSS warta ÷ CTranslate2 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, c] of Object.entries(peers.configurations)) {
    lines.push(`| ${name} | ${c.sentences} | ${c.warta.tokensPerSecond} | ${c.ctranslate2.tokensPerSecond} | **${c.throughputRatio}** | ${c.warta.peakRssMb} | ${c.ctranslate2.peakRssMb} | **${c.rssRatio}** |`);
  }
  const { identical, total } = peers.fp32Identity;
  lines.push('', `fp32 greedy outputs identical token for token: ${identical}/${total} (${round((identical / total) * 100, 1)}%).`);
  return lines.join('\n');
}
