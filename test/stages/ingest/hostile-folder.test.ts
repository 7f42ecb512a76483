import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/index.ts';
import { ingestStage } from '../../../src/stages/ingest/index.ts';
import { sha256 } from '../../../src/util/hash.ts';
import { CLI, COPY_MODEL, STACK_TRACE } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';

const GOOD = 'Banjir Rendam Kota\n\nBanjir merendam 200 rumah di kota itu pada Senin malam. Warga mengungsi ke sekolah.\n';
const SECRET = 'Rahasia Negara\n\nKATA SANDI RAHASIA tersimpan di sini.\n';
// Root reads any folder whatever its mode: the CLI then runs as nobody, as a user without that right would.
const AS_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

async function wartaAsUser(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true', WARTA_DEBUG: '' }, ...AS_USER });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

function workspace(): { dir: string; input: string; outside: string } {
  const dir = tempDir('warta-hostile-');
  const outside = tempDir('warta-outside-');
  chmodSync(dir, 0o777);
  chmodSync(outside, 0o755);
  const input = path.join(dir, 'input');
  mkdirSync(input);
  writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\n`);
  writeFileSync(path.join(outside, 'rahasia.txt'), SECRET);
  mkdirSync(path.join(outside, 'sistem'));
  writeFileSync(path.join(outside, 'sistem', 'lain.txt'), SECRET);
  return { dir, input, outside };
}

describe('a hostile input folder', () => {
  it('follows no link out of it, survives loops and an unreadable folder, refuses NUL files and strips hidden controls', async () => {
    const { dir, input, outside } = workspace();
    writeFileSync(path.join(input, 'baik.txt'), GOOD);
    symlinkSync(path.join(outside, 'rahasia.txt'), path.join(input, 'bocor.txt'));
    symlinkSync(path.join(outside, 'sistem'), path.join(input, 'sistem'));
    symlinkSync('.', path.join(input, 'putar'));
    symlinkSync('lingkar.txt', path.join(input, 'lingkar.txt'));
    mkdirSync(path.join(input, 'terkunci'));
    writeFileSync(path.join(input, 'terkunci', 'isi.txt'), GOOD);
    chmodSync(path.join(input, 'terkunci'), 0o000);
    writeFileSync(path.join(input, 'nul.txt'), Buffer.concat([Buffer.from(`${GOOD}${'Warga menunggu kabar. '.repeat(500)}\n`), Buffer.from([0]), Buffer.from('ekor\n')]));
    writeFileSync(path.join(input, 'bidi.txt'), `Harga Beras\n\nHarga beras naik menjadi Rp \u202e000.1\u202c per kilogram\u0085 di pasar.\n`);

    const result = await wartaAsUser(['run'], dir);
    chmodSync(path.join(input, 'terkunci'), 0o755);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code, result.stderr).toBe(1);
    const expectations: Array<[string, RegExp]> = [
      ['bocor.txt', /bocor\.txt is a symlink to .*rahasia\.txt, outside the input folder; it was not followed/],
      ['sistem', /sistem is a symlink to .*sistem, outside the input folder/],
      ['lingkar.txt', /lingkar\.txt is a symlink loop/],
      ['terkunci', /terkunci is a folder that cannot be read \(EACCES\)/],
      ['nul.txt', /nul\.txt looks binary, not text \(NUL byte at offset \d{4,}\)/],
    ];
    for (const [, message] of expectations) expect(result.stderr).toMatch(message);
    const report = JSON.parse(readFileSync(path.join(dir, 'output/run.json'), 'utf8')) as RunReport;
    expect(report.failures.map((f) => f.path).sort()).toEqual(expectations.map(([file]) => file).sort());
    expect(report.failures.every((f) => f.code !== 'INTERNAL')).toBe(true);
    expect(report.completed).toBe(2);

    for (const name of readdirSync(path.join(dir, 'output'), { recursive: true, encoding: 'utf8' })) {
      if (/\.(json|md|html)$/.test(name)) expect(readFileSync(path.join(dir, 'output', name), 'utf8'), name).not.toContain('RAHASIA');
    }
    const bidi = JSON.parse(readFileSync(path.join(dir, 'output/articles/bidi.json'), 'utf8')) as { text: string; source: { repairs: unknown } };
    expect(bidi.text).toContain('Rp 000.1 per kilogram di pasar.');
    expect(bidi.text).not.toMatch(/[\u0080-\u009f\u202a-\u202e]/);
    expect(bidi.source.repairs).toEqual([
      { rule: 'c1-control', character: 'U+0085', count: 1 },
      { rule: 'bidi-control', character: 'U+202C', count: 1 },
      { rule: 'bidi-control', character: 'U+202E', count: 1 },
    ]);
  }, 120_000);

  it('refuses an output or cache folder that is the input folder or inside it, with a usage error', async () => {
    const { dir, input } = workspace();
    writeFileSync(path.join(input, 'baik.txt'), GOOD);
    for (const args of [['--output', 'input/keluaran'], ['--output', 'input'], ['--cache', 'input/cache']]) {
      const result = await wartaAsUser(['run', ...args], dir);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/folder .* is (inside )?the input folder/);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    }
    // Refused before anything was written: the input folder is as it was.
    expect(readdirSync(input)).toEqual(['baik.txt']);
  }, 120_000);
});

describe('ingest of a file that changed after discovery hashed it', () => {
  it('fails that article with "changed during the run" instead of caching the new text under the old hash', async () => {
    const dir = tempDir('warta-changed-');
    const file = path.join(dir, 'berubah.txt');
    writeFileSync(file, GOOD);
    const discovered = { id: 'berubah', path: 'berubah.txt', absolutePath: file, bytes: GOOD.length, sha256: sha256(GOOD) };
    const context = { articleId: 'berubah', options: { max_paragraphs: 2000 }, resources: undefined, version: ingestStage.version };
    expect((await ingestStage.run(discovered, context)).text).toContain('Banjir merendam');
    writeFileSync(file, GOOD.replace('200', '900'));
    await expect(ingestStage.run(discovered, context)).rejects.toThrow(/berubah\.txt changed during the run/);
  });
});
