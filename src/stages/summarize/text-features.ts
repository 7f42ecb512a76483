/**
 * Indonesian text features for sentence ranking: tokens, content-word stems, TF-IDF vectors and
 * cosine similarity. Pure apart from a process-wide stem cache (stemming is deterministic, so the
 * cache only changes speed, never results).
 */
import { createRequire } from 'node:module';
import type { Stemmer } from 'sastrawijs';
import { ind } from 'stopword';

// sastrawijs takes ~0.3 s to load: load it on the first stem, not for `--help` or `status`.
const require = createRequire(import.meta.url);

/** Indonesian stopwords (the `stopword` package's list), lower-case. */
export const STOPWORDS: ReadonlySet<string> = new Set(ind.map((w) => w.toLowerCase()));

/** Words (letters/digits, inner hyphens and apostrophes kept), lower-cased. */
const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Lower-cased word tokens of `text`, punctuation dropped. */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Whitespace-separated words, as the word budget counts them. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

let stemmer: Stemmer | null = null;
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** Sastrawi stem of a lower-case word; words with anything but a–z (digits, hyphens…) are kept whole. */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let result = word;
  if (/^[a-z]{4,}$/.test(word)) {
    stemmer ??= new (require('sastrawijs') as typeof import('sastrawijs')).Stemmer();
    result = stemmer.stem(word);
    if (result === '') result = word;
  }
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, result);
  return result;
}

/**
 * Content terms of `text`: word tokens minus stopwords (checked before and after stemming) and
 * one-letter tokens, stemmed. Reduplications (`gerak-gerik`, `anak-anak`) stay one term.
 */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    const s = stem(w);
    if (s.length < 2 || STOPWORDS.has(s)) continue;
    out.push(s);
  }
  return out;
}

export type SparseVector = Map<string, number>;

/** Term frequencies. */
export function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/**
 * Smoothed inverse document frequency over the given documents (here: the article's sentences):
 * idf(t) = ln(1 + N / df(t)), always positive, so terms shared by every sentence still count a little.
 */
export function inverseDocumentFrequency(docs: ReadonlyArray<ReadonlyArray<string>>): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log(1 + n / d));
  return idf;
}

/** TF-IDF vector (raw term frequency × idf); terms missing from `idf` get weight 0. */
export function tfidf(terms: readonly string[], idf: ReadonlyMap<string, number>): SparseVector {
  const v: SparseVector = new Map();
  for (const [t, tf] of termCounts(terms)) {
    const w = tf * (idf.get(t) ?? 0);
    if (w > 0) v.set(t, w);
  }
  return v;
}

export function norm(v: SparseVector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

/** Cosine similarity in [0, 1] (vectors are non-negative); 0 when either vector is empty. */
export function cosine(a: SparseVector, b: SparseVector, normA = norm(a), normB = norm(b)): number {
  if (normA === 0 || normB === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, x] of small) {
    const y = large.get(t);
    if (y !== undefined) dot += x * y;
  }
  return Math.min(1, dot / (normA * normB));
}
