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
import { ENTITY_HEADINGS, citation, dateSpan, type Digest, type DigestArticle, type DigestGroup, type DigestHead, type DigestSentence } from '../digest.ts';
import type { ArticleDocument, DocumentSentence } from '../../stages/render/document.ts';
import { OverviewBuilder, articleCard, dayOf, type ArticleCard, type CorpusOverview } from '../features.ts';
import { sentenceAnchor } from '../../types.ts';
import { articleUrl } from '../entities.ts';
import { ENGLISH_SOURCE, FLAG_MEANINGS, NO_TRANSLATION, SCORE_MEANING, displayDate, flagMeaning, scoreWorthShowing } from '../../io/display.ts';

/** Above this many articles the report links to each article's Markdown instead of embedding its full text. */
export const REPORT_FULL_TEXT_LIMIT = 300;

let assets: { css: string; script: string; version: string } | undefined;

/**
 * The page's stylesheet and its script (search, outlet and date filters; opening the details that hold
 * a linked or matching sentence), read on first use and inlined byte for byte: anything added to
 * report.css or report.js, comments included, goes into every page.
 */
function pageAssets(): { css: string; script: string; version: string } {
  return (assets ??= {
    css: readFileSync(new URL('./report.css', import.meta.url), 'utf8'),
    script: readFileSync(new URL('./report.js', import.meta.url), 'utf8'),
    version: (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
  });
}

/** warta's version, shown in the report's footer. */
export const wartaVersion = () => pageAssets().version;

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
/** An article's day for the date range filter: `YYYY-MM-DD`, or empty when unknown. */
const dateKey = (published: string | null | undefined) => dayOf(published) ?? '';

/** A date for the reader (`28 Mar 2024, 21:37 WIB`), with the ISO form for machines. */
const timeHtml = (iso: string) => (Number.isFinite(Date.parse(iso)) ? `<time datetime="${esc(iso)}">${esc(displayDate(iso))}</time>` : esc(iso));

/** An English text and its Indonesian original, English first; each marked with its language and hidden by the language toggle. */
function pair(tag: string, english: string | null, indonesian: string, attributes = ''): string {
  if (english === null || english === '') return `<${tag} class="tx-en none" lang="en"${attributes}>No English translation.</${tag}><${tag} class="tx-id" lang="id"${attributes}>${esc(indonesian)}</${tag}>`;
  // The same text in both (a copy of the source): shown whatever the language.
  if (english === indonesian) return `<${tag} class="tx-same" lang="en"${attributes}>${esc(english)}</${tag}>`;
  return `<${tag} class="tx-en" lang="en"${attributes}>${esc(english)}</${tag}><${tag} class="tx-id alt" lang="id"${attributes}>${esc(indonesian)}</${tag}>`;
}

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

/** One line of the overview: a group as the top of the page lists it. */
export interface OverviewEntry extends Pick<DigestGroup, 'id' | 'title' | 'outlets' | 'dates' | 'new'> {
  articles: number;
}

export const overviewEntry = (group: DigestGroup): OverviewEntry => ({ id: group.id, title: group.title, outlets: group.outlets, dates: group.dates, new: group.new, articles: group.articles.length });

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
  const page: ReportPage = { head: digest, overview: overviewOf(digest, cards), entries: digest.groups.map(overviewEntry), fullText };
  yield reportHead(page);
  for (const [i, group] of digest.groups.entries()) yield* reportGroupParts(group, i, cards, fullText);
  yield reportTail(page);
}

/** What the page says of the whole run. */
export interface ReportPage {
  head: DigestHead;
  overview: CorpusOverview;
  /** Per group, in digest order. */
  entries: OverviewEntry[];
  fullText: boolean;
}

const isEvent = (entry: { articles: number }) => entry.articles > 1;

