/**
 * Pure extractive ranking for the `summarize` stage, computed on the Indonesian source text.
 *
 *   relevance(i) = position(i) × centrality(i) × title(i) × quote(i)
 *
 * - centrality: LexRank — PageRank (damping 0.85) over the graph of paragraph sentences weighted by
 *   the cosine of their TF-IDF vectors (content words: Indonesian stopwords removed, Sastrawi stems,
 *   IDF over the article's sentences); rescaled so the average sentence scores 1.
 * - position: news-lead prior (1 + k)^-2 for the k-th paragraph sentence (0-based): the inverted
 *   pyramid puts the summary up front, and centrality can still reorder neighbours (sentence 3 beats
 *   sentence 2 when it is ~1.8× as central).
 * - title: 1 + (share of the title's content terms the sentence contains), between 1 and 2.
 * - quote: 0.5 for a sentence that opens with a quotation mark — summaries report, they rarely
 *   quote (on IndoSum dev, such sentences are ~3× less often in the oracle at the same position).
 *
 * Selection is greedy MMR (Carbonell & Goldstein 1998): each step takes the sentence maximising
 * λ·relevance/max(relevance) − (1−λ)·max cosine to the sentences already taken, λ = 0.9; a sentence
 * whose cosine with a taken one reaches 0.6 (or whose text is identical) is a near-duplicate and is
 * never taken. Only `paragraph` sentences are eligible, minus cross-reference boilerplate
 * ("Baca juga: …"). Ties break by source order, so the output is deterministic.
 *
 * The constants are round values chosen by a coarse sweep on the whole IndoSum dev file (not per
 * article); the neighbourhood is flat (exponent 1.5–2, λ 0.8–0.95 all within ~0.7 ROUGE-1).
 */
import { contentTerms, cosine, countWords, inverseDocumentFrequency, norm, tfidf, type SparseVector } from './text-features.ts';

export interface RankInput {
  title: string | null;
  /** In source order. */
  sentences: Array<{ id: string; text: string; block: number; kind: 'title' | 'heading' | 'paragraph' }>;
}

/** Summary length in sentences, or — when `words` is given — a word budget that replaces `sentences`. */
export interface RankOptions {
  sentences: number;
  words?: number;
}

export interface RankedSentence {
  id: string;
  /** Relevance in (0, 1], relative to the article's most relevant sentence. */
  score: number;
}

export interface RankResult {
  method: string;
  /** Chosen sentences in source order. */
  sentences: RankedSentence[];
}

/** Names the method and its version; change the version whenever the output can change. */
export const RANK_METHOD = 'lexrank-lead-mmr/2';

export interface RankParams {
  damping: number;
  /** Position prior is (1 + k) ** -positionExponent. */
  positionExponent: number;
  /** Title factor is 1 + titleWeight × (title-term coverage). */
  titleWeight: number;
  mmrLambda: number;
  duplicateCosine: number;
  /** Relevance multiplier for a sentence that opens with a direct quotation. */
  quoteFactor: number;
}

export const RANK_PARAMS: Readonly<RankParams> = Object.freeze({
  damping: 0.85,
  positionExponent: 2,
  titleWeight: 1,
  mmrLambda: 0.9,
  duplicateCosine: 0.6,
  quoteFactor: 0.5,
});

