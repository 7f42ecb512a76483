/**
 * Builds `src/text/entities/word-classes.json`: word classes learned from Indonesian text, and what
 * other labelled corpora say of words, for the entity tagger's features. A name seen in training
 * teaches the tagger little about one it has not seen; a class groups the words that occur in the
 * same contexts (`kata` with `ujar`, `Bandung` with `Surabaya`), so what the tagger learns of one
 * word reaches its classmates, and a lexicon drawn from another corpus's names knows names its
 * training never showed.
 *
 *   npm run build:word-classes -- --indonlu <checkout of github.com/IndoNLP/indonlu> [--out FILE]
 *
 * Text: the train and validation splits of IndoNLU's other tasks (Apache-2.0): news sentences
 * (BaPOS, NERP, FacQA's passages), reviews (SmSA, TermA, CASA, HoASA), tweets (EmoT, KEPS) and
 * Wikipedia sentences (WReTE). Labels are read from one of them only: NERP's names (`nameLexicon`).
 * NERGrit, whose sentences the tagger is trained and measured on, and every test split are left out.
 *
 * Per lower-case word seen at least `MINIMUM_COUNT` times: its class at each of `CLASS_COUNTS`
 * granularities (spherical k-means over its left and right neighbours, PPMI-weighted), and how the
 * cased texts write it after a sentence's first word (`caseBuckets`). Seeded, so the same text
 * gives the same file.
 */
import { pathToFileURL } from 'node:url';
import { WORD_CLASSES_FILE, type WordClassesFile } from '../../src/text/entities/word-classes.ts';
import { writeFileAtomic } from '../../src/io/atomic-write.ts';
import { mulberry32 } from '../../src/util/random.ts';
import { openCheckout } from './corpora.ts';

const MINIMUM_COUNT = 3;
/** Neighbours counted as context: the most frequent words (the rest are one `<rare>` context). */
const CONTEXT_WORDS = 2000;
const CLASS_COUNTS = [64, 256, 1024];
const ITERATIONS = 12;
const SEED = 29;
/** Cased occurrences after a sentence's first word needed to say how a word is written. */
const CASE_MINIMUM = 3;

export interface Sentence {
  words: string[];
  /** Whether the source keeps the writer's capitals (Prosa's sets are lower-cased). */
  cased: boolean;
  /** From a named-entity corpus: per word, its BIO label (`B-PPL`, `I-PPL`), or null outside names. */
  names?: Array<string | null>;
}

/** Token-per-line files (`word<TAB>label`, a blank line between sentences): each sentence's words and labels. */
function conllSentences(text: string): Array<{ words: string[]; labels: string[] }> {
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      const rows = block.split('\n').map((line) => line.split('\t')).filter((row) => row[0]!.trim());
      return { words: rows.map((row) => row[0]!.trim()), labels: rows.map((row) => (row[1] ?? '').trim()) };
    })
    .filter((sentence) => sentence.words.length > 0);
}

/** RFC 4180 rows: quoted fields with doubled quotes inside. */
function csvRows(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === separator) row.push(field), (field = '');
    else if (char === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (char !== '\r') field += char;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);
/** A Python list literal of strings, as FacQA stores its tokens. */
const pythonList = (text: string) => [...text.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2])!.replace(/\\(.)/g, '$1'));

type Reader = (text: string) => Sentence[];
const conll = (cased: boolean): Reader => (text) => conllSentences(text).map(({ words: w }) => ({ words: w, cased }));
/** A BIO-labelled corpus (`B-PPL`, `I-PPL`, `O`): its words and their labels, null outside names. */
const conllNames = (cased: boolean): Reader => (text) =>
  conllSentences(text).map(({ words: w, labels }) => ({ words: w, cased, names: labels.map((label) => (/^[BI]-./.test(label) ? label : null)) }));
const column = (index: number, cased: boolean, separator = ',', header = true): Reader => (text) =>
  csvRows(text, separator)
    .slice(header ? 1 : 0)
    .flatMap((row) => (row[index] ? [{ words: words(row[index]!), cased }] : []));

