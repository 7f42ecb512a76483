import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COPY_MODEL, warta } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { tempFileFor } from '../../src/io/atomic-write.ts';

describe('temp files a killed writer left in the cache', () => {
  it('are removed by the next run once older than any write could take; fresh ones (a live writer elsewhere) stay', async () => {
    const dir = tempDir('warta-cache-leftovers-');
    mkdirSync(path.join(dir, 'input'));
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\n`);
    writeFileSync(path.join(dir, 'input', 'satu.txt'), 'Beras Naik\n\nHarga beras naik lagi di pasar kota pada Senin pagi.\n');
    expect((await warta(['run'], dir)).code).toBe(0);

    const stageFolder = path.join(dir, '.cache', 'stages', 'translate');
    const shardFolder = path.join(stageFolder, readdirSync(stageFolder)[0]!);
    const entry = path.join(shardFolder, readdirSync(shardFolder).find((name) => name.endsWith('.json'))!);
    const old = tempFileFor(entry);
    const fresh = tempFileFor(entry);
    writeFileSync(old, '{"torn":');
    writeFileSync(fresh, '{"being written":');
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(old, anHourAgo, anHourAgo);

    expect((await warta(['run'], dir)).code).toBe(0);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(entry)).toBe(true);
    const report = JSON.parse(readFileSync(path.join(dir, 'output', 'run.json'), 'utf8')) as { leftoverCacheFilesRemoved?: number };
    expect(report.leftoverCacheFilesRemoved).toBe(1);
  });
});
