/**
 * Boilerplate removal for one ingested article (pure: text in, blocks + audit trail out).
 *
 * The phases, each a function below:
 * - `readLines`: every line normalised (odd spaces folded, zero-width characters dropped, runs of
 *   spaces collapsed, trimmed), Markdown markers undone for `.md` input, mixed-script words
 *   repaired (`script.ts`).
 * - line rules (`rules.ts`): what a whole line is, wherever it stands (ads, links, bylines, date
 *   lines, credits, copyright notices, …).
 * - units and zones (`zones.ts`): adjacent lines that continue one sentence form a unit; the first
 *   body paragraph and the last one bound the header and the trailer, whose furniture goes; the
 *   title is chosen in the header; related-article blocks, captions next to credits, prompts and
 *   short lines between boilerplate go from the body.
 * - blocks: the surviving units, with the dateline prefix cut from the first body paragraph and
 *   editor tags and "(Baca: …)" links cut from paragraphs; duplicate paragraphs dropped; short
 *   unpunctuated lines between paragraphs are `heading`s; English blocks marked `language: 'en'`.
 * - metadata (`article-metadata.ts`): title, outlet, author, publication date and dateline from
 *   the evidence of the lines, weighed by kind.
 *
 * With `keepBoilerplate`, nothing is dropped or cut, but `removed` still lists what would be; the
 * title block is then not necessarily the first block. Mixed-script repairs are not boilerplate:
 * they are made (and listed) either way.
 *
 * `removed[].text` is the raw input line for a dropped line; for a part cut from a line (dateline,
 * editor tag, inline link) it is that part as it stands in the normalised line.
 */

import type { ArticleMetadata, BlockKind, RemovedLine } from '../../types.ts';
import { collectMetadata } from './article-metadata.ts';
import { isEnglish } from './language.ts';
import { stripMarkdownLine } from './markdown.ts';
import { CUT_RULES, DUPLICATE_MIN_WORDS, matchLineRule, PREFIX_RULES, RULE, type PrefixMatch } from './rules.ts';
import { repairMixedScript } from './script.ts';
import { buildUnits, markZones, nearKey, wordCount, type Unit, type Zones } from './zones.ts';

export { nearKey } from './zones.ts';

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

const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/gu;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/gu;

/** One line as the rules see it. */
export function normalizeLine(line: string): string {
  return line.replace(INVISIBLE, '').replace(ODD_SPACES, ' ').replace(/ {2,}/gu, ' ').trim();
}


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
  unit: Unit;
  /** The text as it will be output. */
  text: string;
  /** The text with every cut made, whether or not boilerplate is kept: what duplicates compare. */
  cut: string;
  isTitle: boolean;
  dropped: boolean;
}

export function cleanText(text: string, options: CleanOptions): CleanResult {
  const lines = readLines(text, options);
  const firstNonEmpty = lines.findIndex((l) => l.text !== '');
  const units = buildUnits(lines, lines.map((l, i) => (l.text === '' ? undefined : matchLineRule(l.text, i === firstNonEmpty))));
  const zones = markZones(units);
  const removed: RemovedLine[] = [];
  for (const unit of units) if (unit.rule) for (const i of unit.lines) removed.push({ line: lines[i]!.no, text: lines[i]!.raw, rule: unit.rule });
  const blocks = units.filter((u) => options.keepBoilerplate || u.rule === null).map((unit) => workBlock(unit, units, zones));
  const dateline = cutDateline(blocks, units, zones, lines, removed, options.keepBoilerplate);
  cutInlineParts(blocks, lines, removed, options.keepBoilerplate);
  dropDuplicates(blocks, lines, removed);
  const out = outputBlocks(blocks.filter((b) => options.keepBoilerplate || !b.dropped), lines, removed);
  removed.sort((a, b) => a.line - b.line);
  const bodyText = out.filter((b) => b.kind === 'paragraph').map((b) => b.text).join('\n');
  return { metadata: collectMetadata(units, zones, dateline, bodyText), blocks: out, removed };
}

