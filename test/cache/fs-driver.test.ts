import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFsDriver } from '../../src/index.ts';
import { damageLogOf } from '../../src/cache/damage.ts';
import { sha256 } from '../../src/util/hash.ts';
import { tempDir } from '../helpers/temp.ts';
import { describeCacheDriver } from './driver-contract.ts';

describeCacheDriver('createFsDriver', () => {
  const root = tempDir();
  return {
    driver: createFsDriver(root, 'ns'),
    reopen: () => createFsDriver(root, 'ns'),
    damage: (key, text) => writeFileSync(path.join(root, 'ns', key.slice(0, 2), `${key}.json`), text),
    stored: (key) => readFileSync(path.join(root, 'ns', key.slice(0, 2), `${key}.json`), 'utf8'),
    log: damageLogOf(root),
  };
});

describe('createFsDriver on disk', () => {
  const key = sha256('some input');

  it('writes each entry atomically: no temp files are left behind', async () => {
    const root = tempDir();
    const driver = createFsDriver(root, 'ns');
    await Promise.all(Array.from({ length: 20 }, (_, i) => driver.set(key, { i })));
    expect(readdirSync(path.join(root, 'ns', key.slice(0, 2)))).toEqual([`${key}.json`]);
  });

  it('a missing folder is an empty cache', async () => {
    const driver = createFsDriver(path.join(tempDir(), 'never-made'), 'ns');
    expect(await driver.keys()).toEqual(new Set());
    expect(await driver.get(key)).toBeUndefined();
  });
});
