/**
 * How outputs show values to a reader: one date format everywhere (`28 Mar 2024, 21:37 WIB`, the
 * ISO form kept for machines), and what each translation quality flag means.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Indonesia's three time zones by UTC offset. */
const ZONES: Record<string, string> = { '+07:00': 'WIB', '+08:00': 'WITA', '+09:00': 'WIT' };

/** `2024-03-28T21:37:00+07:00` → `28 Mar 2024, 21:37 WIB`; `2024-03-28` → `28 Mar 2024`; anything else as it is. */
export function displayDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(iso);
  if (!match || !Number.isFinite(Date.parse(iso))) return iso;
  const [, year, month, day, hour, minute, offset] = match;
  const date = `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
  if (hour === undefined) return date;
  const zone = offset === undefined ? '' : offset === 'Z' ? ' UTC' : ` ${ZONES[offset] ?? `UTC${offset}`}`;
  return `${date}, ${hour}:${minute}${zone}`;
}

/** What each translation quality flag says about a sentence. */
export const FLAG_MEANINGS: Readonly<Record<string, string>> = {
  numbers: 'a number, amount, percentage or date of the source is missing or changed in the translation',
  'length-ratio': "the translation is under half or over twice the source's length",
  repetition: 'the translation loops on a word or phrase',
  untranslated: 'the source came back (nearly) unchanged: this sentence has no real translation',
  truncated: 'the translation hit the length limit and may be cut short',
  split: 'the source was long and was translated in parts',
  glossary: 'a glossary term or protected name could not be put into the translation; it is the unconstrained one',
};

export const flagMeaning = (flag: string) => FLAG_MEANINGS[flag] ?? 'a translation quality warning';

/** What a sentence without a real translation says in its English place. */
export const NO_TRANSLATION = 'No translation: the model returned the Indonesian.';
export const ENGLISH_SOURCE = 'English in the source, not translated.';

/** The score's one-line explanation. */
export const SCORE_MEANING = 'translation score: mean log-probability per token; closer to 0 is more confident';

/** A score worth showing: only a flagged sentence's, where it helps judge the flag. */
export const scoreWorthShowing = (sentence: { flags?: readonly string[]; score?: number }) => sentence.score !== undefined && (sentence.flags?.length ?? 0) > 0;

/** Per sentence id, the number a reader counts its paragraph by: 1 for the first after the title; null for the title. */
export function paragraphNumbers(sentences: ReadonlyArray<{ id: string; kind: string }>): Map<string, number | null> {
  const numbers = new Map<string, number | null>();
  const blocks = new Map<string, number>();
  for (const s of sentences) {
    if (s.kind === 'title') {
      numbers.set(s.id, null);
      continue;
    }
    const block = s.id.slice(0, s.id.lastIndexOf('s'));
    if (!blocks.has(block)) blocks.set(block, blocks.size + 1);
    numbers.set(s.id, blocks.get(block)!);
  }
  return numbers;
}

/** A paragraph as a reader cites it: `¶2`, or `title`. */
export const paragraphMark = (paragraph: number | null | undefined) => (paragraph === null || paragraph === undefined ? 'title' : `¶${paragraph}`);
