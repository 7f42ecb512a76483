/**
 * The shared vocabulary of `src/text/` compiled into the matchers the line features use: word
 * sets, whole-phrase tests and label-prefix patterns.
 */

import {
  AD_CORE_WORDS,
  AD_PHRASES,
  AD_WORDS,
  AUTHOR_LABELS,
  CAPTION_WORDS,
  CITATION_WORDS,
  CREDIT_LABELS,
  DESK_WORDS,
  EDITOR_LABELS,
  LINK_WORDS,
  NOT_NAME_WORDS,
  PAGINATION_WORDS,
  PLATFORMS,
  RELATED_LABELS,
  TRAILER_LABELS,
  TRAILER_WORDS,
  WIDGET_PHRASES,
} from '../../text/boilerplate-vocabulary.ts';
import { FUNCTION_WORDS } from '../../text/function-words.ts';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
/** Longest first, so that "baca juga" wins over "baca". */
const alternation = (phrases: readonly string[]): string =>
  [...new Set(phrases)].sort((a, b) => b.length - a.length).map(escape).join('|');

/** Lower-case words of a line: letters, digits and inner apostrophes or hyphens. */
export function wordsOf(line: string): string[] {
  return line.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

const LINK = new Set(LINK_WORDS);
const AD = new Set(AD_WORDS);
const AD_CORE = new Set(AD_CORE_WORDS);
const NOT_NAME = new Set(NOT_NAME_WORDS);
const DESK = new Set(DESK_WORDS);
const CITATION = new Set(CITATION_WORDS);

export const isFunctionWord = (word: string): boolean => FUNCTION_WORDS.has(word);
export const isLinkWord = (word: string): boolean => LINK.has(word);
export const isDeskWord = (word: string): boolean => DESK.has(word);
export const isCitationWord = (word: string): boolean => CITATION.has(word);
export const isNotNameWord = (word: string): boolean => NOT_NAME.has(word);

/** A line made of ad-slot and scroll-prompt words only, with at least one ad or scroll word. */
export function isAdWording(line: string): boolean {
  const words = wordsOf(line);
  return words.length > 0 && words.length <= 10 && words.every((w) => AD.has(w)) && words.some((w) => AD_CORE.has(w));
}

const PLATFORM = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(PLATFORMS)})(?![\\p{L}\\p{N}])`, 'iu');
const TRAILER = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(TRAILER_WORDS)})(?![\\p{L}\\p{N}])|©`, 'giu');
const CAPTION = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(CAPTION_WORDS)})(?![\\p{L}\\p{N}])`, 'iu');

export const namesPlatform = (line: string): boolean => PLATFORM.test(line);
export const mentionsCaptionWord = (line: string): boolean => CAPTION.test(line);
/** How many different page-end words the line has. */
export function trailerWordCount(line: string): number {
  return new Set((line.match(TRAILER) ?? []).map((w) => w.toLowerCase())).size;
}

const wholeLine = (phrases: readonly string[]): RegExp => new RegExp(`^(?:${alternation(phrases)})\\s*[.:!»›>]*$`, 'iu');
export const AD_LINE = wholeLine(AD_PHRASES);
export const PLATFORM_LINE = wholeLine(PLATFORMS);
export const PAGINATION_LINE = wholeLine(PAGINATION_WORDS);
/** "waktu baca 3 menit", "Dibaca Normal 2 menit", "AA": reader widgets. */
export const WIDGET_LINE = new RegExp(`^(?:${alternation(WIDGET_PHRASES)})(?:\\s*[:：]?\\s*\\d+\\s*(?:menit|detik|min|mins?))?$`, 'iu');

/** A label and what follows it: "Baca juga: …", "Berita Terkait", "Lihat Juga :". Group 1: the rest. */
export const RELATED_LABEL = new RegExp(`^[(\\[]?(?:${alternation(RELATED_LABELS)})(?:\\s*[:：»›>-]\\s*(.*?)[)\\]]?|\\s*)$`, 'iu');
/** "Penulis: …", "Rep: … / Red: …", "Oleh Rizky". Group 1: the label, group 2: the colon, if any, group 3: the rest. */
export const AUTHOR_LABEL = new RegExp(`^(${alternation(AUTHOR_LABELS)})\\s*(?:([:：])\\s*|\\s+)(.+)$`, 'iu');
export const AUTHOR_LABEL_ONLY = new RegExp(`^(?:${alternation(AUTHOR_LABELS)})\\s*[:：]?$`, 'iu');
export const EDITOR_LABEL = new RegExp(`^(?:${alternation(EDITOR_LABELS)})\\s*[:：]\\s*(.+)$`, 'iu');
export const EDITOR_LABEL_ONLY = new RegExp(`^(?:${alternation(EDITOR_LABELS)})\\s*[:：]?$`, 'iu');
export const CREDIT_LABEL = new RegExp(`^[(\\[]?(?:${alternation(CREDIT_LABELS)})\\.?\\s*[:：]`, 'iu');
/** A credit label after the end of a sentence: "… batuk. Foto: Shutterstock". */
export const CREDIT_LABEL_INSIDE = new RegExp(`[.!?)”"]\\s*[(\\[]?(?:${alternation(CREDIT_LABELS)})\\s*[:：]\\s*[^.!?]{2,80}[)\\]]?\\.?$`, 'iu');
export const TRAILER_LABEL = new RegExp(`^(?:${alternation(TRAILER_LABELS)})\\s*[:：]`, 'iu');
