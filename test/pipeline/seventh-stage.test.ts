/**
 * Adding a per-article stage is one folder and one line in the stage list: here a throw-away stage
 * between summarize and render, run through the real pipeline on the fixture copy model.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import type { Pipeline, Stage } from '../../src/pipeline/contract.ts';
import { runPipeline } from '../../src/pipeline/runner.ts';
import { pipelineStatus } from '../../src/pipeline/status.ts';
import type { SummarizedArticle } from '../../src/types.ts';
import { WARTA } from '../../src/warta.ts';
import { FIXTURE_COPY_MODEL } from '../helpers/fixture-model.ts';
import { tempDir } from '../helpers/temp.ts';

const repo = path.resolve(import.meta.dirname, '../..');

/** Counts the words of each summary; render ignores the extra field, so the outputs stay as they were. */
const wordCountStage: Stage<SummarizedArticle, SummarizedArticle & { summaryWords: number }, { unit: string }> = {
  name: 'count-words',
  version: '1',
  options: () => ({ unit: 'word' }),
  async run(article) {
    return { ...article, summaryWords: article.summary.sentences.reduce((sum, s) => sum + s.source.split(/\s+/).length, 0) };
  },
};

describe('a seventh per-article stage', () => {
  it('runs between two stages, is cached on the next run and shows in status, with outputs unchanged', async () => {
    const dir = tempDir('warta-seventh-');
    cpSync(path.join(repo, 'test/fixtures/articles'), path.join(dir, 'input'), { recursive: true });
    const plain = loadConfig({ cwd: dir, overrides: { model: FIXTURE_COPY_MODEL, output: 'plain' } });
    const withStage = loadConfig({ cwd: dir, overrides: { model: FIXTURE_COPY_MODEL, output: 'seven' } });
    const stages = [...WARTA.stages];
    stages.splice(stages.findIndex((s) => s.name === 'render'), 0, wordCountStage);
    const seven: Pipeline = { ...WARTA, stages };

    expect((await runPipeline(plain, WARTA)).fatal).toBeNull();
    const first = await runPipeline(withStage, seven);
    expect(first.fatal).toBeNull();
    expect(Object.keys(first.stages)).toEqual(['ingest', 'clean', 'segment', 'translate', 'entities', 'summarize', 'count-words', 'render']);
    expect(first.stages['count-words']).toMatchObject({ mode: 'run', ran: first.articles, cached: 0 });

    const second = await runPipeline(withStage, seven);
    expect(second.stages['count-words']).toMatchObject({ ran: 0, cached: first.articles });
    const status = await pipelineStatus(withStage, seven);
    expect(status.stages.find((s) => s.stage === 'count-words')).toMatchObject({ cached: first.articles, stale: 0, missing: 0 });

    for (const file of ['digest.json', 'digest.md', 'index.html']) {
      expect(readFileSync(path.join(withStage.output, file), 'utf8').replaceAll('/seven/', '/plain/')).toBe(readFileSync(path.join(plain.output, file), 'utf8'));
    }
  });
});
