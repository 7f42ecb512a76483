import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { silentReporter } from '../../src/pipeline/reporter.ts';
import { runWarta } from '../../src/warta.ts';
import { COPY_MODEL } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const ARTICLES = Array.from({ length: 6 }, (_, i) => [`berita-${i}.txt`, `Harga Naik ${i}\n\nHarga beras naik ${i} persen di pasar kota pada Senin pagi. Warga mengeluh soal harga.\n`] as const);

describe('the cache folder deleted in the middle of a run', () => {
  it.each(['segment', 'translate', 'render'])('deleted as %s starts: the run completes every article and the next run is all cached', async (stage) => {
    const dir = tempDir('warta-cache-deleted-');
    mkdirSync(path.join(dir, 'input'));
    for (const [name, text] of ARTICLES) writeFileSync(path.join(dir, 'input', name), text);
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\n`);
    const config = loadConfig({ cwd: dir });
    const reporter = {
      ...silentReporter,
      stageStart(progress: { stage: string }) {
        if (progress.stage === stage) rmSync(config.cache, { recursive: true, force: true });
      },
    };
    const first = await runWarta(config, { reporter });
    expect(first.fatal).toBeNull();
    expect(first.failures).toEqual([]);
    expect(first.completed).toBe(ARTICLES.length);
    expect(existsSync(path.join(config.output, 'index.html'))).toBe(true);
    const digest = JSON.parse(readFileSync(path.join(config.output, 'digest.json'), 'utf8')) as { groups: Array<{ articles: unknown[] }> };
    expect(digest.groups.flatMap((g) => g.articles)).toHaveLength(ARTICLES.length);

    const second = await runWarta(config);
    expect(second.failures).toEqual([]);
    expect(second.stages.render!.cached).toBe(ARTICLES.length);
  });
});
