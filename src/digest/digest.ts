/**
 * The digest across articles: articles grouped by the event they report (group.ts), each group with
 * a bilingual summary that does not repeat a fact, who reported it and when, its people,
 * organisations and places in both languages (entities.ts), and its articles. Written as `digest.json` and `digest.md`.
 */
import type { ArticleDocument } from '../stages/render/document.ts';
import { articleCard, dayOf, scanDocuments, type ArticleCard, type ArticleFeatures, type DigestCorpus } from './features.ts';
import { GROUPING, GROUPING_METHOD, groupLeads, groupSummary, similarityGraph, sparseAverageLinkGroups, type GroupingParams, type SimilarityInput, type SummaryCandidate } from './group.ts';
import { markdownCell, markdownText } from '../io/markdown.ts';
import { FLAG_MEANINGS, NO_TRANSLATION, SCORE_MEANING, displayDate, flagMeaning, paragraphMark } from '../io/display.ts';
import { sentenceAnchor } from '../types.ts';
import { articleUrl, groupEntities, type DigestEntities, type DigestEntity } from './entities.ts';

export { articleTitle, titleTranslation } from './features.ts';

export interface DigestArticle {
  id: string;
  /** The article's title; without one, its lead sentence; without that, its id. */
  title: string;
  titleTranslation: string | null;
  outlet: string | null;
  published: string | null;
  /** Relative to the output folder. */
  markdown: string;
  json: string;
  /** The article's source address (`metadata.url`, http or https); absent when it has none. */
  url?: string;
  /** First seen in this run (the first run marks nothing as new). */
  new: boolean;
}

export interface DigestSentence {
  article: string;
  /** The source sentence id, `<article>#p<n>s<m>`. */
  sentence: string;
  source: string;
  translation: string;
  /** Its paragraph as a reader counts it (1 for the first after the title); null for the title. */
  paragraph: number | null;
  /** The translation's quality flags, when it has any. */
  flags?: string[];
}

export interface DigestGroup {
  id: string;
  title: { id: string; en: string | null };
  /** By publication time (undated last), then id. */
  articles: DigestArticle[];
  outlets: string[];
  /** Publication days (`YYYY-MM-DD`, in the publisher's time zone), oldest first. */
  dates: string[];
  summary: DigestSentence[];
  /** Its people, organisations and places (at most ten of each), the most mentioned first. */
  people: DigestEntity[];
  organisations: DigestEntity[];
  places: DigestEntity[];
  /** The group has an article first seen in this run. */
  new: boolean;
}

export interface DigestHead {
  method: { name: string } & GroupingParams;
  articles: number;
  /** Articles first seen in this run. */
  newArticles: number;
}

export interface Digest extends DigestHead {
  groups: DigestGroup[];
}

/** The digest without its text: which articles (indices into the corpus) form each group, in digest order, and each group's lead article. */
export interface DigestPlan {
  head: DigestHead;
  groups: number[][];
  /** Per group, the member whose title the group takes: the one most similar to the others. */
  leads: number[];
  /** Ids of the articles first seen in this run. */
  fresh: ReadonlySet<string>;
}

/** What making a group's text needs of each article, once the articles are grouped. */
export type GroupedArticle = Pick<ArticleFeatures, 'id'>;

/** The digest of documents held in memory; the same as planning it and making each group from the documents' cards. */
export function buildDigest(input: readonly ArticleDocument[], fresh: ReadonlySet<string> = new Set()): Digest {
  const cards = new Map(input.map((d) => [d.id, articleCard(d)]));
  return digestOf(scanDocuments(input), (id) => cards.get(id)!, fresh);
}

export function digestOf(corpus: DigestCorpus, cardOf: (articleId: string) => ArticleCard, fresh: ReadonlySet<string> = new Set()): Digest {
  const plan = digestPlan(corpus.articles, fresh);
  return { ...plan.head, groups: plan.groups.map((_, position) => digestGroup(plan, position, corpus, (i) => cardOf(corpus.articles[i]!.id))) };
}

/**
 * Groups the articles: largest groups first, then the one with the newest article, then by first
 * article id. Only this step needs the term vectors; the plan refers to articles by index.
 */
export function digestPlan(features: ReadonlyArray<SimilarityInput & { id: string }>, fresh: ReadonlySet<string> = new Set()): DigestPlan {
  const graph = similarityGraph(features);
  const groups = sparseAverageLinkGroups(graph).map((members) => ({ members, newest: Math.max(...members.map((i) => features[i]!.time ?? -Infinity)) }));
  groups.sort((a, b) => b.members.length - a.members.length || b.newest - a.newest || features[a.members[0]!]!.id.localeCompare(features[b.members[0]!]!.id));
  return {
    head: { method: { name: GROUPING_METHOD, ...GROUPING }, articles: features.length, newArticles: features.filter((f) => fresh.has(f.id)).length },
    groups: groups.map((g) => g.members),
    leads: groupLeads(graph, groups.map((g) => g.members)),
    fresh,
  };
}

