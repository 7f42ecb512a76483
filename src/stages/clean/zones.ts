/**
 * Where a line stands: the header before the first body paragraph, the body, the trailer after
 * the last body paragraph, and the neighbourhoods inside the body (related-article blocks,
 * captions next to their credits, short lines between boilerplate). Works on units: a line, or
 * several adjacent lines that continue one sentence.
 */

import { isPersonName, readByline } from './byline.ts';
import { isProse, lineFeatures, promptEvidence, type LineFeatures } from './features.ts';
import { isOutlet } from './metadata.ts';
import {
  PREFIX_RULES,
  RELATED_BLOCK_MAX_ITEMS,
  REPEATED_TITLE_WINDOW,
  RULE,
  SHORT_LINE_MAX_WORDS,
  TRAILER_MAX_LINE_LENGTH,
  TRAILER_MAX_LINES,
  type LineRule,
} from './rules.ts';
import { mentionsCaptionWord, RELATED_LABEL } from './vocabulary.ts';

export interface Unit {
  /** Indexes of the lines the unit is made of. */
  lines: number[];
  text: string;
  features: LineFeatures;
  /** The line rule that matched the unit's line, if any. */
  lineRule?: LineRule;
  /** Why the unit goes: a rule name; null while it stays. */
  rule: string | null;
  mdHeading: boolean;
}

export interface Zones {
  /** Index of the unit that is the first body paragraph; -1 when there is none. */
  lead: number;
  title: number;
  /** Index of the last body unit. */
  lastBody: number;
}

