import { parseArgs } from 'node:util';
import { loadConfig, type ConfigOverrides } from '../config/load.ts';
import type { ResolvedConfig } from '../config/schema.ts';
import { describeError, WartaError } from '../errors.ts';
import type { Reporter } from '../pipeline/reporter.ts';
import type { RunReport } from '../pipeline/runner.ts';
import { formatStatus } from '../pipeline/status.ts';
import { runWarta, wartaStatus } from '../warta.ts';
import { isStageName, STAGE_NAMES } from '../stages/index.ts';
import { boundHeapGrowth } from './heap.ts';
import { plainReporter, summaryTable, ttyReporter } from './reporters.ts';

export const EXIT_OK = 0;
export const EXIT_ARTICLES_FAILED = 1;
export const EXIT_USAGE = 2;

const HELP = `warta: Indonesian news in, English translations, bilingual summaries and a digest out. Runs locally.

Usage
  warta run [options]           run ${STAGE_NAMES.join(' → ')} over the input folder
  warta status [--config FILE]  per stage: articles cached, stale (input, config, code or model changed), missing
  warta fetch-model [options]   download the translation model into models/ (needs network)
  warta --help | --version

Options for run
  --config FILE      config file (default: ./pipeline.yaml if present)
  --input DIR        input folder of .txt/.md articles (overrides \`input\`)
  --output DIR       output folder (overrides \`output\`)
  --cache DIR        cache folder (overrides \`cache\`)
  --model DIR|ID     model folder path, or a model id under models/ (overrides \`model.id\`)
  --only STAGE       run only STAGE; earlier results are read from the cache
  --from STAGE       run STAGE and every later stage; earlier results are read from the cache
  --force            ignore cached results of the stages that run
  --keep-boilerplate keep boilerplate lines in the text; they are still listed as removed
                     (sets \`clean.keep_boilerplate: true\`)
  --offline          never touch the network, whatever \`model.download\` says
  --concurrency N    articles processed at once (overrides \`concurrency\`)
  --shard I/N        process only shard I of N (0-based, by article id hash) into the shared cache;
                     then run \`warta run --only render\` once to write the outputs of all shards

Options for fetch-model
  --model ID         hub model id (default: model.id from the config)
  --revision REV     branch, tag or commit (default: model.revision)
  --quantized        fetch the int8 quantized files (the default; overrides model.dtype: fp32)
  --fp32             fetch the fp32 files instead of the int8 quantized ones
  Files go to model.dir (default models/); HF_ENDPOINT or model.endpoint sets the hub URL.
  Partial downloads resume; every file is checked by size and sha256, and a bad one is deleted.

Examples
  npm start                                        # = warta run with ./pipeline.yaml
  npx warta run --input ~/news/today --output ~/news/today-en
  npx warta run --only summarize                   # re-summarize from cached translations
  npx warta run --model test/fixtures/models/opus-mt-copy --input input/
  npx warta status

Exit codes: 0 success · 1 some articles failed (the rest are written) or the run stopped · 2 usage or config error`;

