/**
 * The names of each sentence as the tagger finds them, with the role words before a person.
 * Role words the tagger left at the start of a person's span are moved to the role; a span of
 * role words alone (`Pak Menteri`) is no name.
 */
import { ROLE_WORDS } from '../../text/gazetteers.ts';
import { isRolePhrase } from '../../text/entities/gazetteer-index.ts';
import type { EntitySpan } from '../../text/entities/index.ts';
import { tokenize, type Token } from '../../text/entities/tokens.ts';
import type { EntityType, TranslatedSentence } from '../../types.ts';

export interface Mention {
  sentence: TranslatedSentence;
  /** Offsets into the sentence's text. */
  start: number;
  end: number;
  type: EntityType;
  text: string;
  role: string | null;
}

/** Lower-cased words that occur in some role phrase (`juru`, `bicara`, `agung`). */
const ROLE_PARTS: ReadonlySet<string> = new Set(ROLE_WORDS.flatMap((phrase) => phrase.toLowerCase().split(/\s+/)));
const LONGEST_ROLE = Math.max(...ROLE_WORDS.map((phrase) => phrase.split(/\s+/).length));
/** How far before a name its role may start. */
const ROLE_REACH = 6;

const isWord = (token: Token) => /^[\p{L}\p{N}]/u.test(token.text);
const isCapitalised = (token: Token) => /^\p{Lu}/u.test(token.text);

/** Length of the role phrase starting at `tokens[at]`, longest first; 0 when none. */
function roleAt(tokens: readonly Token[], at: number, limit: number): number {
  for (let length = Math.min(LONGEST_ROLE, limit - at); length >= 1; length--) {
    if (isRolePhrase(tokens.slice(at, at + length).map((t) => t.text))) return length;
  }
  return 0;
}

/** Start of the role before tokens[nameStart]: the earliest role phrase in the run of capitalised or role words just before it. */
function roleStart(tokens: readonly Token[], nameStart: number): number | null {
  let earliest = nameStart;
  while (earliest > 0 && nameStart - earliest < ROLE_REACH) {
    const token = tokens[earliest - 1]!;
    if (!isWord(token) || !(isCapitalised(token) || ROLE_PARTS.has(token.text.toLowerCase()))) break;
    earliest--;
  }
  for (let at = earliest; at < nameStart; at++) if (roleAt(tokens, at, nameStart) > 0) return at;
  return null;
}

/** A person's span split into its leading role words and the name; null when it is role words alone. */
function personWithRole(text: string, span: EntitySpan): { start: number; role: string | null } | null {
  const tokens = tokenize(text);
  const inside = tokens.filter((t) => t.start >= span.start && t.end <= span.end);
  let first = 0;
  for (let length = roleAt(inside, 0, inside.length); length > 0; length = roleAt(inside, first, inside.length)) first += length;
  if (first >= inside.length) return null;
  const nameStart = tokens.indexOf(inside[first]!);
  const start = roleStart(tokens, tokens.indexOf(inside[0]!));
  const roleFrom = start === null ? (first > 0 ? inside[0]!.start : null) : tokens[start]!.start;
  return { start: inside[first]!.start, role: roleFrom === null ? null : text.slice(roleFrom, tokens[nameStart - 1]!.end) };
}

/** The mentions in the sentences the tagger reads: Indonesian paragraphs (titles and headings capitalise every word). */
export function findMentions(sentences: readonly TranslatedSentence[], recognize: (text: string) => EntitySpan[]): Mention[] {
  const mentions: Mention[] = [];
  for (const sentence of sentences) {
    if (sentence.kind !== 'paragraph' || sentence.language === 'en') continue;
    for (const span of recognize(sentence.text)) {
      let start = span.start;
      let role: string | null = null;
      if (span.type === 'PERSON') {
        const split = personWithRole(sentence.text, span);
        if (split === null) continue;
        ({ start, role } = split);
      }
      mentions.push({ sentence, start, end: span.end, type: span.type, text: sentence.text.slice(start, span.end), role });
    }
  }
  return mentions;
}
