/**
 * The metadata of one article, from the evidence its lines give, weighed by how sure each kind
 * of line is: a dateline prefix names the outlet more surely than a credit, a labelled byline
 * names the author more surely than a bare name, a date line in the header beats every date in
 * the body, and a caption's date never counts.
 */

import type { ArticleMetadata } from '../../types.ts';
import { firstName, isPersonName, readByline } from './byline.ts';
import { findOutlet, isAgency, isOutlet, latestDateInText, readDateLine } from './metadata.ts';
import type { PrefixMatch } from './rules.ts';
import { isCitationWord } from './vocabulary.ts';
import { nearKey, type Unit, type Zones } from './zones.ts';

type Field = 'outlet' | 'author' | 'published' | 'dateline';

interface Evidence {
  field: Field;
  value: string;
  /** Lower is surer. */
  rank: number;
}

const RANK = {
  datelinePrefix: 0,
  labelledAuthor: 0,
  headerDateLine: 0,
  datelineLine: 1,
  anchoredByline: 1,
  headerBylineDate: 1,
  bylineOutlet: 2,
  nameAfterLabel: 2,
  dateLine: 2,
  dateLineOutlet: 3,
  headerName: 3,
  updateLine: 3,
  trailerMention: 4,
  trailerName: 4,
  furnitureMention: 5,
  creditMention: 6,
  bodyMention: 7,
} as const;

const CREDIT_RULES = new Set(['credit-line', 'caption-credit', 'photo-caption', 'caption', 'wire-caption']);
const TRAILER_RULES = new Set(['copyright', 'disclaimer', 'trailer']);

/** The outlet named in `text`, as written: the longest listed name, or a domain. Agencies do not count. */
export function outletIn(text: string, caseSensitive = false): string | undefined {
  const tokens = text.split(/[\s/()[\],:;|]+/u).map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter((t) => t !== '');
  for (let size = 3; size >= 1; size--) {
    for (let i = 0; i + size <= tokens.length; i++) {
      const name = tokens.slice(i, i + size).join(' ');
      if (name.length < 3 || isAgency(name) || !/[\p{Lu}.]/u.test(name)) continue;
      const listed = findOutlet(name);
      if (caseSensitive) {
        if (!listed || ![listed.name, ...listed.aliases].includes(name) || (i > 0 && isCitationWord(tokens[i - 1]!.toLowerCase()))) continue;
        return name;
      }
      if (listed || (size === 1 && name.includes('.') && isOutlet(name))) return name;
    }
  }
  return undefined;
}

/** Who holds the copyright: "Copyright @ 2024 Media Indonesia. All rights reserved." → "Media Indonesia". */
export function copyrightHolder(text: string): string | undefined {
  const m = /(?:©|\(c\)|\bcopyright\b)\s*[@©]?\s*(?:\d{4}(?:\s*-\s*\d{4})?\s*)?(?:PT\.?\s+)?(\p{Lu}[\p{L}\d-]*(?:\.[\p{L}\d-]+)*(?:\s\p{Lu}[\p{L}\d-]*(?:\.[\p{L}\d-]+)*){0,3})/iu.exec(text);
  const holder = m?.[1];
  return holder && !isAgency(holder) ? holder : undefined;
}

/**
 * The source of a photo credit, on either side of the slash: "(Katadata/Andi Kurniawan)" and
 * "KOMPAS.com/RUDI HARTANTO" → the outlet first; "Foto: Andini Safitri/kumparan" → the outlet
 * after the photographer; "(Foto: VOA)" → an acronym alone. Agencies do not count.
 */
export function creditSource(text: string): string | undefined {
  const credit = /(?:^|[\s([:])([\p{L}\d][\p{L}\d.&-]*(?: [\p{L}\d][\p{L}\d.&-]*){0,2})\s?\/\s?([\p{L}][^/()[\]]*?)[)\]]?\.?$/u.exec(text);
  const acronym = /\((?:foto|photo)\s*[:：]\s*(\p{Lu}{2,8})\)\.?$/iu.exec(text);
  let source: string | undefined = acronym?.[1];
  if (credit) {
    const [left, right] = [credit[1]!, credit[2]!.trim()];
    source = isOutlet(right) || (isPersonName(left) && !right.includes(' ')) ? right : left;
  }
  return source && !isAgency(source) && !/^(?:foto|photo|dok|sumber)$/iu.test(source) ? source : undefined;
}

