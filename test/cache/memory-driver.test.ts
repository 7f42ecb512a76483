import { createMemoryDriver } from '../../src/cache/memory-driver.ts';
import { describeCacheDriver } from './driver-contract.ts';

describeCacheDriver('createMemoryDriver', () => {
  const entries = new Map<string, string>();
  return {
    driver: createMemoryDriver(entries),
    reopen: () => createMemoryDriver(entries),
    damage: (key, text) => entries.set(key, text),
  };
});
