/**
 * What the run-level outputs keep of each article while they group the articles: its id, date, two
 * short term vectors and its names, instead of the full `articles/<id>.json`. Documents are read
 * twice, one at a time, and dropped at once (what the digest and report show of an article, its
 * card, is made again from its document when its group is written: see outputs.ts):
 *
 * 1. `observe`: the overview (outlets, days, models) and corpus statistics: the words each language
 *    writes in lower case (names.ts needs them to tell a name from a capitalised sentence-initial
 *    word), the number of articles each content term occurs in, and the number of sentences (the
 *    group summaries' IDF).
 * 2. `extract`: with those statistics complete, the words of the article's names and its
 *    content-term TF-IDF vector cut to its `TERMS_PER_ARTICLE` heaviest terms.
 *
 * `finish` then weighs the name words (IDF over the articles, cut the same way) and returns the
 * articles in digest order (publication time, undated last, then id). The names a group lists come
 * from the articles' typed entities when the group is written (entities.ts), not from here.
 * Everything held between passes is vocabulary-sized (word sets, term counts) or per-article compact.
 */
import type { ArticleEntity, ArticleMetadata } from '../types.ts';
import { contentTerms, termCounts } from '../stages/summarize/text-features.ts';
import type { ArticleDocument, DocumentSentence } from '../stages/render/document.ts';
import { articleIdf } from './group.ts';
import { addLowercaseWords, nameMentions } from './names.ts';
import { paragraphNumbers } from '../io/display.ts';

/** Content terms (and name words) kept per article: its heaviest by TF-IDF. */
export const TERMS_PER_ARTICLE = 40;

/** A summary sentence as the digest and the report need it. */
export interface CardSummarySentence {
  /** `<article>#p<n>s<m>`. */
  id: string;
  source: string;
  translation: string;
  /** Its paragraph as a reader counts it (1 for the first after the title); null for the title. */
  paragraph: number | null;
  /** The sentence's translation quality flags and score, as in the document's sentence list. */
  quality: Pick<DocumentSentence, 'flags' | 'score'> | null;
}

/** What the digest and the report show of an article without its full text. */
export interface ArticleCard {
  id: string;
  /** The input file, relative to the input folder. */
  path: string;
  metadata: ArticleMetadata;
  model: string;
  title: string;
  titleTranslation: string | null;
  summary: CardSummarySentence[];
  sentences: number;
  /** Sentences with a translation quality flag. */
  flagged: number;
  removed: number;
  /** Its people, organisations and places (the entities stage), most mentioned first. */
  entities: ArticleEntity[];
}

/**
 * A sparse TF-IDF vector: term ids ascending in `ids[start…end)`, their weights at the same
 * positions of `weights`, and its norm. The arrays are shared by many vectors (see `VectorPool`).
 */
export interface TermVector {
  ids: Int32Array;
  weights: Float64Array;
  start: number;
  end: number;
  norm: number;
}

export interface ArticleFeatures {
  id: string;
  /** `metadata.published` in milliseconds since the epoch; null when missing or unparseable. */
  time: number | null;
  terms: TermVector;
  nameWords: TermVector;
}

/**
 * Strings, each followed by its count: `[text, count, text, count, …]`. One flat array per article
 * instead of a [text, count] array per string, which is two more objects per string.
 */
export type FlatCounts = ReadonlyArray<string | number>;

/** The [text, count] pairs of a flat list. */
export function* pairsOf(flat: FlatCounts): Generator<[text: string, count: number]> {
  for (let k = 0; k + 1 < flat.length; k += 2) yield [flat[k] as string, flat[k + 1] as number];
}

/** What the report's header and footer say of the whole run: a few values, not one per article. */
export interface CorpusOverview {
  articles: number;
  /** Sorted. */
  outlets: string[];
  /** Publication days (`YYYY-MM-DD`), sorted. */
  days: string[];
  unknownOutlet: boolean;
  unknownDay: boolean;
  /** Translation models, in the order of the first article (by id) that used each. */
  models: string[];
}

