/**
 * Which articles report the same event, and a summary of each event across its articles.
 *
 * Similarity of two articles, in [0, 1]:
 *
 *   sim = ½ · cos(content words) + ½ · cos(name words)      (just cos(content words) if neither has a name)
 *
 * - content words: every sentence (title included), Indonesian stopwords removed, Sastrawi stems
 *   (the summarizer's own `contentTerms`); TF-IDF with IDF over the run's articles and
 *   `backgroundArticles` more that have none of the run's words, each article
 *   cut to its `TERMS_PER_ARTICLE` heaviest terms (features.ts).
 * - name words: the lower-cased words of the capitalised multi-word names (see names.ts); TF-IDF the
 *   same way. Words say what happened, names say to whom and where: two floods on one day in two
 *   cities share most of their words but not their names. Neither is trusted more than the other.
 * - dates: two articles published more than `maxDays` apart never report the same event (sim = 0):
 *   news of one event comes out within a few days; a later piece is a follow-up, a separate story.
 *   A missing date never blocks.
 *
 * Only pairs that can be similar are compared (blocking): pairs within the date window that share an
 * informative content term or name word (one of the kept terms of at most `BLOCKING.maxArticles`
 * articles). Every other pair counts as 0. The result is a sparse graph of E pairs, and everything
 * after it costs about E, not n².
 *
 * Grouping is average-link agglomerative clustering: repeatedly merge the two groups with the
 * highest mean pairwise similarity while it is at least `threshold`. Average link, unlike single
 * link, does not chain A–B–C into one group when A and C have nothing in common (or are weeks apart).
 * It runs over the sparse graph (`sparseAverageLinkGroups`: per-group maps of mean similarities and a
 * max-heap of candidate merges) with exactly the result of the dense algorithm (`averageLinkGroups`)
 * on the matrix with zeros for the missing pairs.
 *
 * Group summary: the candidates are the member articles' summary sentences. Each scores its mean
 * cosine to the other articles' candidates (a fact several outlets chose scores high); they are taken
 * greedily by score, skipping a candidate that restates a fact already told: its cosine to a sentence
 * already taken reaches `redundantCosine`, it states the same figure, or most of its words (leaving
 * out the words every sentence of the event has) are those of a sentence already taken, or of all
 * of them together (`coveredShare`): the same actors, action and place, in other words. Outlets reword a fact but
 * keep its figure: a quantity of 10 or more (not a year, date or time) identifies a fact by its value
 * (`5 juta` = `5.000.000`, `18.000`); a smaller one only with the noun it counts (`tujuh warga` is
 * one fact, `dua ekskavator` and `dua korban` are two). At most `summarySentences` sentences. Cosines
 * here use TF-IDF with IDF over all sentences of the run, so event words outweigh everyday news words.
 */
import { contentTerms, cosine, norm, stem, tfidf } from '../stages/summarize/text-features.ts';
import type { TermVector } from './features.ts';

export { publishedTime } from './features.ts';

export interface GroupingParams {
  threshold: number;
  backgroundArticles: number;
  nameWeight: number;
  maxDays: number;
  redundantCosine: number;
  coveredShare: number;
  summarySentences: number;
}

export const GROUPING: Readonly<GroupingParams> = Object.freeze({
  /** Mean similarity two groups need to merge. */
  threshold: 0.3,
  /**
   * Articles on other stories the IDF of content and name words assumes besides the run's own:
   * `log(1 + (n + backgroundArticles) / df)`. A run of a handful of articles cannot tell an event's
   * words from everyday ones: with n = 5, a word three articles of one event share weighs half of a
   * word one article has alone, against about four fifths in a run of a thousand. With the
   * background it weighs about three quarters in the run of five, and a large run's weights
   * hardly change.
   */
  backgroundArticles: 50,
  /** Weight of the name-word cosine; the content-word cosine gets the rest. */
  nameWeight: 0.5,
  /** Articles published further apart than this many days are never grouped. */
  maxDays: 3,
  /** A summary candidate this close (cosine) to a sentence already taken repeats its fact. */
  redundantCosine: 0.5,
  /**
   * A summary candidate whose fact terms are at least this share of one taken sentence's (or of the
   * shorter of the two), or of all taken sentences' together, repeats what they say.
   */
  coveredShare: 0.5,
  /** Longest group summary, in sentences: a paragraph's worth. */
  summarySentences: 5,
});

