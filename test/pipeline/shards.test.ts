import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/index.ts';
import { shardOf } from '../../src/pipeline/runner.ts';
import { COPY_MODEL, exited, readTree, startWarta, warta } from '../helpers/cli.ts';
import { writeSyntheticCorpus } from '../../tools/synthetic-corpus.ts';
import { tempDir } from '../helpers/temp.ts';

describe('--shard i/n', () => {
  it('splits articles deterministically and evenly enough', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[shardOf(`article-${i}`, 3)]!++;
    for (const count of counts) expect(count).toBeGreaterThan(900);
    expect(shardOf('a', 3)).toBe(shardOf('a', 3));
  });

  it('three concurrent shards sharing one cache, then `--only render`, give the same outputs as one run', async () => {
    const corpus = tempDir('warta-shard-corpus-');
    writeSyntheticCorpus(corpus, { articles: 30, seed: 3 });
    const setup = () => {
      const dir = tempDir('warta-shards-');
      writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\n`);
      execFileSync('cp', ['-r', corpus, path.join(dir, 'input')]);
      return dir;
    };
    const single = setup();
    expect((await warta(['run'], single)).code).toBe(0);

    const sharded = setup();
    const shards = await Promise.all([0, 1, 2].map((i) => exited(startWarta(['run', '--shard', `${i}/3`], sharded))));
    expect(shards.map((s) => s.code)).toEqual([0, 0, 0]);
    const reports = [0, 1, 2].map((i) => JSON.parse(readFileSync(path.join(sharded, `output/run.shard-${i}-of-3.json`), 'utf8')) as RunReport);
    expect(reports.reduce((sum, r) => sum + r.articles, 0)).toBe(30);
    expect(reports.every((r) => r.stages.render!.mode === 'skipped')).toBe(true);

    const render = await warta(['run', '--only', 'render'], sharded);
    expect(render.code).toBe(0);
    const skip = (file: string) => file.startsWith('run');
    expect(readTree(path.join(sharded, 'output'), skip)).toEqual(readTree(path.join(single, 'output'), skip));
  }, 300_000);

  it('rejects a malformed --shard', async () => {
    const result = await warta(['run', '--shard', '3/3'], tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--shard: expected I/N with 0 ≤ I < N');
  });
});
