import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWartaError } from '../../src/errors.ts';
import { loadConfig, runWarta } from '../../src/index.ts';
import type { ArticleDocument } from '../../src/stages/render/document.ts';
import { buildDigest, digestJsonParts, digestMarkdown } from '../../src/digest/digest.ts';
import { RUN_OUTPUT_FILES, writeRunOutputs } from '../../src/digest/outputs.ts';
import { escapeHtml, reportHtml } from '../../src/digest/report/report.ts';
import type { RenderedArticle } from '../../src/types.ts';
import { sha256 } from '../../src/util/hash.ts';
import { tempDir } from '../helpers/temp.ts';
import { corpus } from './fixtures.ts';

/** An output folder as the render stage leaves it: articles/<id>.json per article, and its records. */
function renderedOutput(): { dir: string; rendered: RenderedArticle[] } {
  const dir = tempDir('warta-outputs-');
  mkdirSync(path.join(dir, 'articles'));
  return { dir, rendered: corpus().map((doc) => writeArticle(dir, doc)) };
}

/** Writes articles/<id>.json as render does; returns its render record. */
function writeArticle(dir: string, doc: ArticleDocument): RenderedArticle {
  const content = `${JSON.stringify(doc, null, 2)}\n`;
  writeFileSync(path.join(dir, `articles/${doc.id}.json`), content);
  return { id: doc.id, files: [{ path: `articles/${doc.id}.json`, sha256: sha256(content) }] };
}

/** Identity of each run-level file as written: a rewrite (temp file renamed into place) gives a new inode. */
const fileIdentities = (dir: string) => Object.fromEntries(RUN_OUTPUT_FILES.map((name) => [name, `${statSync(path.join(dir, name)).ino}@${statSync(path.join(dir, name)).mtimeMs}`]));

describe('writeRunOutputs', () => {
  it('writes digest.json, digest.md and index.html from the articles on disk', async () => {
    const { dir, rendered } = renderedOutput();
    await writeRunOutputs({ output: dir, cache: path.join(dir, '.cache') }, rendered);
    // Written a group at a time from documents read back from disk: the same bytes as made from all documents in memory.
    const digest = buildDigest(corpus());
    expect(readFileSync(path.join(dir, 'digest.json'), 'utf8')).toBe(`${JSON.stringify(digest, null, 2)}\n`);
    expect(readFileSync(path.join(dir, 'digest.md'), 'utf8')).toBe(digestMarkdown(digest));
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html).toBe(reportHtml(digest, corpus()));
    expect(html.match(/<section class="group"/g)).toHaveLength(digest.groups.length);
  });

  it('writes the report that links to each article instead of embedding it above the full-text limit', async () => {
    const { dir, rendered } = renderedOutput();
    await writeRunOutputs({ output: dir, cache: path.join(dir, '.cache') }, rendered, { fullTextLimit: 2 });
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html).toBe(reportHtml(buildDigest(corpus()), corpus(), { fullText: false }));
    expect(html).not.toContain('<details class="fulltext">');
  });

  it('refuses an article file that changed after render wrote it', async () => {
    const { dir, rendered } = renderedOutput();
    writeFileSync(path.join(dir, `articles/${rendered[0]!.id}.json`), '{}');
    const error = await writeRunOutputs({ output: dir, cache: path.join(dir, '.cache') }, rendered).catch((e: unknown) => e);
    expect(isWartaError(error, 'OUTPUT_WRITE_FAILED')).toBe(true);
    expect((error as Error).message).toContain(`${rendered[0]!.id}.json is missing or was changed`);
    expect(existsSync(path.join(dir, 'index.html'))).toBe(false);
  });

  it('writes digest.json exactly as JSON.stringify would, in parts', () => {
    const digest = buildDigest(corpus());
    expect([...digestJsonParts(digest)].join('')).toBe(`${JSON.stringify(digest, null, 2)}\n`);
    const empty = buildDigest([]);
    expect([...digestJsonParts(empty)].join('')).toBe(`${JSON.stringify(empty, null, 2)}\n`);
  });

  it('links to the Markdown instead of embedding full texts above the limit', async () => {
    const { dir, rendered } = renderedOutput();
    const config = { output: dir, cache: path.join(dir, '.cache') };
    await writeRunOutputs(config, rendered);
    const full = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(full.match(/<details class="fulltext">/g)).toHaveLength(rendered.length);
    const result = await writeRunOutputs(config, rendered, { fullTextLimit: rendered.length - 1 });
    expect(result.cached).toBe(false);
    const linked = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(linked).not.toContain('<details class="fulltext">');
    expect(linked).not.toContain('<tr class="sentence');
    for (const { id } of rendered) expect(linked).toContain(`<a href="articles/${id}.md">Markdown</a>`);
    expect(linked).toContain('<p class="note" id="linked">');
    expect(linked.length).toBeLessThan(full.length);
    // No sentence outside the summaries, and no removed line, is in the page.
    expect(linked).not.toContain('ADVERTISEMENT');
    for (const doc of corpus()) {
      const summary = new Set(doc.summary.sentences.map((s) => s.id));
      for (const s of doc.sentences) if (s.kind === 'paragraph' && !summary.has(s.id)) expect(linked).not.toContain(escapeHtml(s.source));
    }
  });

  it('skips all the work when nothing changed, and redoes it when an article or an output changed', async () => {
    const { dir, rendered } = renderedOutput();
    const config = { output: dir, cache: path.join(dir, '.cache') };
    const first = await writeRunOutputs(config, rendered);
    expect(first).toMatchObject({ cached: false, articles: rendered.length, groups: 4 });
    const written = fileIdentities(dir);

    const second = await writeRunOutputs(config, rendered);
    expect(second).toMatchObject({ cached: true, groups: null, files: first.files });
    expect(fileIdentities(dir)).toEqual(written);

    // One article changes: its JSON hash changes, so all three files are made again.
    const changed = corpus();
    const doc = changed.find((d) => d.id === 'kebakaran-tanjung-rawa-kabar')!;
    doc.metadata.title = 'Judul yang diubah';
    const third = await writeRunOutputs(config, [...rendered.filter((r) => r.id !== doc.id), writeArticle(dir, doc)]);
    expect(third.cached).toBe(false);
    const now = fileIdentities(dir);
    for (const name of RUN_OUTPUT_FILES) expect(now[name]).not.toBe(written[name]);
    expect(readFileSync(path.join(dir, 'digest.json'), 'utf8')).toContain('"title": "Judul yang diubah"');

    // Back to the first articles: the outputs recorded for them no longer are on disk, so they are rewritten.
    const restored = corpus().map((d) => writeArticle(dir, d));
    expect((await writeRunOutputs(config, restored)).cached).toBe(false);
    expect((await writeRunOutputs(config, restored)).cached).toBe(true);
    // A deleted or edited output is written again.
    rmSync(path.join(dir, 'index.html'));
    expect((await writeRunOutputs(config, restored)).cached).toBe(false);
    writeFileSync(path.join(dir, 'digest.md'), 'edited');
    expect((await writeRunOutputs(config, restored)).cached).toBe(false);
    expect(readFileSync(path.join(dir, 'digest.md'), 'utf8')).toBe(digestMarkdown(buildDigest(corpus())));
  });
});

