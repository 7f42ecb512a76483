import path from 'node:path';

/**
 * Where drivers note the entries they found damaged (edited, mixed up, of the wrong shape). A run
 * watches the log of its cache while it runs and reports how many distinct entries it found, once.
 */
export class CacheDamage {
  private readonly watchers = new Set<Set<string>>();

  note(namespace: string, key: string): void {
    for (const seen of this.watchers) seen.add(`${namespace}/${key}`);
  }

  /** Starts counting; the function returned stops and gives the number of distinct damaged entries noted since. */
  watch(): () => number {
    const seen = new Set<string>();
    this.watchers.add(seen);
    return () => {
      this.watchers.delete(seen);
      return seen.size;
    };
  }
}

const logsByRoot = new Map<string, CacheDamage>();

/** The one damage log of a cache folder in this process: every driver opened on it notes there. */
export function damageLogOf(root: string): CacheDamage {
  const resolved = path.resolve(root);
  let log = logsByRoot.get(resolved);
  if (!log) logsByRoot.set(resolved, (log = new CacheDamage()));
  return log;
}