function readLines(text: string, options: CleanOptions): Line[] {
  return text.split('\n').map((raw, i) => {
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
}

function workBlock(unit: Unit, units: Unit[], zones: Zones): WorkBlock {
  return { unit, text: unit.text, cut: unit.text, isTitle: units.indexOf(unit) === zones.title, dropped: false };
}

/** The dateline opening the first body paragraph, cut (and recorded) when it is there. */
function cutDateline(blocks: WorkBlock[], units: Unit[], zones: Zones, lines: Line[], removed: RemovedLine[], keep: boolean): PrefixMatch | null {
  const lead = blocks.find((b) => b.unit === units[zones.lead] && !b.isTitle);
  if (!lead) return null;
  for (const rule of PREFIX_RULES) {
    const m = rule.match(lead.cut);
    if (!m) continue;
    removed.push({ line: lines[lead.unit.lines[0]!]!.no, text: m.prefix.trim(), rule: rule.name });
    lead.cut = lead.cut.slice(m.prefix.length).trim();
    if (!keep) lead.text = lead.cut;
    return m;
  }
  return null;
}

/** Editor tags at paragraph ends and read-also links inside paragraphs. */
function cutInlineParts(blocks: WorkBlock[], lines: Line[], removed: RemovedLine[], keep: boolean): void {
  for (const block of blocks) {
    if (block.isTitle || block.unit.rule !== null) continue;
    for (const rule of CUT_RULES) {
      const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`);
      const parts = [...block.cut.matchAll(pattern)].filter((m) => !rule.accept || rule.accept(m[1] ?? '')).map((m) => m[0]);
      if (parts.length === 0) continue;
      const lineNo = lines[block.unit.lines[block.unit.lines.length - 1]!]!.no;
      for (const part of parts) {
        removed.push({ line: lineNo, text: part.trim(), rule: rule.name });
        block.cut = block.cut.replace(part, '');
      }
      block.cut = block.cut.replace(/ {2,}/gu, ' ').trim();
      if (!keep) block.text = block.cut;
    }
  }
}

/** Duplicate and near-duplicate paragraphs go; the first (or fuller) copy stays. */
function dropDuplicates(blocks: WorkBlock[], lines: Line[], removed: RemovedLine[]): void {
  const kept = new KeptParagraphs();
  const drop = (block: WorkBlock, rule: string): void => {
    block.dropped = true;
    for (const i of block.unit.lines) removed.push({ line: lines[i]!.no, text: lines[i]!.raw, rule });
  };
  for (const block of blocks) {
    if (block.isTitle || block.unit.rule !== null || wordCount(block.cut) < DUPLICATE_MIN_WORDS) continue;
    const near = nearKey(block.cut);
    if (kept.hasCopy(block.cut)) {
      drop(block, RULE.duplicateParagraph);
      continue;
    }
    if (kept.hasNearCopy(near)) {
      drop(block, RULE.nearDuplicateParagraph);
      continue;
    }
    const shorter = kept.firstCutOffCopyOf(near);
    if (shorter) drop(shorter, RULE.nearDuplicateParagraph);
    kept.add(block, near);
  }
}

/** Words two paragraphs share at their start when one is a cut-off copy of the other (which has at least ten). */
const OPENING_WORDS = 9;

/**
 * The paragraphs kept so far, indexed by their text, their comparison key and their opening words,
 * so that each new paragraph is compared only with the few that could be its copy: the cost stays
 * linear in the article's length.
 */
class KeptParagraphs {
  private readonly byText = new Map<string, WorkBlock[]>();
  private readonly byKey = new Map<string, WorkBlock[]>();
  private readonly byOpening = new Map<string, Array<{ block: WorkBlock; near: string }>>();

  add(block: WorkBlock, near: string): void {
    push(this.byText, block.cut, block);
    push(this.byKey, near, block);
    const opening = openingOf(near);
    if (opening !== null) push(this.byOpening, opening, { block, near });
  }

  hasCopy(text: string): boolean {
    return this.byText.get(text)?.some((b) => !b.dropped) ?? false;
  }

  /** A kept paragraph equal to `near` up to the comparison key, or of which `near` is a cut-off copy. */
  hasNearCopy(near: string): boolean {
    if (this.byKey.get(near)?.some((b) => !b.dropped)) return true;
    return this.candidates(near).some((s) => isTruncation(near, s.near));
  }

  /** The first kept paragraph that is a cut-off copy of `near`. */
  firstCutOffCopyOf(near: string): WorkBlock | undefined {
    return this.candidates(near).find((s) => isTruncation(s.near, near))?.block;
  }

  private candidates(near: string): Array<{ block: WorkBlock; near: string }> {
    const opening = openingOf(near);
    return opening === null ? [] : (this.byOpening.get(opening) ?? []).filter((s) => !s.block.dropped);
  }
}

function openingOf(near: string): string | null {
  const words = near.split(' ');
  return words.length > OPENING_WORDS ? words.slice(0, OPENING_WORDS).join(' ') : null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `shorter` is a cut-off copy of `longer`: a prefix covering most of it. */
function isTruncation(shorter: string, longer: string): boolean {
  return shorter.length < longer.length && longer.startsWith(shorter) && wordCount(shorter) >= 10 && shorter.length >= 0.8 * longer.length;
}

/** Blocks with their kinds and languages; the mixed-script repairs of their lines are listed. */
function outputBlocks(kept: WorkBlock[], lines: Line[], removed: RemovedLine[]): CleanBlock[] {
  for (const block of kept) {
    for (const i of block.unit.lines) for (const word of lines[i]!.repaired) removed.push({ line: lines[i]!.no, text: word, rule: RULE.mixedScript });
  }
  return kept.map((b, i) => ({
    kind: b.isTitle ? 'title' : b.unit.mdHeading || isHeading(b.text, i < kept.length - 1) ? 'heading' : 'paragraph',
    text: b.text,
    line: lines[b.unit.lines[0]!]!.no,
    ...(isEnglish(b.text) ? { language: 'en' as const } : {}),
  }));
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
