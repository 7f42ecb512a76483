/**
 * Rule-based Indonesian sentence segmentation.
 *
 * Two kinds of boundary:
 * - hard: at line breaks. A blank line always ends a sentence; so does a single line break,
 *   unless the next line clearly continues the previous one (starts lower-case, or the previous
 *   line ends with a comma, colon, dash, …). Bullet lines are always sentences of their own. This
 *   is how headlines without final punctuation become whole sentences.
 * - soft: after `.`, `?`, `!` (and clusters such as `?!`), or an ellipsis followed by a capital.
 *   Closing quotes and brackets after the punctuation stay with the sentence that ends there.
 *
 * A full stop is not a boundary after a known abbreviation of kind `prefix` (Dr., Jl., No., …),
 * after an initial inside a name (Sergei E. Naryshkin), after a dotted abbreviation (a.n., S.H.),
 * inside numbers (the stop must be followed by white space), before a lower-case word, or after a
 * list enumerator at the start of a line. A `suffix` abbreviation (Tbk., dll., dsb.) before a
 * capitalised word is a boundary, unless the next word is itself an abbreviation (Pte. Ltd.).
 *
 * Quotations: a quotation that opens and closes between two hard boundaries and is at most
 * `MAX_QUOTE_LENGTH` characters long is not split inside (`"Kami siap. Kami menunggu," kata
 * dia.` is one sentence): the quote stays with its attribution, which is what translation and
 * extractive summaries want. Longer or unclosed quotations are split normally.
 */

import { abbreviationKind } from './abbreviations.ts';

export interface SentenceSpan {
  start: number;
  end: number;
}

/** Quotations longer than this (in UTF-16 units, between the marks) are split inside as usual. */
export const MAX_QUOTE_LENGTH = 300;

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '}', '»']);
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '{', '«']);
const BULLET = /^[ \t\u00a0]*(?:[-–—•·▪●◦■□►▸*]|\d{1,2}[.)]|[a-zA-Z][.)]|\(\d{1,2}\)|\([a-zA-Z]\))[ \t\u00a0]+\S/u;
/** Characters at the end of a line that say the next line continues the same sentence. */
const CONTINUES = /[,;:(\-–—/&+]$|\b(?:dan|atau|yang|di|ke|dari|untuk|dengan|pada|serta|karena)$/u;

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch);
const isLower = (ch: string | undefined): boolean => ch !== undefined && /\p{Ll}/u.test(ch);
const isUpper = (ch: string | undefined): boolean => ch !== undefined && /\p{Lu}/u.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && /\p{Nd}/u.test(ch);

export interface SegmentOptions {
  /**
   * Keep a closed quotation of at most `MAX_QUOTE_LENGTH` characters in one sentence (default
   * true). False splits inside quotations like anywhere else.
   */
  keepQuotesTogether?: boolean;
}

/** Split `text` into sentences; spans are trimmed offsets into `text`, in order, non-overlapping. */
export function segmentSentences(text: string, options: SegmentOptions = {}): SentenceSpan[] {
  const keepQuotes = options.keepQuotesTogether ?? true;
  const spans: SentenceSpan[] = [];
  for (const chunk of hardChunks(text)) {
    let from = chunk.start;
    for (const b of softBoundaries(text, chunk.start, chunk.end, keepQuotes)) {
      pushTrimmed(text, from, b, spans);
      from = b;
    }
    pushTrimmed(text, from, chunk.end, spans);
  }
  return spans;
}

/** Convenience: the sentence strings. */
export function splitSentences(text: string, options: SegmentOptions = {}): string[] {
  return segmentSentences(text, options).map((s) => text.slice(s.start, s.end));
}

function pushTrimmed(text: string, start: number, end: number, out: SentenceSpan[]): void {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  if (end > start) out.push({ start, end });
}

interface Range {
  start: number;
  end: number;
}

/** Ranges of `text` between hard (line-break) boundaries. */
function hardChunks(text: string): Range[] {
  const lines: Range[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: pos, end: pos + line.length });
    pos += line.length + 1;
  }
  const chunks: Range[] = [];
  let current: Range | null = null;
  let previous: string | null = null; // previous non-blank line
  let blankSince = false;
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    if (content.trim() === '') {
      blankSince = true;
      continue;
    }
    const startsNew =
      current === null ||
      previous === null ||
      blankSince ||
      BULLET.test(content) ||
      BULLET.test(previous) ||
      !(isLower(content.trim()[0]) || CONTINUES.test(previous.trim()));
    if (startsNew) {
      if (current) chunks.push(current);
      current = { start: line.start, end: line.end };
    } else if (current) {
      current.end = line.end;
    }
    previous = content;
    blankSince = false;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Quotations (opening index, closing index) inside [start, end) that must not be split. */
function quoteRegions(text: string, start: number, end: number): Range[] {
  const regions: Range[] = [];
  let open = -1;
  const close = (i: number): void => {
    if (open >= 0 && i - open - 1 <= MAX_QUOTE_LENGTH) regions.push({ start: open, end: i });
    open = -1;
  };
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === '“' || ch === '«') open = i;
    else if (ch === '”' || ch === '»') close(i);
    else if (ch === '"') {
      const prev = i > start ? text[i - 1] : undefined;
      const next = i + 1 < end ? text[i + 1] : undefined;
      const canOpen = (prev === undefined || /[\s([{/–—-]/u.test(prev)) && next !== undefined && !isSpace(next);
      const canClose = prev !== undefined && !isSpace(prev) && (next === undefined || /[\s.,;:!?)\]}/–—-]/u.test(next));
      if (open >= 0 && canClose) close(i);
      else if (canOpen) open = i;
      else if (open >= 0) close(i);
      else open = i;
    }
  }
  return regions;
}

