/**
 * Whether a lower-case word is an Indonesian dictionary word: in the root-word dictionary of the
 * Sastrawi stemmer, or an affixed form of one of its roots. A name rarely is one, so a capitalised
 * dictionary word is likelier a title word or a sentence opener, and a lower-case one does not end a name.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** What is used of sastrawijs's stemmer (its type declarations leave out the dictionary lookup). */
interface Stemmer {
  stem(word: string): string;
  find(word: string): boolean;
}
let stemmer: Stemmer | null = null;
const known = new Map<string, boolean>();

export function isDictionaryWord(lower: string): boolean {
  let found = known.get(lower);
  if (found === undefined) {
    // Loaded on first use: sastrawijs takes a moment to build its dictionary.
    stemmer ??= new (require('sastrawijs') as { Stemmer: new () => Stemmer }).Stemmer();
    found = /^[a-z]{3,}$/.test(lower) && (stemmer.find(lower) === true || stemmer.find(stemmer.stem(lower)) === true);
    if (known.size < 100_000) known.set(lower, found);
  }
  return found;
}