export const GROUPING_METHOD = 'tfidf-names-avglink/3';

/** IDF of a content or name word in `df` of the run's `n` articles, over a background of `GROUPING.backgroundArticles` more. */
export function articleIdf(n: number, df: number): number {
  return Math.log(1 + (n + GROUPING.backgroundArticles) / df);
}

export interface BlockingParams {
  /** A content term or name word in more articles than this says little about which event an article reports: it finds no candidate pairs. */
  maxArticles: number;
}

/**
 * A number, not a share of the corpus: with a share (say 5%), one term could make (0.05·n)²/2 pairs
 * and the candidate pairs would grow as n² (measured: 2.6 million pairs for 10,000 synthetic
 * articles, against 0.41 million with 50). A fixed number keeps them under
 * n · (terms kept per article) · maxArticles / 2, linear in n.
 */
export const BLOCKING: Readonly<BlockingParams> = Object.freeze({ maxArticles: 50 });

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the similarity of an article needs. */
export interface SimilarityInput {
  time: number | null;
  terms: TermVector;
  nameWords: TermVector;
}

/** Cosine of two vectors with ids ascending, in [0, 1]; 0 when either is empty. */
export function vectorCosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  for (let i = a.start, j = b.start; i < a.end && j < b.end; ) {
    const [x, y] = [a.ids[i]!, b.ids[j]!];
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return Math.min(1, dot / (a.norm * b.norm));
}

/** The similarity of two articles, by the formula in the module comment (without blocking). */
export function articleSimilarity(a: SimilarityInput, b: SimilarityInput): number {
  if (a.time !== null && b.time !== null && Math.abs(a.time - b.time) > GROUPING.maxDays * DAY_MS) return 0;
  const wordSim = vectorCosine(a.terms, b.terms);
  const hasNames = a.nameWords.norm > 0 || b.nameWords.norm > 0;
  if (!hasNames) return wordSim;
  return (1 - GROUPING.nameWeight) * wordSim + GROUPING.nameWeight * vectorCosine(a.nameWords, b.nameWords);
}

/** Pairs i < j with a similarity above 0, sorted by i then j. */
export interface SimilarityGraph {
  size: number;
  from: Int32Array;
  to: Int32Array;
  sim: Float64Array;
  /** Pairs whose similarity was computed. */
  compared: number;
  /** Content terms and name words too frequent to block on. */
  skippedTerms: number;
}

class GrowingArray<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.max(16, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  /** The values pushed: a view, as a copy would need both at once. */
  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
const ints = () => new GrowingArray(new Int32Array(0), (n) => new Int32Array(n));
const floats = () => new GrowingArray(new Float64Array(0), (n) => new Float64Array(n));

/** Per term id, the articles (ascending) whose vector has it; terms in too many articles get none. */
function postings(vectors: readonly TermVector[], limit: number): { start: Int32Array; items: Int32Array; skipped: number } {
  let terms = 0;
  for (const v of vectors) for (let k = v.start; k < v.end; k++) terms = Math.max(terms, v.ids[k]! + 1);
  const count = new Int32Array(terms);
  for (const v of vectors) for (let k = v.start; k < v.end; k++) count[v.ids[k]!]!++;
  const start = new Int32Array(terms + 1);
  let skipped = 0;
  for (let t = 0; t < terms; t++) {
    if (count[t]! > limit) {
      skipped++;
      count[t] = 0;
    }
    start[t + 1] = start[t]! + count[t]!;
  }
  const items = new Int32Array(start[terms]!);
  const fill = start.slice(0, terms);
  vectors.forEach((v, article) => {
    for (let k = v.start; k < v.end; k++) {
      const id = v.ids[k]!;
      if (count[id]! > 0) items[fill[id]!++] = article;
    }
  });
  return { start, items, skipped };
}

/** First position in items[from, to) holding a value ≥ value (items ascending). */
function lowerBound(items: Int32Array, from: number, to: number, value: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (items[mid]! < value) from = mid + 1;
    else to = mid;
  }
  return from;
}