/** Comparison key for near-duplicates: case, quote style, dashes, spacing and final punctuation ignored. */
export function nearKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”„«»]/gu, '"')
    .replace(/[‘’`]/gu, "'")
    .replace(/[–—]/gu, '-')
    .replace(/\s+/gu, ' ')
    .replace(/[\s.,;:!?…"')\]]+$/u, '')
    .trim();
}

export const wordCount = (s: string): number => (s.trim() === '' ? 0 : s.trim().split(/\s+/u).length);
const kept = (u: Unit | undefined): boolean => u !== undefined && u.rule === null;
const isCredit = (u: Unit | undefined): boolean => u?.lineRule?.credit === true;
const opensDatelineLead = (u: Unit | undefined): boolean => u?.lineRule?.name === 'dateline-line' || u?.lineRule?.name === 'empty-dateline';
const hasDatelinePrefix = (text: string): boolean => PREFIX_RULES.some((r) => r.match(text) !== null);

/** Longest caption, in words: a lead paragraph next to a credit is longer. */
const CAPTION_MAX_WORDS = 40;

/** A caption by its own shape or by its neighbours: next to a credit, an illustration, repeated. */
function isCaptionLike(units: Unit[], i: number): boolean {
  const u = units[i]!;
  if (u.features.words > CAPTION_MAX_WORDS || SENTENCE_INSIDE.test(u.text)) return false;
  if (isCredit(units[i - 1]) || isCredit(units[i + 1])) return true;
  if (mentionsCaptionWord(u.text)) return true;
  return [units[i - 1], units[i + 1]].some((n) => n !== undefined && n.text === u.text);
}

/** A standfirst has at least this many words, and is at most this share of the paragraph it repeats (a longer copy is a truncation). */
const STANDFIRST_MIN_WORDS = 5;
const STANDFIRST_MAX_SHARE = 0.8;

/** A header line that repeats part of a later, longer line: a standfirst, teaser or pull quote. */
function isStandfirst(units: Unit[], i: number): boolean {
  const key = nearKey(units[i]!.text);
  if (wordCount(key) < STANDFIRST_MIN_WORDS) return false;
  return units.slice(i + 1).some((u) => {
    const other = nearKey(u.text);
    return other.length * STANDFIRST_MAX_SHARE > key.length && other.includes(key);
  });
}

/** A short line ending in a question or exclamation mark is a headline or a subheading, not a lead. */
const isExclaimedHeadline = (u: Unit): boolean => /[?!]["”']?$/u.test(u.text) && u.features.words < 16;

/** The first body paragraph: a dateline-led paragraph under a header, or the first plain paragraph. */
function findLead(units: Unit[]): number {
  const plain = units.findIndex(
    (u, i) => kept(u) && isProse(u.features) && !isExclaimedHeadline(u) && !isCaptionLike(units, i) && !isStandfirst(units, i),
  );
  const dated = units.findIndex((u, i) => kept(u) && (hasDatelinePrefix(u.text) || (opensDatelineLead(units[i - 1]) && isProse(u.features))));
  if (dated < 0 || plain < 0 || dated <= plain) return dated >= 0 ? dated : plain;
  // Every paragraph above a dateline must be header material: a caption, a standfirst, a line among header lines.
  const headerOnly = units.slice(0, dated).every((u, i) => {
    if (!kept(u) || !isProse(u.features)) return true;
    return isCaptionLike(units, i) || isStandfirst(units, i) || !kept(units[i - 1]) || !kept(units[i + 1]);
  });
  return headerOnly ? dated : plain;
}

const SENTENCE_INSIDE = /[.]["”'’)]?\s+["“]?\p{Lu}/u;

/** A headline: one line of up to 30 words, not a paragraph (a question and its answer may stand together). */
export function looksLikeTitle(text: string): boolean {
  const words = wordCount(text);
  if (words === 0 || words > 30 || text.length > 250) return false;
  if (hasDatelinePrefix(text)) return false;
  if (SENTENCE_INSIDE.test(text)) return false;
  if (/\.$/u.test(text) && !/\b\p{Lu}\.$|\.\.\.$/u.test(text)) return words <= 15 && !/[.!?]\s/u.test(text);
  return true;
}

/** A headline has few link words; a site's tagline ("Berita Terkini dan Terbaru Hari Ini") has many. */
const TITLE_MAX_LINK_SHARE = 0.3;
/** Longest menu item, in words. */
const MENU_ITEM_MAX_WORDS = 3;

/** The line rules of the lines around a headline: its date, its byline. */
const HEADLINE_NEIGHBOURS = new Set(['date-line', 'byline', 'author-credit', 'editor-credit']);

const isMenuItem = (u: Unit | undefined): boolean =>
  u !== undefined &&
  !HEADLINE_NEIGHBOURS.has(u.lineRule?.name ?? '') &&
  u.features.words <= MENU_ITEM_MAX_WORDS &&
  !isProse(u.features) &&
  !isPersonName(u.text) &&
  readByline(u.text)?.labelOnly === undefined;
/** A line amid menu items, above and below and two on one side: a menu entry, even when it is long. */
const inMenu = (units: Unit[], i: number): boolean =>
  isMenuItem(units[i - 1]) && isMenuItem(units[i + 1]) && (isMenuItem(units[i - 2]) || isMenuItem(units[i + 2]));
/** A headline stands just above its date line or byline (after its own copy, if repeated), or just under a byline. */
function besideDateOrByline(units: Unit[], i: number): boolean {
  const key = nearKey(units[i]!.text);
  let next = i + 1;
  while (units[next] && nearKey(units[next]!.text) === key) next++;
  return HEADLINE_NEIGHBOURS.has(units[next]?.lineRule?.name ?? '') || HEADLINE_NEIGHBOURS.has(units[i - 1]?.lineRule?.name ?? '');
}

/** A page title: the headline with " - Outlet" or " | Outlet" after it; the bare headline is preferred. */
const namesOutletAtEnd = (text: string): boolean => {
  const m = /\s[-|–—]\s([^-|–—]{2,40})$/u.exec(text);
  return m !== null && isOutlet(m[1]!.trim());
};

/** The title: the first headline-shaped line of the header; a short first line only when nothing longer is one. */
function findTitle(units: Unit[], lead: number): number {
  const header = units
    .map((u, i) => ({ u, i }))
    .filter(({ u, i }) => (lead < 0 || i < lead) && kept(u) && !readByline(u.text)?.labelOnly);
  // A line the next one carries on in lower case starts a sentence; it is no headline.
  const candidates = header.filter(({ u, i }) => u.mdHeading || (looksLikeTitle(u.text) && !(kept(units[i + 1]) && /^\p{Ll}/u.test(units[i + 1]!.text))));
  const headlines = candidates.filter(({ u, i }) => u.features.words >= 4 && !promptEvidence(u.features) && u.features.linkShare < TITLE_MAX_LINK_SHARE && !inMenu(units, i));
  const preferred = headlines.filter(
    ({ u, i }) => !namesOutletAtEnd(u.text) && !isStandfirst(units, i) && !isCaptionLike(units, i) && !readByline(u.text, true),
  );
  const headline = preferred.find(({ i }) => besideDateOrByline(units, i)) ?? preferred[0] ?? headlines[0];
  if (headline) return headline.i;
  const first = header.find(({ u }) => kept(u));
  if (!first) return lead === 0 || lead < 0 ? firstTitleAtTop(units) : -1;
  return first.u.mdHeading || looksLikeTitle(first.u.text) ? first.i : -1;
}

function firstTitleAtTop(units: Unit[]): number {
  const first = units.findIndex(kept);
  if (first < 0) return -1;
  const u = units[first]!;
  return u.mdHeading || (looksLikeTitle(u.text) && !isProse(u.features)) ? first : -1;
}

/** Longest line, in words, that page-end wording alone makes boilerplate (an address, a notice). */
const TRAILER_LINE_MAX_WORDS = 30;

/** Boilerplate by its wording, for lines outside the protection of body neighbours. */
function wordedAsBoilerplate(u: Unit): boolean {
  return promptEvidence(u.features) || (u.features.trailerWords >= 2 && u.features.words <= TRAILER_LINE_MAX_WORDS);
}

/** The last body unit: the last plain paragraph, or the unit before an end mark with a short tail. */
function findLastBody(units: Unit[], lead: number): number {
  let last = -1;
  for (let i = units.length - 1; i >= lead; i--) {
    const u = units[i]!;
    if (kept(u) && isProse(u.features) && !wordedAsBoilerplate(u)) {
      last = i;
      break;
    }
  }
  for (let i = lead + 1; i < units.length && i <= last; i++) {
    if (!units[i]!.lineRule?.endsBody) continue;
    const tail = units.slice(i + 1).flatMap((u) => u.lines);
    if (tail.length <= TRAILER_MAX_LINES && units.slice(i + 1).every((u) => u.text.length <= TRAILER_MAX_LINE_LENGTH)) {
      last = i - 1;
      break;
    }
  }
  // A page end has furniture too: without a line some rule names, or one worded as boilerplate, the tail is the article's.
  const tail = units.slice(last + 1);
  if (!tail.some((u) => u.lineRule || wordedAsBoilerplate(u))) return units.length - 1;
  return listAfter(units, last);
}

/** A list the last paragraph introduces ("… berikut:") is body too. */
function listAfter(units: Unit[], last: number): number {
  if (last < 0 || !/:$/u.test(units[last]!.text)) return last;
  let end = last;
  while (kept(units[end + 1]) && units[end + 1]!.features.words <= SHORT_LINE_MAX_WORDS * 2 && !wordedAsBoilerplate(units[end + 1]!)) end++;
  return end;
}

/** Finds the zones and marks every header, trailer and neighbourhood unit that goes. */
export function markZones(units: Unit[]): Zones {
  const found = findLead(units);
  const title = findTitle(units, found);
  if (title >= 0) units[title]!.rule = null;
  markRepeatedTitle(units, title);
  if (found < 0) return { lead: found, title, lastBody: units.length - 1 };
  // A page header has furniture: lines above the title, or a line some rule names. Without any,
  // the lines under the title are the article's own.
  const lead = title === 0 && !units.slice(1, found).some((u) => u.lineRule) ? Math.min(found, 1) : found;
  const lastBody = findLastBody(units, lead);
  markHeader(units, lead, title);
  markTrailer(units, lastBody);
  releaseHeldDates(units, lead, lastBody);
  markRelatedBlocks(units, lead, lastBody);
  markCaptions(units, lead, lastBody);
  markPrompts(units, lead, lastBody);
  markBetweenBoilerplate(units, lead, lastBody);
  return { lead, title, lastBody };
}

function markRepeatedTitle(units: Unit[], title: number): void {
  if (title < 0) return;
  const key = nearKey(units[title]!.text);
  for (let i = title + 1; i < units.length && i <= title + REPEATED_TITLE_WINDOW; i++) {
    if (kept(units[i]) && nearKey(units[i]!.text) === key) units[i]!.rule = RULE.repeatedTitle;
  }
}

function markHeader(units: Unit[], lead: number, title: number): void {
  for (let i = 0; i < lead; i++) {
    const u = units[i]!;
    if (i === title || !kept(u)) continue;
    if (isCaptionLike(units, i) && u.features.words >= 3) u.rule = RULE.caption;
    else if (isStandfirst(units, i)) u.rule = RULE.standfirst;
    else if (readByline(u.text, i > title) || readByline(units[i - 1]?.text ?? '')?.labelOnly) u.rule = 'byline';
    else u.rule = RULE.header;
  }
}

function markTrailer(units: Unit[], lastBody: number): void {
  for (let i = lastBody + 1; i < units.length; i++) {
    const u = units[i]!;
    if (kept(u)) u.rule = readByline(u.text) || readByline(units[i - 1]?.text ?? '')?.labelOnly ? 'byline' : RULE.trailer;
  }
}

/** A date alone between two body paragraphs heads a step of a chronology: it stays. */
function releaseHeldDates(units: Unit[], lead: number, lastBody: number): void {
  for (let i = lead + 1; i < lastBody; i++) {
    const u = units[i]!;
    if (u.rule !== 'date-line') continue;
    const [before, after] = [units[i - 1]!, units[i + 1]!];
    if (kept(before) && kept(after) && isProse(after.features)) u.rule = null;
  }
}

/** A bare label ("Baca Juga", "Berita Terkait:") followed by headlines without a full stop. */
function markRelatedBlocks(units: Unit[], lead: number, lastBody: number): void {
  for (let i = lead; i <= lastBody; i++) {
    const label = units[i]!;
    if (!label.lineRule?.opensRelatedBlock || (RELATED_LABEL.exec(label.text)?.[1] ?? '') !== '') continue;
    for (let j = i + 1, items = 0; j <= lastBody && items < RELATED_BLOCK_MAX_ITEMS; j++, items++) {
      const u = units[j]!;
      if (!kept(u) || !isRelatedHeadline(u)) break;
      u.rule = RULE.relatedBlock;
    }
  }
}

function isRelatedHeadline(u: Unit): boolean {
  const f = u.features;
  return f.words >= 3 && f.words <= 25 && !/[.:;,]$/u.test(u.text) && !/^["“'‘]/u.test(u.text) && u.lines.length === 1;
}

/** In the body, a short line next to a credit is its caption; a label just above a caption goes with it. */
function markCaptions(units: Unit[], lead: number, lastBody: number): void {
  for (let i = lead + 1; i <= lastBody; i++) {
    const u = units[i]!;
    if (!kept(u) || isProse(u.features) || u.features.words > SHORT_LINE_MAX_WORDS * 2) continue;
    if (isCredit(units[i - 1]) || isCredit(units[i + 1])) u.rule = RULE.caption;
  }
  for (let i = lead + 1; i <= lastBody; i++) {
    const u = units[i]!;
    const next = units[i + 1];
    if (kept(u) && !isProse(u.features) && u.features.words <= 3 && next && (next.rule === RULE.caption || isCredit(next)) && kept(units[i - 1])) {
      u.rule = RULE.betweenBoilerplate;
    }
  }
}

/** Prompt wording drops a line unless body lines hold it on both sides (a step of an explainer stays). */
function markPrompts(units: Unit[], lead: number, lastBody: number): void {
  for (let i = lead + 1; i <= lastBody; i++) {
    const u = units[i]!;
    if (!kept(u) || !promptEvidence(u.features)) continue;
    if (!(kept(units[i - 1]) && kept(units[i + 1]))) u.rule = RULE.prompt;
  }
}

function markBetweenBoilerplate(units: Unit[], lead: number, lastBody: number): void {
  for (let i = lead + 1; i < lastBody; i++) {
    const u = units[i]!;
    if (!kept(u) || u.features.words > SHORT_LINE_MAX_WORDS || u.features.endsSentence || u.features.numbered) continue;
    if (!kept(units[i - 1]) && !kept(units[i + 1]) && i - 1 > lead) u.rule = RULE.betweenBoilerplate;
  }
}

/** Units of the lines: an unflagged line joins the previous one when it clearly continues it. */
export function buildUnits(
  lines: { text: string; mdHeading: boolean }[],
  lineRules: (LineRule | undefined)[],
): Unit[] {
  const units: Unit[] = [];
  let previous = -2;
  lines.forEach((line, i) => {
    if (line.text === '') return;
    const last = units[units.length - 1];
    const rule = lineRules[i];
    if (last && !rule && !last.lineRule && !last.mdHeading && !line.mdHeading && previous === i - 1 && continues(last.text, line.text) && !hasDatelinePrefix(line.text)) {
      last.text = `${last.text} ${line.text}`;
      last.lines.push(i);
      last.features = lineFeatures(last.text);
    } else {
      units.push({ lines: [i], text: line.text, features: lineFeatures(line.text), ...(rule ? { lineRule: rule } : {}), rule: rule?.name ?? null, mdHeading: line.mdHeading });
    }
    previous = i;
  });
  return units;
}

/** The previous line does not end a sentence and this one carries on from it. */
function continues(previous: string, line: string): boolean {
  if (/[.!?…:]["”'’)\]]*$/u.test(previous)) return false;
  return /^\p{Ll}/u.test(line) || /[,(\-–—/&]$/u.test(previous);
}
