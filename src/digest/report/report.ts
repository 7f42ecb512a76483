/**
 * `output/index.html`: the digest and every article in one self-contained page (inline CSS and JS,
 * no network: a Content-Security-Policy forbids any fetch), readable from the file system. The CSS
 * and JS are kept in report.css and report.js beside this file.
 *
 * Up to `REPORT_FULL_TEXT_LIMIT` articles the page embeds each article's full text side by side;
 * above it, the page would be hundreds of megabytes, so each article shows its metadata, summary and
 * quality flags and links to `articles/<id>.md` (and `.json`) for its full text.
 *
 * The page is produced in parts (head, a group at a time, tail), so it can be written to a file as
 * it is made with only a few documents in memory (outputs.ts); `reportHtml` joins the same parts.
 *
 * Every piece of article text goes through `escapeHtml`; the script reads text from the DOM and
 * never writes HTML, so no article can inject markup.
 */
import { readFileSync } from 'node:fs';
import type { Digest, DigestArticle, DigestGroup, DigestHead, DigestSentence } from '../digest.ts';
import type { ArticleDocument, DocumentSentence } from '../../stages/render/document.ts';
import { OverviewBuilder, articleCard, dayOf, type ArticleCard, type CorpusOverview } from '../features.ts';
import { sentenceAnchor } from '../../types.ts';

/** Above this many articles the report links to each article's Markdown instead of embedding its full text. */
export const REPORT_FULL_TEXT_LIMIT = 300;

let assets: { css: string; script: string } | undefined;

/**
 * The page's stylesheet and its script (search, outlet and date filters; opening the details that hold
 * a linked or matching sentence), read on first use and inlined byte for byte: anything added to
 * report.css or report.js, comments included, goes into every page.
 */
