import { isObject, type CacheDriver } from '../../cache/driver.ts';
import type { SentenceGlossaryTerm } from '../../types.ts';
import { hashValue } from '../../util/hash.ts';

/** Everything a remembered translation depends on besides its source text. */
export interface MemoryScope {
  /** The model fingerprint. */
  model: string;
  /** The engine that ran the model, and its version. */
  engine: { id: string; version: string };
  /** The translate stage's version: a change to how it decodes must not be answered from the memory. */
  stage: string;
  /** Decoding settings that change the output. */
  decoding: unknown;
}

/** What the memory keeps of a translated sentence. */
export interface RememberedTranslation {
  translation: string;
  score: number | null;
  truncated: boolean;
  split: boolean;
  /** The glossary terms of the source, each marked `missing` when the translation could not contain it. */
  terms?: SentenceGlossaryTerm[];
}

/**
 * What a sentence's translation depends on beyond the run's settings: the glossary entries (and
 * protected names) found in it and the beams they are decoded with. Only these enter its memory
 * key, so a glossary edit re-translates only the sentences whose terms it changes.
 */
export interface SentenceConstraints {
  terms: readonly { source: string; target: string }[];
  beams: number;
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
  keyOf(source: string, scope: MemoryScope, constraints?: SentenceConstraints): string;
  lookup(source: string, scope: MemoryScope, constraints?: SentenceConstraints): Promise<RememberedTranslation | undefined>;
  store(source: string, translation: RememberedTranslation, scope: MemoryScope, constraints?: SentenceConstraints): Promise<void>;
}

export function createTranslationMemory(driver: CacheDriver): TranslationMemory {
  const keyOf = (source: string, scope: MemoryScope, constraints?: SentenceConstraints) =>
    hashValue({
      source,
      model: scope.model,
      engine: scope.engine,
      stage: scope.stage,
      decoding: scope.decoding,
      ...(constraints && constraints.terms.length > 0 ? { constraints: { terms: constraints.terms.map(({ source, target }) => [source, target]), beams: constraints.beams } } : {}),
    });
  return {
    keyOf,
    async lookup(source, scope, constraints) {
      const entry = await driver.get<MemoryEntry>(keyOf(source, scope, constraints), (value) => isMemoryEntry(value, source));
      if (!entry) return undefined;
      return { translation: entry.translation, score: entry.score, truncated: entry.truncated, split: entry.split, ...(entry.terms ? { terms: entry.terms } : {}) };
    },
    async store(source, translation, scope, constraints) {
      await driver.set(keyOf(source, scope, constraints), { source, ...translation } satisfies MemoryEntry);
    },
  };
}

/** The entry of this source sentence, with every field of its type: anything else is a damaged entry. */
function isMemoryEntry(value: unknown, source: string): value is MemoryEntry {
  return (
    isObject(value) &&
    value.source === source &&
    typeof value.translation === 'string' &&
    (value.score === null || (typeof value.score === 'number' && Number.isFinite(value.score))) &&
    typeof value.truncated === 'boolean' &&
    typeof value.split === 'boolean' &&
    (value.terms === undefined || (Array.isArray(value.terms) && value.terms.every((term) => isObject(term) && typeof term.source === 'string' && typeof term.target === 'string')))
  );
}