describe('what is new since the last run', () => {
  const freshIn = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'digest.json'), 'utf8')) as ReturnType<typeof buildDigest>).groups.flatMap((g) => g.articles.filter((a) => a.new).map((a) => a.id));
  const oneMore = (): ArticleDocument => ({ ...corpus()[0]!, id: 'zz-tambahan', source: { ...corpus()[0]!.source, path: 'zz-tambahan.txt' } });

  it('marks nothing on a first run, then the added article, and keeps the marks (and the cache) while nothing changes', async () => {
    const { dir, rendered } = renderedOutput();
    const config = { output: dir, cache: path.join(dir, '.cache') };
    await writeRunOutputs(config, rendered);
    expect(freshIn(dir)).toEqual([]);
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).not.toMatch(/<(article|section|li)\b[^>]* data-new[ >]/);

    const added = [...rendered, writeArticle(dir, oneMore())];
    expect((await writeRunOutputs(config, added)).cached).toBe(false);
    expect(freshIn(dir)).toEqual(['zz-tambahan']);
    expect(readFileSync(path.join(dir, 'digest.md'), 'utf8')).toMatch(/^- \*\*new\*\* \[/m);
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html.match(/<article [^>]*data-new/g)).toHaveLength(1);
    expect(html).toMatch(/<article class="article" id="a-zz-tambahan"[^>]*data-new>/);

    // Nothing changed: the same marks, from the cache.
    expect((await writeRunOutputs(config, added)).cached).toBe(true);
    expect(freshIn(dir)).toEqual(['zz-tambahan']);
  });

  it('falls back to the digest.json in the output folder when the cache is gone, and keys the outputs by what is new', async () => {
    const { dir, rendered } = renderedOutput();
    const config = { output: dir, cache: path.join(dir, '.cache') };
    await writeRunOutputs(config, rendered);
    rmSync(config.cache, { recursive: true });
    await writeRunOutputs(config, [...rendered, writeArticle(dir, oneMore())]);
    expect(freshIn(dir)).toEqual(['zz-tambahan']);
    // The same articles against another output folder's history (none): nothing new, and not the cached outputs.
    const other = renderedOutput();
    writeArticle(other.dir, oneMore());
    const otherConfig = { output: other.dir, cache: config.cache };
    const result = await writeRunOutputs(otherConfig, [...other.rendered, writeArticle(other.dir, oneMore())]);
    expect(result.cached).toBe(false);
    expect(freshIn(other.dir)).toEqual([]);
  });
});

describe('the run-level outputs in a pipeline run', () => {
  it('are not rewritten by a run with nothing changed, and are when one article changed', async () => {
    const dir = tempDir('warta-outputs-run-');
    const repo = path.resolve(import.meta.dirname, '../..');
    cpSync(path.join(repo, 'test/fixtures/articles'), path.join(dir, 'input'), { recursive: true });
    const output = path.join(dir, 'output');
    const config = loadConfig({
      cwd: dir,
      overrides: { input: path.join(dir, 'input'), output, cache: path.join(dir, '.cache'), model: path.join(repo, 'test/fixtures/models/opus-mt-copy'), offline: true },
    });
    expect((await runWarta(config)).fatal).toBeNull();
    const first = fileIdentities(output);
    expect(existsSync(path.join(dir, '.cache/outputs'))).toBe(true);

    const again = await runWarta(config);
    expect(again.fatal).toBeNull();
    expect(again.stages.render!.ran).toBe(0);
    expect(fileIdentities(output)).toEqual(first);

    const file = path.join(dir, 'input/002_harga_beras.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n*$/, '\n\nHarga gula juga naik menjadi Rp 18.000 per kilogram di pasar tradisional.\n'));
    const changed = await runWarta(config);
    expect(changed.fatal).toBeNull();
    expect(changed.stages.render!.ran).toBe(1);
    const now = fileIdentities(output);
    for (const name of RUN_OUTPUT_FILES) expect(now[name]).not.toBe(first[name]);
    expect(readFileSync(path.join(output, 'index.html'), 'utf8')).toContain('Harga gula juga naik');
  });
});
