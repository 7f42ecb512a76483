import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/cache/memory-driver.ts';
import { loadConfig } from '../../src/config/load.ts';
import { WartaError } from '../../src/errors.ts';
import type { Pipeline, RunStep, Source, SourceFile, Stage } from '../../src/pipeline/contract.ts';
import { runPipeline } from '../../src/pipeline/runner.ts';
import { pipelineStatus } from '../../src/pipeline/status.ts';
import { sha256 } from '../../src/util/hash.ts';
import { tempDir } from '../helpers/temp.ts';

/** Three invented articles; the source knows nothing of files beyond what the runner asks. */
function fakeSource(texts: Record<string, string>): Source {
  return {
    async discover() {
      const files = Object.entries(texts).map(([id, text]): SourceFile => ({ id, path: `${id}.txt`, absolutePath: `/nowhere/${id}.txt`, bytes: text.length, sha256: sha256(text) }));
      return { files, problems: [] };
    },
    idFor: (relative) => relative.replace(/\.txt$/, ''),
    keyOf: (file) => ({ id: file.id, sha256: file.sha256 }),
  };
}

interface Counter {
  runs: string[];
}

/** A stage that records each run, so a test can see what ran and what came from the cache. */
function countingStage<In, Out>(name: string, counter: Counter, run: (input: In) => Out, extra: Partial<Stage<In, Out, { factor: number }, Counter>> = {}): Stage<In, Out, { factor: number }, Counter> {
  return {
    name,
    version: '1',
    options: () => ({ factor: 1 }),
    resources: { create: () => counter, statistics: (c) => ({ runs: c.runs.filter((r) => r.startsWith(`${name}:`)).length }) },
    async run(input, { articleId }) {
      counter.runs.push(`${name}:${articleId}`);
      return run(input);
    },
    ...extra,
  };
}

function fixture(texts: Record<string, string> = { a: 'satu', b: 'dua dua', c: 'tiga tiga tiga' }) {
  const counter: Counter = { runs: [] };
  const kept: string[][] = [];
  const read = countingStage<SourceFile, { id: string; words: number }>('read', counter, (file) => ({ id: file.id, words: file.bytes }));
  const double = countingStage<{ id: string; words: number }, { id: string; words: number }>('double', counter, (r) => ({ ...r, words: r.words * 2 }));
  const write = countingStage<{ id: string; words: number }, { id: string; line: string }>('write', counter, (r) => ({ id: r.id, line: `${r.id}=${r.words}` }), { writesOutputs: true });
  const total: RunStep<{ id: string; line: string }, string, { lines: number }> = {
    name: 'total',
    after: 'write',
    keep: (r) => r.line,
    async run(lines) {
      kept.push([...lines].sort());
      return { lines: lines.length };
    },
  };
  const pipeline: Pipeline = { source: fakeSource(texts), stages: [read, double, write], steps: [total] };
  const dir = tempDir();
  const config = loadConfig({ cwd: dir, overrides: { output: 'out', cache: 'cache' } });
  return { counter, kept, pipeline, config, cache: createMemoryStore(), dir };
}

