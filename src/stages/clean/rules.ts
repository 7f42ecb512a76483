/**
 * The boilerplate rules of the `clean` stage, as data. Every rule has a stable `name` (it appears
 * in `CleanedArticle.removed`, so analysts can audit what was dropped and why), a description and
 * a scope:
 *
 * - `line`: tested against one whole line (normalised: no-break spaces and runs of spaces folded,
 *   zero-width characters dropped, trimmed). Line rules decide from what the whole line is, never
 *   from a phrase it merely contains. They apply anywhere in the page. Some carry metadata
 *   (`extract`); some mark the end of the article body (`endsBody`).
 * - `zone`: decided from where a line stands and from its neighbours: before the first body
 *   paragraph (the header), after the last (the trailer), inside a related-article block, between
 *   two boilerplate lines. `zones.ts` applies them.
 * - `paragraph-prefix`: a prefix cut from the first body paragraph (datelines).
 * - `paragraph-suffix` and `inline`: a part cut from a paragraph (editor tags, "(Baca: …)").
 * - `document`: needs the whole article (duplicates, the repeated title).
 * - `word`: a repair inside a word (mixed scripts).
 *
 * The vocabulary the rules use lives in `src/text/` (`boilerplate-vocabulary.ts`, `outlets.ts`,
 * `function-words.ts`); no rule names a site.
 */

import type { ArticleMetadata } from '../../types.ts';
import { readByline } from './byline.ts';
import { lineFeatures, type LineFeatures } from './features.ts';
import { AGENCY_NAMES } from '../../text/outlets.ts';
import { findOutlet, isAgency, isOutlet, isPlace, readDateLine } from './metadata.ts';
import {
  AD_LINE,
  CREDIT_LABEL,
  CREDIT_LABEL_INSIDE,
  EDITOR_LABEL,
  isAdWording,
  mentionsCaptionWord,
  PAGINATION_LINE,
  PLATFORM_LINE,
  RELATED_LABEL,
  TRAILER_LABEL,
  WIDGET_LINE,
  wordsOf,
} from './vocabulary.ts';

export type RuleScope = 'line' | 'zone' | 'paragraph-prefix' | 'paragraph-suffix' | 'inline' | 'document' | 'word';

interface RuleBase {
  name: string;
  description: string;
}

export interface LineRule extends RuleBase {
  scope: 'line';
  /** Whole-line test on the normalised line and its features. */
  test: RegExp | ((line: string, features: LineFeatures) => boolean);
  /** Metadata the line carries; only called when `test` matched. */
  extract?: (line: string) => Partial<ArticleMetadata>;
  /** The line marks the end of the article body (editor initials, editor credit). */
  endsBody?: boolean;
  /** Not applied to the first non-empty line, which may be a headline of the same shape ("FOTO: …"). */
  notOnFirstLine?: boolean;
  /** The line is a credit: the lines next to it are its caption. */
  credit?: boolean;
  /** The line opens a block of related-article headlines when nothing follows its label. */
  opensRelatedBlock?: boolean;
}

export interface PrefixMatch {
  /** The prefix as it stands at the start of the paragraph, including the separator. */
  prefix: string;
  metadata: Partial<ArticleMetadata>;
}

export interface PrefixRule extends RuleBase {
  scope: 'paragraph-prefix';
  match: (paragraph: string) => PrefixMatch | null;
}

export interface CutRule extends RuleBase {
  scope: 'paragraph-suffix' | 'inline';
  /** Every match is cut from the paragraph. */
  pattern: RegExp;
  /** Group 1 of a match must pass this, when given. */
  accept?: (group: string) => boolean;
}

export interface OtherRule extends RuleBase {
  scope: 'zone' | 'document' | 'word';
}

export type CleanRule = LineRule | PrefixRule | CutRule | OtherRule;

/** Names of the rules implemented outside the line rules. */
export const RULE = {
  header: 'header',
  caption: 'caption',
  standfirst: 'standfirst',
  relatedBlock: 'related-block',
  betweenBoilerplate: 'between-boilerplate',
  prompt: 'prompt',
  trailer: 'trailer',
  repeatedTitle: 'repeated-title',
  duplicateParagraph: 'duplicate-paragraph',
  nearDuplicateParagraph: 'near-duplicate-paragraph',
  dateline: 'dateline',
  editorTagInline: 'editor-tag-inline',
  readAlsoInline: 'read-also-inline',
  sourceTagInline: 'source-tag-inline',
  mixedScript: 'mixed-script',
} as const;

