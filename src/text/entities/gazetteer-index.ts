/**
 * The gazetteers as a lookup over token sequences: for each token, which lists a phrase covering
 * it belongs to, and whether the token opens that phrase. The tagger reads these as features.
 */
import {
  COUNTRIES_AND_CAPITALS,
  INDONESIAN_PLACES,
  LEGAL_FORMS,
  ORGANISATION_HEADS,
  ORGANISATIONS,
  PERSON_NAME_PARTS,
  PLACE_HEADS,
  PROVINCES,
  ROLE_WORDS,
} from '../gazetteers.ts';
import { tokenize } from './tokens.ts';

export type GazetteerList = 'place' | 'org' | 'orghead' | 'placehead' | 'legal' | 'role' | 'person';

interface ListSpec {
  list: GazetteerList;
  phrases: readonly string[];
  /** Role words are matched in any case (`juru bicara`); names in the case they are written. */
  anyCase: boolean;
}

const LISTS: readonly ListSpec[] = [
  { list: 'place', phrases: [...PROVINCES, ...INDONESIAN_PLACES, ...COUNTRIES_AND_CAPITALS], anyCase: false },
  { list: 'org', phrases: ORGANISATIONS, anyCase: false },
  { list: 'orghead', phrases: ORGANISATION_HEADS, anyCase: false },
  { list: 'placehead', phrases: PLACE_HEADS, anyCase: false },
  { list: 'legal', phrases: LEGAL_FORMS, anyCase: false },
  { list: 'role', phrases: ROLE_WORDS, anyCase: true },
  { list: 'person', phrases: PERSON_NAME_PARTS, anyCase: false },
];

interface Index {
  /** Phrase key (tokens joined by a space) → lists; keys of any-case lists are lower-cased. */
  exact: Map<string, Set<GazetteerList>>;
  anyCase: Map<string, Set<GazetteerList>>;
  longest: number;
}

let index: Index | undefined;

function buildIndex(): Index {
  const built: Index = { exact: new Map(), anyCase: new Map(), longest: 1 };
  for (const { list, phrases, anyCase } of LISTS) {
    for (const phrase of phrases) {
      const words = tokenize(phrase).map((t) => t.text);
      built.longest = Math.max(built.longest, words.length);
      const key = anyCase ? words.join(' ').toLowerCase() : words.join(' ');
      const map = anyCase ? built.anyCase : built.exact;
      const lists = map.get(key) ?? new Set<GazetteerList>();
      lists.add(list);
      map.set(key, lists);
    }
  }
  return built;
}

/** Per token, the features `<list>:B` (opens a listed phrase) or `<list>:I` (inside one), longest match per list. */
export function gazetteerMarks(words: readonly string[]): string[][] {
  index ??= buildIndex();
  const marks: string[][] = words.map(() => []);
  const covered = new Map<GazetteerList, number>();
  for (let start = 0; start < words.length; start++) {
    for (let length = Math.min(index.longest, words.length - start); length >= 1; length--) {
      const phrase = words.slice(start, start + length).join(' ');
      const lists = [...(index.exact.get(phrase) ?? []), ...(index.anyCase.get(phrase.toLowerCase()) ?? [])];
      for (const list of lists) {
        if ((covered.get(list) ?? 0) > start) continue;
        covered.set(list, start + length);
        marks[start]!.push(`${list}:B`);
        for (let i = start + 1; i < start + length; i++) marks[i]!.push(`${list}:I`);
      }
    }
  }
  return marks;
}

/** Whether the words are a role phrase of `ROLE_WORDS` (any case): what the entities stage looks for before a person. */
export function isRolePhrase(words: readonly string[]): boolean {
  index ??= buildIndex();
  return index.anyCase.get(words.join(' ').toLowerCase())?.has('role') ?? false;
}
