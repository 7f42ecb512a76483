/**
 * The boilerplate rules of the `clean` stage, as data. Every rule has a stable `name` (it appears
 * in `CleanedArticle.removed`, so analysts can audit what was dropped and why), a description and
 * a scope:
 *
 * - `line`: tested against one whole line (normalised: no-break spaces and runs of spaces folded,
 *   zero-width characters dropped, trimmed). Line patterns are anchored at both ends: a rule never
 *   removes a line merely because it *contains* a boilerplate phrase. Some line rules carry
 *   metadata (`extract`); some mark the end of the article body (`endsBody`).
 * - `paragraph-prefix`: a prefix cut from the first body paragraph (datelines).
 * - `paragraph-suffix`: a suffix cut from the end of a paragraph (inline editor initials).
 * - `document`: needs the whole article (duplicates, the repeated title, the trailer after the
 *   end of the body); implemented in `clean-text.ts`, listed here so every name is in one place.
 * - `word`: a repair inside a word, not a removal (mixed-script letters; implemented, with its
 *   table of look-alike letters, in `script.ts`). `removed[].text` is then the word as it stood.
 *
 * Site-specific rules have `site` set. Rules are tried in order; the first that matches wins.
 * Be conservative: a line that might be news stays.
 */

import type { ArticleMetadata } from '../../types.ts';
import { isOutlet, isPlace, parseDateLine } from './metadata.ts';

export type RuleScope = 'line' | 'paragraph-prefix' | 'paragraph-suffix' | 'document' | 'word';

interface RuleBase {
  name: string;
  description: string;
  /** Outlet domain the rule is specific to; absent for general rules. */
  site?: string;
}

export interface LineRule extends RuleBase {
  scope: 'line';
  /** Whole-line test on the normalised line. */
  test: RegExp | ((line: string) => boolean);
  /** Metadata the line carries; only called when `test` matched. */
  extract?: (line: string) => Partial<ArticleMetadata>;
  /** The line marks the end of the article body (editor initials, editor credit). */
  endsBody?: boolean;
  /** Not applied to the first non-empty line, which may be a headline of the same shape ("FOTO: …"). */
  notOnFirstLine?: boolean;
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

export interface SuffixRule extends RuleBase {
  scope: 'paragraph-suffix';
  /** Must match at the end of the paragraph; group 1 is what stays. */
  pattern: RegExp;
}

export interface DocumentRule extends RuleBase {
  scope: 'document';
}

export interface WordRule extends RuleBase {
  scope: 'word';
}

export type CleanRule = LineRule | PrefixRule | SuffixRule | DocumentRule | WordRule;

/** Names of the rules implemented in `clean-text.ts` (document scope and the dateline prefix). */
export const RULE = {
  repeatedTitle: 'repeated-title',
  duplicateParagraph: 'duplicate-paragraph',
  nearDuplicateParagraph: 'near-duplicate-paragraph',
  trailer: 'trailer',
  dateline: 'dateline',
  editorTagInline: 'editor-tag-inline',
  mixedScript: 'mixed-script',
} as const;

/** Trailer limits: the trailer rule only fires when the tail after the end of the body is small. */
export const TRAILER_MAX_LINES = 12;
export const TRAILER_MAX_LINE_LENGTH = 300;
/** The repeated-title rule looks this many lines past the title. */
export const REPEATED_TITLE_WINDOW = 8;
/** Paragraphs shorter than this (in words) are never treated as duplicates. */
export const DUPLICATE_MIN_WORDS = 3;

const DASH = '(?:-{1,2}|–|—)';
/** Photo agencies as they sign captions (capitals). */
const AGENCIES = 'REUTERS|AP Photo|AFP|AFP PHOTO|ANTARA FOTO|EPA-EFE|EPA|Getty Images|XINHUA|ANADOLU|YONHAP|KCNA';

/** "(rdp/rdp)", "(ahm)", "(ant/mdk)", "(*)": editor or reporter initials closing an article. */
const EDITOR_TAG = /^\((?:[a-z]{2,5}|\*)(?:\s?\/\s?[a-z]{2,5})*\)$/u;

/** "Rita Uli Hutapea - detikNews": a person's name, a dash or bar, a known outlet. */
const BYLINE = /^((?:\p{Lu}[\p{L}'’.-]*)(?:\s(?:\p{Lu}[\p{L}'’.-]*|bin|binti|van|de|da|al)){0,5})\s+(?:-|–|—|\|)\s+(.{2,40})$/u;

