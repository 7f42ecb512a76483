/**
 * Recognisers for the metadata of Indonesian news pages: outlet names, places, publication dates.
 * Pure functions over one normalised line or text.
 */

import { AGENCY_NAMES, OUTLETS, type Outlet } from '../../text/outlets.ts';
import { MONTH_NUMBERS } from '../../text/calendar.ts';

/** Letters and digits only, lower case, without a trailing `.com`/`.co.id`/`.id`/`.co`. */
export function outletKey(name: string): string {
  const key = name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  for (const suffix of ['coid', 'com', 'id', 'co']) {
    if (key.endsWith(suffix) && key.length - suffix.length >= 3) return key.slice(0, -suffix.length);
  }
  return key;
}

const OUTLET_BY_KEY = new Map<string, Outlet>();
for (const outlet of OUTLETS) {
  for (const form of [outlet.name, ...outlet.aliases, ...outlet.domains]) {
    const key = outletKey(form);
    if (!OUTLET_BY_KEY.has(key)) OUTLET_BY_KEY.set(key, outlet);
  }
}
const AGENCY_KEYS = new Set(AGENCY_NAMES.map(outletKey));

/** The listed outlet `name` stands for: a name, alias or domain, or a channel of one ("detikJabar"). */
export function findOutlet(name: string): Outlet | undefined {
  const n = name.trim().replace(/\+$/u, '');
  const exact = OUTLET_BY_KEY.get(outletKey(n));
  if (exact) return exact;
  // A channel: a listed name in lower case followed by a capitalised desk name ("kumparanSPORT").
  const channel = /^(\p{Ll}[\p{Ll}\d]+)\p{Lu}[\p{L}]*$/u.exec(n);
  return channel ? OUTLET_BY_KEY.get(outletKey(channel[1]!)) : undefined;
}

export const isAgency = (name: string): boolean => AGENCY_KEYS.has(outletKey(name));

/**
 * Shapes that name an outlet without being listed: domains, channel names in camel case
 * ("detikNews", "tvOne"), "WartaKota ID"-style names, an acronym with a media word ("CNN Indonesia").
 */
const OUTLET_SHAPES: readonly RegExp[] = [
  /^[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|co\.id|id|net|org|co|tv|news|my\.id|or\.id|web\.id)$/iu,
  /^\p{Ll}{2,}\p{Lu}[\p{L}\d]*$/u,
  /^\p{Lu}[\p{L}\d]*(?:\s\p{Lu}[\p{L}\d]*)?\s(?:ID|TV|News|NEWS|Online|Post|Pos|Times|Daily)$/u,
  /^\p{Lu}{2,6}\s(?:Indonesia|News|TV|Online|Network|Media|Digital)$/u,
];

export function isOutlet(name: string): boolean {
  const n = name.trim();
  if (n.length < 2 || n.length > 40) return false;
  return findOutlet(n) !== undefined || OUTLET_SHAPES.some((re) => re.test(n));
}

/** A place name as written in a dateline: 1–3 capitalised words ("Jakarta", "NEW YORK", "Kota Bharu"). */
const PLACE = /^\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2}$/u;

export function isPlace(name: string): boolean {
  const n = name.trim();
  return n.length >= 2 && n.length <= 30 && PLACE.test(n) && !isOutlet(n);
}


const ZONES: Record<string, string> = { WIB: '+07:00', WITA: '+08:00', WIT: '+09:00' };
/** Offset used when a date line has a time but no zone: Indonesian outlets mean Jakarta time. */
export const DEFAULT_ZONE = 'WIB';

const DAY = "(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Jum’at|Sabtu|Minggu|Ahad|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Sen|Sel|Rab|Kam|Jum|Sab|Min|Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = `(?:${Object.keys(MONTH_NUMBERS).sort((a, b) => b.length - a.length).join('|')})`;
const TIME = `(?:\\s*(?:[-–—,|/•·T]|pukul|jam)?\\s*(?:pukul\\s+)?(?<hour>\\d{1,2})[:.](?<minute>\\d{2})(?:[:.](?<second>\\d{2}))?(?!\\d)\\s*(?<zone>WIB|WITA|WIT)?)?(?![\\p{L}\\d])`;
/** The date shapes of Indonesian pages: "14 Nov 2024", "14/11/2024", "2024-11-14", "November 14, 2024". */
const DATE_FORMATS: readonly RegExp[] = [
  `(?:${DAY}\\.?,?\\s+)?(?<day>\\d{1,2})\\s+(?<monthName>${MONTH})\\.?,?\\s+(?<year>\\d{4})`,
  `(?:${DAY}\\.?,?\\s+)?(?<day>\\d{1,2})[/-](?<month>\\d{1,2})[/-](?<year>\\d{4})`,
  `(?<year>\\d{4})-(?<month>\\d{2})-(?<day>\\d{2})`,
  `(?:${DAY}\\.?,?\\s+)?(?<monthName>${MONTH})\\.?\\s+(?<day>\\d{1,2}),?\\s+(?<year>\\d{4})`,
].map((date) => new RegExp(`(?<![\\p{L}\\d])${date}${TIME}`, 'iu'));