/** The page up to the first group: the header with the reading tools, and the overview. */
export function reportHead({ head, overview, entries, fullText }: ReportPage): string {
  const { outlets, days } = overview;
  const span = days.length === 0 ? '' : ` · ${dateSpan(days)}`;
  const fresh = head.newArticles > 0 ? ` · ${plural(head.newArticles, 'new article')}` : '';
  const events = entries.filter(isEvent).length;
  const options = (values: readonly string[], key: (v: string) => string, hasUnknown: boolean, unknownLabel: string) =>
    values.map((v) => `<option value="${esc(key(v))}">${esc(v)}</option>`).join('') + (hasUnknown ? `<option value="none">${unknownLabel}</option>` : '');
  const linked = fullText
    ? ''
    : `\n    <p class="note" id="linked">${esc(plural(head.articles, 'article'))} are more than this page embeds in full (${REPORT_FULL_TEXT_LIMIT}): each article shows its metadata, summary and translation flags, and links to its Markdown file (<code>articles/&lt;id&gt;.md</code>) for the full text side by side. Search covers titles, metadata and summaries.</p>`;
  const range = (id: string, label: string, value: string) =>
    `<label><span>${label}</span><input type="date" id="${id}"${days.length > 0 ? ` min="${esc(days[0]!)}" max="${esc(days[days.length - 1]!)}"` : ''} value="${value}"></label>`;

  return `<!doctype html>
<html lang="en" data-show="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="warta ${esc(wartaVersion())}">
<title>warta digest · ${esc(plural(head.articles, 'article'))}</title>
<style>
${pageAssets().css}</style>
</head>
<body>
<header class="top">
  <div class="wrap">
    <h1>warta digest</h1>
    <p class="lede">${esc(plural(head.articles, 'article'))} · ${esc(plural(events, 'event'))} · ${esc(plural(outlets.length, 'outlet'))}${esc(span)}${esc(fresh)}</p>${linked}
    <form class="filters" role="search" autocomplete="off">
      <label class="search"><span>Search <kbd>/</kbd></span><input type="search" id="q" placeholder="Words in English or Indonesian"></label>
      <label><span>Outlet</span><select id="outlet"><option value="">All outlets</option>${options(outlets, outletKey, overview.unknownOutlet, 'Outlet unknown')}</select></label>
      ${range('from', 'From', '')}
      ${range('to', 'To', '')}
      <label class="check"><input type="checkbox" id="new-only"${head.newArticles === 0 ? ' disabled' : ''}><span>New only</span></label>
      <label><span>Language <kbd>L</kbd></span><select id="lang"><option value="en">English</option><option value="both">English and Indonesian</option><option value="id">Indonesian</option></select></label>
      <p class="entity-filter" id="entity-filter" hidden>Articles that mention <strong id="entity-name"></strong> <button type="button" id="entity-clear">Show all</button></p>
      <output id="count" aria-live="polite">${esc(plural(overview.articles, 'article'))}</output>
    </form>
  </div>
</header>
<main class="wrap">
${entries.length === 0 ? '<p class="empty">No articles were rendered.</p>' : overviewHtml(entries)}
`;
}

