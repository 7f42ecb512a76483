/**
 * A cache driver stores JSON values under content-addressed keys, in the spirit of unstorage's
 * `Driver`. `get` returns undefined for a missing *or unreadable* entry: a corrupt entry is a miss.
 * Every driver passes the one contract suite in test/cache/driver-contract.ts.
 */
export interface CacheDriver {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Every key present; lets a caller check thousands of keys without a read each. */
  keys(): Promise<Set<string>>;
  /** Many entries at once (missing or corrupt ones absent), for callers that need thousands. */
  getMany<T>(keys: readonly string[]): Promise<Map<string, T>>;
}

const KEY_PATTERN = /^[0-9a-f]{16,128}$/;

/** Keys are hex digests: anything else is a bug in the caller, never a path to follow. */
export function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new TypeError(`cache key must be a hex digest, got ${JSON.stringify(key)}`);
  return key;
}

/** The stored form of an entry: the key is kept beside the value, so an entry moved or mixed up is a miss. */
export function encodeEntry(key: string, value: unknown): string {
  return JSON.stringify({ key, value });
}

export function decodeEntry<T>(key: string, text: string): T | undefined {
  try {
    const entry = JSON.parse(text) as { key?: unknown; value?: unknown };
    return entry.key === key ? (entry.value as T) : undefined;
  } catch {
    return undefined;
  }
}
