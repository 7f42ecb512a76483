/**
 * A page saved from a browser as an article: its metadata from the page's own tags (JSON-LD
 * `NewsArticle`, Open Graph, `<link rel="canonical">`, `<html lang>`), its main text from Mozilla's
 * Readability (Firefox Reader View), as lines `clean` reads like a Markdown file's: `# ` before the
 * headline, `## ` before a heading, one block per paragraph. The DOM libraries are loaded on the
 * first page, so runs without one never load them.
 */
import type { GivenMetadata } from '../../types.ts';
import { emptyGiven, normaliseField, overlay, setField } from './given-metadata.ts';

export interface HtmlArticle {
  text: string;
  metadata: GivenMetadata;
}

/** The DOM as far as this file uses it: linkedom's, typed loosely so no DOM lib is needed. */
interface Element {
  tagName: string;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
  querySelector(selector: string): Element | null;
}
type DomNode = Element & { nodeType: number };
interface Page {
  documentElement: Element;
  body: Element;
  querySelectorAll(selector: string): ArrayLike<Element>;
  querySelector(selector: string): Element | null;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export async function readHtmlArticle(html: string): Promise<HtmlArticle> {
  const [{ parseHTML }, { Readability }] = await Promise.all([import('linkedom'), import('@mozilla/readability')]);
  const page = parseHTML(html).document as unknown as Page;
  // Readability changes the DOM it reads: the metadata is taken first.
  const tags = pageMetadata(page);
  const readable = new Readability(page as never, { keepClasses: false }).parse();
  const fromReadability = emptyGiven();
  const title = normaliseField('title', readable?.title);
  if (title !== null) setField(fromReadability, 'title', title, 'html');
  const metadata = overlay(fromReadability, tags);
  const content = readable?.content ? (parseHTML(`<!doctype html><html><body>${readable.content}</body></html>`).document as unknown as Page).body : null;
  const blocks = content ? textBlocks(content) : [];
  return { text: articleLines(metadata.title, blocks).join('\n\n'), metadata };
}

/** The headline, then the blocks; a block that repeats the headline goes. */
function articleLines(title: string | undefined, blocks: Block[]): string[] {
  const key = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const body = title === undefined ? blocks : blocks.filter((b, i) => !(i < 2 && key(b.text) === key(title)));
  return [...(title === undefined ? [] : [`# ${title}`]), ...body.map((b) => (b.heading ? `## ${b.text}` : b.text))];
}

interface Block {
  text: string;
  heading: boolean;
}

const BLOCK_TAGS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TD', 'TH', 'FIGURE', 'FIGCAPTION', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'ADDRESS', 'DETAILS', 'SUMMARY']);
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'FORM', 'IFRAME']);

/**
 * The text of the readable content, one block per paragraph-like element: an element holding other
 * blocks is walked into, its loose inline text a block of its own; a `<br>` ends a line.
 */
function textBlocks(root: Element): Block[] {
  const blocks: Block[] = [];
  let run = '';
  const flush = (heading = false) => {
    for (const line of run.split('\n')) {
      const text = line.replace(/\s+/gu, ' ').trim();
      if (text !== '') blocks.push({ text, heading });
    }
    run = '';
  };
  const visit = (node: DomNode) => {
    if (node.nodeType === TEXT_NODE) {
      run += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE || SKIPPED_TAGS.has(node.tagName)) return;
    if (node.tagName === 'BR') {
      run += '\n';
      return;
    }
    if (!BLOCK_TAGS.has(node.tagName)) {
      Array.from(node.childNodes).forEach(visit);
      return;
    }
    flush();
    Array.from(node.childNodes).forEach(visit);
    flush(HEADING_TAGS.has(node.tagName));
  };
  Array.from(root.childNodes).forEach(visit);
  flush();
  return blocks;
}

/** The page's own metadata: JSON-LD wins over Open Graph, which wins over plain HTML; for the URL, the canonical link comes first. */
export function pageMetadata(page: Page): GivenMetadata {
  const html = emptyGiven();
  const json = jsonLdMetadata(page);
  const og = emptyGiven();
  const meta = (selector: string) => page.querySelector(selector)?.getAttribute('content') ?? null;
  const put = (given: GivenMetadata, field: Parameters<typeof normaliseField>[0], value: unknown, source: GivenMetadata['sources'][typeof field]) => {
    const normalised = normaliseField(field, value);
    if (normalised !== null && given[field] === undefined) setField(given, field, normalised, source!);
  };
  put(og, 'title', meta('meta[property="og:title"]'), 'open-graph');
  put(og, 'outlet', meta('meta[property="og:site_name"]'), 'open-graph');
  put(og, 'published', meta('meta[property="article:published_time"]'), 'open-graph');
  put(og, 'url', meta('meta[property="og:url"]'), 'open-graph');
  put(html, 'author', meta('meta[name="author"]'), 'html');
  put(html, 'lang', page.documentElement.getAttribute('lang'), 'html');
  const canonical = emptyGiven();
  put(canonical, 'url', page.querySelector('link[rel="canonical"]')?.getAttribute('href'), 'html');
  return overlay(html, og, json, canonical);
}

const ARTICLE_TYPES = new Set(['NewsArticle', 'Article', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'BlogPosting', 'WebPage']);

/** The fields of the page's JSON-LD article (the most specific type when several are given); a script that does not parse is passed over. */
function jsonLdMetadata(page: Page): GivenMetadata {
  const objects: Array<Record<string, unknown>> = [];
  for (const script of Array.from(page.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      collectObjects(JSON.parse(script.textContent ?? ''), objects);
    } catch {
      // A page's broken JSON-LD is no reason to lose its text: the other tags still count.
    }
  }
  const typesOf = (o: Record<string, unknown>) => (Array.isArray(o['@type']) ? o['@type'] : [o['@type']]).filter((t): t is string => typeof t === 'string');
  const article = objects.filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.has(t))).sort((a, b) => Number(typesOf(a).includes('WebPage')) - Number(typesOf(b).includes('WebPage')))[0];
  const given = emptyGiven();
  if (!article) return given;
  const put = (field: Parameters<typeof normaliseField>[0], value: unknown) => {
    const normalised = normaliseField(field, value);
    if (normalised !== null) setField(given, field, normalised, 'json-ld');
  };
  put('title', article.headline ?? article.name);
  put('published', article.datePublished);
  put('author', namesOf(article.author));
  put('outlet', namesOf(article.publisher)[0]);
  put('url', article.url ?? idOf(article.mainEntityOfPage));
  put('lang', article.inLanguage);
  return given;
}

function collectObjects(value: unknown, into: Array<Record<string, unknown>>): void {
  if (Array.isArray(value)) value.forEach((v) => collectObjects(v, into));
  else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    into.push(object);
    if (object['@graph'] !== undefined) collectObjects(object['@graph'], into);
  }
}

/** `"Name"`, `{ name }` or a list of either, as names. */
function namesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(namesOf);
  if (value !== null && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') return [(value as { name: string }).name];
  return [];
}

const idOf = (value: unknown): unknown => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)['@id'] : value);
