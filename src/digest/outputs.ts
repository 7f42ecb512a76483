/**
 * The run-level outputs, written after every article is rendered: `digest.json`, `digest.md` and
 * the HTML report `index.html`. They are built from the per-article JSON files the render stage
 * wrote (read back and checked against the hashes it recorded), so they show exactly what is on disk.
 *
 * Scale: the documents are read a few at a time, twice, and only compact features are kept
 * (features.ts); grouping compares only pairs that can be similar (group.ts). Then the three files
 * are written side by side, one group at a time, from its members' documents read a third time: no
 * summary, title or card of every article is ever held at once. Above `REPORT_FULL_TEXT_LIMIT`
 * articles the report links to the per-article Markdown instead of embedding every full text.
 *
 * Cache: the outputs depend only on the per-article JSON files and this code, so a key over the
 * render version, the outputs' version and every (article id, JSON sha256) is stored in
 * `<cache>/outputs/` with the sha256 of the three files written. When the key is found and the three
 * files on disk still have those hashes, nothing is read or written.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import { isObject } from '../cache/driver.ts';
import { createFsDriver } from '../cache/fs-driver.ts';
import type { ResolvedConfig } from '../config/schema.ts';
import { WartaError } from '../errors.ts';
import type { RenderedArticle } from '../types.ts';
import { hashValue, sha256, sha256OfFile } from '../util/hash.ts';
import { withFileBytes } from '../io/read-file.ts';
import { articleTitle, groupReach, titleTranslation, digestGroup, digestJsonGroup, digestJsonHead, digestJsonTail, digestMarkdownGroup, digestMarkdownHead, digestMarkdownTail, digestPlan, type Digest, type DigestPlan, type GroupedArticle } from './digest.ts';
import type { ArticleDocument } from '../stages/render/document.ts';
import { CorpusScan, TERMS_PER_ARTICLE, articleCard, type ArticleCard, type DigestCorpus } from './features.ts';
import { BLOCKING, GROUPING } from './group.ts';
import { writeOutputParts } from '../io/output.ts';
import { REPORT_FULL_TEXT_LIMIT, articleHtml, reportGroupParts, reportHead, reportTail, wartaVersion, type OverviewEntry, type ReportPage } from './report/report.ts';

/** Bump whenever a code change makes digest.json, digest.md or index.html differ for the same article files. */
export const OUTPUTS_VERSION = '4';
/** Article files read at once. */
const READ_CONCURRENCY = 8;
export const RUN_OUTPUT_FILES = ['digest.json', 'digest.md', 'index.html'] as const;

export interface RunOutputsOptions {
  /** Above this many articles the report links to the Markdown instead of embedding full texts. */
  fullTextLimit?: number;
  /** The version of the stage that wrote the article files: part of the outputs' cache key. */
  upstreamVersion?: string;
}

export interface RunOutputs {
  /** True when the files on disk already were the outputs of these articles: nothing was read or written. */
  cached: boolean;
  articles: number;
  /** Groups in the digest; null when cached. */
  groups: number | null;
  ms: number;
  /** sha256 of each run-level file. */
  files: Record<string, string>;
}

/** An article's `articles/<id>.json` and the sha256 render recorded for it. */
interface ArticleFile {
  id: string;
  sha256: string;
}

/** The part of a render result the run-level outputs read (its JSON file): what the runner keeps of every article until they are written. */
export function digestInput(article: RenderedArticle): RenderedArticle {
  const json = articleJsonPath(article.id);
  return { id: article.id, files: article.files.filter((file) => file.path === json) };
}

const articleJsonPath = (id: string) => `articles/${id}.json`;