/** The group at `position` of the plan; `cardOf` gives the card of a member by its index in the corpus. */
export function digestGroup(
  plan: DigestPlan,
  position: number,
  corpus: { articles: readonly GroupedArticle[] } & Pick<DigestCorpus, 'sentenceIdf'>,
  cardOf: (index: number) => ArticleCard,
): DigestGroup {
  const members = plan.groups[position]!;
  const articles = members.map(cardOf);
  const lead = cardOf(plan.leads[position]!);
  const candidates: SummaryCandidate[] = articles.flatMap((a) => a.summary.map((s) => ({ id: s.id, source: s.source, translation: s.translation, article: a.id })));
  const summary = groupSummary(candidates, corpus.sentenceIdf);
  const byId = new Map(articles.flatMap((a) => a.summary.map((s) => [s.id, s] as const)));
  return {
    id: `g${position + 1}`,
    title: { id: lead.title, en: lead.titleTranslation },
    articles: articles.map((a) => digestArticle(a, plan.fresh.has(a.id))),
    ...groupReach(articles.map((a) => a.metadata)),
    summary: summary.map((s) => ({ article: s.article, sentence: s.id, source: s.source, translation: s.translation, paragraph: byId.get(s.id)!.paragraph, ...withFlags(byId.get(s.id)!.quality?.flags) })),
    ...groupEntities(articles.map((a) => ({ article: a.id, entities: a.entities }))),
    new: articles.some((a) => plan.fresh.has(a.id)),
  };
}

const unique = (values: readonly string[]) => [...new Set(values)];

/** Who reported a group and when: its members' outlets (in member order) and publication days (sorted). */
export function groupReach(members: ReadonlyArray<{ outlet?: string | null; published?: string | null }>): Pick<DigestGroup, 'outlets' | 'dates'> {
  return {
    outlets: unique(members.flatMap((a) => (a.outlet ? [a.outlet] : []))),
    dates: unique(members.flatMap((a) => dayOf(a.published) ?? [])).sort(),
  };
}
const withUrl = (url: string | null) => (url === null ? {} : { url });
const withFlags = (flags: readonly string[] | undefined) => (flags && flags.length > 0 ? { flags: [...flags] } : {});

function digestArticle(article: ArticleCard, fresh: boolean): DigestArticle {
  return {
    id: article.id,
    title: article.title,
    titleTranslation: article.titleTranslation,
    outlet: article.metadata.outlet ?? null,
    published: article.metadata.published ?? null,
    markdown: `articles/${article.id}.md`,
    json: `articles/${article.id}.json`,
    ...withUrl(articleUrl(article.metadata)),
    new: fresh,
  };
}


/** `output/digest.md`. */
export function digestMarkdown(digest: Digest): string {
  return [...digestMarkdownParts(digest)].join('');
}

/** `output/digest.md` in pieces, one per group, to write as they come. */
export function* digestMarkdownParts(digest: Digest): Generator<string> {
  yield digestMarkdownHead(digest, digest.groups.length);
  for (const group of digest.groups) yield digestMarkdownGroup(group);
  yield digestMarkdownTail();
}

export function digestMarkdownHead(head: DigestHead, groupCount: number): string {
  const fresh = head.newArticles > 0 ? ` ${head.newArticles} new since the last run (marked **new**).` : '';
  return [
    '# Digest',
    '',
    `${head.articles} article${head.articles === 1 ? '' : 's'} in ${groupCount} group${groupCount === 1 ? '' : 's'}; articles that report the same event share a group.${fresh}`,
    '',
  ].join('\n');
}

const NEW_MARK = '**new** ';

