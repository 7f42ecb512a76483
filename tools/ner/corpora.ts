/**
 * Labelled corpora in other repositories that the entity tools read from checkouts of them.
 *
 *   npx tsx tools/ner/corpora.ts <idner-news|nerp> <checkout> [--split NAME]…
 *
 * prints the splits (by default those trained on) as names records, one JSON line each, in the
 * format of `npm run eval:names`: `… idner-news DIR --split test > idner-test.jsonl` gives a news
 * test set no model here is trained on.
 *
 * A checkout is a working tree or a bare git directory (as `fetch` leaves one), read at HEAD.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EntitySpan, EntityType } from '../../src/text/entities/index.ts';
import type { NamesRecord } from '../eval/names.ts';

/** Reading the files of a checkout, by paths inside it. */
export interface Checkout {
  list(dir: string): string[];
  read(file: string): string;
}

function isGitDirectory(root: string): boolean {
  try {
    execFileSync('git', ['--git-dir', root, 'rev-parse', '--verify', 'HEAD'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The checkout at `root`: a working tree when `marker` (a file or folder it must hold) is there, else a bare git directory read at HEAD; `null` when it is neither. */
export function openCheckout(root: string, marker: string): Checkout | null {
  if (existsSync(path.join(root, marker))) {
    return {
      list: (dir) => (existsSync(path.join(root, dir)) ? readdirSync(path.join(root, dir)).sort() : []),
      read: (file) => readFileSync(path.join(root, file), 'utf8'),
    };
  }
  if (!isGitDirectory(root)) return null;
  return {
    list: (dir) => {
      try {
        return execFileSync('git', ['--git-dir', root, 'ls-tree', '--name-only', `HEAD:${dir === '.' ? '' : dir}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
    read: (file) => execFileSync('git', ['--git-dir', root, 'show', `HEAD:${file}`], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }),
  };
}

/** Tokens written without a space before them (`, . ; : ! ? %` and closing brackets) or after them (opening brackets). */
const CLOSING = /^[,.;:!?%)\]}]$/u;
const OPENING = /^[([{]$/u;
const QUOTE = /^["“”]$/u;

/** Words joined as running text, with each word's offsets: no space before closing punctuation, after opening brackets, or inside a pair of straight quotes. */
export function detokenize(words: readonly string[]): { text: string; offsets: Array<{ start: number; end: number }> } {
  let text = '';
  let quoteOpen = false;
  let glueNext = true;
  const offsets = words.map((word) => {
    const quote = QUOTE.test(word);
    const closingQuote = quote && quoteOpen;
    if (!glueNext && !CLOSING.test(word) && !closingQuote) text += ' ';
    const start = text.length;
    text += word;
    glueNext = OPENING.test(word) || (quote && !quoteOpen);
    if (quote) quoteOpen = !quoteOpen;
    return { start, end: text.length };
  });
  return { text, offsets };
}

/**
 * Token-per-line IOB files (the word first, the label last on each line, a blank line between
 * sentences) as names records with character spans in the detokenized text, typed by `types` (a
 * label type not in it, such as events, is no name of ours). An `I-` label that does not continue
 * a name of its type opens one, as IOB1 does.
 */
export function iobRecords(content: string, idPrefix: string, types: Readonly<Record<string, EntityType>>): NamesRecord[] {
  const blocks = content.replace(/\r/g, '').split(/\n[ \t]*\n/);
  const records: NamesRecord[] = [];
  for (const block of blocks) {
    const rows = block.split('\n').map((line) => line.trim().split(/\s+/)).filter((row) => row[0] !== '');
    if (rows.length === 0) continue;
    const { text, offsets } = detokenize(rows.map((row) => row[0]!));
    const entities: EntitySpan[] = [];
    let open: EntitySpan | null = null;
    rows.forEach((row, i) => {
      const match = /^([BI])-(.+)$/.exec(row.length > 1 ? row[row.length - 1]! : 'O');
      const type = match ? types[match[2]!] : undefined;
      if (type && match![1] === 'I' && open?.type === type) return void (open.end = offsets[i]!.end);
      if (open) entities.push(open);
      open = type ? { start: offsets[i]!.start, end: offsets[i]!.end, type } : null;
    });
    if (open) entities.push(open);
    records.push({ id: `${idPrefix}${records.length + 1}`, text, entities });
  }
  return records;
}

/** A labelled corpus in another repository: where its splits are in a checkout, which are trained on, and what its labels are of ours. */
export interface CorpusSource {
  /** Its name in the model file's `trainedOn` and in messages. */
  name: string;
  /** Its features' own copies in training (`withDomain`). */
  domain: string;
  repository: string;
  /** A file or folder a working tree of it holds. */
  marker: string;
  /** Whether its text keeps the writer's capitals (NERP's is lower-cased). */
  cased: boolean;
  /** Split → file in the checkout. */
  splits: Readonly<Record<string, string>>;
  /** The splits trained on; the others (a test split) are never read in training. */
  training: readonly string[];
  labels: Readonly<Record<string, EntityType>>;
}

/**
 * IDNer News 2K (Khairunnisa, Imankulova and Komachi, 2020; MIT licence): about 2,300 cased
 * Indonesian news sentences with people, places and organisations marked by hand (`word POS label`).
 */
export const IDNER_NEWS: CorpusSource = {
  name: 'IDNer News 2K',
  domain: 'idner-news',
  repository: 'https://github.com/khairunnisaor/idner-news-2k',
  marker: 'train.txt',
  cased: true,
  splits: { train: 'train.txt', dev: 'dev.txt', test: 'test.txt' },
  training: ['train', 'dev'],
  labels: { PER: 'PERSON', LOC: 'PLACE', ORG: 'ORGANISATION' },
};

/**
 * NERP, Prosa's task in IndoNLU (Apache-2.0): 7,560 lower-cased news sentences with people,
 * places, institutions and brands (ours: organisations), events and food (not ours) marked.
 * Its test split is never read.
 */
export const NERP: CorpusSource = {
  name: 'NERP (IndoNLU)',
  domain: 'nerp',
  repository: 'https://github.com/IndoNLP/indonlu',
  marker: 'dataset',
  cased: false,
  splits: { train: 'dataset/nerp_ner-prosa/train_preprocess.txt', valid: 'dataset/nerp_ner-prosa/valid_preprocess.txt' },
  training: ['train', 'valid'],
  labels: { PPL: 'PERSON', PLC: 'PLACE', IND: 'ORGANISATION' },
};

export const CORPORA: Readonly<Record<string, CorpusSource>> = { 'idner-news': IDNER_NEWS, nerp: NERP };

/** The corpus's sentences of the splits, from a checkout of it; `null` when `root` holds none of them. */
export function readCorpus(source: CorpusSource, root: string, splits: readonly string[] = source.training): NamesRecord[] | null {
  const checkout = openCheckout(root, source.marker);
  if (!checkout) return null;
  const records: NamesRecord[] = [];
  for (const split of splits) {
    const file = source.splits[split]!;
    let content: string;
    try {
      content = checkout.read(file);
    } catch {
      return null;
    }
    records.push(...iobRecords(content, `${source.domain}-${split}-`, source.labels));
  }
  return records;
}

/** Why `root` gives no sentences of the corpus, and what to give instead. */
export const corpusMissing = (source: CorpusSource, root: string) =>
  `${root} holds no ${source.name} splits (${Object.values(source.splits).join(', ')}): give a checkout of it, \`git clone ${source.repository}\``;

function main(argv: string[]): void {
  const [corpus, root, ...rest] = argv;
  const source = corpus !== undefined && Object.hasOwn(CORPORA, corpus) ? CORPORA[corpus] : undefined;
  if (!source || !root) {
    process.stderr.write(`usage: npx tsx tools/ner/corpora.ts <${Object.keys(CORPORA).join('|')}> <checkout> [--split NAME]…\n`);
    process.exit(2);
  }
  const splits: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const split = rest[i] === '--split' ? rest[++i] : undefined;
    if (!split || !Object.hasOwn(source.splits, split)) {
      process.stderr.write(`unexpected ${rest[i] ?? '--split without a value'}: ${source.name}'s splits are ${Object.keys(source.splits).join(', ')}\n`);
      process.exit(2);
    }
    splits.push(split);
  }
  const records = readCorpus(source, root, splits.length ? splits : source.training);
  if (!records) {
    process.stderr.write(`${corpusMissing(source, root)}\n`);
    process.exit(2);
  }
  process.stdout.write(records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
