import { describe, expect, it } from 'vitest';
import type { CacheDamage } from '../../src/cache/damage.ts';
import type { CacheDriver } from '../../src/cache/driver.ts';
import { sha256 } from '../../src/util/hash.ts';

export interface DriverUnderTest {
  driver: CacheDriver;
  /** Opens the same storage again, as another process or a later run would. */
  reopen(): CacheDriver;
  /** Replaces the stored bytes of an entry, as a crash, a disk fault or another writer might. */
  damage(key: string, text: string): void;
  /** The stored bytes of an entry, as a tamperer would read them. */
  stored(key: string): string;
  /** Where the driver notes the damaged entries it finds. */
  log: CacheDamage;
}

/** The behaviour every cache driver must have; each implementation runs this suite. */
export function describeCacheDriver(name: string, make: () => DriverUnderTest): void {
  const key = sha256('some input');
  const other = sha256('other input');

  describe(`${name}: the cache-driver contract`, () => {
    it('returns what was stored, as a copy, and nothing for a key never stored', async () => {
      const { driver } = make();
      expect(await driver.get(key)).toBeUndefined();
      const value = { a: [1, 2], b: 'x', c: null };
      await driver.set(key, value);
      const read = await driver.get<typeof value>(key);
      expect(read).toEqual(value);
      read!.a.push(3);
      expect(await driver.get(key)).toEqual(value);
    });

    it('keeps entries for the next opener', async () => {
      const subject = make();
      await subject.driver.set(key, { kept: true });
      expect(await subject.reopen().get(key)).toEqual({ kept: true });
    });

    it('lists every key present, and reads many at once', async () => {
      const { driver } = make();
      await driver.set(key, 1);
      await driver.set(other, 2);
      expect(await driver.keys()).toEqual(new Set([key, other]));
      const many = await driver.getMany<number>([key, other, sha256('absent')]);
      expect([...many.entries()].sort()).toEqual([[key, 1], [other, 2]].sort());
    });

    it('treats an entry that does not parse as a miss, in get and getMany, and rewrites it', async () => {
      const subject = make();
      await subject.driver.set(key, { ok: true });
      subject.damage(key, `{"key": "${key}", "value": {"ok": tr`);
      expect(await subject.driver.get(key)).toBeUndefined();
      expect((await subject.driver.getMany([key])).size).toBe(0);
      await subject.driver.set(key, { ok: 'again' });
      expect(await subject.driver.get(key)).toEqual({ ok: 'again' });
    });

    it('treats an entry stored under another key as a miss', async () => {
      const subject = make();
      await subject.driver.set(key, 1);
      await subject.driver.set(other, 2);
      subject.damage(key, subject.stored(other));
      expect(await subject.driver.get(key)).toBeUndefined();
    });

    it('treats an entry whose value was edited in place as a miss, notes it once as damaged, and rewrites it', async () => {
      const subject = make();
      const counted = subject.log.watch();
      await subject.driver.set(key, { translation: 'The flood hit Semarang.' });
      subject.damage(key, subject.stored(key).replace('Semarang', 'Surabaya'));
      expect(subject.stored(key)).toContain('Surabaya');
      expect(await subject.driver.get(key)).toBeUndefined();
      expect((await subject.driver.getMany([key])).size).toBe(0);
      expect(await subject.reopen().get(key)).toBeUndefined();
      expect(counted()).toBe(1);
      await subject.driver.set(key, { translation: 'The flood hit Semarang.' });
      expect(await subject.driver.get(key)).toEqual({ translation: 'The flood hit Semarang.' });
    });

    it('treats a value that fails the shape check of its reader as a damaged miss', async () => {
      const subject = make();
      const counted = subject.log.watch();
      await subject.driver.set(key, { x: 1 });
      await subject.driver.set(other, { translation: 'ok' });
      const shape = (value: unknown) => typeof (value as { translation?: unknown }).translation === 'string';
      expect(await subject.driver.get(key, shape)).toBeUndefined();
      expect([...(await subject.driver.getMany([key, other], shape)).keys()]).toEqual([other]);
      expect(await subject.driver.get(key)).toEqual({ x: 1 });
      expect(counted()).toBe(1);
    });

    it('counts a damaged entry that no longer parses, but not an entry of the older unhashed format', async () => {
      const subject = make();
      const counted = subject.log.watch();
      await subject.driver.set(key, 1);
      await subject.driver.set(other, 2);
      subject.damage(key, `{"key":"${key}","sha256":"00`);
      subject.damage(other, JSON.stringify({ key: other, value: 2 }));
      expect(await subject.driver.get(key)).toBeUndefined();
      expect(await subject.driver.get(other)).toBeUndefined();
      expect(counted()).toBe(1);
    });

    it('the last of many writes to one key wins whole', async () => {
      const { driver } = make();
      await Promise.all(Array.from({ length: 20 }, (_, i) => driver.set(key, { i })));
      expect(await driver.get(key)).toMatchObject({ i: expect.any(Number) });
      expect(await driver.keys()).toEqual(new Set([key]));
    });

    it('refuses keys that are not hex digests', async () => {
      const { driver } = make();
      await expect(driver.set('../escape', 1)).rejects.toThrow(/hex digest/);
      await expect(driver.get('../escape')).rejects.toThrow(/hex digest/);
    });
  });
}