/**
 * The similarity graph by blocking (module comment). `articles` must be in digest order: by
 * publication time, undated last. Finds every pair above 0 that shares an informative term; the
 * cost is the number of such candidate pairs, not n².
 */
export function similarityGraph(articles: readonly SimilarityInput[], blocking: BlockingParams = BLOCKING): SimilarityGraph {
  const n = articles.length;
  const limit = blocking.maxArticles;
  const lists = [postings(articles.map((a) => a.terms), limit), postings(articles.map((a) => a.nameWords), limit)];
  let firstUndated = n;
  articles.forEach((a, i) => {
    if (a.time === null) firstUndated = Math.min(firstUndated, i);
    else if (i > firstUndated || (i > 0 && articles[i - 1]!.time! > a.time)) throw new Error('similarityGraph: articles must be sorted by time, undated last');
  });
  // For a dated article, the last dated one within the window.
  const windowEnd = new Int32Array(firstUndated);
  for (let i = 0, j = 0; i < firstUndated; i++) {
    j = Math.max(j, i);
    while (j + 1 < firstUndated && articles[j + 1]!.time! - articles[i]!.time! <= GROUPING.maxDays * DAY_MS) j++;
    windowEnd[i] = j;
  }

  const [from, to, sim] = [ints(), ints(), floats()];
  const seen = new Int32Array(n).fill(-1);
  const candidates = new Int32Array(n);
  let compared = 0;
  for (let i = 0; i < n; i++) {
    let count = 0;
    const add = (j: number) => {
      if (seen[j] !== i) {
        seen[j] = i;
        candidates[count++] = j;
      }
    };
    [articles[i]!.terms, articles[i]!.nameWords].forEach((vector, space) => {
      const { start, items } = lists[space]!;
      for (let k = vector.start; k < vector.end; k++) {
        const id = vector.ids[k]!;
        const end = start[id + 1]!;
        let p = lowerBound(items, start[id]!, end, i + 1);
        if (i < firstUndated) {
          for (; p < end && items[p]! <= windowEnd[i]!; p++) add(items[p]!);
          p = lowerBound(items, p, end, firstUndated);
        }
        for (; p < end; p++) add(items[p]!);
      }
    });
    const found = candidates.subarray(0, count).sort();
    compared += count;
    for (const j of found) {
      const s = articleSimilarity(articles[i]!, articles[j]!);
      if (s > 0) {
        from.push(i);
        to.push(j);
        sim.push(s);
      }
    }
  }
  return { size: n, from: from.done(), to: to.done(), sim: sim.done(), compared, skippedTerms: lists[0]!.skipped + lists[1]!.skipped };
}

/**
 * Average-link agglomerative clustering of items 0…n−1 over a dense `similarity` matrix; stops when
 * no two groups have a mean pairwise similarity of at least `threshold`. Groups come out as sorted
 * index lists, ordered by their first index; ties between candidate merges go to the lowest indices.
 * O(n³): the reference for `sparseAverageLinkGroups`, which gives the same groups.
 */
export function averageLinkGroups(similarity: readonly (readonly number[])[], threshold: number = GROUPING.threshold): number[][] {
  const groups: Array<number[] | null> = similarity.map((_, i) => [i]);
  // Mean similarity between groups, kept up to date with the Lance–Williams update for average link.
  const link = similarity.map((row) => [...row]);
  for (;;) {
    let best: [number, number] | null = null;
    let bestSim = threshold;
    for (let a = 0; a < groups.length; a++) {
      if (!groups[a]) continue;
      for (let b = a + 1; b < groups.length; b++) {
        if (!groups[b]) continue;
        if (link[a]![b]! >= bestSim && (best === null || link[a]![b]! > bestSim)) [best, bestSim] = [[a, b], link[a]![b]!];
      }
    }
    if (!best) break;
    const [a, b] = best;
    const [sizeA, sizeB] = [groups[a]!.length, groups[b]!.length];
    for (let c = 0; c < groups.length; c++) {
      if (!groups[c] || c === a || c === b) continue;
      link[a]![c] = link[c]![a] = (sizeA * link[a]![c]! + sizeB * link[b]![c]!) / (sizeA + sizeB);
    }
    groups[a] = [...groups[a]!, ...groups[b]!].sort((x, y) => x - y);
    groups[b] = null;
  }
  return groups.filter((g): g is number[] => g !== null);
}

