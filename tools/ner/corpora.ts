/**
 * Labelled and unlabelled corpora the entity tools read from other repositories' checkouts.
 *
 *   npx tsx tools/ner/corpora.ts idner-news <checkout of github.com/khairunnisaor/idner-news-2k> [--split train|dev|test]…
 *
 * prints the splits (by default train and dev) as names records, one JSON line each, in the format
 * of `npm run eval:names`: `… --split test > idner-test.jsonl` gives a news test set.
 *
 * A checkout is a working tree or a bare git directory (as `fetch` leaves one), read at HEAD.
 * IDNer News 2K (Khairunnisa, Imankulova and Komachi, 2020; MIT licence): about 2,300 cased
 * Indonesian news sentences with people, places and organisations marked by hand, one token per
 * line (`word POS label`, IOB labels).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EntitySpan, EntityType } from '../../src/text/entities/index.ts';
import type { NamesRecord } from '../eval/names.ts';

/** Reading files of a checkout: `null` when `root` is neither a working tree with `marker` nor a git directory. */
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

/** The checkout at `root`: a working tree when `marker` (a file or folder it must hold) is there, else a bare git directory read at HEAD. */
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

/** IOB label types of other corpora as ours; a type not here (events, food, …) is no name of ours. */
const TYPE_OF_LABEL: Record<string, EntityType> = { PER: 'PERSON', PERSON: 'PERSON', PPL: 'PERSON', LOC: 'PLACE', PLACE: 'PLACE', PLC: 'PLACE', GPE: 'PLACE', ORG: 'ORGANISATION', ORGANISATION: 'ORGANISATION', ORGANIZATION: 'ORGANISATION' };

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
 * sentences) as names records with character spans in the detokenized text. An `I-` label that
 * does not continue a name of its type opens one, as IOB1 does.
 */
export function iobRecords(content: string, idPrefix: string): NamesRecord[] {
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
      const type = match ? TYPE_OF_LABEL[match[2]!.toUpperCase()] : undefined;
      if (type && match![1] === 'I' && open?.type === type) return void (open.end = offsets[i]!.end);
      if (open) entities.push(open);
      open = type ? { start: offsets[i]!.start, end: offsets[i]!.end, type } : null;
    });
    if (open) entities.push(open);
    records.push({ id: `${idPrefix}${records.length + 1}`, text, entities });
  }
  return records;
}

export const IDNER_NEWS_SPLITS = ['train', 'dev', 'test'] as const;
export type IdnerNewsSplit = (typeof IDNER_NEWS_SPLITS)[number];
/** The splits the tagger trains on; `test` is kept for measuring on news. */
export const IDNER_NEWS_TRAINING_SPLITS: readonly IdnerNewsSplit[] = ['train', 'dev'];

/** The domain name of IDNer News 2K's sentences when they are trained on beside the target's (`OtherCorpus`). */
export const IDNER_NEWS_DOMAIN = 'idner-news';

/** IDNer News 2K's sentences of the splits, from a checkout of it; `null` when `root` holds none. */
export function readIdnerNews(root: string, splits: readonly IdnerNewsSplit[] = IDNER_NEWS_TRAINING_SPLITS): NamesRecord[] | null {
  const checkout = openCheckout(root, 'train.txt');
  if (!checkout || !checkout.list('.').includes('train.txt')) return null;
  return splits.flatMap((split) => iobRecords(checkout.read(`${split}.txt`), `idner-news-${split}-`));
}

/** Why `root` gives no IDNer News 2K sentences, and what to give instead. */
export const idnerNewsMissing = (root: string) => `${root} holds no IDNer News 2K splits (train.txt, dev.txt, test.txt): give a checkout of it, \`git clone https://github.com/khairunnisaor/idner-news-2k\``;

function main(argv: string[]): void {
  const [corpus, root, ...rest] = argv;
  const splits: IdnerNewsSplit[] = [];
  for (let i = 0; i < rest.length; i++) {
    const split = rest[i] === '--split' ? rest[++i] : undefined;
    if (!split || !(IDNER_NEWS_SPLITS as readonly string[]).includes(split)) {
      process.stderr.write(`unexpected ${rest[i] ?? '--split without a value'}: give --split ${IDNER_NEWS_SPLITS.join('|')}\n`);
      process.exit(2);
    }
    splits.push(split as IdnerNewsSplit);
  }
  if (corpus !== 'idner-news' || !root) {
    process.stderr.write('usage: npx tsx tools/ner/corpora.ts idner-news <checkout of github.com/khairunnisaor/idner-news-2k> [--split train|dev|test]…\n');
    process.exit(2);
  }
  const records = readIdnerNews(root, splits.length ? splits : IDNER_NEWS_TRAINING_SPLITS);
  if (!records) {
    process.stderr.write(`${idnerNewsMissing(root)}\n`);
    process.exit(2);
  }
  process.stdout.write(records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
