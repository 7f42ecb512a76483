/**
 * Names (people, organisations, places) in Indonesian news text, and their English form in the
 * aligned sentence translations. No gazetteer and no model: a name is a run of two or more
 * capitalised words, which in Indonesian (as in English) marks proper nouns.
 *
 * - A run is broken by any punctuation between its words, except the full stop of a one-letter
 *   initial (`Andi S. Wibowo`).
 * - Leading stopwords (`Menurut`, `Di`) are trimmed: inside a sentence only names are capitalised,
 *   so a capitalised stopword opens a sentence or a quotation (trailing ones stay: `Jawa Tengah`).
 *   Day and month names (`Minggu`, `April`) are trimmed from both ends: they date, not name.
 * - The first word of a sentence (or of a quotation) is capitalised anyway, so it belongs to a name
 *   only if the corpus never writes it in lower case (`Warga Semarang` → no name, `Kepala BPBD …`
 *   keeps `Kepala` unless `kepala` occurs elsewhere).
 * - Titles and headings are skipped: they capitalise every word.
 *
 * English form of a name, per sentence it occurs in, looking at that sentence's translation:
 *  1. the translation contains the same name → the same string;
 *  2. else the capitalised run of the translation sharing the most words with it (`Kota Semarang` →
 *     `Semarang City`);
 *  3. else, if the names still unmatched are as many as the translation's unmatched multi-word runs,
 *     they pair up in order (`Jawa Timur, Badan Pangan Nasional` → `East Java, National Food Agency`);
 *  4. else the same string.
 * The name's English form is the most frequent one over its sentences (ties: first seen).
 */
import { eng } from 'stopword';
import { STOPWORDS } from '../stages/summarize/text-features.ts';
import { INDONESIAN_DAYS, INDONESIAN_MONTHS } from '../text/calendar.ts';

const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(eng.map((w) => w.toLowerCase()));

/** Indonesian day and month names: capitalised, but dates, not names. */
const DATE_WORDS: ReadonlySet<string> = new Set([...INDONESIAN_DAYS, ...INDONESIAN_MONTHS]);

const TOKEN = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
/** What may stand before the first word of a sentence or of a quotation. */
const SENTENCE_START = /(?:[.!?:]\s+|["“‘«„]\s*)[^\p{L}\p{N}]*$/u;

interface Token {
  text: string;
  start: number;
  end: number;
  /** First word of the sentence, of a quotation or after a colon: capitalised whatever it is. */
  initial: boolean;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const previous = out[out.length - 1];
    const before = text.slice(previous?.end ?? 0, start);
    // `Andi S. Wibowo`: the full stop of a one-letter initial does not start a sentence.
    const afterInitial = previous !== undefined && /^\p{Lu}$/u.test(previous.text) && /^\.\s+$/u.test(before);
    out.push({ text: match[0], start, end: start + match[0].length, initial: !afterInitial && (previous === undefined ? /^[^\p{L}\p{N}]*$/u.test(before) : SENTENCE_START.test(before)) });
  }
  return out;
}

const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);

/** Lower-case forms of every word the texts write starting with a lower-case letter. */
export function lowercaseVocabulary(texts: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>();
  for (const text of texts) addLowercaseWords(vocabulary, text);
  return vocabulary;
}

/** Adds to `vocabulary` the lower-case forms of the words `text` writes starting with a lower-case letter. */
export function addLowercaseWords(vocabulary: Set<string>, text: string): void {
  for (const [word] of text.matchAll(TOKEN)) if (/^\p{Ll}/u.test(word)) vocabulary.add(word.toLowerCase());
}

interface Run {
  tokens: Token[];
}

/** Maximal runs of capitalised words joined only by spaces (or the full stop of an initial). */
function capitalisedRuns(text: string): Run[] {
  const runs: Run[] = [];
  let current: Token[] = [];
  const flush = () => {
    if (current.length > 0) runs.push({ tokens: current });
    current = [];
  };
  for (const token of tokens(text)) {
    if (!isCapitalised(token.text)) {
      flush();
      continue;
    }
    const previous = current[current.length - 1];
    if (previous) {
      const gap = text.slice(previous.end, token.start);
      const joined = /^ +$/.test(gap) || (/^\. +$/.test(gap) && /^\p{Lu}$/u.test(previous.text));
      if (!joined || token.initial) flush();
    }
    current.push(token);
  }
  flush();
  return runs;
}