function pageAssets(): { css: string; script: string } {
  return (assets ??= {
    css: readFileSync(new URL('./report.css', import.meta.url), 'utf8'),
    script: readFileSync(new URL('./report.js', import.meta.url), 'utf8'),
  });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const esc = escapeHtml;
const domId = (prefix: string, raw: string) => `${prefix}-${raw.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const articleDomId = (articleId: string) => domId('a', articleId);
const sentenceDomId = (sentenceId: string) => domId('s', sentenceId);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const outletKey = (outlet: string | null | undefined) => (outlet ? `o:${outlet}` : 'none');
const dateKey = (published: string | null | undefined) => {
  const day = dayOf(published);
  return day ? `d:${day}` : 'none';
};

/** An article's place in the page: its HTML needs its full document when full texts are embedded. */
export interface ArticleSlot {
  entry: DigestArticle;
  card: ArticleCard;
  /** The article's group, when the article is its only member (its title and summary are already shown there). */
  alone: DigestGroup | null;
}

export interface ReportOptions {
  /** Embed every article's full text; otherwise link to its Markdown. */
  fullText: boolean;
}

/** The whole page from documents in memory. */
export function reportHtml(digest: Digest, documents: readonly ArticleDocument[], options: Partial<ReportOptions> = {}): string {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const cards = new Map(documents.map((d) => [d.id, articleCard(d)]));
  const fullText = options.fullText ?? digest.articles <= REPORT_FULL_TEXT_LIMIT;
  let html = '';
  for (const part of reportParts(digest, cards, { fullText })) html += typeof part === 'string' ? part : articleHtml(part, fullText ? byId.get(part.entry.id)! : null);
  return html;
}

/** The overview of the articles in a digest whose cards are all at hand. */
export function overviewOf(digest: Digest, cards: ReadonlyMap<string, ArticleCard>): CorpusOverview {
  const builder = new OverviewBuilder();
  for (const group of digest.groups) for (const a of group.articles) builder.add({ id: a.id, outlet: a.outlet, published: a.published, model: cards.get(a.id)!.model });
  return builder.overview();
}

/** The page as HTML text, with a slot where each article goes. */
export function* reportParts(digest: Digest, cards: ReadonlyMap<string, ArticleCard>, { fullText }: ReportOptions): Generator<string | ArticleSlot> {
  const page = { head: digest, overview: overviewOf(digest, cards), groups: digest.groups.length, fullText };
  yield reportHead(page);
  for (const [i, group] of digest.groups.entries()) yield* reportGroupParts(group, i, cards, fullText);
  yield reportTail(page);
}

/** What the page says of the whole run. */
export interface ReportPage {
  head: DigestHead;
  overview: CorpusOverview;
  groups: number;
  fullText: boolean;
}

/** The page up to the first group. */
export function reportHead({ head, overview, groups, fullText }: ReportPage): string {
  const { outlets, days } = overview;
  const span = days.length === 0 ? '' : days.length === 1 ? ` · ${days[0]}` : ` · ${days[0]} – ${days[days.length - 1]}`;

  const options = (values: readonly string[], key: (v: string) => string, hasUnknown: boolean, unknownLabel: string) =>
    values.map((v) => `<option value="${esc(key(v))}">${esc(v)}</option>`).join('') + (hasUnknown ? `<option value="none">${unknownLabel}</option>` : '');
  const linked = fullText
    ? ''
    : `\n    <p class="note" id="linked">${esc(plural(head.articles, 'article'))} are more than this page embeds in full (${REPORT_FULL_TEXT_LIMIT}): each article shows its metadata, summary and translation flags, and links to its Markdown file (<code>articles/&lt;id&gt;.md</code>) for the full text side by side. Search covers titles, metadata and summaries.</p>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="warta">
<title>warta digest · ${esc(plural(head.articles, 'article'))}</title>
<style>
${pageAssets().css}</style>
</head>
<body>
<header class="top">
  <div class="wrap">
    <h1>warta digest</h1>
    <p class="lede">${esc(plural(head.articles, 'article'))} · ${esc(plural(groups, 'event'))} · ${esc(plural(outlets.length, 'outlet'))}${esc(span)}</p>${linked}
    <form class="filters" role="search" autocomplete="off">
      <label class="search"><span>Search</span><input type="search" id="q" placeholder="Words in Indonesian or English"></label>
      <label><span>Outlet</span><select id="outlet"><option value="">All outlets</option>${options(outlets, outletKey, overview.unknownOutlet, 'Outlet unknown')}</select></label>
      <label><span>Date</span><select id="date"><option value="">All dates</option>${options(days, (d) => `d:${d}`, overview.unknownDay, 'Date unknown')}</select></label>
      <output id="count" aria-live="polite">${esc(plural(overview.articles, 'article'))}</output>
    </form>
  </div>
</header>
<main class="wrap">
${groups === 0 ? '<p class="empty">No articles were rendered.</p>' : ''}
`;
}

/** The group at `position` in the page: its head, then a slot per article. `cards` must hold its members'. */
export function* reportGroupParts(group: DigestGroup, position: number, cards: ReadonlyMap<string, ArticleCard>, fullText: boolean): Generator<string | ArticleSlot> {
  yield `${position > 0 ? '\n' : ''}${groupHead(group, cards, fullText)}`;
  for (const [k, entry] of group.articles.entries()) {
    if (k > 0) yield '\n';
    yield { entry, card: cards.get(entry.id)!, alone: group.articles.length === 1 ? group : null };
  }
  yield '\n</div>\n</section>';
}

/** The page after the last group. */
export function reportTail({ head, overview }: ReportPage): string {
  return `
<p class="empty" id="empty" hidden>No article matches the search and filters.</p>
</main>
<footer class="wrap">
  <p>Made by warta on this machine from ${esc(plural(head.articles, 'article'))}. Translation model: ${esc(overview.models.join(', ') || 'none')}.
  Grouping: ${esc(head.method.name)} (threshold ${head.method.threshold}, dates at most ${head.method.maxDays} days apart); summaries skip a sentence with cosine ≥ ${head.method.redundantCosine} to one already chosen, or stating the same figure.</p>
</footer>
<script>
${pageAssets().script}</script>
</body>
</html>
`;
}

/** A group's section up to its articles (closed by `</div></section>` after them). */
function groupHead(group: DigestGroup, cards: ReadonlyMap<string, ArticleCard>, fullText: boolean): string {
  const reported = group.articles.map((a) => `<li>${esc(a.outlet ?? 'Outlet unknown')} <span class="muted">${esc(dayOf(a.published) ?? 'date unknown')}</span></li>`).join('');
  const names =
    group.names.length === 0
      ? ''
      : `<details class="names"${group.names.length <= 8 ? ' open' : ''}><summary>Names (${group.names.length})</summary>
<table><thead><tr><th scope="col">Indonesian</th><th scope="col">English</th><th scope="col">Articles</th></tr></thead><tbody>
${group.names.map((n) => `<tr><td lang="id">${esc(n.id)}</td><td lang="en">${esc(n.en)}</td><td class="num">${n.articles.length}</td></tr>`).join('\n')}
</tbody></table></details>`;
  return `<section class="group" id="${esc(domId('g', group.id))}" data-group="${esc(group.id)}">
<header class="group-head">
  <p class="kicker">${esc(plural(group.articles.length, 'article'))}</p>
  <h2 lang="id">${esc(group.title.id)}</h2>
  ${group.title.en && group.title.en !== group.title.id ? `<p class="en" lang="en">${esc(group.title.en)}</p>` : ''}
  <ul class="reported" aria-label="Reported by">${reported}</ul>
</header>
<div class="group-body">
  <div class="group-summary">
    <h3>Summary</h3>
    ${summaryList(group.summary, cards, true, fullText)}
  </div>
  ${names}
</div>
<div class="articles">
`;
}

function flagsHtml(sentence: Pick<DocumentSentence, 'flags' | 'score'> | null | undefined): string {
  if (!sentence) return '';
  const flags = (sentence.flags ?? []).map((f) => `<span class="flag">${esc(f)}</span>`).join('');
  const score = sentence.score === undefined ? '' : `<span class="score" title="translation score: mean token log-probability">score ${esc(String(Math.round(sentence.score * 100) / 100))}</span>`;
  return flags || score ? `<span class="quality">${flags}${score}</span>` : '';
}

/** Where a sentence id links to: its row in the page, or its anchor in the article's Markdown. */
const sentenceHref = (s: DigestSentence, fullText: boolean) => (fullText ? `#${sentenceDomId(s.sentence)}` : `${encodeURI(`articles/${s.article}.md`)}#${sentenceAnchor(s.sentence)}`);

function summaryList(sentences: readonly DigestSentence[], cards: ReadonlyMap<string, ArticleCard>, showArticle: boolean, fullText: boolean): string {
  if (sentences.length === 0) return '<p class="muted">No sentence could be selected for a summary.</p>';
  const items = sentences.map((s) => {
    const quality = cards.get(s.article)?.summary.find((x) => x.id === s.sentence)?.quality;
    const label = showArticle ? s.sentence : sentenceAnchor(s.sentence);
    return `<li data-sentence="${esc(s.sentence)}"><p lang="id">${esc(s.source)}</p><p class="en" lang="en">${esc(s.translation)}</p><p class="ref"><a href="${esc(sentenceHref(s, fullText))}">${esc(label)}</a>${flagsHtml(quality)}</p></li>`;
  });
  return `<ol class="summary">${items.join('')}</ol>`;
}

/** An article: with `article` (its full document), its full text side by side and removed lines; without, a link to its Markdown. */
export function articleHtml({ entry, card, alone }: ArticleSlot, article: ArticleDocument | null): string {
  const m = card.metadata;
  const meta: Array<[string, string]> = [
    ['Outlet', m.outlet ?? 'unknown'],
    ['Published', m.published ?? 'unknown'],
    ...(m.author ? [['Author', m.author] as [string, string]] : []),
    ...(m.dateline ? [['Dateline', m.dateline] as [string, string]] : []),
    ['File', card.path],
    ['Sentences', `${card.sentences}${card.flagged > 0 ? ` (${card.flagged} flagged)` : ''}`],
  ];
  const summary: DigestSentence[] = card.summary.map((s) => ({ article: card.id, sentence: s.id, source: s.source, translation: s.translation }));
  const sameSummary = alone !== null && alone.summary.map((s) => s.sentence).join(' ') === summary.map((s) => s.sentence).join(' ');
  const title = alone
    ? ''
    : `<h3 lang="id">${esc(entry.title)}</h3>
  ${entry.titleTranslation && entry.titleTranslation !== entry.title ? `<p class="en" lang="en">${esc(entry.titleTranslation)}</p>` : ''}`;
  const links = `<a href="${esc(encodeURI(entry.markdown))}">Markdown</a> · <a href="${esc(encodeURI(entry.json))}">JSON</a>`;
  return `<article class="article" id="${esc(articleDomId(card.id))}" data-article="${esc(card.id)}" data-outlet="${esc(outletKey(m.outlet))}" data-date="${esc(dateKey(m.published))}">
<header class="article-head">
  ${title}
  <dl class="meta">${meta.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
</header>
${sameSummary ? '' : `<h4>Summary</h4>\n${summaryList(summary, new Map([[card.id, card]]), false, article !== null)}`}
${article === null ? `<p class="files">Full text, Indonesian | English${card.removed > 0 ? `, and ${plural(card.removed, 'removed line')}` : ''}: ${links}</p>` : `${fullTextHtml(article)}\n<p class="files">${links}</p>`}
</article>`;
}

function fullTextHtml(article: ArticleDocument): string {
  const summaryIds = new Set(article.summary.sentences.map((s) => s.id));
  const rows = article.sentences.map((s) => {
    const classes = ['sentence', `kind-${s.kind}`, ...(summaryIds.has(s.id) ? ['in-summary'] : []), ...((s.flags?.length ?? 0) > 0 ? ['flagged'] : [])];
    return `<tr class="${classes.join(' ')}" id="${esc(sentenceDomId(s.id))}" data-sentence="${esc(s.id)}"><td class="sid">${esc(sentenceAnchor(s.id))}${summaryIds.has(s.id) ? '<span class="badge">summary</span>' : ''}</td><td class="id" lang="id">${esc(s.source)}</td><td class="en" lang="en">${esc(s.translation)}${flagsHtml(s)}</td></tr>`;
  });
  const removed =
    article.removed.length === 0
      ? ''
      : `<details class="removed"><summary>Removed lines (${article.removed.length})</summary>
<table><thead><tr><th scope="col">Line</th><th scope="col">Rule</th><th scope="col">Text</th></tr></thead><tbody>
${article.removed.map((r) => `<tr><td class="num">${r.line}</td><td><code>${esc(r.rule)}</code></td><td lang="id">${esc(r.text)}</td></tr>`).join('\n')}
</tbody></table></details>`;
  return `<details class="fulltext"><summary>Full text, Indonesian | English (${plural(article.sentences.length, 'sentence')})</summary>
<div class="table-wrap"><table class="parallel"><thead><tr><th scope="col">#</th><th scope="col">Indonesian</th><th scope="col">English</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>
</details>
${removed}`;
}
