import type { Ora } from 'ora';
import type { Reporter, StageProgress } from '../pipeline/reporter.ts';
import type { RunReport } from '../pipeline/runner.ts';
import { WARTA } from '../warta.ts';

const describeProgress = (p: StageProgress) => {
  const sentences = p.sentences > 0 ? `, ${p.sentences} sentences` : '';
  const detail = [p.cached ? `${p.cached} cached` : '', p.failed ? `${p.failed} failed` : ''].filter(Boolean).join(', ');
  return `${p.stage} ${p.done}/${p.total} articles${sentences}${detail ? ` (${detail})` : ''}`;
};

/** A plain progress line mid-stage at most this often: a long stage still shows it is moving. */
const PLAIN_PROGRESS_EVERY_MS = 2_000;

/** Plain lines: one per stage when it ends, and one now and then while a long stage runs. For CI logs, pipes and terminals of unknown width. */
export function plainReporter(write: (line: string) => void, everyMs = PLAIN_PROGRESS_EVERY_MS): Reporter {
  const started = new Map<string, number>();
  let lastLine = 0;
  return {
    stageStart(p) {
      started.set(p.stage, performance.now());
      lastLine = performance.now();
    },
    stageProgress(p) {
      if (p.done === p.total || performance.now() - lastLine < everyMs) return;
      lastLine = performance.now();
      write(`${describeProgress(p)}…`);
    },
    stageEnd(p) {
      const ms = Math.round(performance.now() - (started.get(p.stage) ?? performance.now()));
      write(`${describeProgress(p)} in ${ms} ms`);
    },
    info: write,
  };
}

/**
 * A live spinner on a terminal that says how wide it is; plain lines otherwise (CI, pipes, and
 * terminals that report 0 columns, as `script` and some CI shells do: a spinner cannot redraw there).
 */
export async function reporterFor(stream: NodeJS.WriteStream, write: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<Reporter> {
  return stream.isTTY && !env.CI && (stream.columns ?? 0) > 0 ? ttyReporter(stream) : plainReporter(write);
}

/** A live spinner per stage on a terminal. ora is loaded only here, only for a TTY. */
export async function ttyReporter(stream: NodeJS.WriteStream): Promise<Reporter> {
  const { default: ora } = await import('ora');
  let spinner: Ora | null = null;
  const started = new Map<string, number>();
  return {
    stageStart(p) {
      started.set(p.stage, performance.now());
      spinner = ora({ text: describeProgress(p), stream }).start();
    },
    stageProgress(p) {
      if (spinner) spinner.text = describeProgress(p);
    },
    stageEnd(p) {
      const ms = Math.round(performance.now() - (started.get(p.stage) ?? performance.now()));
      const text = `${describeProgress(p)} in ${ms} ms`;
      if (p.failed > 0) spinner?.warn(text);
      else spinner?.succeed(text);
      spinner = null;
    },
    info(message) {
      if (spinner) spinner.info(message).start();
      else stream.write(`${message}\n`);
    },
  };
}

/** The closing table: what ran and what came from the cache, then each stage's own statistics. */
export function summaryTable(report: RunReport): string {
  const rows = [['stage', 'mode', 'ran', 'cached', 'failed', 'ms']];
  for (const [name, s] of Object.entries(report.stages)) rows.push([name, s.mode, String(s.ran), String(s.cached), String(s.failed), String(s.ms)]);
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const lines = rows.map((row) => row.map((cell, col) => (col === 0 || col === 1 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const described = WARTA.stages.flatMap((stage) => {
    const statistics = report.stages[stage.name]?.statistics;
    return statistics && stage.resources?.describe ? [stage.resources.describe(statistics)] : [];
  });
  if (described.length > 0) lines.push('', ...described);
  lines.push(...skippedLines(report.skipped ?? []));
  return lines.join('\n');
}

/** The files of the input folder that are no article, with the reason, so none is passed over silently. */
function skippedLines(skipped: RunReport['skipped']): string[] {
  if (skipped.length === 0) return [];
  return ['', `Skipped ${skipped.length === 1 ? '1 file that is not an article' : `${skipped.length} files that are not articles`}:`, ...skipped.map((file) => `  ${file.path}: ${file.reason}`)];
}
