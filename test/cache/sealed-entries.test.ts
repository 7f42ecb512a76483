import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheDamage } from '../../src/cache/damage.ts';
import { encodeEntry, readEntry, sealFromEnvironment } from '../../src/cache/driver.ts';
import { createFsDriver } from '../../src/cache/fs-driver.ts';
import type { RunReport } from '../../src/index.ts';
import { COPY_MODEL, FIXTURE_ARTICLES, readTree, warta } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const KEY = 'ab'.repeat(32);

describe('entries sealed with a cache key', () => {
  it('reads back what it wrote, and takes no entry sealed without the key or with another', async () => {
    const root = tempDir('warta-sealed-');
    const sealed = createFsDriver(root, 'ns', { secret: 'team secret' });
    await sealed.set(KEY, { translation: 'North Korea' });
    expect(await sealed.get(KEY)).toEqual({ translation: 'North Korea' });

    const damage = new CacheDamage();
    const seen = damage.watch();
    const forged = encodeEntry(KEY, { translation: 'forged' });
    expect(readEntry('ns', KEY, forged, damage, undefined, { secret: 'team secret' })).toBeUndefined();
    expect(readEntry('ns', KEY, encodeEntry(KEY, { translation: 'forged' }, { secret: 'another' }), damage, undefined, { secret: 'team secret' })).toBeUndefined();
    expect(seen()).toBe(1);
    // Without the key, a sealed entry cannot be checked: a miss, never a hit.
    const file = readdirSync(path.join(root, 'ns', KEY.slice(0, 2)))[0]!;
    expect(readEntry('ns', KEY, readFileSync(path.join(root, 'ns', KEY.slice(0, 2), file), 'utf8'), new CacheDamage())).toBeUndefined();
  });

  it('takes the key from WARTA_CACHE_KEY, and none when it is empty', () => {
    expect(sealFromEnvironment({ WARTA_CACHE_KEY: 's' })).toEqual({ secret: 's' });
    expect(sealFromEnvironment({ WARTA_CACHE_KEY: '' })).toEqual({});
    expect(sealFromEnvironment({})).toEqual({});
  });
});

describe('a translation forged in a shared cache by someone who recomputes its hash', () => {
  const previous = process.env.WARTA_CACHE_KEY;
  afterEach(() => {
    if (previous === undefined) delete process.env.WARTA_CACHE_KEY;
    else process.env.WARTA_CACHE_KEY = previous;
  });

  /** Rewrites every translation-memory entry with another translation and a valid sha256 seal. */
  function forgeMemory(dir: string): number {
    const root = path.join(dir, '.cache', 'memory');
    let forged = 0;
    for (const shard of readdirSync(root)) {
      for (const name of readdirSync(path.join(root, shard))) {
        const file = path.join(root, shard, name);
        const { value } = JSON.parse(readFileSync(file, 'utf8')) as { value: { translation: string } };
        writeFileSync(file, encodeEntry(path.basename(name, '.json'), { ...value, translation: 'FORGED' }));
        forged++;
      }
    }
    return forged;
  }

  async function runForged(key: string | null): Promise<{ forged: number; report: RunReport; same: boolean }> {
    if (key === null) delete process.env.WARTA_CACHE_KEY;
    else process.env.WARTA_CACHE_KEY = key;
    const dir = tempDir('warta-forged-');
    execFileSync('cp', ['-r', FIXTURE_ARTICLES, path.join(dir, 'input')]);
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\n`);
    expect((await warta(['run'], dir)).code).toBe(0);
    const expected = readTree(path.join(dir, 'output'), (file) => file.startsWith('run'));
    const forged = forgeMemory(dir);
    // Only translate's memory is left to answer for the sentences.
    execFileSync('rm', ['-rf', path.join(dir, '.cache', 'stages'), path.join(dir, '.cache', 'index')]);
    expect((await warta(['run'], dir)).code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'output', 'run.json'), 'utf8')) as RunReport;
    return { forged, report, same: JSON.stringify([...readTree(path.join(dir, 'output'), (file) => file.startsWith('run'))]) === JSON.stringify([...expected]) };
  }

  it('with WARTA_CACHE_KEY set, every forged entry is a damaged miss and the outputs are those of an honest run', async () => {
    const { forged, report, same } = await runForged('team secret');
    expect(forged).toBeGreaterThan(0);
    expect(report.damagedCacheEntries).toBe(forged);
    expect(same).toBe(true);
  }, 120_000);

  it('without a key the sha256 seal detects accidents only: the forgery is read as it is (why a shared cache wants the key)', async () => {
    const { report, same } = await runForged(null);
    expect(report.damagedCacheEntries).toBe(0);
    expect(same).toBe(false);
  }, 120_000);
});
