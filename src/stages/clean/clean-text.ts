/**
 * Boilerplate removal for one ingested article (pure: text in, blocks + audit trail out).
 *
 * 1. Every line is normalised (no-break and other odd spaces folded, zero-width characters
 *    dropped, runs of spaces collapsed, trimmed) and tested against the line rules of `rules.ts`.
 *    Metadata lines (byline, date, dateline) feed `metadata`.
 * 2. The first surviving line is the title when it looks like one (not a dateline-led paragraph,
 *    not several sentences); copies of it in the next lines are dropped (`repeated-title`).
 * 3. Lines after the end of the body (editor initials or credit) are dropped as `trailer` when
 *    only a few short lines follow.
 * 4. Surviving lines become blocks: one block per line, because outlets differ on whether blank
 *    lines separate paragraphs. A line joins the previous one only when it clearly continues it
 *    (adjacent, the previous line does not end a sentence, and this one starts lower-case or the
 *    previous one ends with a comma, dash, …).
 * 5. A dateline opening the first body paragraph is cut off (`dateline`), editor initials at the
 *    end of a paragraph too (`editor-tag-inline`).
 * 6. Duplicate and near-duplicate paragraphs are dropped; the first (or fuller) copy stays.
 * 7. Short unpunctuated lines between paragraphs are `heading`s.
 *
 * Before the rules, a `.md` article loses its Markdown heading and whole-line emphasis markers
 * (`markdown.ts`; a `#` heading is always a title or heading block, never joined), and every line
 * has its mixed-script words repaired (`script.ts`, rule `mixed-script`; recorded for lines that
 * end up in a block, with the word as it stood). After them, every block is tested for English
 * (`language.ts`) and marked `language: 'en'` when it is, so `translate` passes it through.
 *
 * With `keepBoilerplate`, nothing is dropped or cut, but `removed` still lists what would be; the
 * title block is then not necessarily the first block. Mixed-script repairs are not boilerplate:
 * they are made (and listed) either way.
 *
 * `removed[].text` is the raw input line for a dropped line; for a part cut from a line (dateline,
 * inline editor initials) it is that part as it stands in the normalised line.
 */

import type { ArticleMetadata, BlockKind, RemovedLine } from '../../types.ts';
import { isEnglish } from './language.ts';
import { stripMarkdownLine } from './markdown.ts';
import {
  DUPLICATE_MIN_WORDS,
  PREFIX_RULES,
  REPEATED_TITLE_WINDOW,
  RULE,
  SUFFIX_RULES,
  TRAILER_MAX_LINE_LENGTH,
  TRAILER_MAX_LINES,
  LINE_RULES,
  type LineRule,
} from './rules.ts';
import { latestDateInText } from './metadata.ts';
import { repairMixedScript } from './script.ts';

export interface CleanOptions {
  /** When true, nothing is removed, but `removed` still lists what would be (rule names). */
  keepBoilerplate: boolean;
  /** The input is Markdown (a `.md` file): heading and whole-line emphasis markers are stripped. */
  markdown?: boolean;
}

export interface CleanBlock {
  kind: BlockKind;
  text: string;
  /** 1-based line number in the input where the block starts. */
  line: number;
  /** Set when the block is an English passage; absent means Indonesian. */
  language?: 'en';
}

export interface CleanResult {
  metadata: ArticleMetadata;
  /** Kept blocks in order. */
  blocks: CleanBlock[];
  /** Every dropped line (or cut part of a line) with its rule name, in line order. */
  removed: RemovedLine[];
}

/** Longest heading, in words and characters. */
export const HEADING_MAX_WORDS = 12;
export const HEADING_MAX_CHARS = 100;
/** The first body paragraph (where a dateline may stand) has at least this many words. */
const BODY_MIN_WORDS = 6;

const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/gu;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/gu;