/** Drops words from the start of a run while `drop(word, true)`, then from its end while `drop(word, false)`. */
function trimRun(run: Token[], drop: (token: Token, leading: boolean) => boolean): Token[] {
  let start = 0;
  let end = run.length;
  while (start < end && drop(run[start]!, true)) start++;
  while (end > start && drop(run[end - 1]!, false)) end--;
  return run.slice(start, end);
}

const spanText = (text: string, run: Token[]) => text.slice(run[0]!.start, run[run.length - 1]!.end);

/** Capitalised multi-word names in an Indonesian sentence, in order of appearance (repeats kept). */
export function indonesianNames(sentence: string, lowercase: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (const run of capitalisedRuns(sentence)) {
    const kept = trimRun(run.tokens, (token, leading) => {
      const lower = token.text.toLowerCase();
      return DATE_WORDS.has(lower) || (leading && (STOPWORDS.has(lower) || (token.initial && lowercase.has(lower))));
    });
    if (kept.length >= 2) names.push(spanText(sentence, kept));
  }
  return names;
}

/** Capitalised runs of an English translation: name candidates (single words too, but never a sentence's first word alone). */
export function englishCandidates(sentence: string, lowercase: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const run of capitalisedRuns(sentence)) {
    const kept = trimRun(run.tokens, (token, leading) => {
      const lower = token.text.toLowerCase();
      return leading && (ENGLISH_STOPWORDS.has(lower) || (token.initial && lowercase.has(lower)));
    });
    if (kept.length >= 2 || (kept.length === 1 && !kept[0]!.initial)) out.push(spanText(sentence, kept));
  }
  return out;
}

const lowerWords = (text: string) => new Set((text.toLowerCase().match(TOKEN) ?? []) as string[]);

function containsPhrase(text: string, phrase: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return false;
    const before = text[at - 1];
    const after = text[at + phrase.length];
    if ((before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) return true;
    from = at + 1;
  }
}

/** English forms of the given Indonesian names of one sentence, by the rules in the module comment. */
export function alignNames(names: readonly string[], translation: string, englishLowercase: ReadonlySet<string>): string[] {
  const english: Array<string | null> = names.map((name) => (containsPhrase(translation, name) ? name : null));
  const candidates = englishCandidates(translation, englishLowercase).filter((candidate) => !english.includes(candidate));
  const claimed = new Set<number>();
  names.forEach((name, i) => {
    if (english[i] !== null) return;
    const words = lowerWords(name);
    let best = -1;
    let bestShared = 0;
    candidates.forEach((candidate, j) => {
      if (claimed.has(j)) return;
      let shared = 0;
      for (const word of lowerWords(candidate)) if (words.has(word)) shared++;
      if (shared > bestShared) [best, bestShared] = [j, shared];
    });
    if (best >= 0) {
      english[i] = candidates[best]!;
      claimed.add(best);
    }
  });
  const unmatched = english.flatMap((form, i) => (form === null ? [i] : []));
  const free = candidates.flatMap((candidate, j) => (!claimed.has(j) && /\s/.test(candidate) ? [candidate] : []));
  if (unmatched.length > 0 && unmatched.length === free.length) unmatched.forEach((i, k) => (english[i] = free[k]!));
  return english.map((form, i) => form ?? names[i]!);
}

export interface NameMention {
  name: string;
  english: string;
  sentence: string;
}

export interface SentenceText {
  id: string;
  kind: string;
  source: string;
  translation: string;
}

/** Every name mention in the paragraph sentences, with the English form in that sentence's translation. */
export function nameMentions(
  sentences: readonly SentenceText[],
  vocabulary: { indonesian: ReadonlySet<string>; english: ReadonlySet<string> },
): NameMention[] {
  const mentions: NameMention[] = [];
  for (const sentence of sentences) {
    if (sentence.kind !== 'paragraph') continue;
    const names = indonesianNames(sentence.source, vocabulary.indonesian);
    if (names.length === 0) continue;
    const english = alignNames(names, sentence.translation, vocabulary.english);
    names.forEach((name, i) => mentions.push({ name, english: english[i]!, sentence: sentence.id }));
  }
  return mentions;
}

/** The most frequent English form per name over its mentions (ties: the first seen). */
export function englishForms(mentions: readonly NameMention[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const { name, english } of mentions) {
    const forms = counts.get(name) ?? new Map<string, number>();
    forms.set(english, (forms.get(english) ?? 0) + 1);
    counts.set(name, forms);
  }
  const result = new Map<string, string>();
  for (const [name, forms] of counts) {
    let best = name;
    let bestCount = 0;
    for (const [form, count] of forms) if (count > bestCount) [best, bestCount] = [form, count];
    result.set(name, best);
  }
  return result;
}
