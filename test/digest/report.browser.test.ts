/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core, over the report the
 * pipeline writes for the fixture corpus (translated by the fixture copy model). Skipped when
 * /usr/bin/chromium is absent; .ci/run installs it.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, runWarta } from '../../src/index.ts';
import type { Digest } from '../../src/digest/digest.ts';
import { reportHtml } from '../../src/digest/report/report.ts';
import type { ArticleDocument } from '../../src/stages/render/document.ts';
import { tempDir } from '../helpers/temp.ts';

/**
 * The DOM the page callbacks below use. They run in the browser; the project compiles without the
 * DOM lib, so these module-local declarations describe just what they touch.
 */
interface PageElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  tagName: string;
  className: string;
  open: boolean;
  classList: { contains(name: string): boolean };
  childNodes: ArrayLike<{ textContent: string | null }>;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  checkVisibility(): boolean;
  getBoundingClientRect(): { right: number };
  scrollIntoView(): void;
}
declare const document: { documentElement: { scrollWidth: number }; body: { scrollWidth: number }; querySelectorAll(selector: string): { forEach(f: (e: PageElement) => void): void } };
declare const window: { innerWidth: number; scrollTo(x: number, y: number): void };
declare const location: { hash: string };
declare function getComputedStyle(element: PageElement): { backgroundColor: string };

const CHROMIUM = '/usr/bin/chromium';
const repo = path.resolve(import.meta.dirname, '../..');
const artifacts = path.join(repo, 'test/.artifacts');
const INJECTION = '<script>alert(1)</script>';

