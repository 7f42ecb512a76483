/**
 * A Markdown article as text: its YAML front matter becomes metadata, and inline markup is reduced
 * to what a reader sees (a link's text, an image's alt text inside a sentence and nothing for an
 * image on a line of its own, emphasised words without their markers). Lines keep their place, so line numbers still point into the file; heading markers
 * stay for `clean`, which makes them titles and headings.
 */
import type { GivenMetadata, SourceLink } from '../../types.ts';
import { emptyGiven, metadataError, readYamlMetadata, type Place } from './given-metadata.ts';

export interface MarkdownArticle {
  text: string;
  metadata: GivenMetadata;
  links: SourceLink[];
}

const FRONT_MATTER_OPEN = /^---[ \t]*$/u;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/u;

export function readMarkdownArticle(text: string, file: string, absolutePath: string): MarkdownArticle {
  const lines = text.split('\n');
  const frontMatterEnd = frontMatterLength(lines, { file, absolutePath, line: 1 });
  const metadata = frontMatterEnd > 0 ? readYamlMetadata(lines.slice(1, frontMatterEnd - 1).join('\n'), { source: 'front-matter', file, absolutePath, firstLine: 2, unknownKeys: 'ignore' }) : emptyGiven();
  for (let i = 0; i < frontMatterEnd; i++) lines[i] = '';
  if (metadata.title !== undefined && !startsWithTitle(lines, frontMatterEnd)) lines[0] = `# ${metadata.title}`;
  const { text: reduced, links } = reduceInlineMarkdown(lines);
  return { text: reduced, metadata, links };
}

/** Lines the front matter takes, its fences included; 0 when the file has none. One never closed would make the whole article metadata. */
function frontMatterLength(lines: readonly string[], opening: Place): number {
  if (!FRONT_MATTER_OPEN.test(lines[0] ?? '')) return 0;
  const close = lines.findIndex((line, i) => i > 0 && FRONT_MATTER_CLOSE.test(line));
  if (close === -1) throw metadataError(opening, 'the front matter opened here is never closed (no `---` line after it).');
  return close + 1;
}

/** The body opens with a level-1 heading, which is the title already. */
function startsWithTitle(lines: readonly string[], from: number): boolean {
  const first = lines.slice(from).find((line) => line.trim() !== '');
  return first !== undefined && /^ {0,3}#[ \t]+\S/u.test(first);
}

/** Placeholders for backslash-escaped characters, so no markup rule sees them. */
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!~|<>])/gu;
const PLACEHOLDER_BASE = 0xf0000;

const REFERENCE_DEFINITION = /^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+["'(].*["')])?\s*$/u;
const FENCE = /^ {0,3}(?:```|~~~)/u;
const RULE_LINE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/u;
const IMAGE = /!\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+["'][^"']*["'])?\)/gu;
const INLINE_LINK = /\[([^\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()]*\))*)>?(?:\s+["'(][^"')]*["')])?\s*\)/gu;
const REFERENCE_LINK = /\[([^\]]+)\]\[([^\]]*)\]/gu;
const AUTOLINK = /<((?:https?|ftp|mailto):[^\s<>]+)>/giu;
const CODE_SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/gu;
const STAR_EMPHASIS = /(\*\*\*|\*\*|\*|~~)(?=\S)(.*?\S)\1/gu;
const UNDERSCORE_EMPHASIS = /(?<![\p{L}\p{N}_])(___|__|_)(?=\S)(.*?\S)\1(?![\p{L}\p{N}_])/gu;
const BLOCK_MARKERS = /^ {0,3}(?:>[ \t]?)+|^ {0,3}[-*+][ \t]+(?=\S)/u;

/** Every line as text; the links' targets are collected, reference definitions and fences become empty lines. */
export function reduceInlineMarkdown(lines: readonly string[]): { text: string; links: SourceLink[] } {
  const references = new Map<string, string>();
  for (const line of lines) {
    const definition = REFERENCE_DEFINITION.exec(line);
    if (definition) references.set(definition[1]!.toLowerCase(), definition[2]!);
  }
  const links: SourceLink[] = [];
  const reduced = lines.map((line, i) => {
    if (REFERENCE_DEFINITION.test(line) || FENCE.test(line) || RULE_LINE.test(line)) return '';
    return reduceLine(line, (text, url) => links.push({ line: i + 1, text: restoreEscapes(text), url: restoreEscapes(url) }), references);
  });
  return { text: reduced.join('\n'), links };
}

function reduceLine(line: string, link: (text: string, url: string) => void, references: ReadonlyMap<string, string>): string {
  let text = line.replace(ESCAPED, (_, c: string) => String.fromCodePoint(PLACEHOLDER_BASE + c.codePointAt(0)!));
  text = text.replace(BLOCK_MARKERS, '');
  // A picture on a line of its own is no prose to translate; inside a sentence, its alt text reads in place.
  if (text.replace(IMAGE, '').trim() === '') return '';
  text = text.replace(IMAGE, (_, alt: string) => alt.trim());
  text = text.replace(INLINE_LINK, (_, label: string, url: string) => {
    if (url !== '') link(label, url);
    return label;
  });
  text = text.replace(REFERENCE_LINK, (whole, label: string, ref: string) => {
    const url = references.get((ref || label).toLowerCase());
    if (url === undefined) return whole;
    link(label, url);
    return label;
  });
  text = text.replace(AUTOLINK, (_, url: string) => {
    link(url, url);
    return url;
  });
  text = text.replace(CODE_SPAN, (_, __, code: string) => code.trim());
  for (let pass = 0; pass < 3; pass++) text = text.replace(STAR_EMPHASIS, '$2').replace(UNDERSCORE_EMPHASIS, '$2');
  return restoreEscapes(text);
}

function restoreEscapes(text: string): string {
  return text.replace(/[\u{f0000}-\u{f00ff}]/gu, (c) => String.fromCodePoint(c.codePointAt(0)! - PLACEHOLDER_BASE));
}
