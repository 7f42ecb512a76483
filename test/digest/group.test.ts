import { describe, expect, it } from 'vitest';
import { scanDocuments } from '../../src/digest/features.ts';
import type { TermVector } from '../../src/digest/features.ts';
import { BLOCKING, GROUPING, articleSimilarity, averageLinkGroups, groupLeads, similarityGraph, sparseAverageLinkGroups, type SimilarityGraph } from '../../src/digest/group.ts';
import { syntheticArticle } from '../../tools/synthetic-corpus.ts';
import { FIXTURES, corpus, documentOf } from './fixtures.ts';
import { mulberry32 } from '../../src/util/random.ts';


/** A random similarity graph and the same as a dense matrix, zeros where the graph has no edge. */
function randomGraph(random: () => number, n: number, density: number, value: () => number): { dense: number[][]; graph: SimilarityGraph } {
  const dense = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
  const from: number[] = [];
  const to: number[] = [];
  const sim: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (random() >= density) continue;
      const s = value();
      dense[i]![j] = dense[j]![i] = s;
      // Edges in any order: the clustering must not depend on it.
      const at = Math.floor(random() * (from.length + 1));
      from.splice(at, 0, i);
      to.splice(at, 0, j);
      sim.splice(at, 0, s);
    }
  }
  return { dense, graph: { size: n, from: Int32Array.from(from), to: Int32Array.from(to), sim: Float64Array.from(sim), compared: 0, skippedTerms: 0 } };
}

describe('sparseAverageLinkGroups', () => {
  it('gives the groups of the dense average link on random graphs, ties included', () => {
    const random = mulberry32(7);
    const steps = [0.05, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.75, 0.9];
    const values: Array<() => number> = [() => random(), () => 0.2 + 0.3 * random(), () => steps[Math.floor(random() * steps.length)]!];
    let merged = 0;
    for (let round = 0; round < 600; round++) {
      const n = 2 + Math.floor(random() * 28);
      const { dense, graph } = randomGraph(random, n, [0.1, 0.3, 0.7, 1][round % 4]!, values[round % 3]!);
      const threshold = [GROUPING.threshold, 0.2, 0.45][round % 3]!;
      const expected = averageLinkGroups(dense, threshold);
      expect(sparseAverageLinkGroups(graph, threshold), `round ${round}`).toEqual(expected);
      merged += n - expected.length;
    }
    // The cases are not trivial: many merges happened, chains included.
    expect(merged).toBeGreaterThan(2000);
  });

  it('does not chain A–B–C when A and C have nothing in common', () => {
    const graph = { size: 3, from: Int32Array.from([0, 1]), to: Int32Array.from([1, 2]), sim: Float64Array.from([0.6, 0.5]) };
    expect(sparseAverageLinkGroups(graph, 0.3)).toEqual([[0, 1], [2]]);
    expect(sparseAverageLinkGroups(graph, 0.2)).toEqual([[0, 1, 2]]);
  });
});