export function digestMarkdownGroup(group: DigestGroup): string {
  const lines: string[] = [];
  lines.push(`## ${group.new ? NEW_MARK : ''}${markdownText(group.title.en || group.title.id)}`);
  if (group.title.en && group.title.en !== group.title.id) lines.push('', `Indonesian: *${markdownText(group.title.id)}*`);
  const outlets = group.outlets.length > 0 ? group.outlets.map(markdownText).join(', ') : 'outlet unknown';
  const dates = group.dates.length > 0 ? dateSpan(group.dates) : 'date unknown';
  lines.push('', `${group.articles.length} article${group.articles.length === 1 ? '' : 's'} · ${outlets} · ${dates}`, '');

  lines.push('### Summary', '');
  if (group.summary.length === 0) lines.push('_No summary sentences._', '');
  const outletOf = new Map(group.articles.map((a) => [a.id, a.outlet]));
  for (const s of group.summary) {
    const flags = s.flags && s.flags.length > 0 ? ` ⚠ ${s.flags.map((f) => `\`${f}\``).join(' ')}` : '';
    const note = s.flags?.includes('untranslated') ? `_(${NO_TRANSLATION})_ ` : '';
    lines.push(`- ${note}${markdownText(s.translation)}${flags}  `, `  Indonesian: ${markdownText(s.source)}  `, `  <sub>[${markdownText(citation(outletOf.get(s.article) ?? null, s.paragraph))}](articles/${s.article}.md#${sentenceAnchor(s.sentence)})</sub>`);
  }
  lines.push(...entitiesMarkdown(group));
  lines.push('', '### Articles', '');
  for (const article of group.articles) {
    const meta = [article.outlet ? markdownText(article.outlet) : 'outlet unknown', article.published ? markdownText(displayDate(article.published)) : 'date unknown'].join(' · ');
    const english = article.titleTranslation || article.title;
    const indonesian = article.titleTranslation && article.titleTranslation !== article.title ? `  \n  Indonesian: *${markdownText(article.title)}*` : '';
    const source = article.url ? ` · [source](<${markdownUrl(article.url)}>)` : '';
    lines.push(`- ${article.new ? NEW_MARK : ''}[${markdownText(english)}](${article.markdown}) · ${meta}${source}${indonesian}`);
  }
  lines.push('');
  return `\n${lines.join('\n')}`;
}

export const ENTITY_HEADINGS: ReadonlyArray<readonly [keyof DigestEntities, string]> = [
  ['people', 'People'],
  ['organisations', 'Organisations'],
  ['places', 'Places'],
];

/** A group's people, organisations and places as Markdown tables, English first; nothing when it has none. */
function entitiesMarkdown(group: DigestGroup): string[] {
  const lines: string[] = [];
  for (const [list, heading] of ENTITY_HEADINGS) {
    if (group[list].length === 0) continue;
    const role = list === 'people' && group.people.some((p) => p.role);
    lines.push('', `### ${heading}`, '', `| English | Indonesian |${role ? ' role |' : ''} mentions | articles |`, `|---|---|${role ? '---|' : ''}---|---|`);
    for (const entity of group[list]) {
      lines.push(`| ${markdownCell(entity.en)} | ${markdownCell(entity.id)} |${role ? ` ${markdownCell(entity.role ?? '')} |` : ''} ${entity.mentions} | ${entity.articles.length} |`);
    }
  }
  return lines;
}

/** A URL inside `<…>` of a Markdown link: what would end it or break the line is percent-encoded. */
const markdownUrl = (url: string) => url.replace(/[<>\s]/g, (c) => encodeURIComponent(c));

/** The end of `digest.md`: what the translation quality flags mean. */
export function digestMarkdownTail(): string {
  return ['', '---', '', '**Translation quality flags**', '', ...Object.keys(FLAG_MEANINGS).map((flag) => `- \`${flag}\`: ${flagMeaning(flag)}`), `- score: ${SCORE_MEANING}`, ''].join('\n');
}

/** A summary sentence's source as a reader cites it: `Liputan6.com, ¶2`. */
export const citation = (outlet: string | null, paragraph: number | null | undefined) => `${outlet ?? 'outlet unknown'}, ${paragraphMark(paragraph)}`;

/** Days as `28 Mar 2024`, or the first and last as `28 Mar 2024 – 30 Mar 2024`. */
export const dateSpan = (days: readonly string[]) => (days.length === 1 ? displayDate(days[0]!) : `${displayDate(days[0]!)} – ${displayDate(days[days.length - 1]!)}`);

/** `output/digest.json` in pieces, one per group: the same text as `JSON.stringify(digest, null, 2)` and a newline. */
export function* digestJsonParts(digest: Digest): Generator<string> {
  const { groups, ...head } = digest;
  yield digestJsonHead(head, groups.length);
  for (const [i, group] of groups.entries()) yield digestJsonGroup(group, i === groups.length - 1);
  yield digestJsonTail(groups.length);
}

export function digestJsonHead(head: DigestHead, groupCount: number): string {
  const empty = JSON.stringify({ ...head, groups: [] }, null, 2);
  return groupCount === 0 ? `${empty}\n` : `${empty.slice(0, empty.lastIndexOf('[]'))}[\n`;
}

export function digestJsonGroup(group: DigestGroup, last: boolean): string {
  return `    ${JSON.stringify(group, null, 2).replace(/\n/g, '\n    ')}${last ? '' : ','}\n`;
}

export function digestJsonTail(groupCount: number): string {
  return groupCount === 0 ? '' : '  ]\n}\n';
}
