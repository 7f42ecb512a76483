/**
 * A cache driver stores JSON values under content-addressed keys, in the spirit of unstorage's
 * `Driver`. `get` returns undefined for a missing *or unreadable* entry: a corrupt entry is a miss.
 */
export interface CacheDriver {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  has(key: string): Promise<boolean>;
  /** Every key present; lets a caller check thousands of keys without a file-system call each. */
  keys?(): Promise<Set<string>>;
  /** Many entries at once (missing or corrupt ones absent), for callers that need thousands. */
  getMany?<T>(keys: readonly string[]): Promise<Map<string, T>>;
}
