/**
 * `--keep-boilerplate`: the flag reaches `clean.keep_boilerplate`, and with it nothing is removed
 * from the text while `removed` still lists what would be.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { loadConfig } from '../../../src/config/load.ts';
import type { CleanedArticle } from '../../../src/types.ts';
import { tempDir } from '../../helpers/temp.ts';

const ARTICLE = [
  'Pasar Ceplak Garut Kembali Dibuka Usai Renovasi',
  '',
  'Pasar Ceplak di Kabupaten Garut kembali dibuka untuk pedagang pada Senin pagi.',
  '',
  'ADVERTISEMENT',
  '',
  'Sebanyak 400 kios baru disiapkan bagi pedagang lama tanpa biaya sewa selama setahun.',
  '',
  'Baca Juga: Harga Cabai di Garut Turun Jelang Akhir Pekan',
].join('\n');

function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io = { out: () => {}, err: (text: string) => void (err += `${text}\n`), stderr: { isTTY: false } as NodeJS.WriteStream };
  return main(args, io).then((code) => ({ code, err }));
}

function cleanRecords(cache: string): CleanedArticle[] {
  const root = path.join(cache, 'stages', 'clean');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(readFileSync(path.join(root, f), 'utf8')) as { value: { record: CleanedArticle } }).value.record);
}

describe('--keep-boilerplate', () => {
  it('the override sets clean.keep_boilerplate; without it the config decides', () => {
    const dir = tempDir();
    expect(loadConfig({ cwd: dir }).clean.keep_boilerplate).toBe(false);
    expect(loadConfig({ cwd: dir, overrides: { keepBoilerplate: true } }).clean.keep_boilerplate).toBe(true);
    writeFileSync(path.join(dir, 'pipeline.yaml'), 'clean:\n  keep_boilerplate: true\n');
    expect(loadConfig({ cwd: dir }).clean.keep_boilerplate).toBe(true);
  });

  it('is in the help text', async () => {
    let out = '';
    await main(['--help'], { out: (t) => void (out += t), err: () => {}, stderr: { isTTY: false } as NodeJS.WriteStream });
    expect(out).toMatch(/--keep-boilerplate\s+keep boilerplate lines/);
  });

  it('on the command line: the clean stage keeps the lines and still lists them', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'input'));
    writeFileSync(path.join(dir, 'input', 'pasar.txt'), ARTICLE);
    const common = ['--input', path.join(dir, 'input'), '--output', path.join(dir, 'output'), '--cache', path.join(dir, '.cache')];
    expect((await run(['run', '--only', 'ingest', ...common])).code).toBe(0);

    const kept = await run(['run', '--only', 'clean', '--keep-boilerplate', ...common]);
    expect(kept.code, kept.err).toBe(0);
    const [keptRecord, ...others] = cleanRecords(path.join(dir, '.cache'));
    expect(others).toEqual([]);
    expect(keptRecord!.text).toContain('ADVERTISEMENT');
    expect(keptRecord!.text).toContain('Baca Juga: Harga Cabai');
    expect(keptRecord!.removed.map((x) => [x.line, x.rule])).toEqual([
      [5, 'ad-marker'],
      [9, 'read-also'],
    ]);

    const dropped = await run(['run', '--only', 'clean', ...common]);
    expect(dropped.code, dropped.err).toBe(0);
    const droppedRecord = cleanRecords(path.join(dir, '.cache')).find((r) => !r.text.includes('ADVERTISEMENT'))!;
    expect(droppedRecord.text).not.toContain('Baca Juga');
    expect(droppedRecord.removed).toEqual(keptRecord!.removed);
  });
});
