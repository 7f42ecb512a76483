/**
 * ROUGE (Lin 2004), implemented to match how ROUGE-1.5.5 scores a multi-sentence extract
 * (sentences one per line, no stemming, no stopword removal), which is what IndoSum's evaluation used.
 *
 * - ROUGE-N: n-grams over the concatenated token sequence of each side (1.5.5 joins the lines, so
 *   n-grams may span a sentence boundary), with clipped counts: overlap = Σ min(count_hyp, count_ref).
 * - ROUGE-L (summary-level, union LCS, Lin 2004 §3.2 — the variant ROUGE-1.5.5 computes when the
 *   texts are split into sentences): for every reference sentence, the union of its LCS hits with
 *   each hypothesis sentence; a hit counts only while the token has unused occurrences on both sides.
 * - ROUGE-L concatenated (`rougeLConcat`): a single LCS between the two token sequences, for reference.
 *
 * F1 = 2PR / (P + R) (ROUGE-1.5.5's F with alpha = 0.5); 0 when either side is empty.
 */

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

const ZERO: Prf = { precision: 0, recall: 0, f1: 0 };

function prf(hits: number, hypTotal: number, refTotal: number): Prf {
  if (hypTotal === 0 || refTotal === 0 || hits === 0) return { ...ZERO };
  const precision = hits / hypTotal;
  const recall = hits / refTotal;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

/** Punctuation-only tokens: no letter and no digit. */
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * IndoSum's preprocessing of tokens: lower-case, drop punctuation tokens, map every digit to `0`.
 * (IndoSum dropped tokens found in Python's `string.punctuation`; dropping every token without a
 * letter or digit also catches `...`, `“` and `–`.)
 */
export function normalizeTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (!HAS_WORD_CHAR.test(token)) continue;
    out.push(token.toLowerCase().replace(/\p{Nd}/gu, '0'));
  }
  return out;
}

/** A pre-tokenised sentence (space-separated tokens, as in IndoSum's `*_tok` fields) → normalised tokens. */
export function normalizeTokenizedSentence(sentence: string): string[] {
  return normalizeTokens(sentence.split(/\s+/u).filter((t) => t !== ''));
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N between two token sequences (clipped n-gram counts). */
export function rougeN(hyp: readonly string[], ref: readonly string[], n: number): Prf {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`ROUGE-N needs an integer n ≥ 1, got ${n}`);
  const h = ngramCounts(hyp, n);
  const r = ngramCounts(ref, n);
  let hits = 0;
  for (const [gram, c] of h) hits += Math.min(c, r.get(gram) ?? 0);
  return prf(hits, Math.max(0, hyp.length - n + 1), Math.max(0, ref.length - n + 1));
}

/** Length of the longest common subsequence. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Indices in `ref` of one LCS between `ref` and `hyp` (standard backtrace, preferring to move in `hyp`). */
function lcsIndicesInRef(ref: readonly string[], hyp: readonly string[]): number[] {
  const m = ref.length;
  const n = hyp.length;
  if (m === 0 || n === 0) return [];
  const table: Uint32Array[] = [];
  for (let i = 0; i <= m; i++) table.push(new Uint32Array(n + 1));
  for (let i = 1; i <= m; i++) {
    const row = table[i]!;
    const up = table[i - 1]!;
    for (let j = 1; j <= n; j++) {
      row[j] = ref[i - 1] === hyp[j - 1] ? up[j - 1]! + 1 : Math.max(up[j]!, row[j - 1]!);
    }
  }
  const out: number[] = [];
  let i = m;
  let j = n;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === hyp[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (table[i - 1]![j]! >= table[i]![j - 1]!) {
      i--;
    } else {
      j--;
    }
  }
  return out.reverse();
}

function counts(tokens: Iterable<string>): Map<string, number> {
  const c = new Map<string, number>();
  for (const t of tokens) c.set(t, (c.get(t) ?? 0) + 1);
  return c;
}

/** Summary-level ROUGE-L (union LCS) between sentence-split token lists. */
export function rougeLSummary(hypSentences: ReadonlyArray<readonly string[]>, refSentences: ReadonlyArray<readonly string[]>): Prf {
  const hypTotal = hypSentences.reduce((s, x) => s + x.length, 0);
  const refTotal = refSentences.reduce((s, x) => s + x.length, 0);
  if (hypTotal === 0 || refTotal === 0) return { ...ZERO };
  const hypLeft = counts(hypSentences.flat());
  const refLeft = counts(refSentences.flat());
  let hits = 0;
  for (const ref of refSentences) {
    const union = new Set<number>();
    for (const hyp of hypSentences) for (const idx of lcsIndicesInRef(ref, hyp)) union.add(idx);
    for (const idx of [...union].sort((a, b) => a - b)) {
      const token = ref[idx]!;
      const h = hypLeft.get(token) ?? 0;
      const r = refLeft.get(token) ?? 0;
      if (h > 0 && r > 0) {
        hits++;
        hypLeft.set(token, h - 1);
        refLeft.set(token, r - 1);
      }
    }
  }
  return prf(hits, hypTotal, refTotal);
}

/** ROUGE-L over the two concatenated token sequences (one LCS). */
export function rougeLConcat(hyp: readonly string[], ref: readonly string[]): Prf {
  return prf(lcsLength(hyp, ref), hyp.length, ref.length);
}

export interface RougeScores {
  rouge1: Prf;
  rouge2: Prf;
  /** Summary-level union-LCS ROUGE-L (ROUGE-1.5.5's). */
  rougeL: Prf;
  rougeLConcat: Prf;
}

/** All scores for one extract against one reference, both given as sentences of normalised tokens. */
export function scoreExtract(hypSentences: ReadonlyArray<readonly string[]>, refSentences: ReadonlyArray<readonly string[]>): RougeScores {
  const hyp = hypSentences.flat();
  const ref = refSentences.flat();
  return {
    rouge1: rougeN(hyp, ref, 1),
    rouge2: rougeN(hyp, ref, 2),
    rougeL: rougeLSummary(hypSentences, refSentences),
    rougeLConcat: rougeLConcat(hyp, ref),
  };
}
