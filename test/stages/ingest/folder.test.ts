import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/index.ts';
import { discoverArticles, NOT_UTF8_NAME, UNSUPPORTED_TYPE } from '../../../src/stages/ingest/discover.ts';
import { COPY_MODEL, REPO, STACK_TRACE, warta } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';

const FIXTURES = path.join(REPO, 'test/fixtures/inputs');
/** The start of a .docx (a zip) and of a PNG: what such files begin with, enough to be what they claim. */
const DOCX_BYTES = Buffer.from('504b030414000600080000002100000000000000000000000000130000005b436f6e74656e745f54797065735d2e786d6c', 'hex');
const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('everything in the input folder is accounted for', () => {
  it('lists other types, a sidecar without its article and a name that is not UTF-8 as skipped, with the reason; companions are neither', async () => {
    const dir = tempDir('warta-folder-');
    mkdirSync(path.join(dir, 'daerah'));
    cpSync(path.join(FIXTURES, 'harga-cabai.txt'), path.join(dir, 'harga-cabai.txt'));
    cpSync(path.join(FIXTURES, 'harga-cabai.meta.yaml'), path.join(dir, 'harga-cabai.meta.yaml'));
    writeFileSync(path.join(dir, 'laporan.docx'), DOCX_BYTES);
    writeFileSync(path.join(dir, 'daerah', 'foto.png'), PNG_BYTES);
    writeFileSync(path.join(dir, 'daerah', 'sources.csv'), 'file,url\nbanjir.txt,https://example.id/banjir\n');
    writeFileSync(path.join(dir, 'daerah', 'banjir.txt'), 'Banjir Rendam Pati\n\nBanjir merendam tiga desa di Pati sejak Jumat.\n');
    writeFileSync(path.join(dir, 'daerah', 'lama.meta.json'), '{"outlet": "Tempo"}');
    // "café.txt" written in Latin-1: the byte 0xE9 alone is not UTF-8.
    writeFileSync(Buffer.from(path.join(dir, 'daerah', 'caf\u00e9.txt'), 'latin1'), 'Teks.');
    writeFileSync(path.join(dir, 'daerah', 'Kafé Jalan.txt'), 'Kafe Baru di Jalan Braga\n\nSebuah kafe baru dibuka di Jalan Braga, Bandung.\n');
    const { files, problems, skipped } = await discoverArticles(dir, 1e7);
    expect(problems).toEqual([]);
    expect(files.map((f) => [f.path, (f.companions ?? []).map((c) => c.path)])).toEqual([
      ['daerah/Kafé Jalan.txt', ['daerah/sources.csv']],
      ['daerah/banjir.txt', ['daerah/sources.csv']],
      ['harga-cabai.txt', ['harga-cabai.meta.yaml']],
    ]);
    expect(skipped).toEqual([
      { path: 'daerah/caf\\xE9.txt', reason: NOT_UTF8_NAME },
      { path: 'daerah/foto.png', reason: UNSUPPORTED_TYPE },
      { path: 'daerah/lama.meta.json', reason: 'metadata sidecar without its article (no lama.txt, .md or .html beside it)' },
      { path: 'laporan.docx', reason: UNSUPPORTED_TYPE },
    ]);
    expect(UNSUPPORTED_TYPE).toBe('unsupported type; save as .txt or .html');
  });
});

describe('symlinks that lead outside the input folder', () => {
  function folders(): { input: string; outside: string } {
    const root = tempDir('warta-links-');
    const input = path.join(root, 'input');
    const outside = path.join(root, 'arsip');
    mkdirSync(path.join(outside, 'lama'), { recursive: true });
    mkdirSync(input);
    writeFileSync(path.join(outside, 'kopi.txt'), 'Harga Kopi Naik\n\nHarga kopi robusta naik.\n');
    writeFileSync(path.join(outside, 'lama', 'teh.txt'), 'Harga Teh Turun\n\nHarga teh turun.\n');
    writeFileSync(path.join(input, 'sendiri.txt'), 'Artikel Sendiri\n\nTeks sendiri.\n');
    symlinkSync(path.join(outside, 'kopi.txt'), path.join(input, 'kopi.txt'));
    symlinkSync(outside, path.join(input, 'arsip'));
    // A loop through the outside: arsip/lama/kembali is the folder that holds input/ itself.
    symlinkSync(root, path.join(outside, 'lama', 'kembali'));
    return { input, outside };
  }

  it('are refused by default, each reported', async () => {
    const { input } = folders();
    const { files, problems } = await discoverArticles(input, 1e7);
    expect(files.map((f) => f.path)).toEqual(['sendiri.txt']);
    expect(problems.map((p) => [p.path, p.error.code])).toEqual([
      ['arsip', 'INPUT_UNREADABLE'],
      ['kopi.txt', 'INPUT_UNREADABLE'],
    ]);
    expect(problems[1]!.error.hint).toContain('--follow-symlinks');
  });

  it('are followed with followSymlinks, and a loop through them still ends', async () => {
    const { input } = folders();
    const { files, problems } = await discoverArticles(input, 1e7, undefined, { followSymlinks: true });
    expect(problems).toEqual([]);
    // The loop leads back to the folder above input/: its articles are reached once, under the first path that reaches them.
    expect(files.map((f) => f.path)).toEqual(['arsip/kopi.txt', 'arsip/lama/teh.txt', 'kopi.txt', 'sendiri.txt']);
  });

  it('`--follow-symlinks` and `follow_symlinks: true` make the CLI follow them', async () => {
    const { input } = folders();
    const workspace = path.dirname(input);
    const refused = await warta(['status', '--input', input, '--output', path.join(workspace, 'out'), '--cache', path.join(workspace, 'cache'), '--model', COPY_MODEL], workspace);
    const followed = await warta(['status', '--follow-symlinks', '--input', input, '--output', path.join(workspace, 'out'), '--cache', path.join(workspace, 'cache'), '--model', COPY_MODEL], workspace);
    expect(refused.code).toBe(0);
    expect(followed.code).toBe(0);
    const articles = (out: string) => Number(/(\d+) articles?/u.exec(out)?.[1]);
    expect(articles(refused.stdout)).toBe(1);
    expect(articles(followed.stdout)).toBe(4);
    writeFileSync(path.join(workspace, 'pipeline.yaml'), `follow_symlinks: true\nmodel:\n  id: ${COPY_MODEL}\n`);
    const configured = await warta(['status'], workspace);
    expect(articles(configured.stdout)).toBe(4);
  });
});

