import { loadConfig } from '../config/load.ts';
import type { ResolvedConfig } from '../config/schema.ts';
import { describeError, WartaError, type ErrorCode } from '../errors.ts';
import type { RunReport } from '../pipeline/runner.ts';
import { formatStatus } from '../pipeline/status.ts';
import { runWarta, wartaStatus } from '../warta.ts';
import { isStageName, STAGE_NAMES } from '../stages/index.ts';
import { boundHeapGrowth } from './heap.ts';
import { commandHelp, fullHelp, overridesOf, parseCommandLine, type FlagValues } from './commands.ts';
import { watchInterruptions } from './interrupt.ts';
import { reporterFor, summaryTable } from './reporters.ts';
import type { StaleOutputsReport } from '../stages/render/stale-outputs.ts';

export const EXIT_OK = 0;
export const EXIT_ARTICLES_FAILED = 1;
export const EXIT_USAGE = 2;

/** Errors in what the user asked for, rather than in the run: exit 2. */
const USAGE_CODES = new Set<ErrorCode>(['USAGE', 'INPUT_NOT_FOUND']);

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
      return USAGE_CODES.has(error.code) || error.code.startsWith('CONFIG_') ? EXIT_USAGE : EXIT_ARTICLES_FAILED;
    }
    // An unexpected error is a bug in warta: say so plainly, keep the stack for a bug report.
    io.err(`warta: internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.WARTA_DEBUG) io.err(error instanceof Error ? (error.stack ?? '') : '');
    else io.err('  → Set WARTA_DEBUG=1 to see the stack trace, and please report it.');
    return EXIT_ARTICLES_FAILED;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const line = parseCommandLine(argv);
  if (line.kind === 'help') {
    io.out(line.command ? commandHelp(line.command) : fullHelp());
    return EXIT_OK;
  }
  if (line.kind === 'version') {
    io.out(await packageVersion());
    return EXIT_OK;
  }
  const { command, values } = line;
  const config = () => loadConfig({ ...(typeof values.config === 'string' ? { file: values.config } : {}), overrides: overridesOf(command, values) });
  switch (command.name) {
    case 'run':
      return await runCommand(config(), runOptionsOf(values), io);
    case 'status':
      return await statusCommand(config(), io);
    case 'fetch-model':
      return await fetchCommand(config(), values, io);
  }
}

function runOptionsOf(values: FlagValues): RunCommandOptions {
  const only = stageFlag(values, 'only');
  const from = stageFlag(values, 'from');
  if (only && from) throw new WartaError('USAGE', '--only and --from cannot be combined.', { hint: 'Use --only to run one stage, --from to run a stage and the rest.' });
  const shard = typeof values.shard === 'string' ? parseShard(values.shard) : undefined;
  return { ...(only ? { only } : {}), ...(from ? { from } : {}), ...(shard ? { shard } : {}), force: values.force === true };
}

function stageFlag(values: FlagValues, flag: 'only' | 'from'): string | undefined {
  const value = values[flag];
  if (typeof value !== 'string') return undefined;
  if (!isStageName(value)) throw new WartaError('USAGE', `--${flag}: expected one of ${STAGE_NAMES.join(', ')}, got "${value}"`);
  return value;
}

async function statusCommand(config: ResolvedConfig, io: Io): Promise<number> {
  printNotices(config, io);
  // status answers from what is on disk; `model.download` is for runs.
  io.out(formatStatus(await wartaStatus({ ...config, offline: true })));
  return EXIT_OK;
}

async function fetchCommand(config: ResolvedConfig, values: FlagValues, io: Io): Promise<number> {
  if (values.fp32 && values.quantized) throw new WartaError('USAGE', '--fp32 and --quantized cannot be combined.', { hint: 'Pick one; --quantized is the default.' });
  if (values.fp32) config.model.dtype = 'fp32';
  if (values.quantized) config.model.dtype = 'q8';
  if (typeof values.revision === 'string') config.model.revision = values.revision;
  const { fetchModelCommand } = await import('./fetch-model.ts');
  return await fetchModelCommand(config, io);
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

interface RunCommandOptions {
  only?: string;
  from?: string;
  shard?: { index: number; count: number };
  force: boolean;
}

async function runCommand(config: ResolvedConfig, options: RunCommandOptions, io: Io): Promise<number> {
  const reporter = await reporterFor(io.stderr, io.err);
  printNotices(config, io);
  if (runNeedsModel(options)) await fetchMissingModelFirst(config, io);
  const interruptions = watchInterruptions(reporter);
  let report: RunReport;
  try {
    report = await runWarta(config, { ...options, reporter, signal: interruptions.signal });
  } finally {
    interruptions.dispose();
  }
  io.err('');
  io.err(summaryTable(report));
  printOutcome(report, config, io);
  const interrupted = interruptions.exitCode();
  if (interrupted !== null) {
    interruptions.exitSoon();
    return interrupted;
  }
  return report.fatal || report.failures.length > 0 ? EXIT_ARTICLES_FAILED : EXIT_OK;
}

/** A run of only a stage before translate neither loads the model nor keys anything by it. */
function runNeedsModel(options: RunCommandOptions): boolean {
  return !options.only || STAGE_NAMES.indexOf(options.only) >= STAGE_NAMES.indexOf('translate');
}

/** The download shows its progress before the stages' own; one that failed is not tried again mid-run. */
async function fetchMissingModelFirst(config: ResolvedConfig, io: Io): Promise<void> {
  const { fetchMissingModel } = await import('./fetch-model.ts');
  if (!(await fetchMissingModel(config, io))) config.model.download = false;
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
  if (report.interrupted) {
    io.err('warta: interrupted. Work already done is cached; run the same command again to resume.');
    return;
  }
  io.err(`${report.completed} of ${report.articles} articles done in ${report.durationMs} ms → ${config.output}`);
  if (report.outputsBehind) io.err(`The outputs in ${config.output} do not show this run's results yet: run \`${report.outputsBehind}\`.`);
  printStaleOutputs(report.steps['stale-outputs'] as StaleOutputsReport | undefined, io);
}

function printStaleOutputs(stale: StaleOutputsReport | undefined, io: Io): void {
  if (stale && stale.removed.length > 0) io.err(`Removed ${stale.removed.length} output file${stale.removed.length === 1 ? '' : 's'} of articles whose input file is gone.`);
  if (stale && stale.changedByUser.length > 0) io.err(`Left ${stale.changedByUser.join(', ')}: the input is gone, but the file was changed since warta wrote it.`);
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
