import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { WartaError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { readTextFile } from '../io/read-file.ts';
import { checkKey, decodeEntry, encodeEntry, type CacheDriver } from './driver.ts';

/**
 * One JSON file per entry under `<root>/<namespace>/<aa>/<key>.json`. Entries are written
 * atomically and never modified in place, so several processes, or machines sharing the folder,
 * can use one cache. An entry that does not parse, or whose stored key differs, is a miss.
 */
export function createFsDriver(root: string, namespace: string): CacheDriver {
  const fileOf = (key: string) => path.join(root, namespace, checkKey(key).slice(0, 2), `${key}.json`);
  return {
    async get<T>(key: string) {
      const file = fileOf(key);
      let text: string;
      try {
        text = await readTextFile(file);
      } catch {
        return undefined;
      }
      return decodeEntry<T>(key, text);
    },
    async set(key, value) {
      try {
        await writeFileAtomic(fileOf(key), encodeEntry(key, value));
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
    async getMany<T>(keys: readonly string[]) {
      const found = new Map<string, T>();
      for (const key of keys) {
        let text: string;
        try {
          text = readFileSync(fileOf(key), 'utf8');
        } catch {
          continue;
        }
        const value = decodeEntry<T>(key, text);
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