export interface DigestCorpus {
  /** By publication time (undated last), then id. */
  articles: ArticleFeatures[];
  overview: CorpusOverview;
  /** IDF over all sentences of the run: the group summaries' weights. */
  sentenceIdf: Map<string, number>;
}

/** Milliseconds since the epoch of `metadata.published`, or null when missing or unparseable. */
export function publishedTime(article: { metadata: Pick<ArticleMetadata, 'published'> }): number | null {
  const time = article.metadata.published ? Date.parse(article.metadata.published) : NaN;
  return Number.isFinite(time) ? time : null;
}

/** The publication day (`YYYY-MM-DD`, in the publisher's time zone) of a parseable date. */
export function dayOf(published: string | null | undefined): string | null {
  return published && Number.isFinite(Date.parse(published)) ? published.slice(0, 10) : null;
}

/** The overview of articles' metadata and models, in any order. */
export class OverviewBuilder {
  private articles = 0;
  private readonly outlets = new Set<string>();
  private readonly days = new Set<string>();
  private unknownOutlet = false;
  private unknownDay = false;
  /** Per model, the lowest id of an article that used it. */
  private readonly models = new Map<string, string>();

  add(article: { id: string; outlet: string | null | undefined; published: string | null | undefined; model: string }): void {
    this.articles++;
    if (article.outlet) this.outlets.add(article.outlet);
    else this.unknownOutlet = true;
    const day = dayOf(article.published);
    if (day) this.days.add(day);
    else this.unknownDay = true;
    const first = this.models.get(article.model);
    if (first === undefined || article.id.localeCompare(first) < 0) this.models.set(article.model, article.id);
  }

  overview(): CorpusOverview {
    return {
      articles: this.articles,
      outlets: [...this.outlets].sort((a, b) => a.localeCompare(b)),
      days: [...this.days].sort(),
      unknownOutlet: this.unknownOutlet,
      unknownDay: this.unknownDay,
      models: [...this.models].sort((a, b) => a[1].localeCompare(b[1])).map(([model]) => model),
    };
  }
}

/** The article's title; without one, its lead sentence; without that, its id. */
export function articleTitle(article: Pick<ArticleDocument, 'id' | 'metadata' | 'sentences'>): string {
  return article.metadata.title ?? article.sentences.find((s) => s.kind === 'paragraph')?.source ?? article.id;
}

export function titleTranslation(article: Pick<ArticleDocument, 'metadata' | 'sentences'>): string | null {
  const sentence = article.metadata.title ? article.sentences.find((s) => s.kind === 'title') : article.sentences.find((s) => s.kind === 'paragraph');
  return sentence?.translation ?? null;
}

/** A copy that does not keep the (longer) string it was sliced from alive. */
const detached = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/** Flag lists are few and repeat: one shared array per distinct list. */
const FLAG_LISTS = new Map<string, readonly string[]>();
function flagList(flags: readonly string[]): string[] {
  const key = flags.join('\u0000');
  let shared = FLAG_LISTS.get(key);
  if (shared === undefined) {
    shared = Object.freeze(flags.map(detached));
    if (FLAG_LISTS.size < 10_000) FLAG_LISTS.set(key, shared);
  }
  return shared as string[];
}

function quality(sentence: DocumentSentence | undefined): CardSummarySentence['quality'] {
  if (!sentence || (sentence.flags === undefined && sentence.score === undefined)) return null;
  return { ...(sentence.flags !== undefined ? { flags: flagList(sentence.flags) } : {}), ...(sentence.score !== undefined ? { score: sentence.score } : {}) };
}