function unitEvidence(units: Unit[], i: number, zones: Zones): Evidence[] {
  const u = units[i]!;
  const out: Evidence[] = [];
  const add = (field: Field, value: string | undefined, rank: number): void => {
    if (value) out.push({ field, value, rank });
  };
  const inHeader = i < zones.lead;
  const extracted = u.lineRule?.extract?.(u.text) ?? {};
  switch (u.lineRule?.name) {
    case 'author-credit':
      add('author', extracted.author, RANK.labelledAuthor);
      break;
    case 'byline':
      add('author', extracted.author, RANK.anchoredByline);
      add('outlet', extracted.outlet, RANK.bylineOutlet);
      if (inHeader) add('published', readByline(u.text)?.published, RANK.headerBylineDate);
      break;
    case 'dateline-line':
    case 'empty-dateline':
      add('outlet', extracted.outlet, RANK.datelineLine);
      add('dateline', extracted.dateline, RANK.datelineLine);
      break;
    case 'date-line': {
      if (u.rule === null) break;
      const date = readDateLine(u.text)!;
      add('published', date.iso, date.update ? RANK.updateLine : inHeader ? RANK.headerDateLine : RANK.dateLine);
      add('outlet', outletIn(u.text), RANK.dateLineOutlet);
      break;
    }
  }
  const previous = units[i - 1] ? readByline(units[i - 1]!.text) : undefined;
  if (previous?.labelOnly === 'author') add('author', firstName(u.text), RANK.nameAfterLabel);
  if (u.rule === 'byline' && !u.lineRule && previous?.labelOnly !== 'editor') {
    add('author', readByline(u.text, true)?.author, inHeader ? RANK.headerName : RANK.trailerName);
  }
  if (u.rule !== null && u.lineRule?.name !== 'syndication') {
    if (CREDIT_RULES.has(u.rule)) add('outlet', outletIn(u.text) ?? creditSource(u.text), RANK.creditMention);
    else if (TRAILER_RULES.has(u.rule)) add('outlet', outletIn(u.text) ?? copyrightHolder(u.text), RANK.trailerMention);
    else add('outlet', outletIn(u.text), RANK.furnitureMention);
  }
  return out;
}

/** The outlets the body names, for a page that names its own nowhere else. */
function bodyMentions(units: Unit[], zones: Zones): Evidence[] {
  return units
    .filter((u, i) => u.rule === null && i !== zones.title)
    .map((u) => outletIn(u.text, true))
    .filter((value): value is string => value !== undefined)
    .map((value) => ({ field: 'outlet', value, rank: RANK.bodyMention }));
}

/** Metadata from the units (after the zones are marked), the dateline prefix cut and the body text. */
export function collectMetadata(units: Unit[], zones: Zones, dateline: PrefixMatch | null, bodyText: string): ArticleMetadata {
  const evidence: Evidence[] = [];
  if (dateline) {
    if (dateline.metadata.outlet) evidence.push({ field: 'outlet', value: dateline.metadata.outlet, rank: RANK.datelinePrefix });
    if (dateline.metadata.dateline) evidence.push({ field: 'dateline', value: dateline.metadata.dateline, rank: RANK.datelinePrefix });
  }
  units.forEach((_, i) => evidence.push(...unitEvidence(units, i, zones)));
  if (!evidence.some((e) => e.field === 'outlet')) evidence.push(...bodyMentions(units, zones));
  const metadata: ArticleMetadata = { title: zones.title >= 0 ? units[zones.title]!.text : null };
  // A page title "Headline - Outlet" reads like "Name - Outlet": the headline is no author.
  const titleKey = metadata.title === null ? null : nearKey(metadata.title);
  const usable = evidence.filter((e) => !(e.field === 'author' && nearKey(e.value) === titleKey));
  for (const field of ['outlet', 'author', 'published', 'dateline'] as const) {
    const best = usable.filter((e) => e.field === field).sort((a, b) => a.rank - b.rank)[0];
    if (best) metadata[field] = best.value;
  }
  if (metadata.published === undefined) {
    const fromBody = latestDateInText(bodyText);
    if (fromBody) metadata.published = fromBody;
  }
  return metadata;
}