/** The overview: one line per group, events first, then the articles that belong to no group. */
function overviewHtml(entries: readonly OverviewEntry[]): string {
  const line = (e: OverviewEntry) => {
    const english = e.title.en && e.title.en.length > 0;
    const reach = [e.outlets.length > 0 ? e.outlets.join(', ') : 'outlet unknown', e.dates.length > 0 ? dateSpan(e.dates) : 'date unknown', plural(e.articles, 'article')].join(' · ');
    return `<li data-group="${esc(e.id)}"${e.new ? ' data-new' : ''}><a href="#${esc(domId('g', e.id))}"${english ? ' lang="en"' : ' lang="id"'}>${esc(english ? e.title.en! : e.title.id)}</a>${e.new ? ' <span class="new">new</span>' : ''} <span class="muted">${esc(reach)}</span></li>`;
  };
  const events = entries.filter(isEvent);
  const others = entries.filter((e) => !isEvent(e));
  return `<nav id="overview" aria-label="Overview">
<h2>Overview</h2>
${events.length > 0 ? `<h3>Events reported by several articles (${events.length})</h3>\n<ol class="overview">${events.map(line).join('\n')}</ol>` : ''}
${others.length > 0 ? `<h3>Articles in no group (${others.length})</h3>\n<ol class="overview">${others.map(line).join('\n')}</ol>` : ''}
</nav>
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

/** The page after the last group: the flag legend and the footer. */
export function reportTail({ head, overview }: ReportPage): string {
  return `
<p class="empty" id="empty" hidden>No article matches the search and filters.</p>
<section id="legend" aria-label="Translation quality flags">
<h2>Translation quality flags</h2>
<dl>${Object.keys(FLAG_MEANINGS).map((flag) => `<div id="flag-${esc(flag)}"><dt><span class="flag">${esc(flag)}</span></dt><dd>${esc(flagMeaning(flag))}</dd></div>`).join('')}<div><dt><span class="score">score</span></dt><dd>${esc(SCORE_MEANING)}; shown beside flagged sentences only.</dd></div></dl>
</section>
</main>
<footer class="wrap" id="footer">
  <p>Made by warta ${esc(wartaVersion())} on this machine<span id="made"></span> from ${esc(plural(head.articles, 'article'))} by ${esc(plural(overview.outlets.length, 'outlet'))}. Translation model: ${esc(overview.models.join(', ') || 'none')}.
  Grouping: ${esc(head.method.name)} (threshold ${head.method.threshold}, dates at most ${head.method.maxDays} days apart); summaries leave out a sentence that repeats what one already chosen says.</p>
</footer>
<script>
${pageAssets().script}</script>
</body>
</html>
`;
}

/** A group's section up to its articles (closed by `</div></section>` after them). */
function groupHead(group: DigestGroup, cards: ReadonlyMap<string, ArticleCard>, fullText: boolean): string {
  const reported = group.articles.map((a) => `<li>${esc(a.outlet ?? 'Outlet unknown')} <span class="muted">${a.published ? timeHtml(a.published) : 'date unknown'}</span></li>`).join('');
  const names = entitiesHtml(group);
  const alone = group.articles.length === 1;
  return `<section class="group" id="${esc(domId('g', group.id))}" data-group="${esc(group.id)}"${alone ? ' data-single' : ''}${group.new ? ' data-new' : ''}>
<header class="group-head">
  <p class="kicker">${alone ? 'Article in no group' : esc(plural(group.articles.length, 'article'))}${group.new ? ' <span class="new">new</span>' : ''}</p>
  ${pair('h2', group.title.en, group.title.id)}
  <ul class="reported" aria-label="Reported by">${reported}</ul>
</header>
<div class="group-body">
  <div class="group-summary">
    <h3>Summary</h3>
    ${summaryList(group.summary, group.articles, cards, fullText)}
  </div>
  ${names}
</div>
<div class="articles">
`;
}

/**
 * A group's people, organisations and places, a list per type. Each name is a button that narrows
 * the page to the articles mentioning it (report.js reads `data-articles`, ids joined by spaces).
 */
function entitiesHtml(group: DigestGroup): string {
  const lists = ENTITY_HEADINGS.filter(([list]) => group[list].length > 0).map(([list, heading]) => {
    const items = group[list].map((e) => {
      const role = e.role ? ` <span class="role" lang="id">${esc(e.role)}</span>` : '';
      const count = `${plural(e.mentions, 'mention')} in ${plural(e.articles.length, 'article')}`;
      return `<li><button type="button" class="entity" data-articles="${esc(e.articles.join(' '))}" data-name="${esc(e.en)}" aria-pressed="false" title="Show only the articles that mention it (${esc(count)})">${pair('span', e.en, e.id)}${role} <span class="num">${e.mentions}</span></button></li>`;
    });
    return `<div class="entity-list" data-type="${list}"><h4>${heading}</h4><ul>${items.join('')}</ul></div>`;
  });
  return lists.length === 0 ? '' : `<div class="entities"><h3>Names</h3>${lists.join('')}</div>`;
}

function flagsHtml(sentence: Pick<DocumentSentence, 'flags' | 'score'> | null | undefined): string {
  if (!sentence) return '';
  const flags = (sentence.flags ?? []).map((f) => `<a class="flag" href="#legend" title="${esc(flagMeaning(f))}">${esc(f)}</a>`).join('');
  const score = scoreWorthShowing(sentence) ? `<span class="score" title="${esc(SCORE_MEANING)}">score ${esc(sentence.score!.toFixed(2))}</span>` : '';
  return flags || score ? `<span class="quality">${flags}${score}</span>` : '';
}

/** Where a sentence id links to: its row in the page, or its anchor in the article's Markdown. */
const sentenceHref = (s: DigestSentence, fullText: boolean) => (fullText ? `#${sentenceDomId(s.sentence)}` : `${encodeURI(`articles/${s.article}.md`)}#${sentenceAnchor(s.sentence)}`);

function summaryList(sentences: readonly DigestSentence[], articles: readonly Pick<DigestArticle, 'id' | 'outlet'>[], cards: ReadonlyMap<string, ArticleCard>, fullText: boolean): string {
  if (sentences.length === 0) return '<p class="muted">No sentence could be selected for a summary.</p>';
  const outletOf = new Map(articles.map((a) => [a.id, a.outlet]));
  const items = sentences.map((s) => {
    const quality = cards.get(s.article)?.summary.find((x) => x.id === s.sentence)?.quality;
    const untranslated = quality?.flags?.includes('untranslated') ? `<p class="tx-en none" lang="en">${esc(NO_TRANSLATION)}</p>` : '';
    return `<li data-sentence="${esc(s.sentence)}" data-article="${esc(s.article)}">${untranslated}${pair('p', s.translation, s.source)}<p class="ref"><a href="${esc(sentenceHref(s, fullText))}" data-sentence-id="${esc(s.sentence)}">${esc(citation(outletOf.get(s.article) ?? null, s.paragraph))}</a>${flagsHtml(quality)}</p></li>`;
  });
  return `<ol class="summary">${items.join('')}</ol><p class="muted summary-filtered" hidden>No summary sentence comes from the articles the filters show.</p>`;
}

/** An article: with `article` (its full document), its full text side by side and removed lines; without, a link to its Markdown. */
export function articleHtml({ entry, card, alone }: ArticleSlot, article: ArticleDocument | null): string {
  const m = card.metadata;
  const url = articleUrl(m);
  const meta: Array<[string, string]> = [
    ['Outlet', esc(m.outlet ?? 'unknown')],
    ['Published', m.published ? timeHtml(m.published) : 'unknown'],
    ...(m.author ? [['Author', esc(m.author)] as [string, string]] : []),
    ...(m.dateline ? [['Dateline', esc(m.dateline)] as [string, string]] : []),
    ...(url !== null ? [['Source', `<a href="${esc(url)}" rel="noopener noreferrer">${esc(url)}</a>`] as [string, string]] : []),
    ['File', esc(card.path)],
    ['Sentences', esc(`${card.sentences}${card.flagged > 0 ? ` (${card.flagged} flagged)` : ''}`)],
  ];
  const summary: DigestSentence[] = card.summary.map((s) => ({ article: card.id, sentence: s.id, source: s.source, translation: s.translation, paragraph: s.paragraph }));
  const sameSummary = alone !== null && alone.summary.map((s) => s.sentence).join(' ') === summary.map((s) => s.sentence).join(' ');
  const title = alone ? '' : pair('h3', entry.titleTranslation, entry.title);
  const links = `<a href="${esc(encodeURI(entry.markdown))}">Markdown</a> · <a href="${esc(encodeURI(entry.json))}">JSON</a>`;
  return `<article class="article" id="${esc(articleDomId(card.id))}" data-article="${esc(card.id)}" data-outlet="${esc(outletKey(m.outlet))}" data-date="${esc(dateKey(m.published))}"${entry.new ? ' data-new' : ''}>
<header class="article-head">
  ${entry.new && !alone ? '<p class="kicker"><span class="new">new</span></p>' : ''}${title}
  <dl class="meta">${meta.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>
</header>
${sameSummary ? '' : `<h4>Summary</h4>\n${summaryList(summary, [entry], new Map([[card.id, card]]), article !== null)}`}
${article === null ? `<p class="files">Full text, English | Indonesian${card.removed > 0 ? `, and ${plural(card.removed, 'removed line')}` : ''}: ${links}</p>` : `${fullTextHtml(article)}\n<p class="files">${links}</p>`}
</article>`;
}

/** The English cell of a sentence, saying so plainly when it has no translation. */
function englishCell(s: DocumentSentence): string {
  if (s.language === 'en') return `${esc(s.translation)} <span class="none">(${esc(ENGLISH_SOURCE)})</span>`;
  if (s.flags?.includes('untranslated')) return `<span class="none">${esc(NO_TRANSLATION)}</span> ${esc(s.translation)}`;
  return esc(s.translation);
}

function fullTextHtml(article: ArticleDocument): string {
  const summaryIds = new Set(article.summary.sentences.map((s) => s.id));
  const rows = article.sentences.map((s) => {
    const classes = ['sentence', `kind-${s.kind}`, ...(summaryIds.has(s.id) ? ['in-summary'] : []), ...((s.flags?.length ?? 0) > 0 ? ['flagged'] : [])];
    return `<tr class="${classes.join(' ')}" id="${esc(sentenceDomId(s.id))}" data-sentence="${esc(s.id)}"><td class="sid">${esc(sentenceAnchor(s.id))}${summaryIds.has(s.id) ? '<span class="badge">summary</span>' : ''}</td><td class="en tx-en" lang="en">${englishCell(s)}${flagsHtml(s)}${glossaryTermsHtml(s)}</td><td class="id tx-id" lang="${s.language === 'en' ? 'en' : 'id'}">${esc(s.source)}</td></tr>`;
  });
  const removed =
    article.removed.length === 0
      ? ''
      : `<details class="removed"><summary>Removed lines (${article.removed.length})</summary>
<table><thead><tr><th scope="col">Line</th><th scope="col">Rule</th><th scope="col">Text</th></tr></thead><tbody>
${article.removed.map((r) => `<tr><td class="num">${r.line}</td><td><code>${esc(r.rule)}</code></td><td lang="id">${esc(r.text)}</td></tr>`).join('\n')}
</tbody></table></details>`;
  return `<details class="fulltext"><summary>Full text, English | Indonesian (${plural(article.sentences.length, 'sentence')})</summary>
<div class="table-wrap"><table class="parallel"><thead><tr><th scope="col">#</th><th scope="col" class="tx-en">English</th><th scope="col" class="tx-id">Indonesian</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>
</details>
${removed}`;
}

/** The glossary terms (and protected names) a sentence's translation was asked to keep, named on hover; a missing one is marked. */
function glossaryTermsHtml(sentence: Pick<DocumentSentence, 'glossary'>): string {
  if (!sentence.glossary || sentence.glossary.length === 0) return '';
  const terms = sentence.glossary.map((t) => `${t.source} → ${t.target}${t.missing ? ' (missing)' : ''}`).join('; ');
  return ` <span class="glossary-terms" title="${esc(`Glossary: ${terms}`)}">glossary: ${esc(sentence.glossary.map((t) => t.target).join(', '))}</span>`;
}
