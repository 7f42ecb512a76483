/**
 * Recognisers for the metadata lines of Indonesian news pages: outlet names, places, publication
 * dates. Pure functions over one normalised line; the rules in `rules.ts` use them.
 */

/** Outlets named in bylines and datelines. Matched case-insensitively against the whole name. */
export const KNOWN_OUTLETS: readonly string[] = [
  'Antara', 'Antaranews', 'Antaranews.com', 'Bisnis.com', 'Beritasatu', 'CNBC Indonesia', 'CNN Indonesia', 'IDN Times',
  'iNews', 'Inilah.com', 'Jawa Pos', 'JawaPos', 'JawaPos.com', 'JPNN', 'JPNN.com', 'Katadata', 'Kompas', 'Kompas.com',
  'Kompas.id', 'Kompas TV', 'Kontan', 'Kumparan', 'Liputan6', 'Liputan6.com', 'Media Indonesia', 'Medcom', 'Merdeka.com',
  'Metro TV', 'Okezone', 'Republika', 'Sindonews', 'Suara.com', 'Tempo', 'Tempo.co', 'Tirto', 'Tirto.id', 'Tribunnews',
  'Tribunnews.com', 'VIVA', 'VIVA.co.id', 'Viva.co.id', 'The Jakarta Post',
];

const KNOWN = new Set(KNOWN_OUTLETS.map((o) => o.toLowerCase()));

/** Shapes that name an outlet without being listed: domains, "detikNews"-style, "Foo ID", "Foo TV". */
const OUTLET_SHAPES: readonly RegExp[] = [
  /^[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|co\.id|id|net|org|co|tv|news|my\.id|or\.id)$/iu,
  /^(?:detik|kumparan|tribun|okezone|sindo|cnn|cnbc|kompas|liputan|tempo|viva|suara|merdeka)\p{L}*$/iu,
  /^\p{Ll}+\p{Lu}[\p{L}]*$/u,
  /^\p{Lu}[\p{L}\d]*(?:\s\p{Lu}[\p{L}\d]*)?\s(?:ID|TV|News|NEWS|Online|Post|Pos|Times|Daily)$/u,
];

export function isOutlet(name: string): boolean {
  const n = name.trim();
  if (n.length < 2 || n.length > 40) return false;
  return KNOWN.has(n.toLowerCase()) || OUTLET_SHAPES.some((re) => re.test(n));
}

/** A place name as written in a dateline: 1–3 capitalised words ("Jakarta", "NEW YORK", "Kota Bharu"). */
const PLACE = /^\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2}$/u;

export function isPlace(name: string): boolean {
  const n = name.trim();
  return n.length >= 2 && n.length <= 30 && PLACE.test(n) && !isOutlet(n);
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, pebruari: 2, feb: 2, peb: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, agst: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nop: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

const ZONES: Record<string, string> = { WIB: '+07:00', WITA: '+08:00', WIT: '+09:00' };
/** Offset used when a date line has a time but no zone: Indonesian outlets mean Jakarta time. */
export const DEFAULT_ZONE = 'WIB';

const DAY = "(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Jum’at|Sabtu|Minggu|Ahad|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = `(?:${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})`;
const LEAD = '(?:(?:Dipublikasikan|Diterbitkan|Diperbarui|Terbit|Update|Updated|Published|Posted)\\s*:?\\s*(?:pada\\s+)?)?';
const DATE_LINE = new RegExp(
  `^${LEAD}(?:${DAY},?\\s+)?` +
    `(?:(\\d{1,2})\\s+(${MONTH})\\.?,?\\s+(\\d{4})|(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4}))` +
    `(?:\\s*(?:[-,|/•·]|pukul|jam)?\\s*(?:pukul\\s+)?(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?\\s*(WIB|WITA|WIT)?)?$`,
  'iu',
);

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * If `line` is nothing but a publication date ("Kamis, 28 Mar 2024 21:37 WIB", "Sabtu, 14
 * September 2024 - 15:34 WIB", "28/03/2024, 09.15 WITA"), its ISO 8601 form: with time and offset
 * (WIB +07:00, WITA +08:00, WIT +09:00; WIB when no zone is written), or a plain date when the
 * line has no time. Otherwise undefined.
 */
export function parseDateLine(line: string): string | undefined {
  const m = DATE_LINE.exec(line.trim());
  if (!m) return undefined;
  const day = Number(m[1] ?? m[4]);
  const month = m[2] !== undefined ? MONTHS[m[2].toLowerCase()] : Number(m[5]);
  const year = Number(m[3] ?? m[6]);
  if (month === undefined || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (m[7] === undefined) return date;
  const hour = Number(m[7]);
  const minute = Number(m[8]);
  const second = m[9] === undefined ? 0 : Number(m[9]);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = ZONES[(m[10] ?? DEFAULT_ZONE).toUpperCase()];
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`;
}

const DATE_IN_TEXT = new RegExp(`\\b(?:(\\d{1,2})/(\\d{1,2})/(\\d{4})|(\\d{1,2})\\s+(${MONTH})\\.?\\s+(\\d{4}))\\b`, 'giu');

/**
 * The latest full date (with a year) written in `text`, as a plain ISO date, for articles with no
 * date line: a report cannot mention a date after its own publication, and news ends with the
 * latest development, so the latest date is the best available estimate of when it was written.
 */
export function latestDateInText(text: string): string | undefined {
  let latest: string | undefined;
  for (const m of text.matchAll(DATE_IN_TEXT)) {
    const day = Number(m[1] ?? m[4]);
    const month = m[2] !== undefined ? Number(m[2]) : MONTHS[m[5]!.toLowerCase()];
    const year = Number(m[3] ?? m[6]);
    if (month === undefined || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) continue;
    const date = `${year}-${pad(month)}-${pad(day)}`;
    if (latest === undefined || date > latest) latest = date;
  }
  return latest;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