/** IndoNLU's folders read, and how. POSP repeats NERP's sentences, so it is not read. */
const SOURCES: Record<string, Reader> = {
  'bapos_pos-idn': conll(true),
  'nerp_ner-prosa': conllNames(false),
  'keps_keyword-extraction-prosa': conll(true),
  'terma_term-extraction-airy': conll(false),
  'facqa_qa-factoid-itb': (text) => {
    const passages = new Set(csvRows(text).slice(1).map((row) => row[1] ?? ''));
    return [...passages].filter(Boolean).map((p) => ({ words: pythonList(p), cased: true }));
  },
  'smsa_doc-sentiment-prosa': column(0, false, '\t', false),
  'emot_emotion-twitter': column(1, true),
  'casa_absa-prosa': column(0, false),
  'hoasa_absa-airy': column(0, false),
  'wrete_entailment-ui': (text) => csvRows(text).slice(1).flatMap((row) => [row[0], row[1]].filter((s): s is string => Boolean(s)).map((s) => ({ words: words(s), cased: true }))),
};
const SPLITS = ['train_preprocess', 'valid_preprocess'];

/** The sentences of an IndoNLU checkout: a working tree, or a bare git directory read at HEAD. */
export function readIndoNLU(root: string): Sentence[] {
  const checkout = openCheckout(root, 'dataset');
  if (!checkout) return [];
  const sentences: Sentence[] = [];
  for (const [dir, reader] of Object.entries(SOURCES)) {
    for (const file of checkout.list(`dataset/${dir}`).filter((name) => SPLITS.some((split) => name.startsWith(`${split}.`)))) sentences.push(...reader(checkout.read(`dataset/${dir}/${file}`)));
  }
  return sentences;
}

const SENTENCE_OPENERS = new Set(['.', '!', '?', ':', '"', '“', '‘', "'", '(', '-', '–', '—']);

/** How the cased texts write each word after a sentence's first word: 'upper' (nearly always capitalised), 'mixed', 'lower'. */
function caseBuckets(sentences: readonly Sentence[]): Map<string, string> {
  const counts = new Map<string, { capitalised: number; total: number }>();
  for (const { words: sentence, cased } of sentences) {
    if (!cased) continue;
    sentence.forEach((word, i) => {
      if (i === 0 || SENTENCE_OPENERS.has(sentence[i - 1]!) || !/^\p{L}/u.test(word) || /^\p{Lu}+$/u.test(word)) return;
      const lower = word.toLowerCase();
      const count = counts.get(lower) ?? { capitalised: 0, total: 0 };
      count.total++;
      if (/^\p{Lu}/u.test(word)) count.capitalised++;
      counts.set(lower, count);
    });
  }
  const buckets = new Map<string, string>();
  for (const [word, { capitalised, total }] of counts) {
    if (total < CASE_MINIMUM) continue;
    const share = capitalised / total;
    buckets.set(word, share >= 0.9 ? 'upper' : share >= 0.3 ? 'mixed' : 'lower');
  }
  return buckets;
}