function byline(line: string): { author: string; outlet: string } | null {
  const m = BYLINE.exec(line);
  if (!m || !isOutlet(m[2]!)) return null;
  return { author: m[1]!, outlet: m[2]! };
}

const CREDIT = /^(?:Penulis|Reporter|Wartawan|Kontributor|Oleh|Laporan)\s*:\s*(\p{Lu}[\p{L}'’. -]{1,60}?)\s*$/u;

/** Standalone dateline line: "GalaPos ID, Moskow.", "Jakarta, CNN Indonesia --", "Jakarta (ANTARA) -". */
function datelineLine(line: string): Partial<ArticleMetadata> | null {
  let m = new RegExp(`^([^,]{2,40}),\\s*([^,]{2,40}?)\\s*(?:\\.|${DASH})?$`, 'u').exec(line);
  if (m) {
    const [a, b] = [m[1]!.trim(), m[2]!.trim()];
    if (isOutlet(a) && isPlace(b)) return { outlet: a, dateline: b };
    if (isPlace(a) && isOutlet(b)) return { outlet: b, dateline: a };
  }
  m = new RegExp(`^(.{2,30}?)\\s*\\((.{2,30})\\)\\s*${DASH}?$`, 'u').exec(line);
  if (m && isPlace(m[1]!) && isOutlet(m[2]!)) return { outlet: m[2]!, dateline: m[1]! };
  return null;
}

/** Dateline at the start of the first body paragraph. */
function datelinePrefix(paragraph: string): PrefixMatch | null {
  const START = '(?=[\\p{Lu}\\d"“‘\'(])';
  // "Liputan6.com, Pyongyang - …", "JAKARTA, KOMPAS.com - …", "Jakarta, CNN Indonesia -- …"
  let m = new RegExp(`^(([^,]{2,40}),\\s*([^,]{2,40}?)\\s*${DASH}\\s+)${START}`, 'u').exec(paragraph);
  if (m) {
    const [a, b] = [m[2]!.trim(), m[3]!.trim()];
    if (isOutlet(a) && isPlace(b)) return { prefix: m[1]!, metadata: { outlet: a, dateline: b } };
    if (isPlace(a) && isOutlet(b)) return { prefix: m[1]!, metadata: { outlet: b, dateline: a } };
  }
  // "Jakarta (ANTARA) - …"
  m = new RegExp(`^((.{2,30}?)\\s*\\(([^)]{2,30})\\)\\s*${DASH}\\s+)${START}`, 'u').exec(paragraph);
  if (m && isPlace(m[2]!) && isOutlet(m[3]!)) return { prefix: m[1]!, metadata: { outlet: m[3]!, dateline: m[2]! } };
  // "KONTAN.CO.ID - SEOUL. …"
  m = new RegExp(`^((\\S{2,40})\\s*${DASH}\\s*(\\p{Lu}[\\p{L}'’ -]{1,29}?)\\.\\s+)${START}`, 'u').exec(paragraph);
  if (m && isOutlet(m[2]!) && isPlace(m[3]!)) return { prefix: m[1]!, metadata: { outlet: m[2]!, dateline: m[3]! } };
  // "KOMPAS.com - …"
  m = new RegExp(`^((\\S{2,40}|\\S+ \\S+)\\s+${DASH}\\s+)${START}`, 'u').exec(paragraph);
  if (m && isOutlet(m[2]!)) return { prefix: m[1]!, metadata: { outlet: m[2]! } };
  // "MOSKOW - …", "NEW YORK - …": capitals only. A mixed-case "Jakarta - Bandung kini …" may be a
  // real sentence, so it stays.
  m = new RegExp(`^((\\p{Lu}[\\p{Lu}'’.-]+(?: \\p{Lu}[\\p{Lu}'’.-]+){0,2})\\s+${DASH}\\s+)${START}`, 'u').exec(paragraph);
  if (m && isPlace(m[2]!)) return { prefix: m[1]!, metadata: { dateline: m[2]! } };
  return null;
}

export const RULES: readonly CleanRule[] = [
  // ── Ads and navigation ────────────────────────────────────────────────────────────────────
  {
    name: 'ad-marker',
    scope: 'line',
    description: 'Advertisement slots and scroll prompts: "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Hide Ads".',
    test: /^(?:advertisement|advertisment|iklan|sponsored|konten (?:bersponsor|sponsor|iklan)|scroll to continue with content|scroll to resume content|gulir untuk melanjutkan(?: membaca)?|lanjutkan membaca di bawah|(?:hide|show|close|tutup|sembunyikan) (?:ads?|iklan))$/iu,
  },
  {
    name: 'read-also',
    scope: 'line',
    description: 'Links to other stories: "Baca Juga" alone or "Baca Juga: <headline>".',
    test: /^baca (?:juga|pula)(?:\s*[:：]|\s*-\s|\s*$|\s+(?:artikel|berita)\b).*$/iu,
  },
  {
    name: 'related-link',
    scope: 'line',
    description: 'Related-story blocks: "Artikel terkait:", "Berita Terkait", "Pilihan Editor: …", "Rekomendasi".',
    test: /^(?:artikel terkait|berita terkait|berita lainnya|berita lain|pilihan editor|rekomendasi(?: untuk anda)?|terpopuler|populer|topik terkait|tag|tags)\s*(?:[:：].*)?$/iu,
  },
  {
    name: 'see-also',
    scope: 'line',
    description: 'Video and gallery links: "Lihat Juga :", "Simak juga Video: …", "Tonton juga …".',
    test: /^(?:(?:lihat|simak|tonton|saksikan)\s+(?:juga|pula)(?:\s+(?:video|foto|infografis|berita))?(?:\s*[:：].*|\s+['"‘“].*)?|(?:simak|tonton|saksikan)\s+video\s*[:：].*)$/iu,
  },
  {
    name: 'pagination',
    scope: 'line',
    description: 'Page navigation: "Halaman 2 dari 3", "Baca halaman selanjutnya", "Selengkapnya", "Halaman berikutnya".',
    test: /^(?:halaman\s+\d+\s+(?:dari|of)\s+\d+|(?:baca\s+)?halaman\s+(?:selanjutnya|berikutnya|sebelumnya)|selengkapnya|baca selengkapnya|selanjutnya|berikutnya|next page|load more|muat lebih banyak|tampilkan semua)\s*[.:>»›]*$/iu,
  },
  {
    name: 'comment-prompt',
    scope: 'line',
    description: 'Comment widgets: "tulis komentar anda", "Komentar", "12 Komentar".',
    test: /^(?:tulis komentar(?: anda| kamu)?|(?:beri|berikan|kirim|lihat|tampilkan) komentar|komentar|\d+\s+komentar|komentar\s*\(\d+\))\s*[.:]?$/iu,
  },
  {
    name: 'social-prompt',
    scope: 'line',
    description: 'Follow/share prompts naming a platform: "Ikuti berita terkini di Google News", "Bagikan:".',
    test: (line) =>
      /^(?:bagikan|share)(?:\s+(?:artikel|berita)(?:\s+ini)?)?\s*[:：]?$/iu.test(line) ||
      (line.length <= 200 &&
        /^(?:ikuti|follow|gabung|bergabung|dapatkan|simak|klik|download|unduh)\b/iu.test(line) &&
        /\b(?:google news|whatsapp channel|saluran whatsapp|telegram|instagram|twitter|tiktok|youtube|aplikasi|app store|play store)\b/iu.test(line)),
  },
  {
    name: 'breadcrumb',
    scope: 'line',
    description: 'Navigation breadcrumbs: "Home > News > Internasional", "Beranda / Ekonomi".',
    test: /^(?:home|beranda|index)\s*(?:[>›»/|]\s*[^>›»/|]{1,40}){1,6}$/iu,
  },
  // ── End of body: editor initials and credits ─────────────────────────────────────────────
  {
    name: 'editor-tag',
    scope: 'line',
    description: 'Editor or reporter initials closing the article: "(rdp/rdp)", "(ahm)".',
    test: EDITOR_TAG,
    endsBody: true,
  },
  {
    name: 'editor-credit',
    scope: 'line',
    description: 'Editor credit: "Editor: <name>", "Penyunting: <name>".',
    test: /^(?:editor|penyunting|redaktur|editor in charge)\s*:\s*\S.{0,80}$/iu,
    endsBody: true,
  },
  {
    name: 'author-credit',
    scope: 'line',
    description: 'Author credit: "Penulis: <name>", "Reporter: <name>"; becomes metadata.author.',
    test: CREDIT,
    extract: (line) => {
      const m = CREDIT.exec(line);
      return m ? { author: m[1]!.trim() } : {};
    },
  },
  // ── Photos ────────────────────────────────────────────────────────────────────────────────
  {
    name: 'photo-caption',
    scope: 'line',
    description: 'Photo captions and credits: "Foto: …", "Ilustrasi: …", "(Foto: …)".',
    test: /^\(?(?:foto|photo|gambar|ilustrasi|sumber foto|sumber gambar|kredit foto|dok(?:umentasi)?|istimewa)\s*[:：].*$/iu,
    notOnFirstLine: true,
  },
  {
    name: 'wire-caption',
    scope: 'line',
    description: 'Wire-agency photo captions, often English: "… REUTERS/File Photo Purchase Licensing Rights", "… (ANTARA FOTO/…)".',
    test: (line) =>
      /\bPurchase Licensing Rights\s*\)?$/u.test(line) ||
      // "(ANTARA FOTO/Budi Santoso/foo)" or "REUTERS/Kim Hong-Ji": an agency in capitals, a slash, a
      // credit. Capitals only: body text writes "Reuters/Ipsos" for a poll, not a photo credit.
      new RegExp(`\\((?:${AGENCIES})\\/[^()]{2,80}\\)\\.?$`, 'u').test(line) ||
      new RegExp(`\\b(?:${AGENCIES})\\/\\p{Lu}[\\p{L}'’-]+(?:\\s\\p{Lu}[\\p{L}'’-]+){1,3}(?:\\/File Photo)?\\.?$`, 'u').test(line),
  },
  // ── Metadata lines ────────────────────────────────────────────────────────────────────────
  {
    name: 'byline',
    scope: 'line',
    description: 'Byline "<name> - <outlet>" (e.g. "Rita Uli Hutapea - detikNews"); becomes metadata.author and outlet.',
    test: (line) => byline(line) !== null,
    extract: (line) => byline(line) ?? {},
  },
  {
    name: 'date-line',
    scope: 'line',
    description: 'Publication date line ("Kamis, 28 Mar 2024 21:37 WIB"); becomes metadata.published (ISO 8601).',
    test: (line) => parseDateLine(line) !== undefined,
    extract: (line) => {
      const published = parseDateLine(line);
      return published ? { published } : {};
    },
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
    description: 'Outlet and place alone on a line: "GalaPos ID, Moskow.", "Jakarta (ANTARA) -"; becomes metadata.',
    test: (line) => datelineLine(line) !== null,
    extract: (line) => datelineLine(line) ?? {},
  },
  // ── Site-specific ─────────────────────────────────────────────────────────────────────────
  {
    name: 'detik-promo',
    site: 'detik.com',
    scope: 'line',
    description: 'detik.com footer promotions ("Ajang penghargaan persembahan detikcom …", "Baca kisah inspiratif … di sini").',
    test: /^(?:.*\bpersembahan detikcom\b.*|baca (?:beragam )?kisah inspiratif\b.*\bdi sini\.?)$/iu,
  },
  {
    name: 'cnn-embed',
    site: 'cnnindonesia.com',
    scope: 'line',
    description: 'CNN Indonesia embed placeholders: "[Gambas:Video CNN]".',
    test: /^\[Gambas:[^\]]*\]$/iu,
  },
  // ── Paragraph parts ───────────────────────────────────────────────────────────────────────
  {
    name: RULE.dateline,
    scope: 'paragraph-prefix',
    description: 'Dateline opening the first body paragraph ("Liputan6.com, Pyongyang - ", "KONTAN.CO.ID - SEOUL. ", "MOSKOW - "); becomes metadata.dateline (and outlet).',
    match: datelinePrefix,
  },
  {
    name: RULE.editorTagInline,
    scope: 'paragraph-suffix',
    description: 'Editor initials at the end of a paragraph after its last sentence: "… kata dia. (rdp/rdp)".',
    pattern: /^(.*[.!?"”'’)])\s+\((?:[a-z]{2,5})(?:\s?\/\s?[a-z]{2,5})*\)$/u,
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
  {
    name: RULE.trailer,
    scope: 'document',
    description: `Short lines after the end of the body (editor initials or credit): promotions and widgets. Applies only when at most ${TRAILER_MAX_LINES} lines of at most ${TRAILER_MAX_LINE_LENGTH} characters follow.`,
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
export const SUFFIX_RULES: readonly SuffixRule[] = RULES.filter((r): r is SuffixRule => r.scope === 'paragraph-suffix');

/** The first line rule that matches the normalised `line`, if any. */
export function matchLineRule(line: string): LineRule | undefined {
  return LINE_RULES.find((rule) => (typeof rule.test === 'function' ? rule.test(line) : rule.test.test(line)));
}
