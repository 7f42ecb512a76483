const SHA256_HEX = /^[0-9a-f]{64}$/;
const BYTES = 32;

/**
 * One sha256 digest per article of the run, stored as 32 raw bytes by the article's row. The runner
 * keeps several hashes per article for the whole run (cache keys, record hashes): as hex strings
 * they cost ~100 bytes each in the heap, and at 10,000 articles they were the largest part of the
 * memory that grew with the corpus.
 */
export class DigestColumn {
  private readonly bytes: Uint8Array;
  private readonly filled: Uint8Array;

  constructor(readonly rows: number) {
    this.bytes = new Uint8Array(rows * BYTES);
    this.filled = new Uint8Array(rows);
  }

  /** Stores `hex` if it is a sha256 digest in lower-case hex; returns whether it did. */
  set(row: number, hex: string): boolean {
    if (!SHA256_HEX.test(hex)) return false;
    this.bytes.set(Buffer.from(hex, 'hex'), row * BYTES);
    this.filled[row] = 1;
    return true;
  }

  get(row: number): string | undefined {
    if (this.filled[row] !== 1) return undefined;
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + row * BYTES, BYTES).toString('hex');
  }
}
