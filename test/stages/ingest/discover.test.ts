import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleIdFor } from '../../../src/index.ts';
import { discoverArticles } from '../../../src/stages/ingest/discover.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('articleIdFor', () => {
  it('slugs the relative path without its extension', () => {
    expect(articleIdFor('000_d9f5.txt')).toBe('000_d9f5');
    expect(articleIdFor('daerah/Gempa Garut.md')).toBe('daerah--gempa-garut');
    expect(articleIdFor('Berita Ekonomi/Harga Kopi Naik!.txt')).toBe('berita-ekonomi--harga-kopi-naik');
    expect(articleIdFor('Kafé Jalan.txt')).toBe('kafe-jalan');
  });

  it('keeps long ids bounded and distinct', () => {
    const a = articleIdFor(`${'a'.repeat(300)}1.txt`);
    const b = articleIdFor(`${'a'.repeat(300)}2.txt`);
    expect(a.length).toBeLessThanOrEqual(120);
    expect(a).not.toBe(b);
  });
});

describe('discoverArticles', () => {
  it('finds .txt and .md files recursively, skips others and hidden files, and survives a symlink loop', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'sub', 'deeper'), { recursive: true });
    writeFileSync(path.join(dir, 'a.txt'), 'Satu.');
    writeFileSync(path.join(dir, 'sub', 'b.MD'), 'Dua.');
    writeFileSync(path.join(dir, 'sub', 'deeper', 'c.txt'), 'Tiga.');
    writeFileSync(path.join(dir, 'image.png'), 'x');
    writeFileSync(path.join(dir, '.hidden.txt'), 'x');
    symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    const { files, problems } = await discoverArticles(dir, 1e6);
    expect(files.map((f) => f.path)).toEqual(['a.txt', 'sub/b.MD', 'sub/deeper/c.txt']);
    expect(problems).toEqual([]);
    expect(files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports colliding ids and files over the size limit per file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'Harga Beras.txt'), 'Satu.');
    writeFileSync(path.join(dir, 'harga-beras.md'), 'Dua.');
    writeFileSync(path.join(dir, 'big.txt'), 'x'.repeat(2000));
    const { files, problems } = await discoverArticles(dir, 1000);
    expect(files.map((f) => f.path)).toEqual(['Harga Beras.txt']);
    expect(problems.map((p) => [p.path, p.error.code])).toEqual([
      ['big.txt', 'INPUT_TOO_LARGE'],
      ['harga-beras.md', 'ID_COLLISION'],
    ]);
    expect(problems[1]!.error.message).toContain('Harga Beras.txt already has');
  });

  it('fails clearly when the input folder does not exist', async () => {
    await expect(discoverArticles(path.join(tempDir(), 'nope'), 1e6)).rejects.toThrow(/Input folder not found/);
  });
});

describe('discoverArticles with a hash memo', () => {
  it('reuses hashes of unchanged files and notices a same-size edit even with the mtime put back', async () => {
    const { createFsDriver } = await import('../../../src/cache/fs-driver.ts');
    const { fileHashMemo } = await import('../../../src/stages/ingest/discover.ts');
    const { statSync, utimesSync } = await import('node:fs');
    const dir = tempDir();
    const memo = fileHashMemo(createFsDriver(tempDir(), 'sources'), dir);
    writeFileSync(path.join(dir, 'a.txt'), 'Harga naik.');
    const first = await discoverArticles(dir, 1e6, memo);
    expect(Object.keys(await memo.load())).toEqual(['a.txt']);
    expect((await discoverArticles(dir, 1e6, memo)).files[0]!.sha256).toBe(first.files[0]!.sha256);

    const before = statSync(path.join(dir, 'a.txt'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(path.join(dir, 'a.txt'), 'Harga ture.');
    utimesSync(path.join(dir, 'a.txt'), before.atime, before.mtime);
    const edited = await discoverArticles(dir, 1e6, memo);
    expect(edited.files[0]!.sha256).not.toBe(first.files[0]!.sha256);
  });
});
