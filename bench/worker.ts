/**
 * Runs one benchmark configuration in its own process, so its peak RSS is its own:
 *   tsx bench/worker.ts '<json BenchCase>'
 * Prints one JSON line: per-run milliseconds and generated tokens, peak RSS, and the outputs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import type { DecoderPhase, DecoderTiming } from '../src/translation/decoder/timing.ts';

export interface BenchCase {
  engine: 'stock' | 'warta';
  modelFolder: string;
  quantized: boolean;
  beams: number;
  batchSize: number;
  maxNewTokens: number;
  sentencesFile: string;
  /** Use the first `limit` sentences. */
  limit: number;
  runs: number;
  /** Every `termEvery`-th sentence gets a glossary term (two of its own words) to put in its translation (warta only). */
  termEvery?: number;
  /** onnxruntime settings of warta's sessions (warta only); the product's defaults when absent. */
  runtime?: { threads: number; memoryArena: boolean };
  /** Translate the first batch once before timing, as the peer comparison does for both engines. */
  warmUp?: boolean;
}

/** The glossary constraint of sentence `index`, if it gets one: two of its words, as a name passing through would be. */
export function benchTerms(sentences: readonly string[], termEvery: number | undefined): Array<string[] | undefined> {
  return sentences.map((sentence, index) => (termEvery && index % termEvery === 0 ? [sentence.replace(/\.$/, '').split(' ').slice(1, 3).join(' ')] : undefined));
}

/** Where one run's time went: milliseconds per phase summed over the run (warta only). */
export interface RunBreakdown {
  phases: Partial<Record<DecoderPhase, number>>;
  /** Decoder steps, and rows summed over them. */
  steps: number;
  rows: number;
  /** Garbage-collection pauses of the main thread during the run (they fall inside the phases). */
  gcMs: number;
  gcCount: number;
}

export interface BenchCaseResult {
  /** `cpuMs`: user + system CPU time of the process (every thread) during the run. */
  runs: Array<{ ms: number; tokens: number; cpuMs: number; breakdown?: RunBreakdown }>;
  peakRssMb: number;
  loadMs: number;
  outputs: string[];
}

/** Sums the decoder's phase timings, and the main thread's GC pauses, over a run. */
class PhaseProbe implements DecoderTiming {
  private current: RunBreakdown = PhaseProbe.empty();
  private readonly gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      this.current.gcMs += entry.duration;
      this.current.gcCount++;
    }
  });

  constructor() {
    this.gc.observe({ entryTypes: ['gc'] });
  }

  private static empty(): RunBreakdown {
    return { phases: {}, steps: 0, rows: 0, gcMs: 0, gcCount: 0 };
  }

  phase(phase: DecoderPhase, ms: number): void {
    this.current.phases[phase] = (this.current.phases[phase] ?? 0) + ms;
  }

  step(rows: number): void {
    this.current.steps++;
    this.current.rows += rows;
  }

  reset(): void {
    this.current = PhaseProbe.empty();
  }

  snapshot(): RunBreakdown {
    return this.current;
  }

  close(): void {
    this.gc.disconnect();
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]!) as BenchCase;
  const sentences = (JSON.parse(readFileSync(spec.sentencesFile, 'utf8')) as string[]).slice(0, spec.limit);
  const { env, pipeline } = await import('@xenova/transformers');
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.localModelPath = `${path.dirname(spec.modelFolder)}/`;
  const started = performance.now();
  const probe = new PhaseProbe();
  let translate: (texts: string[]) => Promise<string[]>;
  let countTokens: (text: string) => number;
  if (spec.engine === 'stock') {
    const stock = (await pipeline('translation', path.basename(spec.modelFolder), { quantized: spec.quantized })) as unknown as {
      (texts: string[], options: object): Promise<Array<{ translation_text: string }>>;
      tokenizer: { encode(text: string): number[] };
    };
    translate = async (texts) => (await stock(texts, { num_beams: spec.beams, max_new_tokens: spec.maxNewTokens })).map((o) => o.translation_text);
    countTokens = (text) => stock.tokenizer.encode(text).length - 1;
  } else {
    const { loadTranslator } = await import('../src/translation/engines/transformers-v2/translator.ts');
    const { locateModel } = await import('../src/translation/model-files.ts');
    const location = locateModel({ id: spec.modelFolder, dir: '.', engine: 'transformers-v2', dtype: spec.quantized ? 'q8' : 'fp32', download: false, endpoint: 'http://127.0.0.1', revision: 'main' });
    const translator = await loadTranslator(location, { id: spec.modelFolder, fingerprint: 'bench' }, path.join(path.dirname(spec.modelFolder), '..', 'cache'), {
      timing: probe,
      ...(spec.runtime ? { runtime: spec.runtime } : {}),
    });
    const terms = benchTerms(sentences, spec.termEvery);
    translate = async (texts) =>
      (await translator.translate(texts, { beams: spec.beams, maxNewTokens: spec.maxNewTokens, batchSize: spec.batchSize }, terms)).map((t) => t.text);
    countTokens = (text) => translator.countTokens(text) - 1;
  }
  const loadMs = performance.now() - started;
  if (spec.warmUp) await translate(sentences.slice(0, spec.batchSize));
  const runs: BenchCaseResult['runs'] = [];
  let outputs: string[] = [];
  for (let run = 0; run < spec.runs; run++) {
    probe.reset();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    outputs = await translate(sentences);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    await new Promise((resolve) => setTimeout(resolve, 20)); // lets the GC observer deliver its entries
    runs.push({
      ms,
      tokens: outputs.reduce((sum, text) => sum + countTokens(text), 0),
      cpuMs: (cpu.user + cpu.system) / 1000,
      ...(spec.engine === 'warta' ? { breakdown: probe.snapshot() } : {}),
    });
  }
  probe.close();
  const result: BenchCaseResult = { runs, peakRssMb: process.resourceUsage().maxRSS / 1024, loadMs, outputs };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