export function articleCard(doc: ArticleDocument): ArticleCard {
  const byId = new Map(doc.sentences.map((s) => [s.id, s]));
  const paragraphs = paragraphNumbers(doc.sentences);
  return {
    id: doc.id,
    path: doc.source.path,
    metadata: doc.metadata,
    model: doc.model.id,
    title: articleTitle(doc),
    titleTranslation: titleTranslation(doc),
    summary: doc.summary.sentences.map((s) => ({ id: s.id, source: s.source, translation: s.translation, paragraph: paragraphs.get(s.id) ?? null, quality: quality(byId.get(s.id)) })),
    sentences: doc.sentences.length,
    flagged: doc.sentences.filter((s) => (s.flags?.length ?? 0) > 0).length,
    removed: doc.removed.length,
    entities: doc.entities ?? [],
  };
}

/**
 * Term vectors in shared chunks: a typed array (or a view) of its own per vector costs more than
 * its data (measured at 10,000 articles: 18.7 MB for 9.6 MB of data with arrays of their own, and
 * views on shared chunks still took 3.7 MB of view objects).
 */
class VectorPool {
  private static readonly CHUNK = 1 << 16;
  private ids = new Int32Array(0);
  private weights = new Float64Array(0);
  private used = 0;

  add(entries: ReadonlyArray<readonly [id: number, weight: number]>): TermVector {
    const n = entries.length;
    if (this.used + n > this.ids.length) {
      const size = Math.max(VectorPool.CHUNK, n);
      [this.ids, this.weights, this.used] = [new Int32Array(size), new Float64Array(size), 0];
    }
    const start = this.used;
    this.used += n;
    let sum = 0;
    entries.forEach(([id, weight], k) => {
      this.ids[start + k] = id;
      this.weights[start + k] = weight;
      sum += weight * weight;
    });
    return { ids: this.ids, weights: this.weights, start, end: start + n, norm: Math.sqrt(sum) };
  }
}

/** The `limit` heaviest terms (ties: the first in code-unit order), as a vector with ids ascending. */
function topVector(weights: ReadonlyMap<string, number>, idOf: ReadonlyMap<string, number>, limit: number, pool: VectorPool): TermVector {
  const kept = [...weights].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, limit);
  return pool.add(kept.map(([term, weight]) => [idOf.get(term)!, weight] as const).sort((a, b) => a[0] - b[0]));
}

/** Ids in code-unit order of the terms, so vectors (and sums over them) never depend on reading order. */
function idsOf(terms: Iterable<string>): Map<string, number> {
  return new Map([...terms].sort().map((term, i) => [term, i]));
}

interface Pending {
  id: string;
  time: number | null;
  terms?: TermVector;
  /** The words of its names and how often each occurs. */
  nameWordCounts?: FlatCounts;
}

/** Two passes over the documents (any order, each document once per pass), then `finish`. */
export class CorpusScan {
  private readonly pending = new Map<string, Pending>();
  private readonly indonesian = new Set<string>();
  private readonly english = new Set<string>();
  private termDf: Map<string, number> | null = new Map();
  private sentenceDf: Map<string, number> | null = new Map();
  private sentenceCount = 0;
  private extracting: { termIds: Map<string, number>; termIdf: Float64Array; rank: Map<string, number> } | null = null;
  private readonly nameWordDf = new Map<string, number>();
  private readonly overview = new OverviewBuilder();
  private readonly vectors = new VectorPool();

  /** Pass 1. */
  observe(doc: ArticleDocument): void {
    if (this.extracting) throw new Error('CorpusScan.observe after extract');
    this.pending.set(doc.id, { id: doc.id, time: publishedTime(doc) });
    this.overview.add({ id: doc.id, outlet: doc.metadata.outlet, published: doc.metadata.published, model: doc.model.id });
    const articleTerms = new Set<string>();
    for (const sentence of doc.sentences) {
      addLowercaseWords(this.indonesian, sentence.source);
      addLowercaseWords(this.english, sentence.translation);
      const terms = new Set(contentTerms(sentence.source));
      for (const t of terms) {
        this.sentenceDf!.set(t, (this.sentenceDf!.get(t) ?? 0) + 1);
        articleTerms.add(t);
      }
      this.sentenceCount++;
    }
    for (const t of articleTerms) this.termDf!.set(t, (this.termDf!.get(t) ?? 0) + 1);
  }