const OPTIONS = {
  config: { type: 'string' },
  input: { type: 'string' },
  output: { type: 'string' },
  cache: { type: 'string' },
  model: { type: 'string' },
  only: { type: 'string' },
  from: { type: 'string' },
  force: { type: 'boolean' },
  'keep-boilerplate': { type: 'boolean' },
  offline: { type: 'boolean' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
  revision: { type: 'string' },
  fp32: { type: 'boolean' },
  quantized: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  stderr: NodeJS.WriteStream;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  stderr: process.stderr,
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  boundHeapGrowth();
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof WartaError) {
      io.err(`warta: ${describeError(error)}`);
      return error.code === 'USAGE' || error.code.startsWith('CONFIG_') ? EXIT_USAGE : EXIT_ARTICLES_FAILED;
    }
    // An unexpected error is a bug in warta: say so plainly, keep the stack for a bug report.
    io.err(`warta: internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.WARTA_DEBUG) io.err(error instanceof Error ? (error.stack ?? '') : '');
    else io.err('  → Set WARTA_DEBUG=1 to see the stack trace, and please report it.');
    return EXIT_ARTICLES_FAILED;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new WartaError('USAGE', `${(cause as Error).message}`, { cause, hint: 'Run `warta --help` for the commands and flags.' });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return EXIT_OK;
  }
  if (values.version) {
    io.out(await packageVersion());
    return EXIT_OK;
  }
  const [command = 'run', ...extra] = positionals;
  if (extra.length > 0) throw new WartaError('USAGE', `Unexpected argument: ${extra.join(' ')}`, { hint: 'Run `warta --help`.' });

  const stage = (flag: 'only' | 'from'): string | undefined => {
    const value = values[flag];
    if (value === undefined) return undefined;
    if (!isStageName(value)) throw new WartaError('USAGE', `--${flag}: expected one of ${STAGE_NAMES.join(', ')}, got "${value}"`);
    return value;
  };
  const overrides: ConfigOverrides = {
    ...(values.input ? { input: values.input } : {}),
    ...(values.output ? { output: values.output } : {}),
    ...(values.cache ? { cache: values.cache } : {}),
    ...(values.model ? { model: values.model } : {}),
    ...(values.offline ? { offline: true } : {}),
    ...(values['keep-boilerplate'] ? { keepBoilerplate: true } : {}),
    ...(values.concurrency !== undefined ? { concurrency: Number(values.concurrency) } : {}),
  };

  switch (command) {
    case 'run': {
      const only = stage('only');
      const from = stage('from');
      if (only && from) throw new WartaError('USAGE', '--only and --from cannot be combined.', { hint: 'Use --only to run one stage, --from to run a stage and the rest.' });
      const config = loadConfig({ ...(values.config ? { file: values.config } : {}), overrides });
      const shard = values.shard === undefined ? undefined : parseShard(values.shard);
      return await runCommand(config, { ...(only ? { only } : {}), ...(from ? { from } : {}), ...(shard ? { shard } : {}), force: values.force ?? false }, io);
    }
    case 'status': {
      const config = loadConfig({ ...(values.config ? { file: values.config } : {}), overrides });
      printNotices(config, io);
      io.out(formatStatus(await wartaStatus(config)));
      return EXIT_OK;
    }
    case 'fetch-model': {
      const config = loadConfig({ ...(values.config ? { file: values.config } : {}), overrides });
      if (values.fp32 && values.quantized) throw new WartaError('USAGE', '--fp32 and --quantized cannot be combined.', { hint: 'Pick one; --quantized is the default.' });
      if (values.fp32) config.model.dtype = 'fp32';
      if (values.quantized) config.model.dtype = 'q8';
      if (values.revision) config.model.revision = values.revision;
      const { fetchModelCommand } = await import('./fetch-model.ts');
      return await fetchModelCommand(config, io);
    }
    default:
      throw new WartaError('USAGE', `Unknown command "${command}".`, { hint: 'Commands: run, status, fetch-model. Run `warta --help`.' });
  }
}

function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) {
    throw new WartaError('USAGE', `--shard: expected I/N with 0 ≤ I < N (e.g. 0/3), got "${value}"`);
  }
  return { index, count };
}

async function runCommand(config: ResolvedConfig, options: { only?: string; from?: string; shard?: { index: number; count: number }; force: boolean }, io: Io): Promise<number> {
  const reporter: Reporter = io.stderr.isTTY && !process.env.CI ? await ttyReporter(io.stderr) : plainReporter(io.err);
  printNotices(config, io);
  const report = await runWarta(config, { ...options, reporter });
  io.err('');
  io.err(summaryTable(report));
  printOutcome(report, config, io);
  return report.fatal || report.failures.length > 0 ? EXIT_ARTICLES_FAILED : EXIT_OK;
}

function printNotices(config: ResolvedConfig, io: Io): void {
  for (const notice of config.notices) io.err(`warta: note: ${notice}`);
}

function printOutcome(report: RunReport, config: ResolvedConfig, io: Io): void {
  if (report.failures.length > 0) {
    io.err('');
    io.err(`${report.failures.length} article${report.failures.length === 1 ? '' : 's'} failed:`);
    for (const failure of report.failures) {
      io.err(`  ${failure.path} [${failure.stage}, ${failure.code}]: ${failure.message}`);
      if (failure.hint) io.err(`    → ${failure.hint}`);
    }
  }
  if (report.fatal) {
    io.err('');
    io.err(`warta: the run stopped: ${report.fatal.message}`);
    if (report.fatal.hint) io.err(`  → ${report.fatal.hint}`);
    io.err('  Work already done is cached; the next run resumes from there.');
    return;
  }
  io.err('');
  io.err(`${report.completed} of ${report.articles} articles done in ${report.durationMs} ms → ${config.output}`);
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
