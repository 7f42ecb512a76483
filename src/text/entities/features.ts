/**
 * What the tagger sees of each token: the word, its shape and case, its place in the sentence,
 * its prefixes and suffixes, the words around it, its word classes and theirs, what other labelled
 * corpora say of it and of them, and the gazetteer lists covering it.
 */
import { ind } from 'stopword';
import { gazetteerMarks } from './gazetteer-index.ts';
import { activeWordClasses } from './word-classes.ts';

const STOPWORDS: ReadonlySet<string> = new Set(ind.map((word) => word.toLowerCase()));

/** `Jakarta` → `Xx`, `KPK` → `X`, `2024` → `d`, `Jong-un` → `Xx-x`: runs of one character class collapsed. */
export function wordShape(word: string): string {
  let shape = '';
  for (const char of word) {
    const cls = /\p{Lu}/u.test(char) ? 'X' : /\p{Ll}/u.test(char) ? 'x' : /\p{N}/u.test(char) ? 'd' : char;
    if (!shape.endsWith(cls)) shape += cls;
  }
  return shape;
}

const SENTENCE_OPENERS = new Set(['.', '!', '?', ':', '"', '“', '‘', "'", '(', '«', '„', '-', '–', '—']);

/** Whether words[i] opens a sentence or a quotation, where it is capitalised whatever it is. */
export function isSentenceInitial(words: readonly string[], i: number): boolean {
  return i === 0 || SENTENCE_OPENERS.has(words[i - 1]!);
}

function word(words: readonly string[], i: number): string {
  if (i < 0) return '<s>';
  if (i >= words.length) return '</s>';
  return words[i]!.toLowerCase();
}

function shapeAt(words: readonly string[], i: number): string {
  if (i < 0) return '<s>';
  if (i >= words.length) return '</s>';
  return wordShape(words[i]!);
}

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);

/** Per token, the maximal run of capitalised words (joined by lower-case `dan`, `of`, `de` too) it is in, if any. */
function capitalisedRuns(words: readonly string[]): Array<{ start: number; end: number } | undefined> {
  const out: Array<{ start: number; end: number } | undefined> = words.map(() => undefined);
  let i = 0;
  while (i < words.length) {
    if (!isCapitalised(words[i]!)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < words.length && (isCapitalised(words[end]!) || (JOINERS.has(words[end]!) && end + 1 < words.length && isCapitalised(words[end + 1]!)))) end++;
    const run = { start: i, end };
    for (let k = i; k < end; k++) out[k] = run;
    i = end;
  }
  return out;
}

const JOINERS = new Set(['dan', 'of', 'de', 'van', 'der', 'von', 'bin', 'binti', 'al', 'the', 'for', 'and']);

/**
 * The feature names of each token of a sentence. `common` holds words written in lower case often
 * enough in ordinary text: a capitalised one is more likely a sentence opener or a title word than
 * a name; `gazetteer` is the words' `gazetteerMarks`.
 */
export function sentenceFeatures(words: readonly string[], common: ReadonlySet<string>, gazetteer: readonly string[][] = gazetteerMarks(words)): string[][] {
  const runs = capitalisedRuns(words);
  const lowerInSentence = new Set(words.filter((w) => /^\p{Ll}/u.test(w)));
  const classes = activeWordClasses();
  return words.map((raw, i) => {
    const lower = raw.toLowerCase();
    const shape = wordShape(raw);
    const initial = isSentenceInitial(words, i);
    const features = [
      'bias',
      `w=${lower}`,
      `sh=${shape}`,
      `p1=${lower.slice(0, 1)}`,
      `p2=${lower.slice(0, 2)}`,
      `p3=${lower.slice(0, 3)}`,
      `s2=${lower.slice(-2)}`,
      `s3=${lower.slice(-3)}`,
      `s4=${lower.slice(-4)}`,
      `len=${Math.min(raw.length, 8)}`,
      `w-1=${word(words, i - 1)}`,
      `w+1=${word(words, i + 1)}`,
      `w-2=${word(words, i - 2)}`,
      `w+2=${word(words, i + 2)}`,
      `w-1w=${word(words, i - 1)}|${lower}`,
      `ww+1=${lower}|${word(words, i + 1)}`,
      `w-2w-1=${word(words, i - 2)}|${word(words, i - 1)}`,
      `w+1w+2=${word(words, i + 1)}|${word(words, i + 2)}`,
      `s1=${lower.slice(-1)}`,
      `p4=${lower.slice(0, 4)}`,
      `sh-1=${shapeAt(words, i - 1)}`,
      `sh+1=${shapeAt(words, i + 1)}`,
      `sh-1sh=${shapeAt(words, i - 1)}|${shape}`,
      `shsh+1=${shape}|${shapeAt(words, i + 1)}`,
    ];
    if (initial) features.push('initial', `initial|sh=${shape}`, `initial|w=${lower}`);
    if (isCapitalised(raw) && lowerInSentence.has(lower)) features.push('cap-also-lower');
    if (isCapitalised(raw)) features.push(`W=${raw}`, common.has(lower) ? (initial ? 'cap-common|initial' : 'cap-common') : 'cap-rare');
    const run = runs[i];
    if (run) {
      features.push(`run-first=${word(words, run.start)}`, `run-last=${word(words, run.end - 1)}`, `run-len=${Math.min(run.end - run.start, 5)}`, `run-pos=${i === run.start ? 'B' : 'I'}`);
      features.push(`run-before=${word(words, run.start - 1)}`, `run-after=${word(words, run.end)}`);
      features.push(`run-end=${Math.min(run.end - 1 - i, 3)}`, `run-len|pos=${Math.min(run.end - run.start, 5)}|${Math.min(i - run.start, 3)}`);
      if (run.end - run.start <= 5) features.push(`run=${words.slice(run.start, run.end).join(' ').toLowerCase()}`);
    }
    if (STOPWORDS.has(lower)) features.push(isCapitalised(raw) ? 'stop|cap' : 'stop');
    if (isCapitalised(raw) && i + 1 < words.length && isCapitalised(words[i + 1]!)) features.push('cap-next');
    if (isCapitalised(raw) && i > 0 && isCapitalised(words[i - 1]!) && !initial) features.push('cap-prev');
    if (classes) {
      const own = classes.features.get(lower);
      if (own) for (const name of own) features.push(name, `${name}|sh=${shape}`);
      else features.push('class=none');
      for (const name of classes.features.get(word(words, i - 1)) ?? []) if (!name.startsWith('case=')) features.push(`${name}-1`);
      for (const name of classes.features.get(word(words, i + 1)) ?? []) if (!name.startsWith('case=')) features.push(`${name}+1`);
      for (const name of classes.lexicon.get(lower) ?? []) features.push(name, `${name}|sh=${shape}`);
      for (const name of classes.lexicon.get(word(words, i - 1)) ?? []) features.push(`${name}-1`);
      for (const name of classes.lexicon.get(word(words, i + 1)) ?? []) features.push(`${name}+1`);
    }
    for (const mark of gazetteer[i]!) features.push(`gz=${mark}`, `gz=${mark}|sh=${shape}`);
    for (const mark of gazetteer[i - 1] ?? []) features.push(`gz-1=${mark}`);
    for (const mark of gazetteer[i + 1] ?? []) features.push(`gz+1=${mark}`);
    return features;
  });
}