describe('groupLeads', () => {
  it('picks the member most similar to the rest of its group, the first on ties', () => {
    const random = mulberry32(11);
    const steps = [0.2, 0.4, 0.6];
    let checked = 0;
    for (let round = 0; round < 200; round++) {
      const n = 2 + Math.floor(random() * 20);
      const { dense, graph: shuffled } = randomGraph(random, n, [0.3, 0.7, 1][round % 3]!, round % 2 === 0 ? () => random() : () => steps[Math.floor(random() * steps.length)]!);
      // Sorted by (from, to), as similarityGraph gives them.
      const order = [...shuffled.sim.keys()].sort((a, b) => shuffled.from[a]! - shuffled.from[b]! || shuffled.to[a]! - shuffled.to[b]!);
      const graph = { size: n, from: Int32Array.from(order, (e) => shuffled.from[e]!), to: Int32Array.from(order, (e) => shuffled.to[e]!), sim: Float64Array.from(order, (e) => shuffled.sim[e]!) };
      const groups = sparseAverageLinkGroups(graph, 0.2);
      const expected = groups.map((members) => {
        const totals = members.map((i) => members.reduce((sum, j) => (j === i ? sum : sum + dense[i]![j]!), 0));
        return members[totals.indexOf(Math.max(...totals))]!;
      });
      expect(groupLeads(graph, groups), `round ${round}`).toEqual(expected);
      checked += groups.filter((g) => g.length > 2).length;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

/** Invented articles in the seeds' style (tools/synthetic-corpus.ts), undated, each sentence its own translation. */
function fillers(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const [title, ...body] = syntheticArticle(i, 3).split('\n');
    const paragraphs = body
      .filter((line) => line.length > 60 && /[.!?]$/.test(line))
      .map((line) => line.split(/(?<=[.!?"])\s+(?=["A-Z])/).map((s) => [s, s] as [string, string]));
    return documentOf({ id: `filler-${String(i).padStart(3, '0')}`, metadata: { outlet: 'Kabar Sintetis' }, title: [title!, title!], paragraphs });
  });
}

/** Every pair at or above the threshold by brute force, as `i-j`, and the pairs the graph has. */
function strongPairs(articles: Parameters<typeof articleSimilarity>[0][], graph: SimilarityGraph) {
  const strong: string[] = [];
  for (let i = 0; i < articles.length; i++) for (let j = i + 1; j < articles.length; j++) if (articleSimilarity(articles[i]!, articles[j]!) >= GROUPING.threshold) strong.push(`${i}-${j}`);
  const found = new Map([...graph.from].map((i, e) => [`${i}-${graph.to[e]}`, graph.sim[e]!]));
  return { strong, found };
}

describe('similarityGraph (blocking)', () => {
  it('finds every pair of fixture articles at or above the threshold, with its exact similarity', () => {
    const { articles } = scanDocuments(corpus());
    const graph = similarityGraph(articles);
    const { strong, found } = strongPairs(articles, graph);
    expect(strong).toHaveLength(4);
    for (const pair of strong) expect(found.has(pair), pair).toBe(true);
    for (const [pair, sim] of found) {
      const [i, j] = pair.split('-').map(Number);
      expect(sim).toBe(articleSimilarity(articles[i!]!, articles[j!]!));
    }
    // Pairs further apart than the window are never compared.
    const cikadu = articles.findIndex((a) => a.id === 'longsor-cikadu-warta');
    expect([...found.keys()].filter((p) => p.split('-').map(Number).includes(cikadu))).toEqual([]);
  });

  it('pairs articles that share only a name, or only a term, within the date window or undated', () => {
    // Each vector sits between entries of other vectors, as in the shared arrays the scan makes.
    const vector = (entries: Array<[id: number, weight: number]>): TermVector => ({
      ids: Int32Array.from([0, ...entries.map((e) => e[0]), 99]),
      weights: Float64Array.from([9, ...entries.map((e) => e[1]), 9]),
      start: 1,
      end: entries.length + 1,
      norm: Math.hypot(...entries.map((e) => e[1])),
    });
    const day = 24 * 60 * 60 * 1000;
    const article = (time: number | null, terms: Array<[number, number]>, names: Array<[number, number]>) => ({ time, terms: vector(terms), nameWords: vector(names) });
    const articles = [
      article(0, [[1, 1]], [[7, 1]]),
      article(2 * day, [[2, 1]], [[7, 1]]), // only the name with 0
      article(3 * day, [[1, 1]], []), // only the term with 0, 3 days later
      article(3 * day + 1, [[1, 1]], [[7, 1]]), // a millisecond too late for 0
      article(null, [[2, 1]], []), // undated: with everyone who shares term 2
    ];
    const graph = similarityGraph(articles);
    const pairs = [...graph.from].map((i, e) => `${i}-${graph.to[e]}`);
    expect(pairs).toEqual(['0-1', '0-2', '1-3', '1-4', '2-3']);
    expect(graph.sim[0]).toBe(0.5);
    for (const [e, pair] of pairs.entries()) {
      const [i, j] = pair.split('-').map(Number);
      expect(graph.sim[e]).toBe(articleSimilarity(articles[i!]!, articles[j!]!));
    }
  });

  it('still finds them when common terms are skipped, among many more articles', () => {
    const documents = [...corpus(), ...fillers(200)];
    const { articles } = scanDocuments(documents);
    const graph = similarityGraph(articles);
    expect(articles.length).toBeGreaterThan(BLOCKING.maxArticles);
    expect(graph.skippedTerms).toBeGreaterThan(20);
    expect(graph.compared).toBeLessThan((articles.length * (articles.length - 1)) / 2);
    const fixtureIds = new Set(FIXTURES.map((f) => f.id));
    const { strong, found } = strongPairs(articles, graph);
    const fixturePairs = strong.filter((pair) => pair.split('-').every((i) => fixtureIds.has(articles[Number(i)]!.id)));
    expect(fixturePairs).toHaveLength(4);
    for (const pair of fixturePairs) expect(found.has(pair), pair).toBe(true);
    // And a blocking that skips terms in more than two articles does miss one: the test can tell.
    const strict = strongPairs(articles, similarityGraph(articles, { maxArticles: 2 }));
    expect(fixturePairs.filter((pair) => !strict.found.has(pair)).length).toBeGreaterThan(0);
  });

  it('groups the fixture articles as average link over all pairs does', () => {
    const { articles } = scanDocuments([...corpus(), ...fillers(200)]);
    const dense = articles.map((a, i) => articles.map((b, j) => (i === j ? 1 : articleSimilarity(a, b))));
    const fixtureIds = new Set(FIXTURES.map((f) => f.id));
    const fixtureGroups = (groups: number[][]) => groups.map((g) => g.map((i) => articles[i]!.id).filter((id) => fixtureIds.has(id))).filter((g) => g.length > 0);
    expect(fixtureGroups(sparseAverageLinkGroups(similarityGraph(articles)))).toEqual(fixtureGroups(averageLinkGroups(dense)));
  });
});
