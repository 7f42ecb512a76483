/**
 * The English form of a name, per sentence, in that sentence's translation:
 *  0. the name itself, where the translation has it as it is, as whole words (`Badan Meteorologi,
 *     Klimatologi, dan Geofisika`, which no capitalised run holds whole);
 *  1. a capitalised run of the translation (or part of one) that is a variant of the name
 *     (`Kim Jong Un` → `Kim Jong-un`);
 *  2. else the run sharing the most words with it (`Kota Semarang` → `Semarang City`);
 *  3. else, when the names still unmatched are as many as the translation's unclaimed multi-word
 *     runs, they pair up in order (`Jawa Timur` → `East Java`);
 *  4. else none.
 */
import { eng } from 'stopword';
import { tokenize, type Token } from '../../text/entities/tokens.ts';
import { nameKey, nameWords } from '../../text/entities/variants.ts';
import type { Mention } from './mentions.ts';
import type { AlignedMention } from './merge.ts';

const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(eng.map((w) => w.toLowerCase()));
/** Lower-case words that stay inside an English name (`Ministry of Foreign Affairs`). */
const JOINERS: ReadonlySet<string> = new Set(['of', 'and', 'for', 'the', 'de', 'van', 'bin']);

const isCapitalised = (token: Token) => /^\p{Lu}/u.test(token.text);

/** Maximal runs of capitalised words (joined by spaces and inner joiners), leading stopwords trimmed. */
export function englishRuns(translation: string): Token[][] {
  const tokens = tokenize(translation);
  const runs: Token[][] = [];
  let current: Token[] = [];
  const flush = () => {
    while (current.length > 0 && ENGLISH_STOPWORDS.has(current[0]!.text.toLowerCase())) current.shift();
    while (current.length > 0 && !/^\p{Lu}/u.test(current[current.length - 1]!.text)) current.pop();
    if (current.length > 0) runs.push(current);
    current = [];
  };
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const adjacent = previous !== undefined && /^\s*$/u.test(translation.slice(previous.end, token.start));
    const afterInitial = token.text === '.' && current.length > 0 && /^\p{Lu}$/u.test(current[current.length - 1]!.text);
    const joins = isCapitalised(token) || afterInitial || (current.length > 0 && JOINERS.has(token.text));
    if (!joins || !adjacent) flush();
    if (joins) current.push(token);
  });
  flush();
  return runs;
}

/** Where the translation has `name` as whole words, or -1. */
function verbatimAt(translation: string, name: string): number {
  for (let at = translation.indexOf(name); at >= 0; at = translation.indexOf(name, at + 1)) {
    const before = translation.slice(0, at);
    const after = translation.slice(at + name.length);
    if (!/[\p{L}\p{N}]$/u.test(before) && !/^[\p{L}\p{N}]/u.test(after)) return at;
  }
  return -1;
}

const runText = (translation: string, run: readonly Token[]) => translation.slice(run[0]!.start, run[run.length - 1]!.end);

/** A part of the run that is a variant of the name, if any. */
function variantWithin(translation: string, run: readonly Token[], key: string): string | null {
  for (let a = 0; a < run.length; a++) {
    for (let b = run.length; b > a; b--) {
      const text = runText(translation, run.slice(a, b));
      if (nameKey(text) === key) return text;
    }
  }
  return null;
}

/** English forms of the names of one sentence (null where none is found), by the rules in the module comment. */
export function alignEnglish(names: readonly string[], translation: string): Array<string | null> {
  const runs = englishRuns(translation);
  const claimed = new Set<number>();
  const english: Array<string | null> = names.map((name) => {
    const at = verbatimAt(translation, name);
    if (at < 0) return null;
    for (const [j, run] of runs.entries()) if (run[0]!.start < at + name.length && at < run[run.length - 1]!.end) claimed.add(j);
    return name;
  });
  names.forEach((name, i) => {
    if (english[i] !== null) return;
    const key = nameKey(name);
    for (const [j, run] of runs.entries()) {
      const found = claimed.has(j) ? null : variantWithin(translation, run, key);
      if (found !== null) {
        claimed.add(j);
        english[i] = found;
        return;
      }
    }
  });
  names.forEach((name, i) => {
    if (english[i] !== null) return;
    const words = new Set(nameWords(name));
    let best = -1;
    let bestShared = 0;
    runs.forEach((run, j) => {
      if (claimed.has(j)) return;
      const shared = nameWords(runText(translation, run)).filter((w) => words.has(w)).length;
      if (shared > bestShared) [best, bestShared] = [j, shared];
    });
    if (best >= 0) {
      english[i] = runText(translation, runs[best]!);
      claimed.add(best);
    }
  });
  const unmatched = english.flatMap((form, i) => (form === null ? [i] : []));
  const free = runs.flatMap((run, j) => (!claimed.has(j) && run.length > 1 ? [runText(translation, run)] : []));
  if (unmatched.length > 0 && unmatched.length === free.length) unmatched.forEach((i, k) => (english[i] = free[k]!));
  return english;
}

/** Each mention with its English form in its own sentence's translation. */
export function alignMentions(mentions: readonly Mention[]): AlignedMention[] {
  const bySentence = new Map<string, Mention[]>();
  for (const mention of mentions) bySentence.set(mention.sentence.id, [...(bySentence.get(mention.sentence.id) ?? []), mention]);
  const english = new Map<Mention, string | null>();
  for (const group of bySentence.values()) {
    alignEnglish(group.map((m) => m.text), group[0]!.sentence.translation).forEach((form, i) => english.set(group[i]!, form));
  }
  return mentions.map((mention) => ({ ...mention, en: english.get(mention) ?? null }));
}