/** Candidate merges, best first: highest mean similarity, then lowest first group, then lowest second. */
class MergeHeap {
  private sim = new Float64Array(1024);
  private a = new Int32Array(1024);
  private b = new Int32Array(1024);
  /** Versions of a and b when pushed: an entry is stale once either group changed. */
  private va = new Int32Array(1024);
  private vb = new Int32Array(1024);
  size = 0;
  /** The entry `pop` took off. */
  top = { a: 0, b: 0, va: 0, vb: 0 };

  private before(i: number, j: number): boolean {
    const [si, sj] = [this.sim[i]!, this.sim[j]!];
    return si > sj || (si === sj && (this.a[i]! < this.a[j]! || (this.a[i] === this.a[j] && this.b[i]! < this.b[j]!)));
  }
  private move(from: number, to: number): void {
    this.sim[to] = this.sim[from]!;
    this.a[to] = this.a[from]!;
    this.b[to] = this.b[from]!;
    this.va[to] = this.va[from]!;
    this.vb[to] = this.vb[from]!;
  }
  private swap(i: number, j: number): void {
    // The spare slot at `size` (there is always one) holds i while j moves.
    const spare = this.size;
    this.move(i, spare);
    this.move(j, i);
    this.move(spare, j);
  }
  push(sim: number, a: number, b: number, va: number, vb: number): void {
    if (this.size + 1 >= this.sim.length) {
      const capacity = this.sim.length * 2;
      const sims = new Float64Array(capacity);
      sims.set(this.sim);
      this.sim = sims;
      const grow = (old: Int32Array) => {
        const bigger = new Int32Array(capacity);
        bigger.set(old);
        return bigger;
      };
      this.a = grow(this.a);
      this.b = grow(this.b);
      this.va = grow(this.va);
      this.vb = grow(this.vb);
    }
    let i = this.size++;
    this.sim[i] = sim;
    this.a[i] = a;
    this.b[i] = b;
    this.va[i] = va;
    this.vb[i] = vb;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  /** Takes the best entry off the heap, into `top`. */
  pop(): void {
    this.top.a = this.a[0]!;
    this.top.b = this.b[0]!;
    this.top.va = this.va[0]!;
    this.top.vb = this.vb[0]!;
    this.size--;
    if (this.size === 0) return;
    this.move(this.size, 0);
    for (let i = 0; ; ) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let best = i;
      if (l < this.size && this.before(l, best)) best = l;
      if (r < this.size && this.before(r, best)) best = r;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
  }
}

/**
 * `averageLinkGroups` over a sparse graph (missing pairs have similarity 0): the same merges in the
 * same order, so the same groups. Each group keeps a list of its mean similarity to the groups it
 * has a non-zero link with (Lance–Williams: the merged group's link to c is the size-weighted mean
 * of the two links, a missing one counting 0); candidate merges sit in a max-heap, and an entry whose
 * groups changed since it was pushed is skipped when it comes up (lazy deletion). Two groups can only
 * merge if some pair between them reaches the threshold, so the graph falls apart into the connected
 * parts of such pairs, clustered one at a time: only one part's links are in memory at once. About
 * O(E log E) for E edges, plus a scan of a neighbour's (short) list for each link a merge moves.
 */
export function sparseAverageLinkGroups(graph: Pick<SimilarityGraph, 'size' | 'from' | 'to' | 'sim'>, threshold: number = GROUPING.threshold): number[][] {
  const n = graph.size;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  // A margin below the threshold, so that rounding in a mean can never make a link across parts reach it.
  const joins = threshold - 1e-9;
  for (let e = 0; e < graph.sim.length; e++) if (graph.sim[e]! >= joins) parent[root(graph.from[e]!)] = root(graph.to[e]!);

  // The edges inside each part, part by part, each part's in graph order.
  const partStart = new Int32Array(n + 1);
  for (let e = 0; e < graph.sim.length; e++) {
    const part = root(graph.from[e]!);
    if (part === root(graph.to[e]!)) partStart[part + 1]!++;
  }
  for (let i = 0; i < n; i++) partStart[i + 1]! += partStart[i]!;
  const partEdges = new Int32Array(partStart[n]!);
  const fill = partStart.slice(0, n);
  for (let e = 0; e < graph.sim.length; e++) {
    const part = root(graph.from[e]!);
    if (part === root(graph.to[e]!)) partEdges[fill[part]!++] = e;
  }

  const clustering = new PartClustering(n, threshold);
  const groups: number[][] = [];
  const grouped = new Uint8Array(n);
  for (let part = 0; part < n; part++) {
    if (partStart[part + 1] === partStart[part]) continue;
    for (const members of clustering.groups(graph, partEdges.subarray(partStart[part]!, partStart[part + 1]!))) {
      for (const i of members) grouped[i] = 1;
      groups.push(members);
    }
  }
  for (let i = 0; i < n; i++) if (!grouped[i]) groups.push([i]);
  return groups.sort((a, b) => a[0]! - b[0]!);
}

/** Average-link clustering of one connected part; its state is reused from part to part. */
class PartClustering {
  /**
   * links[a]: `[c, slot, c, slot, …]`, the groups a has a non-zero link with and where the pair's
   * mean similarity is kept in `link` (one slot per pair, in both lists). Flat number lists, not a
   * Map per group: at 10,000 articles the maps took ~10 MB.
   */
  private readonly links: Array<number[] | undefined>;
  private readonly members: Array<number[] | null>;
  private readonly version: Int32Array;
  /** While two groups merge: per group, its slot in the second group's list plus 1 (0: none); whether the first has a link to it. */
  private readonly slotInB: Int32Array;
  private readonly linkedToA: Uint8Array;
  private readonly heap = new MergeHeap();