/** Words that may stand around a date on a date line, besides the outlet's name and punctuation. */
const DATE_LINE_WORDS = /^(?:dipublikasikan|diterbitkan|diperbarui|diupdate|terbit|update|updated|published|posted|pada|on|tanggal|waktu|publikasi|terakhir|last|modified|dibuat|ditulis)$/iu;
const UPDATE_WORDS = /\b(?:diperbarui|diupdate|update|updated|terakhir|last|modified|pembaruan)\b/iu;

const pad = (n: number): string => String(n).padStart(2, '0');

export interface FoundDate {
  iso: string;
  /** Where the date expression stands in the line. */
  start: number;
  end: number;
}

/** The first date (with a year), and its time when one follows, written in `line`. */
export function findDate(line: string): FoundDate | undefined {
  const matches = DATE_FORMATS.map((re) => re.exec(line)).filter((m): m is RegExpExecArray => m !== null);
  const m = matches.sort((a, b) => a.index - b.index || b[0].length - a[0].length)[0];
  if (!m?.groups) return undefined;
  const g = m.groups;
  const day = Number(g.day);
  const month = g.monthName !== undefined ? MONTH_NUMBERS[g.monthName.toLowerCase()] : Number(g.month);
  const year = Number(g.year);
  if (month === undefined || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const found = { start: m.index, end: m.index + m[0].length };
  if (g.hour === undefined) return { iso: date, ...found };
  const hour = Number(g.hour);
  const minute = Number(g.minute);
  const second = g.second === undefined ? 0 : Number(g.second);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = ZONES[(g.zone ?? DEFAULT_ZONE).toUpperCase()];
  return { iso: `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`, ...found };
}

/** What stands around a date on a line that is nothing but a date: lead words, an outlet, bullets. */
function isDateLineRest(rest: string): boolean {
  const parts = rest.split(/[\s|•·,:\-–—/*]+/u).filter((p) => p !== '');
  if (parts.length === 0) return true;
  if (parts.every((p) => DATE_LINE_WORDS.test(p))) return true;
  const words = parts.filter((p) => !DATE_LINE_WORDS.test(p)).join(' ');
  return isOutlet(words) || parts.filter((p) => !DATE_LINE_WORDS.test(p)).every((p) => isOutlet(p));
}

export interface DateLine {
  iso: string;
  /** An update stamp ("Diperbarui: …"), not the publication. */
  update: boolean;
}

/** The date of a line that is nothing but a publication date (with lead words, an outlet, bullets). */
export function readDateLine(line: string): DateLine | undefined {
  const trimmed = line.trim();
  const found = findDate(trimmed);
  if (!found) return undefined;
  const rest = `${trimmed.slice(0, found.start)} ${trimmed.slice(found.end)}`;
  if (!isDateLineRest(rest)) return undefined;
  return { iso: found.iso, update: UPDATE_WORDS.test(rest) };
}

/**
 * If `line` is nothing but a publication date ("Kamis, 28 Mar 2024 21:37 WIB", "Kompas.com -
 * 14/11/2024, 16:42 WIB", "• Jumat, 18 Desember 2024"), its ISO 8601 form: with time and offset
 * (WIB +07:00, WITA +08:00, WIT +09:00; WIB when no zone is written), or a plain date when the
 * line has no time. Otherwise undefined.
 */
export function parseDateLine(line: string): string | undefined {
  return readDateLine(line)?.iso;
}

const DATE_IN_TEXT = new RegExp(`\\b(?:(\\d{1,2})/(\\d{1,2})/(\\d{4})|(\\d{1,2})\\s+(${MONTH})\\.?\\s+(\\d{4}))\\b`, 'giu');
/** A body date this many days after every other date of the body stands alone: a plan, not the news. */
export const BODY_DATE_MAX_LEAD_DAYS = 92;

/** Every full date (with a year) written in `text`, as plain ISO dates. */
export function datesInText(text: string): string[] {
  const dates: string[] = [];
  for (const m of text.matchAll(DATE_IN_TEXT)) {
    const day = Number(m[1] ?? m[4]);
    const month = m[2] !== undefined ? Number(m[2]) : MONTH_NUMBERS[m[5]!.toLowerCase()];
    const year = Number(m[3] ?? m[6]);
    if (month === undefined || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) continue;
    dates.push(`${year}-${pad(month)}-${pad(day)}`);
  }
  return dates;
}

/**
 * The latest plausible full date written in `text`, as a plain ISO date, for articles with no
 * date line: news ends with the latest development, so the latest date is the best estimate of
 * when it was written. A date far after all the others is a plan or a deadline, not the news, and
 * is passed over (a pure function of the text: no clock is read).
 */
export function latestDateInText(text: string): string | undefined {
  const dates = [...new Set(datesInText(text))].sort();
  while (dates.length >= 2 && daysBetween(dates[dates.length - 2]!, dates[dates.length - 1]!) > BODY_DATE_MAX_LEAD_DAYS) dates.pop();
  return dates[dates.length - 1];
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