export async function writeRunOutputs(config: Pick<ResolvedConfig, 'output' | 'cache'>, rendered: readonly RenderedArticle[], options: RunOutputsOptions = {}): Promise<RunOutputs> {
  const started = performance.now();
  const outputDir = config.output;
  const fullTextLimit = options.fullTextLimit ?? REPORT_FULL_TEXT_LIMIT;
  const files = articleFiles(outputDir, rendered);
  const cache = createFsDriver(config.cache, 'outputs');
  const last = await lastRunArticles(cache, outputDir);
  const fresh = freshArticles(last, files);
  const key = runOutputsKey(files, fresh, fullTextLimit, options.upstreamVersion ?? '');
  const recorded = await cache.get<{ files: Record<string, string> }>(key, isOutputsRecord);
  if (recorded && (await onDisk(outputDir, recorded.files))) {
    await rememberRunArticles(cache, outputDir, files, fresh, last);
    return { cached: true, articles: files.length, groups: null, ms: Math.round(performance.now() - started), files: recorded.files };
  }

  const scan = new CorpusScan();
  await forEachDocument(outputDir, files, (doc) => scan.observe(doc));
  const dated = new Map<string, { outlet: string | null; published: string | null }>();
  await forEachDocument(outputDir, files, (doc) => {
    scan.extract(doc);
    dated.set(doc.id, { outlet: doc.metadata.outlet ?? null, published: doc.metadata.published ?? null });
  });
  const { plan, corpus } = planGroups(scan, fresh);
  const byId = new Map(files.map((f) => [f.id, f]));
  const entries = await overviewEntries(plan, corpus.articles, dated, (i) => readDocument(outputDir, byId.get(corpus.articles[i]!.id)!));
  dated.clear();
  const page: ReportPage = { head: plan.head, overview: corpus.overview, entries, fullText: files.length <= fullTextLimit };
  const groups = groupsWithDocuments(plan.groups, (i) => readDocument(outputDir, byId.get(corpus.articles[i]!.id)!), page.fullText);

  // The three files are written side by side, a group at a time: only the documents of a few groups are in memory at once.
  const written: Record<string, string> = {};
  written['digest.json'] = await writeOutputParts(outputDir, 'digest.json', async (json) => {
    written['digest.md'] = await writeOutputParts(outputDir, 'digest.md', async (markdown) => {
      written['index.html'] = await writeOutputParts(outputDir, 'index.html', async (html) => {
        await json(digestJsonHead(plan.head, plan.groups.length));
        await markdown(digestMarkdownHead(plan.head, plan.groups.length));
        await html(reportHead(page));
        for (let position = 0; position < plan.groups.length; position++) {
          const members = await groups.next(position);
          const cards = new Map(members.map(({ card }) => [card.id, card]));
          const group = digestGroup(plan, position, corpus, (i) => cards.get(corpus.articles[i]!.id)!);
          await json(digestJsonGroup(group, position === plan.groups.length - 1));
          await markdown(digestMarkdownGroup(group));
          const documents = new Map(members.map(({ card, document }) => [card.id, document]));
          for (const part of reportGroupParts(group, position, cards, page.fullText)) await html(typeof part === 'string' ? part : articleHtml(part, documents.get(part.entry.id) ?? null));
        }
        await json(digestJsonTail(plan.groups.length));
        await markdown(digestMarkdownTail());
        await html(reportTail(page));
      });
    });
  });
  try {
    await cache.set(key, { files: written });
    await rememberRunArticles(cache, outputDir, files, fresh, last);
  } catch (cause) {
    throw new WartaError('CACHE_WRITE_FAILED', `Cannot write to the cache: ${(cause as Error).message}`, {
      cause,
      hint: 'Check that the cache folder is writable and the disk has space. The outputs were written.',
    });
  }
  return { cached: false, articles: files.length, groups: plan.groups.length, ms: Math.round(performance.now() - started), files: written };
}

/** What the outputs cache keeps: the sha256 of each run-level file; anything else is a damaged entry. */
function isOutputsRecord(value: unknown): boolean {
  return isObject(value) && isObject(value.files) && RUN_OUTPUT_FILES.every((name) => typeof (value.files as Record<string, unknown>)[name] === 'string');
}