  constructor(
    size: number,
    private readonly threshold: number,
  ) {
    this.links = new Array(size);
    this.members = new Array(size).fill(null);
    this.version = new Int32Array(size);
    this.slotInB = new Int32Array(size);
    this.linkedToA = new Uint8Array(size);
  }

  /** The groups of the part whose edges (indices into the graph, in graph order) are given. */
  groups(graph: Pick<SimilarityGraph, 'from' | 'to' | 'sim'>, edges: Int32Array): number[][] {
    const { links, members, version, heap, threshold, slotInB, linkedToA } = this;
    const link = new Float64Array(edges.length);
    const items: number[] = [];
    edges.forEach((e, slot) => {
      const [a, b, s] = [graph.from[e]!, graph.to[e]!, graph.sim[e]!];
      link[slot] = s;
      for (const [x, y] of [[a, b], [b, a]] as const) {
        let linksX = links[x];
        if (!linksX) {
          linksX = links[x] = [];
          members[x] = [x];
          items.push(x);
        }
        linksX.push(y, slot);
      }
      if (s >= threshold) heap.push(s, Math.min(a, b), Math.max(a, b), 0, 0);
    });

    while (heap.size > 0) {
      heap.pop();
      const { a, b, va, vb } = heap.top;
      if (!members[a] || !members[b] || version[a] !== va || version[b] !== vb) continue;
      const [sizeA, sizeB] = [members[a]!.length, members[b]!.length];
      const size = sizeA + sizeB;
      // a's links become the merged group's: updated in place, then b's links to groups a had none with.
      const linkA = links[a]!;
      const linkB = links[b]!;
      removeLink(linkA, b);
      for (let k = 0; k < linkB.length; k += 2) slotInB[linkB[k]!] = linkB[k + 1]! + 1;
      for (let k = 0; k < linkA.length; k += 2) {
        const [c, slot] = [linkA[k]!, linkA[k + 1]!];
        const other = slotInB[c]!;
        link[slot] = (sizeA * link[slot]! + sizeB * (other === 0 ? 0 : link[other - 1]!)) / size;
        linkedToA[c] = 1;
      }
      for (let k = 0; k < linkB.length; k += 2) {
        const [c, slot] = [linkB[k]!, linkB[k + 1]!];
        slotInB[c] = 0;
        if (c === a) continue;
        const linksC = links[c]!;
        if (linkedToA[c]) {
          removeLink(linksC, b);
          continue;
        }
        link[slot] = (sizeA * 0 + sizeB * link[slot]!) / size;
        linksC[linkPosition(linksC, b)] = a;
        linkA.push(c, slot);
      }
      for (let k = 0; k < linkA.length; k += 2) linkedToA[linkA[k]!] = 0;
      links[b] = undefined;
      members[a] = mergeSorted(members[a]!, members[b]!);
      members[b] = null;
      version[a]++;
      for (let k = 0; k < linkA.length; k += 2) {
        const [c, value] = [linkA[k]!, link[linkA[k + 1]!]!];
        if (value >= threshold) heap.push(value, Math.min(a, c), Math.max(a, c), version[Math.min(a, c)]!, version[Math.max(a, c)]!);
      }
    }

    const groups: number[][] = [];
    for (const x of items) {
      if (members[x]) groups.push(members[x]!);
      members[x] = null;
      links[x] = undefined;
    }
    return groups;
  }
}

/** Where the link to `group` is in a `[c, slot, …]` list (-1 if it has none). */
function linkPosition(list: readonly number[], group: number): number {
  for (let k = 0; k < list.length; k += 2) if (list[k] === group) return k;
  return -1;
}

/** Removes the link to `group` from a `[c, slot, …]` list (the last pair takes its place). */
function removeLink(list: number[], group: number): void {
  const k = linkPosition(list, group);
  if (k === -1) return;
  list[k] = list[list.length - 2]!;
  list[k + 1] = list[list.length - 1]!;
  list.length -= 2;
}

function mergeSorted(x: readonly number[], y: readonly number[]): number[] {
  const out: number[] = [];
  let [i, j] = [0, 0];
  while (i < x.length || j < y.length) out.push(j >= y.length || (i < x.length && x[i]! < y[j]!) ? x[i++]! : y[j++]!);
  return out;
}

/**
 * Per group, the member that is on average most similar to the other members (the first one on
 * ties). One pass over the edges: each member's sum over its neighbours inside its group.
 */
export function groupLeads(graph: Pick<SimilarityGraph, 'size' | 'from' | 'to' | 'sim'>, groups: readonly (readonly number[])[]): number[] {
  const groupOf = new Int32Array(graph.size).fill(-1);
  groups.forEach((members, g) => {
    for (const i of members) groupOf[i] = g;
  });
  const total = new Float64Array(graph.size);
  // Edges are sorted by (from, to), so each member's sum adds its neighbours in ascending order.
  for (let e = 0; e < graph.sim.length; e++) {
    const [a, b, s] = [graph.from[e]!, graph.to[e]!, graph.sim[e]!];
    if (groupOf[a] === groupOf[b] && groupOf[a] !== -1) {
      total[a]! += s;
      total[b]! += s;
    }
  }
  return groups.map((members) => {
    let best = members[0]!;
    let bestTotal = -1;
    for (const i of members) if (total[i]! > bestTotal) [best, bestTotal] = [i, total[i]!];
    return best;
  });
}

const MAGNITUDES: Readonly<Record<string, number>> = { ribu: 1e3, juta: 1e6, miliar: 1e9, milyar: 1e9, triliun: 1e12 };
const NUMBER_WORDS: Readonly<Record<string, number>> = { satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9, sepuluh: 10 };
/**
 * A number (`18.000`, `25,5`, `tujuh`) and the word after it; not inside a date (`11/2/2024`) or a
 * time (`14.30`).
 */
const NUMBER = new RegExp(
  String.raw`(?<![\p{L}\p{N}/.,:])(?:(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?|(${Object.keys(NUMBER_WORDS).join('|')}))(?![\p{L}\p{N}/]|[.,:]\d)(?:\s+(\p{L}+))?`,
  'giu',
);

/**
 * The figures a sentence states, as comparable keys: a quantity of 10 or more by its value, scaled by
 * `ribu`/`juta`/`miliar`/`triliun` (`5 juta` = `5.000.000`), years excluded; a smaller one only
 * together with the stem of the word it counts (`tujuh warga`, `lima rumah`).
 */
export function figures(text: string): Set<string> {
  const found = new Set<string>();
  for (const [, digits, fraction, word, next] of text.matchAll(NUMBER)) {
    const following = next?.toLowerCase() ?? '';
    let value: number;
    if (digits !== undefined) {
      if (/^(19|20)\d\d$/.test(digits) && fraction === undefined) continue;
      value = Number(`${digits.replace(/\./g, '')}${fraction === undefined ? '' : `.${fraction}`}`);
    } else {
      value = NUMBER_WORDS[word!.toLowerCase()]!;
    }
    const magnitude = MAGNITUDES[following];
    if (magnitude !== undefined) found.add(`${value * magnitude}`);
    else if (value >= 10) found.add(`${value}`);
    else if (following !== '') found.add(`${value} ${stem(following)}`);
  }
  return found;
}

export interface SummaryCandidate {
  /** The sentence id, `<article>#p<n>s<m>`. */
  id: string;
  source: string;
  translation: string;
  article: string;
}

/**
 * The group summary, by the rule in the module comment. `candidates` are in the order to prefer on
 * ties (articles by date, then each article's summary in source order); `idf` is over all sentences
 * of the run.
 */
export function groupSummary(candidates: readonly SummaryCandidate[], idf: ReadonlyMap<string, number>): SummaryCandidate[] {
  const vecs = candidates.map((c) => {
    const vector = tfidf(contentTerms(c.source), idf);
    return { vector, norm: norm(vector) };
  });
  const sim = (i: number, j: number) => cosine(vecs[i]!.vector, vecs[j]!.vector, vecs[i]!.norm, vecs[j]!.norm);
  const stated = candidates.map((c) => figures(c.source));
  const sameFigure = (i: number, j: number) => [...stated[i]!].some((f) => stated[j]!.has(f));
  const scores = candidates.map((c, i) => {
    const others = candidates.flatMap((d, j) => (d.article === c.article ? [] : [sim(i, j)]));
    return others.length === 0 ? 0 : others.reduce((x, y) => x + y, 0) / others.length;
  });
  const order = candidates.map((_, i) => i).sort((i, j) => scores[j]! - scores[i]! || i - j);
  const facts = factTerms(candidates.map((c) => contentTerms(c.source)));
  const told = new Set<string>();
  const taken: number[] = [];
  for (const i of order) {
    if (taken.length >= GROUPING.summarySentences) break;
    const repeats =
      taken.some((j) => candidates[j]!.source === candidates[i]!.source || sim(i, j) >= GROUPING.redundantCosine || sameFigure(i, j) || overlap(facts[i]!, facts[j]!) >= GROUPING.coveredShare) ||
      covered(facts[i]!, told) >= GROUPING.coveredShare;
    if (repeats) continue;
    taken.push(i);
    for (const term of facts[i]!) told.add(term);
  }
  return taken.map((i) => candidates[i]!);
}

/**
 * Per candidate, the content terms that say what it tells: the terms found in more than half of the
 * candidates (the event's own names and words, in every sentence) are left out, so two sentences
 * are compared by what they add to the event.
 */
function factTerms(terms: readonly (readonly string[])[]): Set<string>[] {
  const sets = terms.map((t) => new Set(t));
  const count = new Map<string, number>();
  for (const set of sets) for (const term of set) count.set(term, (count.get(term) ?? 0) + 1);
  const everywhere = (term: string) => sets.length >= 4 && count.get(term)! * 2 > sets.length;
  return sets.map((set) => new Set([...set].filter((term) => !everywhere(term))));
}

/** The share of the shorter sentence's fact terms that the other also has: a reworded fact keeps most of its words. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  return shared / small.size;
}

/** The share of a sentence's fact terms already told by the sentences taken. */
function covered(terms: ReadonlySet<string>, told: ReadonlySet<string>): number {
  if (terms.size === 0) return 0;
  let seen = 0;
  for (const term of terms) if (told.has(term)) seen++;
  return seen / terms.size;
}