describe('runPipeline with three fake stages on an in-memory cache', () => {
  it('runs every stage over every article, then the run step over what it kept', async () => {
    const { counter, kept, pipeline, config, cache } = fixture();
    const report = await runPipeline(config, pipeline, { cache });
    expect(report.fatal).toBeNull();
    expect(report.completed).toBe(3);
    expect(counter.runs.sort()).toEqual(['double:a', 'double:b', 'double:c', 'read:a', 'read:b', 'read:c', 'write:a', 'write:b', 'write:c']);
    expect(kept).toEqual([['a=8', 'b=14', 'c=28']]);
    expect(report.steps).toEqual({ total: { lines: 3 } });
    expect(report.stages.double).toMatchObject({ mode: 'run', ran: 3, cached: 0, statistics: { runs: 3 } });
  });

  it('a second run takes every result from the cache and still feeds the run step', async () => {
    const { counter, kept, pipeline, config, cache } = fixture();
    await runPipeline(config, pipeline, { cache });
    counter.runs.length = 0;
    const report = await runPipeline(config, pipeline, { cache });
    expect(counter.runs).toEqual([]);
    expect(Object.values(report.stages).map((s) => [s.ran, s.cached])).toEqual([[0, 3], [0, 3], [0, 3]]);
    expect(kept.at(-1)).toEqual(['a=8', 'b=14', 'c=28']);
  });

  it('reruns only what a changed stage version or option invalidates, and status says why', async () => {
    const { counter, pipeline, config, cache } = fixture();
    await runPipeline(config, pipeline, { cache });
    const [read, double, write] = pipeline.stages;
    const changed: Pipeline = { ...pipeline, stages: [read!, { ...double!, version: '2' }, write!] };
    const status = await pipelineStatus(config, changed, cache);
    expect(status.stages.map((s) => [s.stage, s.cached, s.stale])).toEqual([['read', 3, 0], ['double', 0, 3], ['write', 0, 3]]);
    expect(status.stages[1]!.staleBecause.code).toBe(3);
    counter.runs.length = 0;
    await runPipeline(config, changed, { cache });
    // The new version gives the same records, so the stage after it hits again.
    expect(counter.runs.sort()).toEqual(['double:a', 'double:b', 'double:c']);
  });

  it('--only and --from read earlier results from the cache; a missing one fails that article only', async () => {
    const { counter, pipeline, config, cache } = fixture();
    await runPipeline(config, pipeline, { cache });
    cache.namespaces.get('stages/double')!.clear();
    counter.runs.length = 0;
    const report = await runPipeline(config, pipeline, { cache, only: 'write', force: true });
    expect(report.stages.double!.mode).toBe('cache-only');
    expect(report.failures.map((f) => [f.article, f.stage, f.code])).toEqual([
      ['a', 'double', 'CACHE_MISSING_UPSTREAM'],
      ['b', 'double', 'CACHE_MISSING_UPSTREAM'],
      ['c', 'double', 'CACHE_MISSING_UPSTREAM'],
    ]);
    const from = await runPipeline(config, pipeline, { cache, from: 'double' });
    expect(from.failures).toEqual([]);
    expect(counter.runs.filter((r) => r.startsWith('double')).length).toBe(3);
  });

  it('an upstream result found corrupt when a later stage needs it is recomputed and stored again', async () => {
    const { counter, pipeline, config, cache } = fixture();
    await runPipeline(config, pipeline, { cache });
    const doubled = cache.namespaces.get('stages/double')!;
    for (const key of doubled.keys()) doubled.set(key, '{"truncated');
    cache.namespaces.get('stages/write')!.clear();
    counter.runs.length = 0;
    const report = await runPipeline(config, pipeline, { cache });
    expect(report.failures).toEqual([]);
    // double is a hit known from the index (not read); write needs its record, finds it corrupt, and has it recomputed.
    expect(counter.runs.sort()).toEqual(['double:a', 'double:b', 'double:c', 'write:a', 'write:b', 'write:c']);
    expect([...doubled.values()].every((text) => text.startsWith('{"key"'))).toBe(true);
  });

  it('one failing article does not stop the others; a fatal error stops the run and skips the run step', async () => {
    const { pipeline, config, cache, kept } = fixture();
    const [read, double, write] = pipeline.stages;
    const failing = { ...double!, run: async (input: { id: string; words: number }) => {
      if (input.id === 'b') throw new WartaError('INPUT_EMPTY', 'b is empty');
      return input;
    } };
    const report = await runPipeline(config, { ...pipeline, stages: [read!, failing, write!] }, { cache });
    expect(report.completed).toBe(2);
    expect(report.failures.map((f) => f.article)).toEqual(['b']);
    expect(kept.at(-1)).toEqual(['a=4', 'c=14']);

    const fatal = { ...double!, version: '3', run: async () => { throw new WartaError('MODEL_MISSING', 'no model'); } };
    const stopped = await runPipeline(config, { ...pipeline, stages: [read!, fatal, write!] }, { cache });
    expect(stopped.fatal).toMatchObject({ code: 'MODEL_MISSING' });
    expect(stopped.steps).toEqual({});
  });

  it('a shard stops before the stage that writes outputs and takes no lock; the run step waits for a full run', async () => {
    const { pipeline, config, cache, kept } = fixture();
    const report = await runPipeline(config, pipeline, { cache, shard: { index: 0, count: 1 } });
    expect(Object.values(report.stages).map((s) => s.mode)).toEqual(['run', 'run', 'skipped']);
    expect(kept).toEqual([]);
    expect(report.steps).toEqual({});
  });

  it('writes run.json with the stages and steps it ran', async () => {
    const { pipeline, config, cache } = fixture();
    await runPipeline(config, pipeline, { cache });
    const { readFileSync } = await import('node:fs');
    const written = JSON.parse(readFileSync(path.join(config.output, 'run.json'), 'utf8'));
    expect(written).toMatchObject({ format: 2, articles: 3, completed: 3, steps: { total: { lines: 3 } } });
    writeFileSync(path.join(config.output, 'marker'), '');
  });
});