/** One line as the rules see it. */
export function normalizeLine(line: string): string {
  return line.replace(INVISIBLE, '').replace(ODD_SPACES, ' ').replace(/ {2,}/gu, ' ').trim();
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

const wordCount = (s: string): number => (s.trim() === '' ? 0 : s.trim().split(/\s+/u).length);

interface Line {
  no: number;
  raw: string;
  text: string;
  /** A Markdown heading (`#` … `######`): its own block, the title or a heading. */
  mdHeading: boolean;
  /** Mixed-script words repaired in this line, as they stood. */
  repaired: string[];
}

interface WorkBlock {
  text: string;
  lines: number[]; // indexes into `lines`
  isTitle: boolean;
  dropped: boolean;
  mdHeading: boolean;
}

export function cleanText(text: string, options: CleanOptions): CleanResult {
  const keep = options.keepBoilerplate;
  const lines: Line[] = text.split('\n').map((raw, i) => {
    let line = normalizeLine(raw);
    let mdHeading = false;
    if (options.markdown) {
      const md = stripMarkdownLine(line);
      line = md.text;
      mdHeading = md.heading !== undefined;
    }
    const script = repairMixedScript(line);
    return { no: i + 1, raw, text: script.text, mdHeading, repaired: script.repairs.map((r) => r.original) };
  });
  const verdict: (string | null)[] = lines.map(() => null);
  const removed: RemovedLine[] = [];
  const metadata: ArticleMetadata = { title: null };
  const addMeta = (m: Partial<ArticleMetadata>): void => {
    for (const key of ['outlet', 'author', 'published', 'dateline'] as const) {
      const value = m[key];
      if (value && metadata[key] === undefined) metadata[key] = value;
    }
  };

  // 1. Line rules.
  const firstNonEmpty = lines.findIndex((l) => l.text !== '');
  const bodyEnds: number[] = [];
  lines.forEach((line, i) => {
    if (line.text === '') return;
    const rule = matchRule(line.text, i === firstNonEmpty);
    if (!rule) return;
    verdict[i] = rule.name;
    if (rule.extract) addMeta(rule.extract(line.text));
    if (rule.endsBody) bodyEnds.push(i);
  });

  // 2. Title and its repeats.
  const first = lines.findIndex((l, i) => l.text !== '' && verdict[i] === null);
  let titleIndex = -1;
  if (first >= 0 && (lines[first]!.mdHeading || looksLikeTitle(lines[first]!.text))) {
    titleIndex = first;
    metadata.title = lines[first]!.text;
    const key = nearKey(metadata.title);
    for (let i = first + 1; i < lines.length && i <= first + REPEATED_TITLE_WINDOW; i++) {
      if (verdict[i] === null && lines[i]!.text !== '' && nearKey(lines[i]!.text) === key) verdict[i] = RULE.repeatedTitle;
    }
  }

  // 3. Trailer after the end of the body.
  for (const end of bodyEnds) {
    const tail = lines.slice(end + 1).filter((l) => l.text !== '');
    if (tail.length <= TRAILER_MAX_LINES && tail.every((l) => l.text.length <= TRAILER_MAX_LINE_LENGTH)) {
      for (let i = end + 1; i < lines.length; i++) if (lines[i]!.text !== '' && verdict[i] === null) verdict[i] = RULE.trailer;
      break;
    }
  }

  lines.forEach((line, i) => {
    const rule = verdict[i];
    if (rule) removed.push({ line: line.no, text: line.raw, rule });
  });

  // 4. Blocks.
  const blocks: WorkBlock[] = [];
  let previousIncluded = -2;
  lines.forEach((line, i) => {
    if (line.text === '' || (!keep && verdict[i] !== null)) return;
    const last = blocks[blocks.length - 1];
    if (last && !last.isTitle && !last.mdHeading && !line.mdHeading && i !== titleIndex && previousIncluded === i - 1 && continues(last.text, line.text)) {
      last.text = `${last.text} ${line.text}`;
      last.lines.push(i);
    } else {
      blocks.push({ text: line.text, lines: [i], isTitle: i === titleIndex, dropped: false, mdHeading: line.mdHeading });
    }
    previousIncluded = i;
  });

  // 5. Dateline prefix on the first body paragraph; editor initials at paragraph ends.
  const body = blocks.find((b) => !b.isTitle && wordCount(b.text) >= BODY_MIN_WORDS && !isRemoved(b, verdict));
  if (body) {
    for (const rule of PREFIX_RULES) {
      const m = rule.match(body.text);
      if (!m) continue;
      removed.push({ line: lines[body.lines[0]!]!.no, text: m.prefix.trim(), rule: rule.name });
      addMeta(m.metadata);
      if (!keep) body.text = body.text.slice(m.prefix.length).trim();
      break;
    }
  }
  for (const block of blocks) {
    if (block.isTitle) continue;
    for (const rule of SUFFIX_RULES) {
      const m = rule.pattern.exec(block.text);
      if (!m) continue;
      const kept = m[1]!;
      removed.push({ line: lines[block.lines[block.lines.length - 1]!]!.no, text: block.text.slice(kept.length).trim(), rule: rule.name });
      if (!keep) block.text = kept.trimEnd();
      break;
    }
  }

  // 6. Duplicates.
  const seen: { block: WorkBlock; exact: string; near: string }[] = [];
  const drop = (block: WorkBlock, rule: string): void => {
    block.dropped = true;
    for (const i of block.lines) removed.push({ line: lines[i]!.no, text: lines[i]!.raw, rule });
  };
  for (const block of blocks) {
    if (block.isTitle || isRemoved(block, verdict) || wordCount(block.text) < DUPLICATE_MIN_WORDS) continue;
    const near = nearKey(block.text);
    const entry = { block, exact: block.text, near };
    const twin = seen.find((s) => !s.block.dropped && s.exact === block.text);
    if (twin) {
      drop(block, RULE.duplicateParagraph);
      continue;
    }
    const similar = seen.find((s) => !s.block.dropped && (s.near === near || isTruncation(near, s.near)));
    if (similar) {
      drop(block, RULE.nearDuplicateParagraph);
      continue;
    }
    const shorter = seen.find((s) => !s.block.dropped && isTruncation(s.near, near));
    if (shorter) drop(shorter.block, RULE.nearDuplicateParagraph);
    seen.push(entry);
  }

  // 7. Kinds.
  const kept = blocks.filter((b) => keep || !b.dropped);
  const out: CleanBlock[] = kept.map((b, i) => ({
    kind: b.isTitle ? 'title' : b.mdHeading || isHeading(b.text, i < kept.length - 1) ? 'heading' : 'paragraph',
    text: b.text,
    line: lines[b.lines[0]!]!.no,
    ...(isEnglish(b.text) ? { language: 'en' as const } : {}),
  }));

  // 8. Mixed-script repairs, for the lines whose text is kept.
  for (const block of kept) {
    for (const i of block.lines) for (const word of lines[i]!.repaired) removed.push({ line: lines[i]!.no, text: word, rule: RULE.mixedScript });
  }

  removed.sort((a, b) => a.line - b.line);
  if (metadata.published === undefined) {
    const fromBody = latestDateInText(out.filter((block) => block.kind === 'paragraph').map((block) => block.text).join('\n'));
    if (fromBody) metadata.published = fromBody;
  }
  return { metadata, blocks: out, removed };
}

function matchRule(line: string, isFirstLine: boolean): LineRule | undefined {
  return LINE_RULES.find(
    (rule) => !(isFirstLine && rule.notOnFirstLine) && (typeof rule.test === 'function' ? rule.test(line) : rule.test.test(line)),
  );
}

/** A block made only of lines some rule flagged (only present with keepBoilerplate). */
function isRemoved(block: WorkBlock, verdict: (string | null)[]): boolean {
  return block.lines.every((i) => verdict[i] !== null);
}

/** `shorter` is a cut-off copy of `longer`: a prefix covering most of it. */
function isTruncation(shorter: string, longer: string): boolean {
  return (
    shorter.length < longer.length &&
    longer.startsWith(shorter) &&
    wordCount(shorter) >= 10 &&
    shorter.length >= 0.8 * longer.length
  );
}

/** The previous line does not end a sentence and this one carries on from it. */
function continues(previous: string, line: string): boolean {
  if (/[.!?…]["”'’)\]]*$/u.test(previous)) return false;
  return /^\p{Ll}/u.test(line) || /[,(\-–—/&]$/u.test(previous);
}

const SENTENCE_INSIDE = /[.!?]["”'’)]?\s+["“]?\p{Lu}/u;

function looksLikeTitle(line: string): boolean {
  const words = wordCount(line);
  if (words === 0 || words > 30 || line.length > 250) return false;
  if (PREFIX_RULES.some((r) => r.match(line) !== null)) return false; // a dateline-led paragraph
  if (SENTENCE_INSIDE.test(line)) return false; // several sentences: body text
  if (/\.$/u.test(line) && words > 15) return false;
  return true;
}

function titleCaseShare(text: string): number {
  const words = text.split(/\s+/u).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return 0;
  return words.filter((w) => /^["“'‘(]?[\p{Lu}\d]/u.test(w)).length / words.length;
}

/** Short line between paragraphs, no final punctuation (or a title-case question). */
function isHeading(text: string, hasNext: boolean): boolean {
  if (!hasNext) return false;
  if (wordCount(text) > HEADING_MAX_WORDS || text.length > HEADING_MAX_CHARS) return false;
  if (!/^["“]?[\p{Lu}\d]/u.test(text)) return false;
  if (/[.,;:…"”'’)\]]$/u.test(text)) return false;
  if (/[?!]$/u.test(text)) return titleCaseShare(text) >= 0.6;
  return true;
}