/** Opens with a quotation mark: direct speech, which news summaries report rather than quote. */
const OPENING_QUOTE = /^\s*["“”‘'«»„]/u;

export function opensWithQuote(text: string): boolean {
  return OPENING_QUOTE.test(text);
}

/** Cross-reference links that news sites put between paragraphs. */
const BOILERPLATE = /^[\s[(“"'«-]*(baca|lihat|simak|tonton|saksikan)\s+(juga|pula|selengkapnya)\b/iu;

export function isBoilerplate(text: string): boolean {
  return BOILERPLATE.test(text);
}

export interface ScoredSentence {
  /** Index into `input.sentences`. */
  index: number;
  id: string;
  position: number;
  centrality: number;
  title: number;
  quote: number;
  relevance: number;
}

interface Graph {
  scored: ScoredSentence[];
  vectors: SparseVector[];
  norms: number[];
}

/**
 * Sentences compared with each eligible sentence on either side: every pair of an article of up to
 * this many sentences and one, and beyond that only neighbours, so the graph grows linearly with
 * the article rather than with its square. Sentences far apart in a very long text rarely
 * restate each other, and the lead prior outweighs what such edges would add.
 */
export const SIMILARITY_WINDOW = 200;

/**
 * The positive similarities of pairs (i, j), i < j ≤ i + window, in order of i then j: the upper
 * half of the symmetric graph, stored as flat typed arrays (row starts, columns, weights).
 */
interface SimilarityGraph {
  n: number;
  rowStart: Int32Array;
  column: Int32Array;
  weight: Float64Array;
}

function similarityGraph(vectors: readonly SparseVector[], norms: readonly number[], window: number): SimilarityGraph {
  const n = vectors.length;
  const rowStart = new Int32Array(n + 1);
  let column = new Int32Array(Math.max(16, n * 4));
  let weight = new Float64Array(column.length);
  let edges = 0;
  for (let i = 0; i < n; i++) {
    rowStart[i] = edges;
    const last = Math.min(n - 1, i + window);
    for (let j = i + 1; j <= last; j++) {
      const c = cosine(vectors[i]!, vectors[j]!, norms[i], norms[j]);
      if (c <= 0) continue;
      if (edges === column.length) [column, weight] = [grown(column), grown(weight)];
      column[edges] = j;
      weight[edges++] = c;
    }
  }
  rowStart[n] = edges;
  return { n, rowStart, column: column.subarray(0, edges), weight: weight.subarray(0, edges) };
}

function grown<A extends Int32Array | Float64Array>(array: A): A {
  const bigger = new (array.constructor as new (length: number) => A)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * PageRank by power iteration; rows without edges teleport uniformly. Over the upper half of the
 * symmetric graph, visited by row, each row's sum and each rank's incoming shares add up in the
 * order of ascending row, as a pass over the full matrix adds them, so the ranks are the same.
 */
function pageRank(graph: SimilarityGraph, damping: number): number[] {
  const { n, rowStart, column, weight } = graph;
  const rowSums = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      rowSums[i]! += weight[e]!;
      rowSums[column[e]!]! += weight[e]!;
    }
  }
  const share = new Float64Array(n);
  let rank = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < 100; iter++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) if (rowSums[i] === 0) dangling += rank[i]!;
    const next = new Array<number>(n).fill((1 - damping) / n + (damping * dangling) / n);
    for (let i = 0; i < n; i++) share[i] = rowSums[i] === 0 ? 0 : (damping * rank[i]!) / rowSums[i]!;
    for (let i = 0; i < n; i++) {
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
        const j = column[e]!;
        next[j]! += share[i]! * weight[e]!;
        next[i]! += share[j]! * weight[e]!;
      }
    }
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs(next[i]! - rank[i]!);
    rank = next;
    if (delta < 1e-10) break;
  }
  return rank;
}

function titleText(input: RankInput): string {
  if (input.title !== null && input.title.trim() !== '') return input.title;
  return input.sentences
    .filter((s) => s.kind === 'title')
    .map((s) => s.text)
    .join(' ');
}

