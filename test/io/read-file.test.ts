import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forEachChunk, readTextFile, withFileBytes } from '../../src/io/read-file.ts';
import { tempDir } from '../helpers/temp.ts';

describe('reading whole files into reused buffers', () => {
  it('gives each file its own bytes, whatever was read into the buffer before', async () => {
    const dir = tempDir();
    const large = path.join(dir, 'large.txt');
    const small = path.join(dir, 'small.txt');
    writeFileSync(large, 'x'.repeat(300_000));
    writeFileSync(small, 'kecil');
    for (let round = 0; round < 3; round++) {
      const [a, b] = await Promise.all([readTextFile(large), readTextFile(small)]);
      expect(a).toHaveLength(300_000);
      expect(b).toBe('kecil');
      expect(await readTextFile(small)).toBe('kecil');
    }
  });

  it('decodes as readFile does, invalid UTF-8 included', async () => {
    const file = path.join(tempDir(), 'mixed.txt');
    writeFileSync(file, Buffer.concat([Buffer.from('Rp 5 juta – '), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('ü')]));
    expect(await readTextFile(file)).toBe(readFileSync(file, 'utf8'));
  });

  it('reads an empty file as empty', async () => {
    const file = path.join(tempDir(), 'empty.txt');
    writeFileSync(file, '');
    expect(await withFileBytes(file, (bytes) => bytes.length)).toBe(0);
  });

  it('rejects with the file system error for a missing file', async () => {
    await expect(readTextFile(path.join(tempDir(), 'missing.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  // Larger than any buffer kept for reuse, so it cannot come in one chunk.
  it('hands a file over in chunks that add up to it', async () => {
    const file = path.join(tempDir(), 'chunks.bin');
    const content = Buffer.from(Array.from({ length: 5_000_000 }, (_, i) => (i * 7919) % 251));
    writeFileSync(file, content);
    const hash = createHash('sha256');
    let chunks = 0;
    await forEachChunk(file, (chunk) => {
      hash.update(chunk);
      chunks++;
    });
    expect(chunks).toBeGreaterThan(1);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
  });
});
