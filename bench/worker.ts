/**
 * Runs one benchmark configuration in its own process, so its peak RSS is its own:
 *   tsx bench/worker.ts '<json BenchCase>'
 * Prints one JSON line: per-run milliseconds and generated tokens, peak RSS, and the outputs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

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
}

export interface BenchCaseResult {
  runs: Array<{ ms: number; tokens: number }>;
  peakRssMb: number;
  loadMs: number;
  outputs: string[];
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]!) as BenchCase;
  const sentences = (JSON.parse(readFileSync(spec.sentencesFile, 'utf8')) as string[]).slice(0, spec.limit);
  const { env, pipeline } = await import('@xenova/transformers');
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.localModelPath = `${path.dirname(spec.modelFolder)}/`;
  const started = performance.now();
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
    const translator = await loadTranslator(location, { id: spec.modelFolder, fingerprint: 'bench' }, path.join(path.dirname(spec.modelFolder), '..', 'cache'));
    translate = async (texts) =>
      (await translator.translate(texts, { beams: spec.beams, maxNewTokens: spec.maxNewTokens, batchSize: spec.batchSize })).map((t) => t.text);
    countTokens = (text) => translator.countTokens(text) - 1;
  }
  const loadMs = performance.now() - started;
  const runs: BenchCaseResult['runs'] = [];
  let outputs: string[] = [];
  for (let run = 0; run < spec.runs; run++) {
    const t0 = performance.now();
    outputs = await translate(sentences);
    runs.push({ ms: performance.now() - t0, tokens: outputs.reduce((sum, text) => sum + countTokens(text), 0) });
  }
  const result: BenchCaseResult = { runs, peakRssMb: process.resourceUsage().maxRSS / 1024, loadMs, outputs };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