  private startExtract(): NonNullable<CorpusScan['extracting']> {
    if (this.extracting) return this.extracting;
    const n = this.pending.size;
    const termIds = idsOf(this.termDf!.keys());
    const termIdf = new Float64Array(termIds.size);
    for (const [term, df] of this.termDf!) termIdf[termIds.get(term)!] = articleIdf(n, df);
    this.termDf = null;
    const rank = new Map([...this.pending.values()].sort((a, b) => compareArticles(a, b)).map((p, i) => [p.id, i]));
    this.extracting = { termIds, termIdf, rank };
    return this.extracting;
  }

  /** Pass 2: after every document went through `observe`. */
  extract(doc: ArticleDocument): void {
    const { termIds, termIdf } = this.startExtract();
    const entry = this.pending.get(doc.id);
    if (!entry || entry.terms) throw new Error(`CorpusScan.extract: ${doc.id} was not observed, or was extracted twice`);

    const weights = new Map<string, number>();
    for (const [term, tf] of termCounts(doc.sentences.flatMap((s) => contentTerms(s.source)))) weights.set(term, tf * termIdf[termIds.get(term)!]!);
    entry.terms = topVector(weights, termIds, TERMS_PER_ARTICLE, this.vectors);

    const nameWords = new Map<string, number>();
    for (const mention of nameMentions(doc.sentences, { indonesian: this.indonesian, english: this.english })) {
      for (const word of mention.name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) nameWords.set(word, (nameWords.get(word) ?? 0) + 1);
    }
    for (const word of nameWords.keys()) this.nameWordDf.set(word, (this.nameWordDf.get(word) ?? 0) + 1);
    entry.nameWordCounts = [...nameWords].flat();
  }

  finish(): DigestCorpus {
    const { rank } = this.startExtract();
    const n = this.pending.size;
    const nameIds = idsOf(this.nameWordDf.keys());
    const articles = new Array<ArticleFeatures>(n);
    for (const entry of this.pending.values()) {
      if (!entry.terms) throw new Error(`CorpusScan.finish: ${entry.id} was not extracted`);
      const weights = new Map<string, number>();
      for (const [word, tf] of pairsOf(entry.nameWordCounts!)) weights.set(word, tf * articleIdf(n, this.nameWordDf.get(word)!));
      articles[rank.get(entry.id)!] = { id: entry.id, time: entry.time, terms: entry.terms, nameWords: topVector(weights, nameIds, TERMS_PER_ARTICLE, this.vectors) };
    }
    const sentenceIdf = new Map<string, number>();
    for (const [term, df] of this.sentenceDf!) sentenceIdf.set(term, Math.log(1 + this.sentenceCount / df));
    // Nothing else is needed: let the word sets and counts go while the outputs are written.
    this.sentenceDf = null;
    for (const done of [this.pending, this.nameWordDf]) done.clear();
    this.indonesian.clear();
    this.english.clear();
    return { articles, overview: this.overview.overview(), sentenceIdf };
  }
}

/** By publication time (undated last), then id. */
export function compareArticles(a: { time: number | null; id: string }, b: { time: number | null; id: string }): number {
  if (a.time !== b.time) {
    if (a.time === null) return 1;
    if (b.time === null) return -1;
    return a.time - b.time;
  }
  return a.id.localeCompare(b.id);
}

/** Both passes over documents held in memory. */
export function scanDocuments(documents: readonly ArticleDocument[]): DigestCorpus {
  const scan = new CorpusScan();
  for (const doc of documents) scan.observe(doc);
  for (const doc of documents) scan.extract(doc);
  return scan.finish();
}