/** An extra input article whose text is markup, to prove the report escapes it. */
const HOSTILE_ARTICLE = `Judul ${INJECTION} Uji Keamanan

Jakarta - Warga menulis "><img src=x onerror=alert(2)> di papan pengumuman desa pada Rabu (6/11/2024).

Petugas menghapus tulisan </td></tr></table> itu & melapor ke polisi setempat.
`;

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in chromium', () => {
  let dir: string;
  let output: string;
  let context: BrowserContext;
  let page: Page;
  let digest: Digest;
  let documents: Map<string, ArticleDocument>;
  const requests: string[] = [];
  const problems: string[] = [];

  /** Back to the page as loaded: no search, no filter, desktop width. */
  const reset = async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.fill('#q', '');
    await page.selectOption('#outlet', '');
    await page.fill('#from', '');
    await page.fill('#to', '');
    await page.locator('#new-only').setChecked(false, { force: true });
    if (await page.locator('#entity-filter').isVisible()) await page.click('#entity-clear');
    await page.selectOption('#lang', 'en');
    await page.evaluate(() => window.scrollTo(0, 0));
  };
  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, name) });
  const visibleArticles = () => page.$$eval('article.article', (els) => els.filter((e) => e.checkVisibility()).map((e) => (e as PageElement).dataset.article!));
  const visibleRows = (articleId: string) =>
    page.$$eval(`article[data-article="${articleId}"] tr.sentence`, (rows) => rows.filter((r) => r.checkVisibility()).map((r) => r.textContent!.toLowerCase()));

  beforeAll(async () => {
    dir = tempDir('warta-report-');
    cpSync(path.join(repo, 'test/fixtures/articles'), path.join(dir, 'input'), { recursive: true });
    writeFileSync(path.join(dir, 'input/zz_uji_injeksi.txt'), HOSTILE_ARTICLE);
    output = path.join(dir, 'output');
    const config = loadConfig({
      cwd: dir,
      overrides: { input: path.join(dir, 'input'), output, cache: path.join(dir, '.cache'), model: path.join(repo, 'test/fixtures/models/opus-mt-copy'), offline: true },
    });
    const report = await runWarta(config);
    expect(report.fatal).toBeNull();
    expect(report.failures).toEqual([]);
    digest = JSON.parse(readFileSync(path.join(output, 'digest.json'), 'utf8')) as Digest;
    documents = new Map(
      digest.groups.flatMap((g) => g.articles).map((a) => [a.id, JSON.parse(readFileSync(path.join(output, a.json), 'utf8')) as ArticleDocument]),
    );

    context = await chromium.launchPersistentContext(tempDir('warta-chromium-profile-'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    mkdirSync(artifacts, { recursive: true });
    await page.goto(pathToFileURL(path.join(output, 'index.html')).href);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows every group with its articles, in the digest order', async () => {
    const groups = await page.$$eval('section.group', (sections) =>
      sections.map((s) => ({ id: (s as PageElement).dataset.group, articles: Array.from(s.querySelectorAll('article.article')).map((a) => (a as PageElement).dataset.article) })),
    );
    expect(groups).toEqual(digest.groups.map((g) => ({ id: g.id, articles: g.articles.map((a) => a.id) })));
    expect(groups.find((g) => g.articles.includes('003_kereta_cepat'))!.articles.sort()).toEqual(['003_kereta_cepat', '004_kereta_cepat_lain']);
    expect(groups).toHaveLength(5);
    // Each group's summary, and each article's summary (in its group's when it is the only member).
    for (const group of digest.groups) {
      const items = await page.$$eval(`section[data-group="${group.id}"] .group-summary li`, (lis) => lis.map((li) => (li as PageElement).dataset.sentence));
      expect(items).toEqual(group.summary.map((s) => s.sentence));
    }
    for (const [id, doc] of documents) {
      const shown = await page.$$eval(`article[data-article="${id}"] ol.summary li`, (lis) => lis.map((li) => (li as PageElement).dataset.sentence));
      const inGroup = digest.groups.find((g) => g.articles.length === 1 && g.articles[0]!.id === id)?.summary.map((s) => s.sentence);
      expect(shown.length > 0 ? shown : inGroup).toEqual(doc.summary.sentences.map((s) => s.id));
      const meta = await page.locator(`article[data-article="${id}"] dl.meta`).innerText();
      expect(meta).toContain(doc.source.path);
      if (doc.metadata.outlet) expect(meta).toContain(doc.metadata.outlet);
    }
  });

  it('shows the full text side by side with the summary sentences highlighted and quality flags', async () => {
    for (const [id, doc] of documents) {
      const rows = await page.$$eval(`article[data-article="${id}"] tr.sentence`, (trs) =>
        trs.map((tr) => ({
          id: (tr as PageElement).dataset.sentence,
          source: tr.querySelector('td.id')!.textContent,
          english: tr.querySelector('td.en')!.textContent,
          summary: tr.classList.contains('in-summary'),
          flags: Array.from(tr.querySelectorAll('.flag')).map((f) => (f as PageElement).textContent),
        })),
      );
      expect(rows).toEqual(
        doc.sentences.map((s) => ({ id: s.id, source: s.source, english: expect.stringContaining(s.translation), summary: doc.summary.sentences.some((x) => x.id === s.id), flags: s.flags ?? [] })),
      );
    }
    await page.selectOption('#lang', 'both');
    const article = page.locator('article[data-article="001_banjir_semarang"]');
    const fullText = article.locator('details.fulltext');
    expect(await fullText.evaluate((d) => (d as PageElement).open)).toBe(false);
    expect(await article.locator('tr.sentence').first().isVisible()).toBe(false);
    await fullText.locator('summary').click();
    const row = article.locator('tr.sentence.in-summary').first();
    await expect.poll(() => row.isVisible()).toBe(true);
    const [idBox, enBox] = [await row.locator('td.id').boundingBox(), await row.locator('td.en').boundingBox()];
    expect(Math.abs(idBox!.y - enBox!.y)).toBeLessThan(2);
    // English first, Indonesian beside it.
    expect(enBox!.x + enBox!.width).toBeLessThanOrEqual(idBox!.x + 1);
    const background = (locator: ReturnType<Page['locator']>) => locator.evaluate((td) => getComputedStyle(td as PageElement).backgroundColor);
    expect(await background(row.locator('td.id'))).not.toBe(await background(article.locator('tr.sentence:not(.in-summary) td.id').first()));
    await page.selectOption('#lang', 'en');
  });

  it('folds the removed lines into a details element', async () => {
    const article = page.locator('article[data-article="001_banjir_semarang"]');
    const removed = article.locator('details.removed');
    const expected = documents.get('001_banjir_semarang')!.removed;
    expect(await removed.evaluate((d) => (d as PageElement).open)).toBe(false);
    expect(await removed.locator('tbody tr').first().isVisible()).toBe(false);
    await removed.locator('summary').click();
    await expect.poll(() => removed.locator('tbody tr').first().isVisible()).toBe(true);
    const lines = await removed.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as PageElement).querySelectorAll('td')).map((td) => td.textContent)));
    expect(lines).toEqual(expected.map((r) => [String(r.line), r.rule, r.text]));
    expect(await page.locator('details.removed').count()).toBe([...documents.values()].filter((d) => d.removed.length > 0).length);
  });

  it('filters articles and sentences by search text, and clears', async () => {
    await reset();
    await page.fill('#q', 'Karawang');
    expect((await visibleArticles()).sort()).toEqual(['003_kereta_cepat', '004_kereta_cepat_lain']);
    expect(await page.$$eval('section.group', (s) => s.filter((e) => e.checkVisibility()).length)).toBe(1);
    for (const id of ['003_kereta_cepat', '004_kereta_cepat_lain']) {
      const rows = await visibleRows(id);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((text) => text.includes('karawang'))).toBe(true);
    }
    expect(await page.locator('#count').innerText()).toMatch(/^2 of 6 articles, 2 matching sentences$/);

    await page.fill('#q', 'gempa TSUNAMI');
    expect(await visibleArticles()).toEqual(['daerah--gempa-garut']);
    expect(await visibleRows('daerah--gempa-garut')).toEqual([expect.stringMatching(/gempa.*tsunami/)]);

    await page.fill('#q', 'tidak ada kata ini');
    expect(await visibleArticles()).toEqual([]);
    expect(await page.locator('#empty').isVisible()).toBe(true);

    await page.fill('#q', '');
    expect(await visibleArticles()).toHaveLength(6);
    expect(await page.locator('#empty').isVisible()).toBe(false);
    expect(await page.locator('article[data-article="003_kereta_cepat"] details.fulltext').evaluate((d) => (d as PageElement).open)).toBe(false);
  });

  it('filters by outlet and by date', async () => {
    await reset();
    await page.selectOption('#outlet', 'o:KONTAN.CO.ID');
    expect(await visibleArticles()).toEqual(['003_kereta_cepat']);
    expect(await page.locator('#count').innerText()).toBe('1 of 6 articles');
    await page.selectOption('#outlet', '');
    // 004 has a date line; 003 gets the same day from its body, "Kamis (18/4/2024)".
    await page.fill('#from', '2024-04-18');
    await page.fill('#to', '2024-04-18');
    expect((await visibleArticles()).sort()).toEqual(['003_kereta_cepat', '004_kereta_cepat_lain']);
    await page.fill('#to', '');
    const dated = (from: string, to: string) => [...documents.values()].filter((d) => d.metadata.published && d.metadata.published.slice(0, 10) >= from && d.metadata.published.slice(0, 10) <= to).map((d) => d.id).sort();
    expect((await visibleArticles()).sort()).toEqual(dated('2024-04-18', '9999'));
    await page.fill('#from', '2024-03-01');
    await page.fill('#to', '2024-04-18');
    expect((await visibleArticles()).sort()).toEqual(dated('2024-03-01', '2024-04-18'));
    expect(dated('2024-03-01', '2024-04-18').length).toBeGreaterThan(2);
    await shot('report-date-range.png');
    await page.fill('#from', '');
    await page.fill('#to', '');
    expect(await visibleArticles()).toHaveLength(6);
  });

  it('opens the full text at a summary sentence when its link is followed', async () => {
    await reset();
    const group = digest.groups.find((g) => g.articles.length > 1)!;
    const link = page.locator(`section[data-group="${group.id}"] .group-summary a`).first();
    const target = page.locator(`tr[data-sentence="${group.summary[0]!.sentence}"]`);
    expect(await target.isVisible()).toBe(false);
    await link.click();
    await expect.poll(() => target.isVisible()).toBe(true);
  });

  it('shows article text as text, never as markup', async () => {
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    const hostile = digest.groups.flatMap((g) => g.articles).find((a) => a.id === 'zz_uji_injeksi')!;
    expect(hostile.title).toContain(INJECTION);
    const group = page.locator('section.group', { has: page.locator('article[data-article="zz_uji_injeksi"]') });
    expect(await group.locator('h2[lang="en"]').innerText()).toBe(hostile.titleTranslation);
    expect(hostile.titleTranslation).toContain(INJECTION);
    await page.selectOption('#lang', 'both');
    const texts = await page.locator('article[data-article="zz_uji_injeksi"] td.id').allTextContents();
    expect(texts.join('\n')).toContain('"><img src=x onerror=alert(2)>');
    expect(texts.join('\n')).toContain('</td></tr></table>');
    await page.selectOption('#lang', 'en');
  });

  it('leads with English in every group and article, each text marked with its language', async () => {
    await reset();
    const firsts = await page.$$eval('section.group, article.article', (els) => els.map((e) => e.querySelector('[lang]')?.getAttribute('lang') ?? 'none'));
    expect(firsts).toHaveLength(digest.groups.length + documents.size);
    expect(new Set(firsts)).toEqual(new Set(['en']));
    // English only by default: every Indonesian text of a pair is hidden, every English one shown.
    const shown = (selector: string) => page.$$eval(selector, (els) => els.map((e) => e.checkVisibility()));
    const pairs = 'main :is(.group-head, ol.summary, .article-head)';
    expect(new Set(await shown(`${pairs} .tx-en`))).toEqual(new Set([true]));
    expect(await shown(`${pairs} .tx-id`)).not.toContain(true);
    expect(new Set(await shown(`${pairs} .tx-same`))).toEqual(new Set([true]));
    // Each summary sentence cites its outlet and paragraph, the machine id kept in an attribute.
    const group = digest.groups.find((g) => g.articles.length > 1)!;
    const cites = await page.$$eval(`section[data-group="${group.id}"] .group-summary p.ref a[data-sentence-id]`, (links) => links.map((a) => ({ text: a.textContent, id: a.getAttribute('data-sentence-id') })));
    expect(cites).toEqual(group.summary.map((s) => ({ text: `${group.articles.find((a) => a.id === s.article)!.outlet ?? 'outlet unknown'}, ${s.paragraph === null ? 'title' : `¶${s.paragraph}`}`, id: s.sentence })));
    await shot('report-english.png');
  });

  it('switches language with the toggle and the L key, and remembers the choice', async () => {
    await reset();
    const row = 'article[data-article="001_banjir_semarang"] tr.sentence';
    const visible = async (selector: string) => page.locator(selector).first().isVisible();
    const openFullText = () => page.locator('article[data-article="001_banjir_semarang"] details.fulltext').evaluate((d) => ((d as PageElement).open = true));
    await openFullText();
    expect(await visible(`${row} td.tx-en`)).toBe(true);
    expect(await visible(`${row} td.tx-id`)).toBe(false);
    await page.selectOption('#lang', 'id');
    expect(await visible(`${row} td.tx-id`)).toBe(true);
    expect(await visible(`${row} td.tx-en`)).toBe(false);
    expect(await visible('main .group-summary .tx-same')).toBe(true);
    await page.reload();
    await openFullText();
    expect(await page.locator('#lang').inputValue()).toBe('id');
    expect(await visible(`${row} td.tx-en`)).toBe(false);
    expect(await visible(`${row} td.tx-id`)).toBe(true);
    await shot('report-indonesian.png');
    await page.locator('h1').click();
    await page.keyboard.press('l');
    expect(await page.locator('#lang').inputValue()).toBe('en');
    expect(await visible(`${row} td.tx-id`)).toBe(false);
    await page.keyboard.press('l');
    expect(await page.locator('#lang').inputValue()).toBe('both');
    expect(await visible(`${row} td.tx-en`)).toBe(true);
    expect(await visible(`${row} td.tx-id`)).toBe(true);
    await reset();
  });

  it('opens with an overview: one line per group, each link landing on its group', async () => {
    await reset();
    const entries = await page.$$eval('#overview li', (lis) => lis.map((li) => ({ group: (li as PageElement).dataset.group, text: li.textContent })));
    expect(entries.map((e) => e.group).sort()).toEqual(digest.groups.map((g) => g.id).sort());
    for (const group of digest.groups) {
      const entry = entries.find((e) => e.group === group.id)!;
      expect(entry.text).toContain(group.title.en ?? group.title.id);
      expect(entry.text).toContain(`${group.articles.length} article`);
      await page.locator(`#overview li[data-group="${group.id}"] a`).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#g-${group.id}`);
      const box = await page.locator(`section[data-group="${group.id}"]`).boundingBox();
      const viewport = page.viewportSize()!;
      expect(box!.y).toBeGreaterThanOrEqual(-1);
      expect(box!.y).toBeLessThan(viewport.height);
    }
    expect(await page.locator('[data-new]').count()).toBe(0);
    await reset();
    await shot('report-overview.png');
  });

  it('keeps the search and filters in the URL hash, through a reload', async () => {
    await reset();
    await page.fill('#q', 'kereta');
    await page.selectOption('#outlet', 'o:KONTAN.CO.ID');
    const before = await visibleArticles();
    expect(before).toEqual(['003_kereta_cepat']);
    expect(await page.evaluate(() => location.hash)).toBe('#q=kereta&outlet=o%3AKONTAN.CO.ID');
    await page.reload();
    expect(await page.locator('#q').inputValue()).toBe('kereta');
    expect(await page.locator('#outlet').inputValue()).toBe('o:KONTAN.CO.ID');
    expect(await visibleArticles()).toEqual(before);
    // The group's summary shows only what that outlet wrote.
    const cited = await page.$$eval('section.group .group-summary li', (lis) => lis.filter((li) => li.checkVisibility()).map((li) => (li as PageElement).dataset.article));
    expect(cited.length).toBeGreaterThan(0);
    expect(new Set(cited)).toEqual(new Set(['003_kereta_cepat']));
    expect(await page.locator('section.group .group-summary .summary-filtered').evaluateAll((els) => els.filter((e) => e.checkVisibility()).length)).toBe(0);
    await page.fill('#q', '');
    await page.selectOption('#outlet', '');
    expect(await page.evaluate(() => location.hash)).toBe('');
  });

  it('highlights the search terms in what it shows, and removes the marks when cleared', async () => {
    await reset();
    await page.fill('#q', 'karawang');
    const marks = await page.$$eval('main mark.hit', (els) => els.filter((e) => e.checkVisibility()).map((e) => e.textContent!.toLowerCase()));
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(['karawang']));
    await shot('report-highlight.png');
    await page.fill('#q', '');
    expect(await page.locator('main mark.hit').count()).toBe(0);
    // The texts are whole again, exactly as before.
    expect(await page.locator('article[data-article="003_kereta_cepat"] tr.sentence td.id').first().textContent()).toBe(documents.get('003_kereta_cepat')!.sentences[0]!.source);
  });

  it('focuses the search with / and clears it with Esc', async () => {
    await reset();
    await page.locator('h1').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('q');
    await page.keyboard.type('gempa');
    expect(await visibleArticles()).toEqual(['daerah--gempa-garut']);
    await page.keyboard.press('Escape');
    expect(await page.locator('#q').inputValue()).toBe('');
    expect(await visibleArticles()).toHaveLength(6);
  });

  it('expands everything folded when printed, and folds it again after', async () => {
    await reset();
    const closed = () => page.$$eval('details', (ds) => ds.filter((d) => !(d as PageElement).open).length);
    const before = await closed();
    expect(before).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(closed).toBe(0);
    expect(await page.locator('article[data-article="001_banjir_semarang"] tr.sentence').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(artifacts, 'report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(closed).toBe(before);
  });

  it('fits a phone screen without horizontal scrolling, and saves screenshots', async () => {
    await reset();
    mkdirSync(artifacts, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(artifacts, 'report-desktop.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => ((d as PageElement).open = true)));
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.viewport);
    expect(widths.body).toBeLessThanOrEqual(widths.viewport);
    const overflowing = await page.$$eval('body *', (els) =>
      els.filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => `${e.tagName}.${e.className}`),
    );
    expect(overflowing).toEqual([]);
    // The two languages stack on a phone, English on top.
    await page.selectOption('#lang', 'both');
    const row = page.locator('article[data-article="001_banjir_semarang"] tr.sentence.in-summary').first();
    const [idBox, enBox] = [await row.locator('td.id').boundingBox(), await row.locator('td.en').boundingBox()];
    expect(idBox!.y).toBeGreaterThanOrEqual(enBox!.y + enBox!.height - 1);
    await page.selectOption('#lang', 'en');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(artifacts, 'report-phone.png'), fullPage: false });
    await page.locator('article[data-article="001_banjir_semarang"] details.fulltext').evaluate((d) => (d as PageElement).scrollIntoView());
    await page.screenshot({ path: path.join(artifacts, 'report-phone-fulltext.png'), fullPage: false });
    expect(existsSync(path.join(artifacts, 'report-phone.png'))).toBe(true);
  });

  it('lists each event’s people, organisations and places, and narrows the articles to one name', async () => {
    await reset();
    for (const group of digest.groups) {
      const lists = await page.$$eval(`section[data-group="${group.id}"] .entity-list`, (divs) =>
        divs.map((d) => ({
          type: (d as PageElement).dataset.type,
          names: Array.from(d.querySelectorAll('button.entity')).map((b) => ({ en: (b as PageElement).dataset.name, articles: (b as PageElement).dataset.articles })),
        })),
      );
      const expected = (['people', 'organisations', 'places'] as const)
        .filter((type) => group[type].length > 0)
        .map((type) => ({ type, names: group[type].map((e) => ({ en: e.en, articles: e.articles.join(' ') })) }));
      expect(lists).toEqual(expected);
    }
    const event = digest.groups.find((g) => g.articles.length > 1)!;
    const names = [...event.people, ...event.organisations, ...event.places];
    expect(names.length).toBeGreaterThan(0);
    const narrow = names.find((e) => e.articles.length < event.articles.length)!;
    expect(narrow).toBeDefined();
    const button = page.locator(`section[data-group="${event.id}"] button.entity`, { hasText: narrow.en }).first();
    await button.click();
    expect((await visibleArticles()).sort()).toEqual([...narrow.articles].sort());
    expect(await page.locator('#count').innerText()).toBe(`${narrow.articles.length} of 6 articles`);
    expect(await page.locator('#entity-filter').isVisible()).toBe(true);
    expect(await page.locator('#entity-name').innerText()).toBe(narrow.en);
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    // Only the summary sentences of the articles shown stay.
    const summaryArticles = await page.$$eval(`section[data-group="${event.id}"] .group-summary li[data-article]`, (lis) => lis.filter((li) => li.checkVisibility()).map((li) => (li as PageElement).dataset.article));
    expect(summaryArticles.every((id) => narrow.articles.includes(id!))).toBe(true);
    await shot('report-entity-filter.png');

    // It works with the other filters, and clears with its button, by clicking the name again, or with Esc.
    await page.fill('#q', 'zzzz-no-such-word');
    expect(await visibleArticles()).toEqual([]);
    await page.fill('#q', '');
    expect((await visibleArticles()).sort()).toEqual([...narrow.articles].sort());
    await page.click('#entity-clear');
    expect(await visibleArticles()).toHaveLength(6);
    expect(await page.locator('#entity-filter').isVisible()).toBe(false);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    expect(await visibleArticles()).toHaveLength(narrow.articles.length);
    await button.click();
    expect(await visibleArticles()).toHaveLength(6);
    await button.click();
    await page.keyboard.press('Escape');
    expect(await visibleArticles()).toHaveLength(6);
  });

  it('links each article to its source address when it has one, and only to http or https', async () => {
    const addressed = [...documents.values()].map((d, k) => ({ ...d, metadata: { ...d.metadata, url: k === 0 ? 'https://kabar.example/berita/1?a=1&b=2' : k === 1 ? 'javascript:alert(3)' : undefined } }));
    const file = path.join(output, 'index-url.html');
    writeFileSync(file, reportHtml(digest, addressed));
    await page.goto(pathToFileURL(file).href);
    const links = await page.$$eval('article.article dl.meta a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['https://kabar.example/berita/1?a=1&b=2']);
    const source = page.locator(`article[data-article="${addressed[0]!.id}"] dl.meta a`);
    expect(await source.innerText()).toBe('https://kabar.example/berita/1?a=1&b=2');
    await page.goto(pathToFileURL(path.join(output, 'index.html')).href);
  });

  it('works without embedded full texts: groups, summaries, search and filters', async () => {
    // The page the pipeline writes above the full-text limit, for the same articles.
    const linked = path.join(output, 'index-linked.html');
    writeFileSync(linked, reportHtml(digest, [...documents.values()], { fullText: false }));
    await page.goto(pathToFileURL(linked).href);
    await reset();
    expect(await page.locator('#linked').isVisible()).toBe(true);
    expect(await page.locator('tr.sentence').count()).toBe(0);
    expect(await visibleArticles()).toHaveLength(6);
    const groups = await page.$$eval('section.group', (sections) => sections.map((s) => (s as PageElement).dataset.group));
    expect(groups).toEqual(digest.groups.map((g) => g.id));
    const markdown = await page.$$eval('article.article p.files a', (links) => links.map((a) => a.getAttribute('href')));
    expect(markdown.filter((href) => href!.endsWith('.md')).sort()).toEqual([...documents.keys()].map((id) => `articles/${id}.md`).sort());

    // Search covers titles, metadata and summaries.
    const summaryText = (d: ArticleDocument) => [d.metadata.title ?? '', ...d.summary.sentences.map((s) => `${s.source} ${s.translation}`)].join(' ').toLowerCase();
    const fullText = (d: ArticleDocument) => d.sentences.map((s) => `${s.source} ${s.translation}`).join(' ').toLowerCase();
    // A word of one article's summary that other articles have only outside their summaries.
    const docs = [...documents.values()];
    const word = docs
      .flatMap((d) => summaryText(d).match(/\p{L}{6,}/gu) ?? [])
      .find((w) => docs.filter((d) => summaryText(d).includes(w)).length === 1 && docs.some((d) => !summaryText(d).includes(w) && fullText(d).includes(w)));
    expect(word).toBeDefined();
    const expected = docs.filter((d) => summaryText(d).includes(word!)).map((d) => d.id);
    await page.fill('#q', word!);
    expect((await visibleArticles()).sort()).toEqual(expected.sort());
    expect(await page.locator('#count').innerText()).toBe(`${expected.length} of 6 articles`);
    await page.fill('#q', '');
    await page.selectOption('#outlet', 'o:KONTAN.CO.ID');
    expect(await visibleArticles()).toEqual(['003_kereta_cepat']);
    await reset();
    expect(await visibleArticles()).toHaveLength(6);
  });

  it('marks what is new after a second run with one added article, and filters to it', async () => {
    writeFileSync(
      path.join(dir, 'input/zz_baru.txt'),
      'Jembatan Baru Dibuka di Desa Sukamaju\n\nBandung - Jembatan gantung sepanjang 80 meter di Desa Sukamaju dibuka untuk warga pada Senin (6/5/2024).\n\nWarga kini dapat menyeberang sungai tanpa perahu.\n',
    );
    const config = loadConfig({
      cwd: dir,
      overrides: { input: path.join(dir, 'input'), output, cache: path.join(dir, '.cache'), model: path.join(repo, 'test/fixtures/models/opus-mt-copy'), offline: true },
    });
    expect((await runWarta(config)).failures).toEqual([]);
    const second = JSON.parse(readFileSync(path.join(output, 'digest.json'), 'utf8')) as Digest;
    expect(second.groups.flatMap((g) => g.articles).filter((a) => a.new).map((a) => a.id)).toEqual(['zz_baru']);
    expect(readFileSync(path.join(output, 'digest.md'), 'utf8')).toMatch(/^- \*\*new\*\* \[.*\]\(articles\/zz_baru\.md\)/m);
    await page.goto(pathToFileURL(path.join(output, 'index.html')).href);
    await reset();
    expect(await page.$$eval('article[data-new]', (els) => els.map((e) => (e as PageElement).dataset.article))).toEqual(['zz_baru']);
    const newGroup = second.groups.find((g) => g.articles.some((a) => a.id === 'zz_baru'))!;
    expect(await page.$$eval('section.group[data-new]', (els) => els.map((e) => (e as PageElement).dataset.group))).toEqual([newGroup.id]);
    expect(await page.$$eval('#overview li[data-new]', (els) => els.map((e) => (e as PageElement).dataset.group))).toEqual([newGroup.id]);
    await page.locator('#new-only').check();
    expect(await visibleArticles()).toEqual(['zz_baru']);
    await shot('report-new-only.png');
    await page.locator('#new-only').uncheck();

    // A third run with nothing changed keeps the marks, from the cache.
    const third = await runWarta(config);
    expect(third.steps['digest']).toMatchObject({ cached: true });
    const again = JSON.parse(readFileSync(path.join(output, 'digest.json'), 'utf8')) as Digest;
    expect(again.groups.flatMap((g) => g.articles).filter((a) => a.new).map((a) => a.id)).toEqual(['zz_baru']);
  });

  it('made no network request and logged no error', () => {
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
