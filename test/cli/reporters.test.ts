import { describe, expect, it } from 'vitest';
import { plainReporter, reporterFor } from '../../src/cli/reporters.ts';

const progress = (done: number) => ({ stage: 'translate', total: 10, done, ran: done, cached: 0, failed: 0, sentences: done * 3 });

/** A terminal stream of the given width that records what is written to it. */
function terminal(columns: number | undefined) {
  const written: string[] = [];
  const stream = { isTTY: true, columns, write: (text: string) => written.push(text) > 0, on: () => stream, once: () => stream, removeListener: () => stream } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('reporterFor', () => {
  for (const columns of [0, undefined]) {
    it(`gives plain lines, never a spinner, on a terminal of ${String(columns)} columns`, async () => {
      const { stream, written } = terminal(columns);
      const lines: string[] = [];
      const reporter = await reporterFor(stream, (line) => lines.push(line), {});
      reporter.stageStart(progress(0));
      reporter.stageEnd(progress(10));
      expect(written).toEqual([]);
      expect(lines).toEqual([expect.stringMatching(/^translate 10\/10 articles, 30 sentences in \d+ ms$/)]);
    });
  }

  it('gives plain lines under CI even on a terminal that has a width', async () => {
    const lines: string[] = [];
    const reporter = await reporterFor(terminal(80).stream, (line) => lines.push(line), { CI: 'true' });
    reporter.stageEnd(progress(10));
    expect(lines).toHaveLength(1);
  });
});

describe('plainReporter', () => {
  it('adds a progress line mid-stage at most once per interval', () => {
    const lines: string[] = [];
    const reporter = plainReporter((line) => lines.push(line), 0);
    reporter.stageStart(progress(0));
    reporter.stageProgress(progress(4));
    reporter.stageProgress(progress(10));
    expect(lines).toEqual(['translate 4/10 articles, 12 sentences…']);
    const quiet = plainReporter((line) => lines.push(line), 60_000);
    quiet.stageStart(progress(0));
    quiet.stageProgress(progress(5));
    expect(lines).toHaveLength(1);
  });
});
