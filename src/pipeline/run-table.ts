import { DigestColumn } from './digest-column.ts';
import type { ArticleIndex } from './keys.ts';

/**
 * The hashes the runner needs of every article across stages, in columns of raw digests by row
 * (digest-column.ts), so that what grows with the corpus is a few hundred bytes per article.
 */
export class RunTable {
  /** Cache key of each article's result at each stage so far, by stage position: upstream results are read back along them. */
  readonly keys: DigestColumn[] = [];
  /** Record hash of each article's last completed stage: the next stage's input hash. */
  readonly recordHashes: DigestColumn;
  /** What each article's index remembers of each stage (key, record hash), by stage position; a stage's columns go once it is done. */
  private readonly remembered: Array<{ key: DigestColumn; recordHash: DigestColumn } | undefined>;
  private readonly indexRead: Uint8Array;

  constructor(
    readonly rows: number,
    private readonly stageNames: readonly string[],
  ) {
    this.recordHashes = new DigestColumn(rows);
    this.indexRead = new Uint8Array(rows);
    this.remembered = stageNames.map(() => undefined);
  }

  keysAt(position: number): DigestColumn {
    return (this.keys[position] ??= new DigestColumn(this.rows));
  }

  /** Reads the article's index into `remembered` the first time a stage asks. */
  async recall(row: number, read: () => Promise<ArticleIndex | undefined>): Promise<void> {
    if (this.indexRead[row] === 1) return;
    this.indexRead[row] = 1;
    const index = await read();
    this.stageNames.forEach((name, position) => {
      const entry = index?.[name];
      if (!entry || typeof entry.key !== 'string' || typeof entry.recordHash !== 'string') return;
      const columns = (this.remembered[position] ??= { key: new DigestColumn(this.rows), recordHash: new DigestColumn(this.rows) });
      if (columns.key.set(row, entry.key)) columns.recordHash.set(row, entry.recordHash);
    });
  }

  /** The index's [key, record hash] of the article at this stage, if it has both. */
  rememberedAt(position: number, row: number): readonly [string, string] | undefined {
    const columns = this.remembered[position];
    const key = columns?.key.get(row);
    const recordHash = columns?.recordHash.get(row);
    return key !== undefined && recordHash !== undefined ? [key, recordHash] : undefined;
  }

  forget(position: number): void {
    this.remembered[position] = undefined;
  }
}