/** Trailer limits after an explicit end of the body (editor initials or credit). */
export const TRAILER_MAX_LINES = 12;
export const TRAILER_MAX_LINE_LENGTH = 300;
/** The repeated-title rule looks this many lines past the title. */
export const REPEATED_TITLE_WINDOW = 8;
/** Paragraphs shorter than this (in words) are never treated as duplicates. */
export const DUPLICATE_MIN_WORDS = 3;
/** A related-article block holds at most this many headlines. */
export const RELATED_BLOCK_MAX_ITEMS = 8;
/** Longest line, in words, that the neighbour rules judge. */
export const SHORT_LINE_MAX_WORDS = 12;

const DASH = '(?:-{1,2}|–|—)';
/** Agencies as they sign wire photos: in capitals. */
const WIRE_AGENCIES = AGENCY_NAMES.filter((a) => a === a.toUpperCase()).map((a) => a.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|');

/** Editor or reporter initials, desk codes and end marks: "(rdp/rdp)", "(Z-8)", "[cob]", "(Bob/P-3)", "(*)". */
const INITIALS = '(?:[a-z]{2,5}\\d?|\\*|\\p{Lu}{1,2}\\d{1,2})';
const EDITOR_TAG_BODY = `(?:${INITIALS}|\\p{Lu}-\\d{1,2}|\\p{Lu}\\p{Ll}{1,5}\\/\\p{Lu}-\\d{1,2})(?:\\s?\\/\\s?${INITIALS})*`;
const EDITOR_TAG = new RegExp(`^(?:\\(${EDITOR_TAG_BODY}\\)|\\[${EDITOR_TAG_BODY}\\])$`, 'u');

/** A credit: "KOMPAS.com/RUDI HARTANTO", "MI/Susanto", "ANTARA/Siti", "foto/istockphoto". */
const CREDIT = /^([\p{L}\d][\p{L}\d.&-]*(?: [\p{L}\d][\p{L}\d.&-]*){0,2})\s?\/\s?(\p{L}[\p{L}\d.' -]{1,60}(?:\/[\p{L}\d.' -]{1,40})?)$/u;

function isCreditText(text: string): boolean {
  const t = text.trim().replace(/[.\s]+$/u, '');
  if (EDITOR_TAG.test(`(${t})`)) return false;
  const credit = CREDIT.exec(t);
  if (credit) {
    const source = credit[1]!;
    return isOutlet(source) || isAgency(source) || /^\p{Lu}{2,}/u.test(source) || CREDIT_LABEL.test(`${source}:`) || /^\p{Lu}/u.test(credit[2]!);
  }
  return isOutlet(t) || isAgency(t) || CREDIT_LABEL.test(t) || /^©/u.test(t);
}

/** Longest line, in words, that a bare outlet name in brackets at its end makes a caption. */
const CAPTION_SIGNED_MAX_WORDS = 12;

/** A bare outlet or agency name, no photographer, no label: how a wire paragraph is signed ("(Antara)"). */
const isSourceTag = (text: string): boolean => !/[/:]/u.test(text) && (isOutlet(text.trim()) || isAgency(text.trim()));

