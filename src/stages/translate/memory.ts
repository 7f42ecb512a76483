import { createFsDriver } from '../../cache/fs-driver.ts';
import { hashValue } from '../../util/hash.ts';

export interface MemoryScope {
  /** The model fingerprint. */
  model: string;
  /** Decoding settings that change the output. */
  decoding: unknown;
}

interface MemoryEntry {
  source: string;
  translation: string;
}

/**
 * A persistent sentence-level translation memory, shared across articles and runs. Entries are
 * content-addressed by source text, model and decoding settings, so a changed model or setting
 * simply misses. It lives in the cache folder and uses the same atomic, corruption-tolerant store.
 */
export interface TranslationMemory {
  keyOf(source: string, scope: MemoryScope): string;
  lookup(source: string, scope: MemoryScope): Promise<string | undefined>;
  store(source: string, translation: string, scope: MemoryScope): Promise<void>;
}

export function createTranslationMemory(cacheRoot: string): TranslationMemory {
  const driver = createFsDriver(cacheRoot, 'memory');
  const keyOf = (source: string, scope: MemoryScope) => hashValue({ source, model: scope.model, decoding: scope.decoding });
  return {
    keyOf,
    async lookup(source, scope) {
      const entry = await driver.get<MemoryEntry>(keyOf(source, scope));
      return entry && entry.source === source && typeof entry.translation === 'string' ? entry.translation : undefined;
    },
    async store(source, translation, scope) {
      await driver.set(keyOf(source, scope), { source, translation } satisfies MemoryEntry);
    },
  };
}