/** Token (run of non-space characters) ending at `end` (exclusive), without leading openers. */
function tokenBefore(text: string, end: number, floor: number): { token: string; start: number } {
  let s = end;
  while (s > floor && !isSpace(text[s - 1])) s--;
  while (s < end && OPENERS.has(text[s]!)) s++;
  return { token: text.slice(s, end), start: s };
}

/** Token (run of non-space characters) starting at `start`. */
function tokenAt(text: string, start: number, end: number): string {
  let e = start;
  while (e < end && !isSpace(text[e])) e++;
  return text.slice(start, e);
}

/** "D.W", "S.H", "a.n", "M.Si", "Ph.D": short letter groups joined by full stops. */
const DOTTED = /^\p{L}{1,2}(?:\.\p{L}{1,4})+$/u;
/** A list enumerator at the start of a line: "1.", "a.", "iv.". */
const ENUMERATOR = /^(?:\d{1,2}|\p{L}|[ivxIVX]{1,4})$/u;

function softBoundaries(text: string, start: number, end: number, keepQuotes: boolean): number[] {
  const regions = keepQuotes ? quoteRegions(text, start, end) : [];
  const insideQuote = (pos: number): boolean => regions.some((r) => r.start < pos && pos <= r.end);
  const out: number[] = [];
  const chunk = text.slice(start, end);
  for (const m of chunk.matchAll(/[.?!…]+/gu)) {
    const punct = m[0];
    const at = start + m.index;
    let after = at + punct.length;
    // Closing quotes and brackets belong to the sentence that ends here.
    while (after < end && CLOSERS.has(text[after]!)) after++;
    if (after < end && !isSpace(text[after])) continue; // 1.000, 14.30, Liputan6.com, "a.n."
    if (after >= end) break; // the chunk end is a boundary anyway
    if (!isBoundary(text, at, punct, after, start, end)) continue;
    if (insideQuote(after)) continue;
    out.push(after);
  }
  return out;
}

function isBoundary(text: string, at: number, punct: string, after: number, floor: number, end: number): boolean {
  let n = after;
  while (n < end && isSpace(text[n])) n++;
  if (n >= end) return false;
  // First letter or digit of what follows, past opening quotes and brackets.
  let k = n;
  while (k < end && OPENERS.has(text[k]!)) k++;
  const next = text[k];
  if (isLower(next)) return false;

  const hasQuestionOrBang = /[?!]/u.test(punct);
  if (hasQuestionOrBang) return true;
  const isEllipsis = punct.includes('…') || punct.length >= 2;
  if (isEllipsis) return isUpper(next) || isDigit(next);

  // A single full stop.
  const closedSomething = after > at + 1;
  const { token, start: tokenStart } = tokenBefore(text, at, floor);
  if (token === '') return true;
  // "1. Pertama", "a. Kedua" at the start of a line: a list item, not a sentence end.
  if (ENUMERATOR.test(token) && atLineStart(text, tokenStart, floor)) return false;
  if (closedSomething) return true; // `."`, `.)`: the full stop ends the quoted/bracketed sentence
  const kind = abbreviationKind(token);
  if (kind === 'prefix') return false;
  if (DOTTED.test(token)) return false; // initials, degrees, dotted abbreviations
  if (/^\p{Lu}$/u.test(token)) {
    // An initial inside a name: "Sergei E. Naryshkin", "B. J. Habibie".
    const prev = tokenBefore(text, skipSpaceBack(text, tokenStart, floor), floor).token;
    if (prev === '' || isUpper(prev[0])) return false;
    if (/^\p{Lu}\.$/u.test(tokenAt(text, n, end))) return false; // "presiden B. J. Habibie"
    return true;
  }
  if (isDigit(next)) {
    // "pada 2024. 15 orang …" is rare; "No. 5", "Rp. 5" are prefixes (handled above).
    return kind === undefined && /^\p{L}{2,}$/u.test(token);
  }
  if (kind === 'suffix') {
    if (text[n] === '(') return false; // "PT Maju Tbk. (MAJU) naik": the ticker or short name follows the company
    const following = tokenAt(text, n, end);
    if (/\.$/u.test(following)) {
      const stem = following.slice(0, -1);
      if (abbreviationKind(stem) === 'suffix' || DOTTED.test(stem)) return false; // "Pte. Ltd."
    }
    return true;
  }
  return true;
}

function skipSpaceBack(text: string, pos: number, floor: number): number {
  while (pos > floor && isSpace(text[pos - 1])) pos--;
  return pos;
}

function atLineStart(text: string, pos: number, floor: number): boolean {
  let p = pos;
  while (p > floor && (text[p - 1] === ' ' || text[p - 1] === '\t' || text[p - 1] === '\u00a0')) p--;
  return p === floor || text[p - 1] === '\n';
}