/** A word's contexts: indices into the left (`[0, width)`) and right (`[width, 2·width)`) neighbour words, with PPMI weights; unit length. */
interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/** Per word of the vocabulary, its PPMI-weighted left and right neighbours (the most frequent words; the rest are one `<rare>`). */
function contextVectors(sentences: readonly Sentence[], vocabulary: readonly string[]): { vectors: SparseVector[]; dimensions: number } {
  const frequency = new Map<string, number>();
  for (const { words: sentence } of sentences) for (const w of sentence) frequency.set(w.toLowerCase(), (frequency.get(w.toLowerCase()) ?? 0) + 1);
  const contexts = [...frequency.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CONTEXT_WORDS).map(([w]) => w);
  const contextIndex = new Map(contexts.map((w, i) => [w, i]));
  const rare = CONTEXT_WORDS;
  const edge = CONTEXT_WORDS + 1;
  const width = CONTEXT_WORDS + 2;
  const wordIndex = new Map(vocabulary.map((w, i) => [w, i]));
  const cooccurrence = vocabulary.map(() => new Map<number, number>());
  const contextTotals = new Float64Array(2 * width);
  let total = 0;
  for (const { words: sentence } of sentences) {
    const lower = sentence.map((w) => w.toLowerCase());
    lower.forEach((w, i) => {
      const row = wordIndex.get(w);
      if (row === undefined) return;
      const left = i === 0 ? edge : (contextIndex.get(lower[i - 1]!) ?? rare);
      const right = i === lower.length - 1 ? edge : (contextIndex.get(lower[i + 1]!) ?? rare);
      for (const c of [left, width + right]) {
        cooccurrence[row]!.set(c, (cooccurrence[row]!.get(c) ?? 0) + 1);
        contextTotals[c]!++;
        total++;
      }
    });
  }
  const vectors = cooccurrence.map((row) => {
    let rowTotal = 0;
    for (const n of row.values()) rowTotal += n;
    const entries = [...row].map(([c, n]) => [c, Math.log((n * total) / (rowTotal * contextTotals[c]!))] as const).filter(([, ppmi]) => ppmi > 0).sort((a, b) => a[0] - b[0]);
    const norm = Math.hypot(...entries.map(([, v]) => v)) || 1;
    return { index: Int32Array.from(entries.map(([c]) => c)), value: Float32Array.from(entries.map(([, v]) => v / norm)) };
  });
  return { vectors, dimensions: 2 * width };
}

const sparseDot = (v: SparseVector, centre: Float32Array) => {
  let s = 0;
  for (let j = 0; j < v.index.length; j++) s += v.value[j]! * centre[v.index[j]!]!;
  return s;
};

/** Spherical k-means (seeded k-means++ start) over sparse unit vectors: each vector's cluster. */
export function sphericalKMeans(vectors: readonly SparseVector[], dimensions: number, k: number, iterations: number, seed: number): Int32Array {
  const random = mulberry32(seed);
  const dense = (v: SparseVector) => {
    const centre = new Float32Array(dimensions);
    v.index.forEach((c, j) => (centre[c] = v.value[j]!));
    return centre;
  };
  const centres: Float32Array[] = [dense(vectors[Math.floor(random() * vectors.length)]!)];
  const nearest = new Float64Array(vectors.length).fill(Infinity);
  while (centres.length < k) {
    const last = centres[centres.length - 1]!;
    let sum = 0;
    vectors.forEach((v, i) => {
      nearest[i] = Math.min(nearest[i]!, Math.max(0, 1 - sparseDot(v, last)));
      sum += nearest[i]!;
    });
    let pick = random() * sum;
    let chosen = 0;
    for (; chosen < vectors.length - 1 && pick > nearest[chosen]!; chosen++) pick -= nearest[chosen]!;
    centres.push(dense(vectors[chosen]!));
  }
  const assignment = new Int32Array(vectors.length);
  for (let iteration = 0; iteration < iterations; iteration++) {
    vectors.forEach((v, i) => {
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        const score = sparseDot(v, centres[c]!);
        if (score > bestScore) (bestScore = score), (assignment[i] = c);
      }
    });
    const sums = centres.map(() => new Float32Array(dimensions));
    vectors.forEach((v, i) => {
      const sum = sums[assignment[i]!]!;
      v.index.forEach((c, j) => (sum[c]! += v.value[j]!));
    });
    sums.forEach((sum, c) => {
      let norm = 0;
      for (const x of sum) norm += x * x;
      if (norm > 0) centres[c] = sum.map((x) => x / Math.sqrt(norm));
    });
  }
  return assignment;
}

/** Occurrences of a word never inside a name needed to say it is none. */
const NEVER_A_NAME_MINIMUM = 3;

/**
 * Per lower-case word of the labelled sentences, how their names use it: the most frequent type of
 * the names it is in, the share of its occurrences inside a name (`hi` at least three in four,
 * `mid` at least two in five, `lo` any; `none` when seen often and never in a name), and `m` when
 * seen more than once, `1` when once.
 */
