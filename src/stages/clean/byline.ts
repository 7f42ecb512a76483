/**
 * Bylines: the lines that name the writer, in the shapes Indonesian pages print them. Labelled
 * ("Penulis: A | Editor: B", "Rep: A/ Red: B", "Pewarta : A", "Laporan Wartawan Outlet, A",
 * "Oleh: A, B, & C"), or unlabelled around an outlet, a section or a date ("A - detikNews",
 * "Market - A, CNBC Indonesia", "A | CNN Indonesia", "A , Jurnalis-Jum'at, 15 Maret 2024",
 * "A - 23 Sep 2024 19:40 WIB"), or a bare name under the headline.
 */

import { findDate, isOutlet } from './metadata.ts';
import {
  AUTHOR_LABEL,
  AUTHOR_LABEL_ONLY,
  EDITOR_LABEL,
  EDITOR_LABEL_ONLY,
  isDeskWord,
  isFunctionWord,
  isLinkWord,
  isNotNameWord,
  wordsOf,
} from './vocabulary.ts';

export interface Byline {
  /** The writer, when the line names a person (not a desk or a channel). */
  author?: string;
  outlet?: string;
  published?: string;
  /** The line names an author label and nothing else: the name is on the next line. */
  labelOnly?: 'author' | 'editor';
}

const NAME_PARTICLES = new Set(['bin', 'binti', 'van', 'de', 'da', 'al', 'el', 'dan']);
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.|[\p{Ll}]+)$/u;

/** A person's name: 2–5 words, capitalised (or all lower case when `lowerOk`), no function words. */
export function isPersonName(text: string, lowerOk = false): boolean {
  const name = text.trim();
  if (name.length < 4 || name.length > 60 || /[\d@#:;!?()[\]/|]/u.test(name)) return false;
  const words = name.split(/\s+/u);
  if (words.length < 2 || words.length > 5) return false;
  const lower = name === name.toLowerCase();
  if (lower && !lowerOk) return false;
  if (isNotNameWord(words[0]!.toLowerCase())) return false;
  return words.every((w, i) => {
    const folded = w.toLowerCase().replace(/[.,]$/u, '');
    if (i > 0 && NAME_PARTICLES.has(folded) && folded !== 'dan') return true;
    if (isFunctionWord(folded) || isLinkWord(folded) || isDeskWord(folded)) return false;
    return NAME_WORD.test(w.replace(/,$/u, '')) && (lower || /^\p{Lu}/u.test(w));
  });
}

/** "Kontributor Garut, Rudi Hartanto" → "Rudi Hartanto"; "A, B, & C" → "A". */
export function firstName(text: string): string | undefined {
  const parts = text
    .split(/\s*(?:,|&|\bdan\b)\s*/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.find((p) => isPersonName(p, true) && !isOutlet(p) && !/^(?:kontributor|wartawan|koresponden|reporter)\b/iu.test(p));
}

function labelled(line: string): Byline | undefined {
  const segments = line.split(/\s*(?:\||\/(?=\s*\p{L}+\s*[:：]))\s*/u);
  let sawLabel = false;
  let author: string | undefined;
  let outlet: string | undefined;
  for (const segment of segments) {
    const authorMatch = AUTHOR_LABEL.exec(segment);
    if (authorMatch && !EDITOR_LABEL.test(segment)) {
      let rest = authorMatch[3]!.trim();
      const wartawan = /^(?:wartawan|reporter|koresponden|kontributor)\s+(.+?),\s*(.+)$/iu.exec(rest);
      if (wartawan) {
        if (isOutlet(wartawan[1]!)) outlet ??= wartawan[1]!;
        rest = wartawan[2]!;
      }
      const name = firstName(rest);
      // Without a colon, the label is only a label when a name follows ("Oleh Rizky", not "Oleh karena itu").
      if (!authorMatch[2] && (!name || line.split(/\s+/u).length > 10)) continue;
      sawLabel = true;
      author ??= name;
    } else if (EDITOR_LABEL.test(segment)) sawLabel = true;
  }
  if (!sawLabel) return undefined;
  return { ...(author ? { author } : {}), ...(outlet ? { outlet } : {}) };
}

const SEPARATOR = /\s*(?:\s[-–—]\s|[|•·]|,|\s[-–—](?=\p{L})|(?<=\p{L})-(?=\p{Lu}))\s*/u;

/** An unlabelled byline: a name next to an outlet, a section, a desk word or a date. */
function unlabelled(line: string, nameAlone: boolean): Byline | undefined {
  const date = findDate(line);
  const withoutDate = date ? `${line.slice(0, date.start)}${line.slice(date.end)}` : line;
  const parts = withoutDate
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/^(?:WIB|WITA|WIT|jurnalis|wartawan|reporter)$/iu.test(p));
  if (parts.length === 0) return undefined;
  const outletPart = parts.find((p) => isOutlet(p));
  const names = parts.filter((p) => p !== outletPart && isPersonName(p));
  const desk = parts.some((p) => wordsOf(p).every(isDeskWord));
  const others = parts.filter((p) => p !== outletPart && !names.includes(p));
  // Besides names and the outlet, only a section label may stand on the line.
  const sectionOnly = others.every((p) => p.split(/\s+/u).length <= 4 && !/[.!?]$/u.test(p));
  if (!sectionOnly) return undefined;
  const anchored = outletPart !== undefined || date !== undefined || desk || names.length >= 2 || others.length > 0;
  if (names.length === 0 && !(desk && outletPart)) return undefined;
  if (!anchored && !nameAlone) return undefined;
  if (names.length === 0 && others.length > 0 && !desk) return undefined;
  return {
    ...(names[0] ? { author: names[0] } : {}),
    ...(outletPart ? { outlet: outletPart } : {}),
    ...(date ? { published: date.iso } : {}),
  };
}

/**
 * The byline `line` is, if it is one. `nameAlone` also accepts a bare name (in the page header
 * under the headline, where nothing else is a person's name on its own line).
 */
export function readByline(line: string, nameAlone = false): Byline | undefined {
  const text = line.trim();
  if (text.length > 160) return undefined;
  if (AUTHOR_LABEL_ONLY.test(text)) return { labelOnly: 'author' };
  if (EDITOR_LABEL_ONLY.test(text)) return { labelOnly: 'editor' };
  const byLabel = labelled(text);
  if (byLabel) return byLabel;
  if (/^\p{Ll}+\p{Lu}\S*$/u.test(text) && isOutlet(text)) return { outlet: text };
  if (/^\S+\s*$/u.test(text) || text.split(/\s+/u).length > 14) return undefined;
  return unlabelled(text, nameAlone);
}
