import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, appendFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI, COPY_MODEL, STACK_TRACE, warta } from '../../helpers/cli.ts';

const AS_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
import { tempDir } from '../../helpers/temp.ts';

const article = (title: string) => `${title}\n\nHarga beras naik lagi di pasar kota pada Senin pagi. Warga mengeluh.\n`;

function workspace(): { dir: string; input: string; articles: string } {
  const dir = tempDir('warta-stale-outputs-');
  const input = path.join(dir, 'input');
  mkdirSync(path.join(input, 'daerah'), { recursive: true });
  writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\n`);
  writeFileSync(path.join(input, 'satu.txt'), article('Beras Naik'));
  writeFileSync(path.join(input, 'dua.txt'), article('Gula Naik'));
  writeFileSync(path.join(input, 'daerah', 'tiga.txt'), article('Minyak Naik'));
  return { dir, input, articles: path.join(dir, 'output', 'articles') };
}

const listing = (folder: string) => readdirSync(folder, { recursive: true }).map(String).sort();

describe('outputs of articles whose input is gone', () => {
  it('removes the files warta wrote for a deleted input, keeps the others, and leaves files warta did not write', async () => {
    const { dir, input, articles } = workspace();
    expect((await warta(['run'], dir)).code).toBe(0);
    expect(listing(articles)).toEqual(['daerah--tiga.json', 'daerah--tiga.md', 'dua.json', 'dua.md', 'satu.json', 'satu.md']);
    writeFileSync(path.join(articles, 'catatan-saya.md'), 'my own notes\n');

    rmSync(path.join(input, 'dua.txt'));
    rmSync(path.join(input, 'daerah'), { recursive: true });
    const second = await warta(['run'], dir);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Removed 4 output files of articles whose input file is gone/);
    expect(listing(articles)).toEqual(['catatan-saya.md', 'satu.json', 'satu.md']);

    const third = await warta(['run'], dir);
    expect(third.stderr).not.toMatch(/Removed/);
    expect(listing(articles)).toEqual(['catatan-saya.md', 'satu.json', 'satu.md']);
  });

  it('leaves a file the user changed since warta wrote it, and says so', async () => {
    const { dir, input, articles } = workspace();
    expect((await warta(['run'], dir)).code).toBe(0);
    appendFileSync(path.join(articles, 'dua.md'), '\nmy annotation\n');
    rmSync(path.join(input, 'dua.txt'));
    const second = await warta(['run'], dir);
    expect(second.stderr).not.toMatch(STACK_TRACE);
    expect(second.stderr).toMatch(/Left articles\/dua\.md: the input is gone, but the file was changed/);
    expect(existsSync(path.join(articles, 'dua.md'))).toBe(true);
    expect(existsSync(path.join(articles, 'dua.json'))).toBe(false);
  });

  it('keeps the outputs of articles under a folder that could not be read', async () => {
    const { dir, input, articles } = workspace();
    // Root reads any folder whatever its mode: every run then goes as nobody, as a user without that right would.
    chmodSync(dir, 0o777);
    for (const folder of [input, path.join(input, 'daerah')]) chmodSync(folder, 0o755);
    const run = (args: string[]) => promisify(execFile)(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, CI: 'true', WARTA_DEBUG: '' }, ...AS_USER }).then(
      ({ stderr }) => ({ code: 0, stderr }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect((await run(['run'])).code).toBe(0);
    chmodSync(path.join(input, 'daerah'), 0o000);
    try {
      const second = await run(['run']);
      expect(second.stderr).not.toMatch(STACK_TRACE);
      expect(second.stderr).toMatch(/daerah/);
      expect(existsSync(path.join(articles, 'daerah--tiga.json'))).toBe(true);
      expect(existsSync(path.join(articles, 'satu.json'))).toBe(true);
    } finally {
      chmodSync(path.join(input, 'daerah'), 0o755);
    }
  });

  it('a shard or an --only run before render removes nothing', async () => {
    const { dir, input, articles } = workspace();
    expect((await warta(['run'], dir)).code).toBe(0);
    rmSync(path.join(input, 'dua.txt'));
    await warta(['run', '--only', 'summarize'], dir);
    await warta(['run', '--shard', '0/2'], dir);
    expect(existsSync(path.join(articles, 'dua.json'))).toBe(true);
    expect((await warta(['run', '--only', 'render'], dir)).code).toBe(0);
    expect(existsSync(path.join(articles, 'dua.json'))).toBe(false);
  });
});