export function nameLexicon(sentences: readonly Sentence[]): Record<string, string> {
  const counts = new Map<string, { total: number; named: number; types: Map<string, number> }>();
  for (const { words: sentence, names } of sentences) {
    if (!names) continue;
    sentence.forEach((raw, i) => {
      const word = raw.toLowerCase();
      if (!/\p{L}/u.test(word)) return;
      const count = counts.get(word) ?? { total: 0, named: 0, types: new Map<string, number>() };
      count.total++;
      const type = names[i]?.slice(2);
      if (type) count.named++, count.types.set(type, (count.types.get(type) ?? 0) + 1);
      counts.set(word, count);
    });
  }
  const lexicon: Record<string, string> = {};
  for (const word of [...counts.keys()].sort()) {
    const { total, named, types } = counts.get(word)!;
    const seen = total > 1 ? 'm' : '1';
    if (named === 0) {
      if (total >= NEVER_A_NAME_MINIMUM) lexicon[word] = 'none';
      continue;
    }
    const type = [...types].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const share = named / total;
    lexicon[word] = `${type}:${share >= 0.75 ? 'hi' : share >= 0.4 ? 'mid' : 'lo'}:${seen}`;
  }
  return lexicon;
}

export interface ClassSettings {
  granularities: readonly number[];
  minimumCount: number;
}

const DEFAULT_SETTINGS: ClassSettings = { granularities: CLASS_COUNTS, minimumCount: MINIMUM_COUNT };

export function buildWordClasses(sentences: readonly Sentence[], settings: ClassSettings = DEFAULT_SETTINGS): WordClassesFile {
  const counts = new Map<string, number>();
  for (const { words: sentence } of sentences) for (const w of sentence) counts.set(w.toLowerCase(), (counts.get(w.toLowerCase()) ?? 0) + 1);
  const vocabulary = [...counts.entries()].filter(([w, n]) => n >= settings.minimumCount && /\p{L}/u.test(w)).map(([w]) => w).sort();
  const { vectors, dimensions } = contextVectors(sentences, vocabulary);
  const assignments = settings.granularities.map((k, i) => sphericalKMeans(vectors, dimensions, Math.min(k, vocabulary.length), ITERATIONS, SEED + i));
  const cases = caseBuckets(sentences);
  const words: Record<string, string> = {};
  vocabulary.forEach((word, i) => {
    words[word] = [...assignments.map((a) => a[i]!.toString(36)), cases.get(word) ?? ''].join(' ');
  });
  const names = nameLexicon(sentences);
  return {
    format: 2,
    granularities: [...settings.granularities],
    source: 'IndoNLU (Apache-2.0): the train and validation text of every task but NERGrit',
    words,
    ...(Object.keys(names).length > 0 ? { names, lexiconSource: "IndoNLU (Apache-2.0): the names of NERP's train and validation splits" } : {}),
  };
}

async function main(argv: string[]): Promise<void> {
  const root = argv[argv.indexOf('--indonlu') + 1];
  if (!argv.includes('--indonlu') || !root) {
    process.stderr.write('usage: npm run build:word-classes -- --indonlu <checkout of github.com/IndoNLP/indonlu> [--out FILE]\n');
    process.exit(2);
  }
  const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1]! : WORD_CLASSES_FILE;
  const sentences = readIndoNLU(root);
  if (sentences.length === 0) {
    process.stderr.write(`${root} holds no IndoNLU task text (dataset/<task>/train_preprocess.*): give a checkout of it, \`git clone https://github.com/IndoNLP/indonlu\`\n`);
    process.exit(2);
  }
  const file = buildWordClasses(sentences);
  await writeFileAtomic(out, `${JSON.stringify(file)}\n`);
  const tokens = sentences.reduce((n, s) => n + s.words.length, 0);
  process.stdout.write(`${JSON.stringify({ sentences: sentences.length, tokens, words: Object.keys(file.words).length, out })}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