/** A caption ending in its credit: "… (Katadata/Andi Kurniawan)", "… ANTARA/Siti", "… (Foto: Bernama)", "… - tvOne". */
function endsWithCredit(line: string, words: number): boolean {
  const bracketed = /(?:^|[.!?)”"\p{L}\d])\s*[(\[]([^()[\]]{2,90})[)\]]\.?$/u.exec(line);
  if (bracketed && line.length > bracketed[0].length + 10 && isCreditText(bracketed[1]!)) {
    // "… banjir ini. (Antara)": a paragraph signed with its source, unless it reads as a caption.
    return !isSourceTag(bracketed[1]!) || mentionsCaptionWord(line) || words <= CAPTION_SIGNED_MAX_WORDS;
  }
  if (/\((?:ilustrasi|dok|dokumentasi|istimewa|arsip)\)\.?$/iu.test(line)) return true;
  if (CREDIT_LABEL_INSIDE.test(line)) return true;
  if (/[.!?)]\s*©\s*\d{4}\s+\S.{1,60}$/u.test(line)) return true;
  const slash = /[.!?”"]\s+(\S+(?: \S+){0,2}\s?\/\s?\S.{0,60})$/u.exec(line);
  if (slash && !/[.!?]$/u.test(slash[1]!.replace(/\.$/u, '')) && isCreditText(slash[1]!)) return true;
  const dashed = new RegExp(`[.!?]\\s*${DASH}\\s*(\\S{2,30})$`, 'u').exec(line);
  return dashed !== null && (isOutlet(dashed[1]!) || isAgency(dashed[1]!));
}

/** Standalone dateline line: "GalaPos ID, Moskow.", "Jakarta, CNN Indonesia --", "Jakarta (ANTARA) -". */
function datelineLine(line: string): Partial<ArticleMetadata> | null {
  let m = new RegExp(`^([^,]{2,40}),\\s*([^,]{2,40}?)\\s*(?:\\.|:|${DASH})?$`, 'u').exec(line);
  if (m) {
    const [a, b] = [m[1]!.trim(), m[2]!.trim()];
    if (isOutlet(a) && isPlace(b)) return { outlet: a, dateline: b };
    if (isPlace(a) && isOutlet(b)) return { outlet: b, dateline: a };
  }
  m = new RegExp(`^(.{2,30}?)\\s*\\((.{2,30})\\)\\s*${DASH}?$`, 'u').exec(line);
  if (m && isPlace(m[1]!) && isOutlet(m[2]!)) return { outlet: m[2]!, dateline: m[1]! };
  return null;
}

const START = '(?=[\\p{Lu}\\d"“‘\'(])';
/** An unlisted outlet after the place of a "CITY, NAME - " dateline: one word in capitals or in camel case ("JATIMNOW", "NusaDaily"). */
const UNLISTED_OUTLET = /^(?:\p{Lu}[\p{Lu}\d]{2,}|\p{Lu}\p{Ll}+\p{Lu}[\p{L}\d]*)$/u;
/** A name that may stand in the parenthesis of a "CITY (NAME) - " dateline: one to three capitalised words. */
const WIRE_NAME = /^\p{Lu}[\p{L}\d.-]*(?: \p{Lu}[\p{L}\d.-]*){0,2}$/u;

/**
 * Dateline at the start of the first body paragraph, in the shapes of Indonesian news:
 * "CITY, Outlet - ", "Outlet, CITY - ", "CITY (ANTARA) - ", "Outlet.com, City: ", "CITY, Outlet.com -- ",
 * "KONTAN.CO.ID - SEOUL. ", "Outlet.com - ", "CITY - " (capitals).
 */
function datelinePrefix(paragraph: string): PrefixMatch | null {
  let m = new RegExp(`^(([^,]{2,40}),\\s*([^,:]{2,40}?)\\s*(?:${DASH}|:)\\s+)${START}`, 'u').exec(paragraph);
  if (m) {
    const [a, b] = [m[2]!.trim(), m[3]!.trim()];
    if (isOutlet(a) && isPlace(b)) return { prefix: m[1]!, metadata: { outlet: a, dateline: b } };
    if (isPlace(a) && (isOutlet(b) || UNLISTED_OUTLET.test(b))) return { prefix: m[1]!, metadata: { outlet: b, dateline: a } };
  }
  // "Jakarta (ANTARA) - ": the shape itself says the parenthesis names the outlet.
  m = new RegExp(`^((.{2,30}?)\\s*\\(([^)]{2,30})\\)\\s*${DASH}\\s+)${START}`, 'u').exec(paragraph);
  if (m && isPlace(m[2]!) && (isOutlet(m[3]!) || WIRE_NAME.test(m[3]!))) return { prefix: m[1]!, metadata: { outlet: m[3]!, dateline: m[2]! } };
  m = new RegExp(`^((\\S{2,40})\\s*${DASH}\\s*(\\p{Lu}[\\p{L}'’ -]{1,29}?)\\.\\s+)${START}`, 'u').exec(paragraph);
  if (m && isOutlet(m[2]!) && isPlace(m[3]!)) return { prefix: m[1]!, metadata: { outlet: m[2]!, dateline: m[3]! } };
  m = new RegExp(`^((\\S{2,40}|\\S+ \\S+)\\s*(?:${DASH}|:)\\s+)${START}`, 'u').exec(paragraph);
  if (m && isOutlet(m[2]!)) return { prefix: m[1]!, metadata: { outlet: m[2]! } };
  // Capitals only: a mixed-case "Jakarta - Bandung kini …" may be a real sentence, so it stays.
  m = new RegExp(`^((\\p{Lu}[\\p{Lu}'’.-]+(?: \\p{Lu}[\\p{Lu}'’.-]+){0,2})\\s+${DASH}\\s+)${START}`, 'u').exec(paragraph);
  if (m && isPlace(m[2]!)) return { prefix: m[1]!, metadata: { dateline: m[2]! } };
  return null;
}

/** Words that make a follow or share prompt about news (not an app a story explains). */
const NEWS_OBJECT = /\b(?:berita|artikel|update|terkini|terbaru|channel|saluran|kami|us|post|news)\b/iu;

function socialPrompt(line: string, f: LineFeatures): boolean {
  if (/^(?:bagikan|share)(?:\s+(?:artikel|berita|halaman)(?:\s+ini)?|\s+(?:ke|via|on)\s+\S+)?\s*[:：]?$/iu.test(line)) return true;
  if (PLATFORM_LINE.test(line)) return true;
  if (/^(?:ikuti|follow)\s+(?:kami|us)\b.{0,40}$/iu.test(line)) return true;
  return line.length <= 300 && f.promptStart && f.namesPlatform && (NEWS_OBJECT.test(line) || f.namesOutlet);
}

/** Promotions: a prompt naming the outlet or the reader, or "here" ("klik di sini"); offers made of link words. */
function promo(line: string, f: LineFeatures): boolean {
  if (f.words === 0 || f.words > 40) return false;
  const presenter = /\bpersembahan\s+(\S+)/iu.exec(line);
  if (presenter && isOutlet(presenter[1]!.replace(/[.,]$/u, ''))) return true;
  if (f.promptStart && (f.namesOutlet || /\bdi ?sini\b/iu.test(line) || (f.addressesReader && f.linkWords >= 2))) return true;
  return f.linkShare >= 0.6 && f.words <= 6 && !f.endsSentence;
}

/** Copyright, reserved-rights and crawling notices. */
const COPYRIGHT = /(?:©|\(c\)|\bcopyright\b|\bhak cipta\b|\ball rights? reserved\b|\ba subsidiary of\b|\bcrawling\b|\bdilarang (?:keras )?mengambil konten\b)/iu;

/** "Nasional / 16 jam lalu / …": a related headline with its section and age. */
const RELATED_AGE = /(?:^|[/|•·-]\s*)\d{1,2}\s+(?:detik|menit|jam|hari|minggu|pekan|bulan)\s+(?:yang\s+)?lalu\s*(?:[/|•·-]|$)/iu;

export const RULES: readonly CleanRule[] = [
  // ── End of body: editor initials (before the widget and embed shapes they resemble) ──────
  {
    name: 'editor-tag',
    scope: 'line',
    description: 'Editor or reporter initials or desk codes closing the article: "(rdp/rdp)", "(ahm)", "[cob]", "(Z-8)", "(*)".',
    test: EDITOR_TAG,
    endsBody: true,
  },
  // ── Ads, widgets and navigation ───────────────────────────────────────────────────────────
  {
    name: 'ad-marker',
    scope: 'line',
    description: 'Advertisement slots and scroll prompts: "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Scroll ke bawah untuk melanjutkan membaca", "Hide Ads".',
    test: (line) => AD_LINE.test(line) || isAdWording(line),
  },
  {
    name: 'reader-widget',
    scope: 'line',
    description: 'Reader widgets: reading time ("waktu baca 3 menit"), font size ("AA"), a line of symbols only ("·").',
    test: (line) => WIDGET_LINE.test(line) || /^[^\p{L}\p{N}]+$/u.test(line),
  },
  {
    name: 'read-also',
    scope: 'line',
    description: 'Links to other stories: "Baca Juga" alone or "Baca Juga: <headline>", "(Baca: …)".',
    test: (line) => /^[(\[]?baca\b/iu.test(line) && RELATED_LABEL.test(line),
    opensRelatedBlock: true,
  },
  {
    name: 'see-also',
    scope: 'line',
    description: 'Video and gallery links: "Lihat Juga :", "Simak juga Video: …", "Simak video selengkapnya berikut ini:".',
    test: /^(?:(?:lihat|simak|tonton|saksikan)\s+(?:juga|pula)(?:\s+(?:video|foto|infografis|berita))?(?:\s*[:：].*|\s+['"‘“].*)?|(?:simak|tonton|saksikan|lihat)\s+(?:juga\s+)?video\b.{0,40}?[:：].*|(?:simak|tonton|saksikan|lihat)\s+(?:video\s+)?selengkapnya\b.{0,30})$/iu,
    opensRelatedBlock: true,
  },
  {
    name: 'related-link',
    scope: 'line',
    description: 'Related-story labels and links: "Artikel terkait:", "Berita Terkait", "Pilihan Editor: …", "BERITA TERKINI", "Artikel Selanjutnya".',
    test: (line) => RELATED_LABEL.test(line) && !/^[(\[]?baca\b/iu.test(line),
    opensRelatedBlock: true,
  },
  {
    name: 'related-item',
    scope: 'line',
    description: 'A related headline with its section and age: "Nasional / 16 jam lalu / …".',
    test: (line, f) => RELATED_AGE.test(line) && f.words <= 30,
  },
  {
    name: 'hashtags',
    scope: 'line',
    description: 'A line of hashtags or handles only: "#Banjir #Garut", "@garutnews".',
    test: /^(?:[#@][\p{L}\d_]+[\s,]*)+$/u,
  },
  {
    name: 'pagination',
    scope: 'line',
    description: 'Page navigation: "Halaman 2 dari 3", "Halaman 1/2", "Baca halaman selanjutnya", "Selengkapnya".',
    test: (line) =>
      /^(?:halaman|page)\s+\d+\s*(?:dari|of|\/)\s*\d+$/iu.test(line) ||
      /^(?:(?:halaman|page)\s*[:：]?\s*)?(?:[«‹]\s*)?(?:\d{1,2}\s+){1,9}\d{1,2}\s*(?:selanjutnya|berikutnya|next|[»›])?$/iu.test(line) ||
      /^(?:baca\s+)?halaman\s+(?:selanjutnya|berikutnya|sebelumnya)\s*[.:>»›]*$/iu.test(line) ||
      PAGINATION_LINE.test(line),
  },
  {
    name: 'comment-prompt',
    scope: 'line',
    description: 'Comment widgets: "tulis komentar anda", "Komentar", "12 Komentar", "Laporkan Komentar", "Berkomentarlah secara bijaksana …".',
    test: (line) =>
      /^(?:tulis komentar(?: anda| kamu)?|(?:beri|berikan|kirim|lihat|tampilkan|laporkan) komentar|komentar|\d+\s+komentar|komentar\s*\(\d+\))\s*[.:]?$/iu.test(line) ||
      (/^berkomentarlah\b/iu.test(line) && line.length <= 300),
  },
  {
    name: 'social-prompt',
    scope: 'line',
    description: 'Follow/share prompts about news naming a platform ("Ikuti berita terkini di Google News", "follow us on Google News", "view this post on Instagram"), "Bagikan:", a platform button alone ("WhatsApp").',
    test: socialPrompt,
  },
  {
    name: 'promo',
    scope: 'line',
    description: 'Promotions: a prompt naming the outlet, the reader or "di sini" ("Baca berita tanpa iklan. Gabung Kompas.com+", "Login untuk … Kompas.com"), "persembahan <outlet>", short offers of link words ("Konten Premium").',
    test: promo,
  },
  {
    name: 'breadcrumb',
    scope: 'line',
    description: 'Navigation breadcrumbs: "Home > News > Internasional", "Beranda / Ekonomi", "Home » Bali » Denpasar".',
    test: /^(?:home|beranda|index|indeks)\s*(?:[>›»/|]\s*[^>›»/|]{1,40}){1,6}$/iu,
  },
  {
    name: 'embed-placeholder',
    scope: 'line',
    description: 'What an embed leaves: a bracketed placeholder ("[Gambas:Video CNN]"), a bare link, a tweet\'s signature ("— Name (@handle) June 3, 2024"), "pic.twitter.com/…", "A post shared by …".',
    test: (line) =>
      /^\[[^\]\n]{2,60}\]$/u.test(line) ||
      /^(?:https?:\/\/|www\.)\S+$/iu.test(line) ||
      /\bpic\.twitter\.com\/\S+$/iu.test(line) ||
      /^[—–-]\s*.{1,60}\(@[\w.]{1,30}\)\s*.{0,30}$/u.test(line) ||
      /^a post shared by\b.{0,80}$/iu.test(line),
  },
  {
    name: 'outlet-logo',
    scope: 'line',
    description: 'An outlet\'s name or logo text alone on a line ("logo Kompas.com", "Tribunnews.com").',
    test: (line) => /^(?:logo\s+\S.{0,40}|\S+\s+logo)$/iu.test(line) || (findOutlet(line) !== undefined && /[.\p{Lu}]/u.test(line.slice(1)) && wordsOf(line).length <= 3),
  },
  // ── End of body: credits ──────────────────────────────────────────────────────────────────
  {
    name: 'editor-credit',
    scope: 'line',
    description: 'Editor credit: "Editor: <name>", "Penyunting: <name>", "Editor : <name>".',
    test: (line) => EDITOR_LABEL.test(line) && line.length <= 100 && !/[.!?]$/u.test(line),
    endsBody: true,
  },
  {
    name: 'author-credit',
    scope: 'line',
    description: 'Author credits in labelled shapes: "Penulis: A | Editor: B", "Rep: A/ Red: B", "Pewarta: A", "LAPORAN: A", "Oleh: A, B, & C", "Laporan Wartawan Outlet, A"; becomes metadata.author.',
    test: (line) => {
      const byline = readByline(line);
      return byline !== undefined && !byline.labelOnly && /[:：]|^(?:laporan|oleh)\b/iu.test(line) && !('published' in byline);
    },
    extract: (line) => {
      const b = readByline(line);
      return b?.author ? { author: b.author } : {};
    },
  },
  // ── Photos ────────────────────────────────────────────────────────────────────────────────
  {
    name: 'photo-caption',
    scope: 'line',
    description: 'Photo captions and credits opened by a label: "Foto: …", "Ilustrasi: …", "(Foto: …)", "Sumber: …".',
    test: (line, f) => CREDIT_LABEL.test(line) && f.words <= 60,
    notOnFirstLine: true,
    credit: true,
  },
  {
    name: 'wire-caption',
    scope: 'line',
    description: 'Wire-agency photo captions, often English: "… REUTERS/File Photo Purchase Licensing Rights", "… (ANTARA FOTO/…)".',
    test: (line) =>
      /\bPurchase Licensing Rights\s*\)?$/u.test(line) ||
      // An agency in capitals, a slash, a credit. Capitals only: body text writes "Reuters/Ipsos" for a poll.
      new RegExp(`\\((?:${WIRE_AGENCIES})\\/[^()]{2,80}\\)\\.?$`, 'u').test(line) ||
      new RegExp(`\\b(?:${WIRE_AGENCIES})\\/\\p{Lu}[\\p{L}'’-]+(?:\\s\\p{Lu}[\\p{L}'’-]+){1,3}(?:\\/File Photo)?\\.?$`, 'u').test(line),
  },
  {
    name: 'credit-line',
    scope: 'line',
    description: 'A photo or chart credit alone on its line: "KOMPAS.com/RUDI HARTANTO", "MI/Susanto".',
    test: (line, f) => !/[.!?,;:]$/u.test(line) && f.words <= 9 && CREDIT.test(line) && isCreditText(line),
    credit: true,
  },
  {
    name: 'caption-credit',
    scope: 'line',
    description: 'A caption ending in its credit: "… (Katadata/Andi Kurniawan)", "… ANTARA/Siti", "… Foto: Shutterstock", "… ©2024 Merdeka.com", "ilustrasi.(MI)", "… - tvOne".',
    test: (line, f) => f.words <= 80 && endsWithCredit(line, f.words),
  },
  // ── Metadata lines ────────────────────────────────────────────────────────────────────────
  {
    name: 'byline',
    scope: 'line',
    description: 'A byline naming a person next to an outlet or a date: "Rita Uli Hutapea - detikNews", "A | CNN Indonesia", "Market - A, CNBC Indonesia", "A - 23 Sep 2024 19:40 WIB", "kumparanNEWS"; becomes metadata.author, outlet and published.',
    test: (line) => {
      const b = readByline(line);
      return b !== undefined && !b.labelOnly && (b.outlet !== undefined || b.published !== undefined);
    },
    extract: (line) => {
      const b = readByline(line) ?? {};
      return { ...(b.author ? { author: b.author } : {}), ...(b.outlet ? { outlet: b.outlet } : {}) };
    },
  },
  {
    name: 'date-line',
    scope: 'line',
    description: 'Publication date line ("Kamis, 28 Mar 2024 21:37 WIB", "Kompas.com - 14/11/2024, 16:42 WIB", "• Jumat, 18 Desember 2020", "Diperbarui: …"); becomes metadata.published (ISO 8601).',
    test: (line) => readDateLine(line) !== undefined,
  },
  {
    name: 'empty-dateline',
    scope: 'line',
    description: 'A dateline alone on its line, with nothing after the dash: "Jakarta -"; becomes metadata.dateline.',
    test: (line) => {
      const m = new RegExp(`^(.{2,30}?)\\s*${DASH}$`, 'u').exec(line);
      return m !== null && isPlace(m[1]!);
    },
    extract: (line) => ({ dateline: line.replace(new RegExp(`\\s*${DASH}$`, 'u'), '') }),
  },
  {
    name: 'dateline-line',
    scope: 'line',
    description: 'Outlet and place alone on a line: "GalaPos ID, Moskow.", "Jakarta (ANTARA) -", "Jakarta, CNN Indonesia --"; becomes metadata.',
    test: (line) => datelineLine(line) !== null,
    extract: (line) => datelineLine(line) ?? {},
  },
  // ── Page ends ─────────────────────────────────────────────────────────────────────────────
  {
    name: 'copyright',
    scope: 'line',
    description: 'Copyright, reserved-rights, network and crawling notices: "Copyright © ANTARA 2025", "All Right Reserved".',
    test: (line, f) => COPYRIGHT.test(line) && f.words <= 45,
  },
  {
    name: 'syndication',
    scope: 'line',
    description: 'Syndication notes: "Artikel ini telah tayang di <outlet> dengan judul …".',
    test: /^(?:artikel|berita|tulisan) ini (?:telah |sudah )?(?:tayang|terbit|dimuat|ditayangkan)\b.{0,200}$/iu,
  },
  {
    name: 'disclaimer',
    scope: 'line',
    description: 'A labelled page-end notice: "Disclaimer: …", "Catatan Redaksi: …", "Alamat: …", "Telepon: …".',
    test: (line, f) => TRAILER_LABEL.test(line) && f.words <= 60,
  },
  // ── Zones and neighbours (zones.ts) ───────────────────────────────────────────────────────
  {
    name: RULE.header,
    scope: 'zone',
    description: 'Page furniture before the first body paragraph that no line rule names: section labels, menus, bare bylines, widgets. The title stays.',
  },
  {
    name: RULE.caption,
    scope: 'zone',
    description: 'A photo or chart caption without a credit of its own: next to a credit line, described as an illustration, or repeated on the next line (each copy is a caption).',
  },
  {
    name: RULE.standfirst,
    scope: 'zone',
    description: 'A standfirst, teaser or pull quote in the header that repeats a sentence of the body.',
  },
  {
    name: RULE.relatedBlock,
    scope: 'zone',
    description: `The headlines listed under a related-article label ("Baca Juga", "Berita Terkait"): short lines without a full stop, at most ${RELATED_BLOCK_MAX_ITEMS}.`,
  },
  {
    name: RULE.betweenBoilerplate,
    scope: 'zone',
    description: `A short line (at most ${SHORT_LINE_MAX_WORDS} words, no full stop) between two boilerplate lines, or a label just above a caption.`,
  },
  {
    name: RULE.prompt,
    scope: 'zone',
    description: 'A line worded as a prompt or promotion (a prompt verb and a platform, or mostly link words) that is not held between two body lines.',
  },
  {
    name: RULE.trailer,
    scope: 'zone',
    description: `Lines after the last body paragraph (addresses, telephone numbers, widgets, link lists), and short lines after an editor tag or credit (at most ${TRAILER_MAX_LINES} lines of at most ${TRAILER_MAX_LINE_LENGTH} characters). A list the last paragraph introduces with a colon stays.`,
  },
  // ── Paragraph parts ───────────────────────────────────────────────────────────────────────
  {
    name: RULE.dateline,
    scope: 'paragraph-prefix',
    description: 'Dateline opening the first body paragraph ("Liputan6.com, Pyongyang - ", "TEMPO.CO, Jakarta - ", "Jakarta (ANTARA) - ", "medcom.id, Jakarta: ", "KONTAN.CO.ID - SEOUL. ", "MOSKOW - "); becomes metadata.dateline (and outlet).',
    match: datelinePrefix,
  },
  {
    name: RULE.editorTagInline,
    scope: 'paragraph-suffix',
    description: 'Editor initials or desk code at the end of a paragraph after its last sentence: "… kata dia. (rdp/rdp)", "…tandasnya.(fat/jpnn)", "(Bob/P-3)", "[dwi]", "(*)".',
    pattern: new RegExp(`(?<=[.!?"”'’)])\\s*(?:\\(${EDITOR_TAG_BODY}\\)|\\[${EDITOR_TAG_BODY}\\])$`, 'u'),
  },
  {
    name: RULE.sourceTagInline,
    scope: 'paragraph-suffix',
    description: 'The source signing the end of a paragraph: "… lumpuh akibat banjir ini. (Antara)".',
    pattern: /(?<=[.!?"”'’])\s*\(([^()/:]{2,30})\)$/u,
    accept: isSourceTag,
  },
  {
    name: RULE.readAlsoInline,
    scope: 'inline',
    description: 'A read-also link inside a paragraph: "(Baca: …)", "(Baca juga: …)".',
    pattern: /\s*\((?:baca|lihat|simak)(?: juga)?\s*[:：][^()]{2,150}\)/giu,
  },
  // ── Whole document ────────────────────────────────────────────────────────────────────────
  {
    name: RULE.repeatedTitle,
    scope: 'document',
    description: 'The title repeated on a later line (usually the next one); the first occurrence stays as the title.',
  },
  {
    name: RULE.duplicateParagraph,
    scope: 'document',
    description: 'A paragraph identical to an earlier one (also catches a whole body pasted twice); the first stays.',
  },
  {
    name: RULE.nearDuplicateParagraph,
    scope: 'document',
    description: 'A paragraph equal to an earlier one up to case, quotes and final punctuation (a lead repeated without its full stop), or a truncated copy of it; the fuller one stays.',
  },
  // ── Repairs ───────────────────────────────────────────────────────────────────────────────
  {
    name: RULE.mixedScript,
    scope: 'word',
    description: 'A Greek or Cyrillic look-alike letter inside an otherwise Latin word ("Сosmodrome" with a Cyrillic Es) is replaced by its Latin twin; the word as it stood is listed. Only for one or two letters with a clear twin in a mostly Latin word.',
  },
];

export const LINE_RULES: readonly LineRule[] = RULES.filter((r): r is LineRule => r.scope === 'line');
export const PREFIX_RULES: readonly PrefixRule[] = RULES.filter((r): r is PrefixRule => r.scope === 'paragraph-prefix');
export const CUT_RULES: readonly CutRule[] = RULES.filter((r): r is CutRule => r.scope === 'paragraph-suffix' || r.scope === 'inline');

/** The first line rule that matches the normalised `line`, if any. */
/** Bullets and arrows that may stand before a widget line ("* Follow …", "• Baca juga: …"). */
const LEADING_BULLET = /^(?:[•·▪●►>]+|\*(?=\s))\s*(?=\S)/u;

export function matchLineRule(line: string, isFirstLine = false): LineRule | undefined {
  const bare = line.replace(LEADING_BULLET, '');
  const features = lineFeatures(bare);
  return LINE_RULES.find(
    (rule) => !(isFirstLine && rule.notOnFirstLine) && (typeof rule.test === 'function' ? rule.test(bare, features) : rule.test.test(bare)),
  );
}