/** Graph and scores over the eligible sentences: paragraphs that are not empty or boilerplate. */
function buildGraph(input: RankInput, params: RankParams): Graph {
  const paragraph = input.sentences.map((s, index) => ({ s, index })).filter(({ s }) => s.kind === 'paragraph');
  // k: position among the article's paragraph sentences (boilerplate included: it is still source order).
  const eligible = paragraph
    .map(({ s, index }, k) => ({ s, index, k }))
    .filter(({ s }) => s.text.trim() !== '' && !isBoilerplate(s.text));
  const terms = eligible.map(({ s }) => contentTerms(s.text));
  const idf = inverseDocumentFrequency(terms);
  const vectors = terms.map((t) => tfidf(t, idf));
  const norms = vectors.map((v) => norm(v));
  const n = eligible.length;
  const rank = n > 0 ? pageRank(similarityGraph(vectors, norms, SIMILARITY_WINDOW), params.damping) : [];

  const titleTerms = new Set(contentTerms(titleText(input)));
  const scored: ScoredSentence[] = eligible.map(({ s, index, k }, e) => {
    const own = new Set(terms[e]);
    let covered = 0;
    for (const t of titleTerms) if (own.has(t)) covered++;
    const title = 1 + params.titleWeight * (titleTerms.size === 0 ? 0 : covered / titleTerms.size);
    const position = (1 + k) ** -params.positionExponent;
    const centrality = rank[e]! * n;
    const quote = opensWithQuote(s.text) ? params.quoteFactor : 1;
    const relevance = position * centrality * title * quote;
    return { index, id: s.id, position, centrality, title, quote, relevance };
  });
  return { scored, vectors, norms };
}

/** Every eligible sentence (source order) with its score components, for inspection. */
export function scoreSentences(input: RankInput, params: RankParams = RANK_PARAMS): ScoredSentence[] {
  return buildGraph(input, params).scored;
}

function checkOptions(options: RankOptions): void {
  if (!Number.isInteger(options.sentences) || options.sentences < 0) {
    throw new RangeError(`summary length must be a whole number of sentences ≥ 0, got ${options.sentences}`);
  }
  if (options.words !== undefined && (!Number.isInteger(options.words) || options.words < 0)) {
    throw new RangeError(`word budget must be a whole number ≥ 0, got ${options.words}`);
  }
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Choose the summary sentences; returned in source order. */
export function selectSummary(input: RankInput, options: RankOptions, params: RankParams = RANK_PARAMS): RankResult {
  checkOptions(options);
  const { scored, vectors, norms } = buildGraph(input, params);
  const budget = options.words;
  const maxSentences = budget === undefined ? options.sentences : Infinity;

  const candidates = scored.map((s, k) => {
    const text = input.sentences[s.index]!.text;
    return { ...s, k, text: text.trim().toLowerCase(), words: countWords(text) };
  });
  const maxRelevance = candidates.reduce((m, s) => Math.max(m, s.relevance), 0);
  const relative = (r: number): number => (maxRelevance > 0 ? r / maxRelevance : 0);

  // Each candidate's redundancy is its highest similarity to a chosen sentence: only the last one chosen can raise it.
  const redundancy = new Float64Array(candidates.length);
  const chosen: typeof candidates = [];
  let remaining = candidates;
  let usedWords = 0;
  while (chosen.length < maxSentences) {
    const latest = chosen[chosen.length - 1];
    let best: (typeof candidates)[number] | undefined;
    let bestValue = -Infinity;
    const next: typeof candidates = [];
    for (const c of remaining) {
      if (budget !== undefined && usedWords + c.words > budget) continue; // never fits again
      if (latest) redundancy[c.k] = Math.max(redundancy[c.k]!, c.text === latest.text ? 1 : cosine(vectors[c.k]!, vectors[latest.k]!, norms[c.k], norms[latest.k]));
      if (redundancy[c.k]! >= params.duplicateCosine) continue; // near-duplicate of a chosen sentence
      next.push(c);
      const value = params.mmrLambda * relative(c.relevance) - (1 - params.mmrLambda) * redundancy[c.k]!;
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    if (best === undefined) break;
    chosen.push(best);
    usedWords += best.words;
    remaining = next.filter((c) => c !== best);
  }

  chosen.sort((a, b) => a.index - b.index);
  return {
    method: RANK_METHOD,
    sentences: chosen.map((c) => ({ id: c.id, score: round6(relative(c.relevance)) })),
  };
}