/** The key of the run-level outputs: everything they are made from, including which articles are new. */
function runOutputsKey(files: readonly ArticleFile[], fresh: ReadonlySet<string>, fullTextLimit: number, upstreamVersion: string): string {
  return hashValue({
    render: upstreamVersion,
    outputs: OUTPUTS_VERSION,
    warta: wartaVersion(),
    settings: { grouping: GROUPING, blocking: BLOCKING, termsPerArticle: TERMS_PER_ARTICLE, fullTextLimit },
    articles: files.map((f) => [f.id, f.sha256]),
    fresh: [...fresh].sort(),
  });
}

/** The articles of the last run that wrote an output folder, and which of them were new in it. */
interface RunArticles {
  ids: string[];
  fresh: string[];
}

const lastRunKey = (outputDir: string) => hashValue({ lastRunArticles: path.resolve(outputDir) });
const isRunArticles = (value: unknown): value is RunArticles =>
  typeof value === 'object' && value !== null && [(value as RunArticles).ids, (value as RunArticles).fresh].every((list) => Array.isArray(list) && list.every((id) => typeof id === 'string'));

/** The last run's articles: from the cache, else from the `digest.json` it left in the output folder; null on a first run. */
async function lastRunArticles(cache: ReturnType<typeof createFsDriver>, outputDir: string): Promise<RunArticles | null> {
  const cached = await cache.get<unknown>(lastRunKey(outputDir));
  if (isRunArticles(cached)) return cached;
  const previous = await readFile(path.join(outputDir, 'digest.json'), 'utf8').catch(() => null);
  if (previous === null) return null;
  try {
    const articles = (JSON.parse(previous) as Digest).groups.flatMap((g) => g.articles);
    const found = { ids: articles.map((a) => a.id), fresh: articles.filter((a) => a.new === true).map((a) => a.id) };
    return isRunArticles(found) ? found : null;
  } catch {
    return null;
  }
}

/**
 * The articles first seen in this run: those the last run did not have. A run over the same articles
 * as the last one keeps its marks (so an unchanged re-run shows, and caches, the same outputs); the
 * first run marks nothing.
 */
function freshArticles(last: RunArticles | null, files: readonly ArticleFile[]): Set<string> {
  if (last === null) return new Set();
  const previous = new Set(last.ids);
  const same = previous.size === files.length && files.every((f) => previous.has(f.id));
  return new Set(same ? last.fresh.filter((id) => previous.has(id)) : files.filter((f) => !previous.has(f.id)).map((f) => f.id));
}

async function rememberRunArticles(cache: ReturnType<typeof createFsDriver>, outputDir: string, files: readonly ArticleFile[], fresh: ReadonlySet<string>, last: RunArticles | null): Promise<void> {
  const now: RunArticles = { ids: files.map((f) => f.id), fresh: [...fresh].sort() };
  if (last && hashValue(last) === hashValue(now)) return;
  await cache.set(lastRunKey(outputDir), now);
}

async function onDisk(outputDir: string, hashes: Record<string, string>): Promise<boolean> {
  for (const name of RUN_OUTPUT_FILES) {
    const actual = await sha256OfFile(path.join(outputDir, name)).catch(() => null);
    if (actual === null || actual !== hashes[name]) return false;
  }
  return true;
}

const changed = (target: string) =>
  new WartaError('OUTPUT_WRITE_FAILED', `Cannot write the digest and report: ${target} is missing or was changed during the run.`, {
    file: target,
    hint: 'Run again: render rewrites the file from the cache, then the digest and report are written.',
  });

/** The `articles/<id>.json` file of each rendered article, as recorded by this run's render stage, by id. */
function articleFiles(outputDir: string, rendered: readonly RenderedArticle[]): ArticleFile[] {
  return [...rendered]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((article) => {
      const relative = articleJsonPath(article.id);
      const file = article.files.find((f) => f.path === relative);
      if (!file) throw changed(path.join(outputDir, relative));
      return { id: article.id, sha256: file.sha256 };
    });
}

