import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { WartaError } from '../../errors.ts';
import { hashValue } from '../../util/hash.ts';
import { normalizeForTranslation } from './normalize.ts';

/** One glossary line: an Indonesian term and the English form the translation must use. */
export interface GlossaryEntry {
  source: string;
  target: string;
  /** Match the source term's letter case exactly (the `case` column). */
  caseSensitive: boolean;
  /** Where it was written, for messages. */
  line: number;
}

/** The entries that apply to one sentence, as the JSON records them. */
export interface AppliedTerm {
  source: string;
  target: string;
}

export interface Glossary {
  readonly file: string;
  readonly entries: readonly GlossaryEntry[];
  /** sha256 of the entries: a changed glossary re-runs the translate stage (the memory answers every sentence it does not touch). */
  readonly hash: string;
}

const HINT = 'Each line is `Indonesian term<TAB>English term`, optionally a third column `case`; `#` starts a comment; terms kept as they are go after a line `protect:`. See docs/glossary.md.';

/** Reads a glossary file: `.tsv` (or any other name), `.csv`, or `.yaml`/`.yml` (a map). A bad line is a config error naming the file and line. */
export function loadGlossary(file: string): Glossary {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (cause) {
    throw new WartaError('CONFIG_INVALID', `Glossary file ${file} cannot be read: ${(cause as Error).message}`, { cause, file, hint: 'Check `translate.glossary` (or --glossary) names an existing file.' });
  }
  const extension = path.extname(file).toLowerCase();
  const entries = extension === '.yaml' || extension === '.yml' ? parseYamlGlossary(text, file) : parseDelimitedGlossary(text, file, extension === '.csv' ? splitCsvLine : (line) => line.split('\t'));
  refuseDuplicates(entries, file);
  return { file, entries, hash: hashValue(entries.map(({ source, target, caseSensitive }) => [source, target, caseSensitive])) };
}

function glossaryError(file: string, line: number, problem: string, cause?: unknown): WartaError {
  return new WartaError('CONFIG_INVALID', `${file}:${line}: ${problem}`, { file, hint: HINT, cause });
}

function parseDelimitedGlossary(text: string, file: string, split: (line: string) => string[]): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  let protecting = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    if (raw.trim().toLowerCase() === 'protect:') {
      protecting = true;
      return;
    }
    let columns: string[];
    try {
      columns = split(raw).map((column) => column.trim());
    } catch (cause) {
      throw glossaryError(file, line, (cause as Error).message, cause);
    }
    if (protecting) {
      const [term = '', flag] = columns;
      entries.push(makeEntry(file, line, term, term, flag, columns.length > 2));
      return;
    }
    if (columns.length < 2) throw glossaryError(file, line, `expected \`Indonesian term${split === splitCsvLine ? ',' : '<TAB>'}English term\`, got ${JSON.stringify(raw.trim())} (one column)`);
    const [source = '', target = '', flag] = columns;
    entries.push(makeEntry(file, line, source, target, flag, columns.length > 3));
  });
  return entries;
}

function makeEntry(file: string, line: number, source: string, target: string, flag: string | undefined, tooManyColumns: boolean): GlossaryEntry {
  if (tooManyColumns) throw glossaryError(file, line, 'too many columns (at most: Indonesian term, English term, `case`)');
  if (flag !== undefined && flag !== '' && flag.toLowerCase() !== 'case') throw glossaryError(file, line, `the third column may only be \`case\`, got ${JSON.stringify(flag)}`);
  const normalizedSource = normalizeForTranslation(source);
  const normalizedTarget = normalizeForTranslation(target);
  if (normalizedSource === '') throw glossaryError(file, line, 'the Indonesian term is empty');
  if (normalizedTarget === '') throw glossaryError(file, line, `the English term of "${normalizedSource}" is empty`);
  if (!/[\p{L}\p{N}]/u.test(normalizedSource)) throw glossaryError(file, line, `the Indonesian term "${normalizedSource}" has no letter or digit to match`);
  return { source: normalizedSource, target: normalizedTarget, caseSensitive: flag !== undefined && flag !== '', line };
}

