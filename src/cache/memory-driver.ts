import type { CacheStore } from '../pipeline/contract.ts';
import { CacheDamage } from './damage.ts';
import { checkKey, encodeEntry, readEntry, type CacheDriver, type ShapeCheck } from './driver.ts';

/**
 * Entries held in this process, stored in their encoded form so that what is read back is a copy
 * and a damaged entry behaves as on disk. For one-off runs and tests that need no files.
 */
export function createMemoryDriver(entries: Map<string, string> = new Map(), damage = new CacheDamage(), namespace = 'memory'): CacheDriver & { entries: Map<string, string> } {
  return {
    entries,
    async get<T>(key: string, shape?: ShapeCheck) {
      return readEntry<T>(namespace, key, entries.get(checkKey(key)), damage, shape);
    },
    async set(key, value) {
      entries.set(checkKey(key), encodeEntry(key, value));
    },
    async keys() {
      return new Set(entries.keys());
    },
    async getMany<T>(keys: readonly string[], shape?: ShapeCheck) {
      const found = new Map<string, T>();
      for (const key of keys) {
        const value = readEntry<T>(namespace, key, entries.get(checkKey(key)), damage, shape);
        if (value !== undefined) found.set(key, value);
      }
      return found;
    },
  };
}

/** A cache store of memory drivers, one per namespace. */
export function createMemoryStore(): CacheStore & { namespaces: Map<string, Map<string, string>> } {
  const namespaces = new Map<string, Map<string, string>>();
  const damage = new CacheDamage();
  const store = (namespace: string) => {
    let entries = namespaces.get(namespace);
    if (!entries) namespaces.set(namespace, (entries = new Map()));
    return createMemoryDriver(entries, damage, namespace);
  };
  return Object.assign(store, { namespaces, damage });
}
