import { createFsDriver } from '../../cache/fs-driver.ts';
import { hashValue } from '../../util/hash.ts';

export interface MemoryScope {
  /** The model fingerprint. */
  model: string;
  /** Decoding settings that change the output. */
  decoding: unknown;
}

/** What the memory keeps of a translated sentence. */
export interface RememberedTranslation {
  translation: string;
  score: number | null;
  truncated: boolean;
  split: boolean;
}

interface MemoryEntry extends RememberedTranslation {
  source: string;
}

/**
 * A persistent sentence-level translation memory, shared across articles and runs. Entries are
 * content-addressed by source text, model and decoding settings, so a changed model or setting
 * simply misses. It lives in the cache folder and uses the same atomic, corruption-tolerant store.
 */
export interface TranslationMemory {
  keyOf(source: string, scope: MemoryScope): string;
  lookup(source: string, scope: MemoryScope): Promise<RememberedTranslation | undefined>;
  store(source: string, translation: RememberedTranslation, scope: MemoryScope): Promise<void>;
}

export function createTranslationMemory(cacheRoot: string): TranslationMemory {
  const driver = createFsDriver(cacheRoot, 'memory');
  const keyOf = (source: string, scope: MemoryScope) => hashValue({ source, model: scope.model, decoding: scope.decoding });
  return {
    keyOf,
    async lookup(source, scope) {
      const entry = await driver.get<MemoryEntry>(keyOf(source, scope));
      if (!entry || entry.source !== source || typeof entry.translation !== 'string') return undefined;
      return { translation: entry.translation, score: entry.score ?? null, truncated: entry.truncated === true, split: entry.split === true };
    },
    async store(source, translation, scope) {
      await driver.set(keyOf(source, scope), { source, ...translation } satisfies MemoryEntry);
    },
  };
}