/** A CSV line (RFC 4180 quoting: `"a, b"`, `""` for a quote); a field never spans lines. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) throw new Error('a quoted field is not closed');
  fields.push(field);
  return fields;
}

/** YAML: a map of `Indonesian term: English term` (or `{ target: …, case: true }`), and `protect:` a list of terms kept as they are. */
function parseYamlGlossary(text: string, file: string): GlossaryEntry[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  if (document.errors.length > 0) throw glossaryError(file, lines.linePos(document.errors[0]!.pos[0]).line, `not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`);
  if (document.contents === null) return [];
  if (!isMap(document.contents)) throw glossaryError(file, lineOf(document.contents), 'expected a map of `Indonesian term: English term`');
  const entries: GlossaryEntry[] = [];
  for (const pair of document.contents.items) {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    const line = lineOf(key);
    if (!isScalar(key)) throw glossaryError(file, line, 'a term must be text');
    const source = String(key.value);
    if (source === 'protect' && isSeq(value)) {
      for (const item of value.items) {
        if (!isScalar(item)) throw glossaryError(file, lineOf(item as Node), 'a protected term must be text');
        entries.push(makeEntry(file, lineOf(item as Node), String(item.value), String(item.value), undefined, false));
      }
      continue;
    }
    if (isScalar(value) && value.value !== null) entries.push(makeEntry(file, line, source, String(value.value), undefined, false));
    else if (isMap(value)) entries.push(yamlEntry(file, line, source, value.toJSON() as Record<string, unknown>));
    else throw glossaryError(file, line, `the English term of "${source}" is missing (expected \`${source}: English term\`)`);
  }
  return entries;
}

function yamlEntry(file: string, line: number, source: string, value: Record<string, unknown>): GlossaryEntry {
  const unknown = Object.keys(value).filter((key) => key !== 'target' && key !== 'case');
  if (unknown.length > 0) throw glossaryError(file, line, `unknown key \`${unknown[0]}\` (a term's map has \`target\` and \`case\`)`);
  if (typeof value.target !== 'string') throw glossaryError(file, line, `\`target\` of "${source}" must be text`);
  if (value.case !== undefined && typeof value.case !== 'boolean') throw glossaryError(file, line, `\`case\` of "${source}" must be true or false`);
  return makeEntry(file, line, source, value.target, value.case === true ? 'case' : undefined, false);
}

function refuseDuplicates(entries: readonly GlossaryEntry[], file: string): void {
  const seen = new Map<string, GlossaryEntry>();
  for (const entry of entries) {
    const key = entry.caseSensitive ? `=${entry.source}` : `~${entry.source.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier) throw glossaryError(file, entry.line, `"${entry.source}" is already in the glossary at line ${earlier.line}`);
    seen.set(key, entry);
  }
}

interface Match {
  start: number;
  end: number;
  entry: GlossaryEntry;
}

/**
 * Finds glossary terms in normalised sentences: whole words only, case-insensitive unless the
 * entry says `case`; where terms overlap the longest wins, then the earliest. Entries are indexed by
 * their first word, so a sentence costs a look-up per word, not a scan of the glossary.
 */
export class GlossaryMatcher {
  private readonly byFirstWord = new Map<string, GlossaryEntry[]>();

  constructor(entries: readonly GlossaryEntry[]) {
    for (const entry of entries) {
      const first = firstWord(entry.source);
      const list = this.byFirstWord.get(first) ?? [];
      list.push(entry);
      this.byFirstWord.set(first, list);
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.source.length - a.source.length);
  }

  /** The entries found in `sentence`, in sentence order, each once. */
  match(sentence: string): GlossaryEntry[] {
    if (this.byFirstWord.size === 0) return [];
    const found: Match[] = [];
    for (const word of sentence.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (word.index > 0 && isWordChar(sentence[word.index - 1]!)) continue;
      for (const entry of this.byFirstWord.get(word[0].toLowerCase()) ?? []) {
        const end = word.index + entry.source.length;
        const text = sentence.slice(word.index, end);
        const same = entry.caseSensitive ? text === entry.source : text.toLowerCase() === entry.source.toLowerCase();
        if (same && (end === sentence.length || !isWordChar(sentence[end]!))) found.push({ start: word.index, end, entry });
      }
    }
    return chooseLongest(found);
  }
}

function chooseLongest(found: Match[]): GlossaryEntry[] {
  const kept: Match[] = [];
  for (const match of [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (kept.every((other) => match.end <= other.start || match.start >= other.end)) kept.push(match);
  }
  const entries: GlossaryEntry[] = [];
  for (const match of kept.sort((a, b) => a.start - b.start)) if (!entries.includes(match.entry)) entries.push(match.entry);
  return entries;
}

function firstWord(term: string): string {
  return (term.match(/[\p{L}\p{N}]+/u)?.[0] ?? term).toLowerCase();
}

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char);
}