describe('warta run over a folder as an analyst has it', () => {
  it('reads the HTML page, the Markdown note and the text with its sidecar, links each to its original and lists the rest as skipped', async () => {
    const dir = tempDir('warta-analyst-');
    const input = path.join(dir, 'input');
    mkdirSync(input);
    for (const name of ['banjir-demak.html', 'catatan-gempa.md', 'harga-cabai.txt', 'harga-cabai.meta.yaml']) cpSync(path.join(FIXTURES, name), path.join(input, name));
    writeFileSync(path.join(input, 'laporan.docx'), DOCX_BYTES);
    writeFileSync(path.join(input, 'foto.png'), PNG_BYTES);
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\n`);
    const first = await warta(['run'], dir);
    expect(first.stderr).not.toMatch(STACK_TRACE);
    expect(first.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'output/run.json'), 'utf8')) as RunReport;
    expect(report.skipped).toEqual([
      { path: 'foto.png', reason: UNSUPPORTED_TYPE },
      { path: 'laporan.docx', reason: UNSUPPORTED_TYPE },
    ]);
    expect(report.failures).toEqual([]);
    expect(first.stderr.match(/laporan\.docx/gu)).toHaveLength(1);
    expect(first.stderr).toContain(`Skipped 2 files that are not articles:\n  foto.png: ${UNSUPPORTED_TYPE}\n  laporan.docx: ${UNSUPPORTED_TYPE}`);

    const article = (id: string) => JSON.parse(readFileSync(path.join(dir, 'output/articles', `${id}.json`), 'utf8')) as { metadata: Record<string, unknown>; sentences: Array<{ source: string }> };
    const expected: Record<string, [string, string]> = {
      'banjir-demak': ['https://regional.kompas.com/read/2024/03/17/091500778/tanggul-sungai-wulan-jebol', 'html'],
      'catatan-gempa': ['https://www.liputan6.com/news/read/5512345/gempa-cianjur', 'front-matter'],
      'harga-cabai': ['https://ekonomi.bisnis.com/read/20240305/12/1746000/harga-cabai-rawit', 'sidecar'],
    };
    for (const [id, [url, source]] of Object.entries(expected)) {
      const json = article(id);
      expect(json.metadata.url).toBe(url);
      expect((json.metadata.sources as Record<string, string>).url).toBe(source);
      const markdown = readFileSync(path.join(dir, 'output/articles', `${id}.md`), 'utf8');
      expect(markdown).toContain(`](<${url}>)`);
    }
    expect(article('banjir-demak').sentences.some((s) => /Berita Terkait|cookie|ADVERTISEMENT/u.test(s.source))).toBe(false);

    writeFileSync(path.join(input, 'harga-cabai.meta.yaml'), 'url: https://ekonomi.bisnis.com/read/20240305/12/1746001/harga-cabai-rawit-naik\n');
    const second = await warta(['run'], dir);
    expect(second.code).toBe(0);
    const again = JSON.parse(readFileSync(path.join(dir, 'output/run.json'), 'utf8')) as RunReport;
    expect([again.stages.ingest!.ran, again.stages.ingest!.cached]).toEqual([1, 2]);
    expect([again.stages.clean!.ran, again.stages.clean!.cached]).toEqual([1, 2]);
    expect(article('harga-cabai').metadata.url).toBe('https://ekonomi.bisnis.com/read/20240305/12/1746001/harga-cabai-rawit-naik');
  });
});
