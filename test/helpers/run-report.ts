import type { RunReport } from '../../src/index.ts';
import type { TranslationStats } from '../../src/stages/translate/resources.ts';

/** The translate stage's statistics in a run report (run.json format 2). */
export function translationStats(report: RunReport): TranslationStats {
  const statistics = report.stages.translate?.statistics;
  if (!statistics) throw new Error(`the run report has no translate statistics: ${JSON.stringify(report.stages.translate)}`);
  return statistics as unknown as TranslationStats;
}
