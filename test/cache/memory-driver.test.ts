import { CacheDamage } from '../../src/cache/damage.ts';
import { createMemoryDriver } from '../../src/cache/memory-driver.ts';
import { describeCacheDriver } from './driver-contract.ts';

describeCacheDriver('createMemoryDriver', () => {
  const entries = new Map<string, string>();
  const log = new CacheDamage();
  return {
    driver: createMemoryDriver(entries, log),
    reopen: () => createMemoryDriver(entries, log),
    damage: (key, text) => entries.set(key, text),
    stored: (key) => entries.get(key)!,
    log,
  };
});
