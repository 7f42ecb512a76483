/**
 * Mixed-script repair: Greek or Cyrillic letters that stand, by OCR, copy-paste or a keyboard
 * slip, for the Latin letter they look like inside an otherwise Latin word ("Сosmodrome" with a
 * Cyrillic Es). Such words break tokenising, translation memory hits and search.
 *
 * A word (a maximal run of letters and combining marks) is repaired only when it is unambiguous:
 * - every letter is Latin or listed in `CONFUSABLES` (one non-Latin letter without a clear Latin
 *   twin, e.g. Greek `Π` or Cyrillic `Б`, leaves the whole word alone);
 * - it has at most `MIXED_MAX_FOREIGN` such letters, and at least `MIXED_MIN_LATIN_PER_FOREIGN`
 *   times as many Latin letters ("mostly Latin");
 * so a word wholly in Greek or Cyrillic is never touched, nor a mostly Cyrillic word with a stray
 * Latin letter.
 *
 * Mojibake is not repaired: the seeds have `Π‘osmodrome`, which is the two UTF-8 bytes of a
 * Cyrillic letter read as a Greek code page. Which letter depends on the code page (ISO 8859-7
 * gives `С`, Windows-1253 gives `Б`), and `Π` has no Latin look-alike, so it stays as it is.
 */

/** Greek and Cyrillic letters with a clear Latin look-alike, as data. */
export const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  ο: 'o',
};

/** At most this many look-alike letters in one word. */
export const MIXED_MAX_FOREIGN = 2;
/** At least this many Latin letters per look-alike letter. */
export const MIXED_MIN_LATIN_PER_FOREIGN = 2;

const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

export interface ScriptRepair {
  /** The word as it stood. */
  original: string;
  /** The word with its look-alike letters replaced by Latin ones. */
  repaired: string;
}

/** The Latin spelling of `word`, or null when the word is not an unambiguous mixed-script word. */
export function repairWord(word: string): string | null {
  let latin = 0;
  let foreign = 0;
  for (const ch of word) {
    if (!LETTER.test(ch)) continue; // combining marks
    if (LATIN.test(ch)) latin++;
    else if (ch in CONFUSABLES) foreign++;
    else return null;
  }
  if (foreign === 0 || foreign > MIXED_MAX_FOREIGN || latin < MIXED_MIN_LATIN_PER_FOREIGN * foreign) return null;
  return [...word].map((ch) => CONFUSABLES[ch] ?? ch).join('').normalize('NFC');
}

/** Repairs every mixed-script word of `line`; returns the new line and what was repaired. */
export function repairMixedScript(line: string): { text: string; repairs: ScriptRepair[] } {
  const repairs: ScriptRepair[] = [];
  const text = line.replace(WORD, (word) => {
    const repaired = repairWord(word);
    if (repaired === null) return word;
    repairs.push({ original: word, repaired });
    return repaired;
  });
  return { text, repairs };
}
