import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFsDriver } from '../../src/index.ts';
import { sha256 } from '../../src/util/hash.ts';
import { tempDir } from '../helpers/temp.ts';

describe('createFsDriver', () => {
  const key = sha256('some input');

  it('stores and returns JSON values', async () => {
    const driver = createFsDriver(tempDir(), 'ns');
    expect(await driver.has(key)).toBe(false);
    expect(await driver.get(key)).toBeUndefined();
    await driver.set(key, { a: [1, 2], b: 'x' });
    expect(await driver.has(key)).toBe(true);
    expect(await driver.get(key)).toEqual({ a: [1, 2], b: 'x' });
  });

  it('treats a corrupt entry as a miss, and rewrites it', async () => {
    const root = tempDir();
    const driver = createFsDriver(root, 'ns');
    await driver.set(key, { ok: true });
    const file = path.join(root, 'ns', key.slice(0, 2), `${key}.json`);
    writeFileSync(file, '{"key": "' + key + '", "value": {"ok": tr');
    expect(await driver.get(key)).toBeUndefined();
    await driver.set(key, { ok: 'again' });
    expect(await driver.get(key)).toEqual({ ok: 'again' });
  });

  it('treats an entry stored under another key as a miss', async () => {
    const root = tempDir();
    const driver = createFsDriver(root, 'ns');
    const file = path.join(root, 'ns', key.slice(0, 2), `${key}.json`);
    await driver.set(key, 1);
    writeFileSync(file, JSON.stringify({ key: sha256('other'), value: 2 }));
    expect(await driver.get(key)).toBeUndefined();
  });

  it('leaves no temp files behind', async () => {
    const root = tempDir();
    const driver = createFsDriver(root, 'ns');
    await Promise.all(Array.from({ length: 20 }, (_, i) => driver.set(key, { i })));
    expect(readdirSync(path.join(root, 'ns', key.slice(0, 2)))).toEqual([`${key}.json`]);
  });

  it('refuses keys that are not hex digests', async () => {
    const driver = createFsDriver(tempDir(), 'ns');
    await expect(driver.set('../escape', 1)).rejects.toThrow(/hex digest/);
  });
});