/** One article's JSON document, checked against the hash render recorded. */
export async function readDocument(outputDir: string, file: ArticleFile): Promise<ArticleDocument> {
  const target = path.join(outputDir, articleJsonPath(file.id));
  const text = await withFileBytes(target, (bytes) => (sha256(bytes) === file.sha256 ? bytes.toString('utf8') : null)).catch(() => null);
  if (text === null) throw changed(target);
  return JSON.parse(text) as ArticleDocument;
}

/** Reads every document, a few at a time, and hands each to `use` as it arrives (in no set order). */
async function forEachDocument(outputDir: string, files: readonly ArticleFile[], use: (doc: ArticleDocument) => void): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < files.length) {
      const file = files[next++]!;
      try {
        use(await readDocument(outputDir, file));
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
}

/**
 * Groups the scanned articles and keeps, per article, only what writing the groups needs (its id):
 * the term vectors, the largest part of the features, go as soon as the groups are known.
 */
function planGroups(scan: CorpusScan, fresh: ReadonlySet<string>): { plan: DigestPlan; corpus: Omit<DigestCorpus, 'articles'> & { articles: GroupedArticle[] } } {
  const { articles, ...shared } = scan.finish();
  const plan = digestPlan(articles, fresh);
  return { plan, corpus: { ...shared, articles: articles.map(({ id }) => ({ id })) } };
}

/** The overview's line per group, from its members' outlets and dates and its lead article's title (read once more). */
async function overviewEntries(
  plan: DigestPlan,
  articles: readonly GroupedArticle[],
  dated: ReadonlyMap<string, { outlet: string | null; published: string | null }>,
  read: (index: number) => Promise<ArticleDocument>,
): Promise<OverviewEntry[]> {
  const reads = new PQueue({ concurrency: READ_CONCURRENCY });
  return Promise.all(
    plan.groups.map((members, position) =>
      reads.add(async () => {
        const lead = await read(plan.leads[position]!);
        const ids = members.map((i) => articles[i]!.id);
        return {
          id: `g${position + 1}`,
          title: { id: articleTitle(lead), en: titleTranslation(lead) },
          ...groupReach(ids.map((id) => dated.get(id)!)),
          new: ids.some((id) => plan.fresh.has(id)),
          articles: members.length,
        };
      }),
    ),
  );
}

interface GroupMember {
  card: ArticleCard;
  /** Kept only when the report embeds full texts. */
  document: ArticleDocument | null;
}

/** Documents of at most this many articles are read ahead of the group being written. */
const READ_AHEAD_ARTICLES = 64;

/**
 * The members of each group in turn (cards, and documents when `keepDocuments`), read a few groups
 * ahead so writing rarely waits, and never more than about `READ_AHEAD_ARTICLES` documents at once.
 */
function groupsWithDocuments(groups: readonly (readonly number[])[], read: (index: number) => Promise<ArticleDocument>, keepDocuments: boolean) {
  const reads = new PQueue({ concurrency: READ_CONCURRENCY });
  const started = new Map<number, Promise<GroupMember[]>>();
  let nextToStart = 0;
  let articlesAhead = 0;
  const start = (position: number) => {
    const loading = Promise.all(
      groups[position]!.map((i) =>
        reads.add(async () => {
          const document = await read(i);
          return { card: articleCard(document), document: keepDocuments ? document : null };
        }),
      ),
    );
    // A failure is reported when its group is awaited; until then it must not count as unhandled.
    loading.catch(() => {});
    started.set(position, loading);
    articlesAhead += groups[position]!.length;
  };
  return {
    async next(position: number): Promise<GroupMember[]> {
      while (nextToStart < groups.length && (nextToStart <= position || articlesAhead < READ_AHEAD_ARTICLES)) start(nextToStart++);
      const members = await started.get(position)!;
      started.delete(position);
      articlesAhead -= groups[position]!.length;
      return members;
    },
  };
}
