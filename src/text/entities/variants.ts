/**
 * When two written names are the same name: hyphenation and case (`Kim Jong Un` / `Kim Jong-un`),
 * transliteration (`Sergei` / `Sergey`, `Soeharto` / `Suharto`), a dropped middle initial
 * (`Sergei E Naryshkin` / `Sergei Naryshkin`), and a surname alone after the full name.
 */

/** One word folded to the form its spelling variants share. */
function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/oe/g, 'u')
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/ph/g, 'f')
    .replace(/kh/g, 'h')
    .replace(/([aeiou])y$/g, '$1i')
    .replace(/(.)\1+/g, '$1');
}

/** The words of a name as its variants share them: folded, hyphens and apostrophes as spaces, initials dropped. */
export function nameWords(name: string): string[] {
  const words = name.split(/[\s\-'’.]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const folded = words.map(foldWord);
  const withoutInitials = folded.filter((w, i) => !(w.length === 1 && /\p{Lu}/u.test(words[i]!)));
  return withoutInitials.length > 0 ? withoutInitials : folded;
}

export function nameKey(name: string): string {
  return nameWords(name).join(' ');
}

export interface NameGroupInput<Type extends string> {
  text: string;
  type: Type;
}

/**
 * Groups names, in order of appearance, into the same entity: an equal key joins its group; a
 * one-word PERSON name equal to the last word of exactly one earlier multi-word PERSON joins
 * that person (else, to exactly one containing the word). Returns the group index of each name.
 */
export function groupNames<Type extends string>(names: readonly NameGroupInput<Type>[]): number[] {
  const groupOfKey = new Map<string, number>();
  const people: Array<{ group: number; words: string[] }> = [];
  let groups = 0;
  return names.map(({ text, type }) => {
    const words = nameWords(text);
    const key = words.join(' ');
    const known = groupOfKey.get(key);
    if (known !== undefined) return known;
    let group: number | undefined;
    if (type === 'PERSON' && words.length === 1) {
      const word = words[0]!;
      const bySurname = unique(people.filter((p) => p.words.length > 1 && p.words[p.words.length - 1] === word).map((p) => p.group));
      const byAnyWord = unique(people.filter((p) => p.words.length > 1 && p.words.includes(word)).map((p) => p.group));
      group = bySurname.length === 1 ? bySurname[0] : byAnyWord.length === 1 ? byAnyWord[0] : undefined;
    }
    group ??= groups++;
    groupOfKey.set(key, group);
    if (type === 'PERSON') people.push({ group, words });
    return group;
  });
}

function unique(values: number[]): number[] {
  return [...new Set(values)];
}

/** Whether `text` contains the name's words in order as whole words, compared as variants. */
export function containsName(text: string, name: string): boolean {
  const haystack = ` ${nameWords(text).join(' ')} `;
  const needle = nameKey(name);
  return needle !== '' && haystack.includes(` ${needle} `);
}
