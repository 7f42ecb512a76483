import { ATTRIBUTION_VERBS, ENGLISH_FUNCTION_WORDS, FUNCTION_WORDS } from '../../text/function-words.ts';
/**
 * English passages inside Indonesian articles (wire captions that no rule removed, quotes left in
 * English). They are kept, and marked so that `translate` passes them through instead of sending
 * English to an Indonesian→English model.
 *
 * The test is a function-word count, explainable by hand. Capitalised words (names, places,
 * title-case headlines, acronyms) say nothing about the language, so only lower-case words count.
 * A passage is English when it has at least `ENGLISH_MIN_WORDS` lower-case words, at least
 * `ENGLISH_MIN_SHARE` of them are English function words, and those outnumber the Indonesian
 * function words at least `ENGLISH_MIN_DOMINANCE` to one. Content words never count either way,
 * so Indonesian full of English loanwords or names ("startup", "live streaming", "The Jakarta
 * Post") has hardly any English function words, while its own (`yang`, `di`, `dan`, …) keep it
 * Indonesian.
 *
 * The unit is the block (paragraph, heading, title): an English quote framed by an Indonesian
 * attribution ("…," kata dia kepada wartawan) stays Indonesian, unless the frame is a few words
 * after a long quote, in which case the whole paragraph is passed through.
 */

/** Indonesian function words and quote attributions, the counterweight to English function words. */
const INDONESIAN_MARKERS: ReadonlySet<string> = new Set([...FUNCTION_WORDS, ...ATTRIBUTION_VERBS]);

export const ENGLISH_MIN_WORDS = 6;
export const ENGLISH_MIN_SHARE = 0.25;
export const ENGLISH_MIN_DOMINANCE = 4;

export interface LanguageCounts {
  /** Lower-case words. */
  words: number;
  /** Of them, English function words. */
  english: number;
  /** Of them, Indonesian function words. */
  indonesian: number;
}

const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * The lower-case words of `text` (whitespace-separated tokens, edge punctuation stripped, starting
 * with a lower-case letter; `90-an` is one word) and how many are English or Indonesian function words.
 */
export function languageCounts(text: string): LanguageCounts {
  const counts: LanguageCounts = { words: 0, english: 0, indonesian: 0 };
  for (const token of text.split(/\s+/u)) {
    const word = token.replace(EDGE, '');
    if (!/^\p{Ll}/u.test(word)) continue;
    counts.words++;
    if (ENGLISH_FUNCTION_WORDS.has(word)) counts.english++;
    else if (INDONESIAN_MARKERS.has(word)) counts.indonesian++;
  }
  return counts;
}

/** Whether `text` (a paragraph, heading or title) is an English passage. */
export function isEnglish(text: string): boolean {
  const { words, english, indonesian } = languageCounts(text);
  return words >= ENGLISH_MIN_WORDS && english >= ENGLISH_MIN_SHARE * words && english >= ENGLISH_MIN_DOMINANCE * indonesian;
}
