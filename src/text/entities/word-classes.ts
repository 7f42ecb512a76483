/**
 * Word classes learned from Indonesian text (`tools/ner/word-classes.ts`): per lower-case word, its
 * distributional class at a few granularities and how running text capitalises it; and, from a
 * labelled corpus, how it labels the word (inside which kind of name, and how often). The tagger
 * reads them as features, so what it learnt of a word seen in training reaches the words of its
 * class it never saw, and a name its training never showed can still be known. Like the
 * gazetteers, they are the tagger's knowledge of the language, not of one model: one file, read on
 * first use; a model records the hash of the file it was trained with.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WartaError } from '../../errors.ts';
import { sha256 } from '../../util/hash.ts';

export const WORD_CLASSES_FILE = fileURLToPath(new URL('./word-classes.json', import.meta.url));

export interface WordClassesFile {
  format: 1 | 2;
  /** How many classes each position of a word's entry chooses among. */
  granularities: number[];
  /** What text the classes were learned from. */
  source: string;
  /** Word → its classes (base 36, one per granularity) and its case bucket, space-separated. */
  words: Record<string, string>;
  /**
   * Word → how a named-entity corpus labels it (format 2): its most frequent entity type there, the
   * share of its occurrences inside a name of any type (`hi`, `mid`, `lo`, or `none` for a word seen
   * often and never in one), and whether it was seen more than once (`m`) or once (`1`).
   */
  names?: Record<string, string>;
  /** What labelled text `names` was read from. */
  lexiconSource?: string;
}

export interface WordClasses {
  /** Word → feature names (`c256=1k`, `case=upper`). */
  features: ReadonlyMap<string, readonly string[]>;
  /** Word → what a labelled corpus says of it, as feature names (`lex=PPL:hi:m`). */
  lexicon: ReadonlyMap<string, readonly string[]>;
  /** sha256 of the file's text. */
  hash: string;
}

export function wordClassesOf(file: WordClassesFile, hash: string): WordClasses {
  const features = new Map<string, string[]>();
  const count = file.granularities.length;
  for (const [word, entry] of Object.entries(file.words)) {
    const parts = entry.split(' ');
    const names = file.granularities.map((k, i) => `c${k}=${parts[i]}`);
    if (parts[count]) names.push(`case=${parts[count]}`);
    features.set(word, names);
  }
  const lexicon = new Map(Object.entries(file.names ?? {}).map(([word, entry]) => [word, [`lex=${entry}`]]));
  return { features, lexicon, hash };
}

const REBUILD_HINT = 'rebuild it with `npm run build:word-classes -- --indonlu <checkout of github.com/IndoNLP/indonlu>`';

export function readWordClassesFile(file: string): WordClasses {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new WartaError('MODEL_MISSING', `The entity tagger's word classes ${file} cannot be read.`, { cause, file, hint: REBUILD_HINT });
  }
  try {
    const parsed = JSON.parse(text) as WordClassesFile;
    if ((parsed.format !== 1 && parsed.format !== 2) || !Array.isArray(parsed.granularities) || typeof parsed.words !== 'object' || parsed.words === null) throw new Error(`format ${String(parsed.format)}`);
    return wordClassesOf(parsed, sha256(text));
  } catch (cause) {
    throw new WartaError('MODEL_CORRUPT', `The entity tagger's word classes ${file} are not a file this code reads.`, { cause, file, hint: REBUILD_HINT });
  }
}

/** undefined: not read yet; null: none (a measurement without them). */
let active: WordClasses | null | undefined;

/** The word classes the features read: the committed file unless `useWordClasses` chose others. */
export function activeWordClasses(): WordClasses | null {
  if (active === undefined) active = readWordClassesFile(WORD_CLASSES_FILE);
  return active;
}

/** For the training tools: tag with other word classes, or none (null), from now on in this process. */
export function useWordClasses(classes: WordClasses | null): void {
  active = classes;
}
