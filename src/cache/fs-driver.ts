import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { WartaError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { readTextFile } from '../io/read-file.ts';
import { damageLogOf } from './damage.ts';
import { checkKey, encodeEntry, readEntry, sealFromEnvironment, type CacheDriver, type EntrySeal, type ShapeCheck } from './driver.ts';

/**
 * One JSON file per entry under `<root>/<namespace>/<aa>/<key>.json`. Entries are written
 * atomically and never modified in place, so several processes, or machines sharing the folder,
 * can use one cache. An entry that does not parse, whose stored key differs, or whose value fails
 * its hash or shape check, is a miss, noted in the folder's damage log. Entries are sealed with
 * `WARTA_CACHE_KEY` when it is set (see driver.ts).
 */
export function createFsDriver(root: string, namespace: string, seal: EntrySeal = sealFromEnvironment()): CacheDriver {
  const fileOf = (key: string) => path.join(root, namespace, checkKey(key).slice(0, 2), `${key}.json`);
  const damage = damageLogOf(root);
  return {
    async get<T>(key: string, shape?: ShapeCheck) {
      const file = fileOf(key);
      const text = await readTextFile(file).catch(() => undefined);
      return readEntry<T>(namespace, key, text, damage, shape, seal);
    },
    async set(key, value) {
      try {
        await writeFileAtomic(fileOf(key), encodeEntry(key, value, seal));
      } catch (cause) {
        throw new WartaError('CACHE_WRITE_FAILED', `Cannot write to the cache: ${(cause as Error).message}`, {
          cause,
          file: fileOf(key),
          hint: 'Check that the cache folder is writable and the disk has space. Results already cached stay valid.',
        });
      }
    },
    // Thousands of small, usually page-cached files: plain synchronous reads in a loop beat
    // thousands of thread-pool round trips by a wide margin.
    async getMany<T>(keys: readonly string[], shape?: ShapeCheck) {
      const found = new Map<string, T>();
      for (const key of keys) {
        let text: string | undefined;
        try {
          text = readFileSync(fileOf(key), 'utf8');
        } catch {
          continue;
        }
        const value = readEntry<T>(namespace, key, text, damage, shape, seal);
        if (value !== undefined) found.set(key, value);
      }
      return found;
    },
    async keys() {
      const found = new Set<string>();
      const shards = await readdir(path.join(root, namespace)).catch(() => [] as string[]);
      await Promise.all(
        shards.map(async (shard) => {
          for (const name of await readdir(path.join(root, namespace, shard)).catch(() => [] as string[])) {
            if (name.endsWith('.json')) found.add(name.slice(0, -'.json'.length));
          }
        }),
      );
      return found;
    },
  };
}
