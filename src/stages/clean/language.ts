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

/** English function words that are not Indonesian words (no `as`: Indonesian writes `AS` for the USA). */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'about', 'into', 'over', 'after',
  'before', 'between', 'during', 'against', 'under', 'and', 'or', 'but', 'than', 'that', 'this', 'these', 'those',
  'which', 'who', 'whom', 'whose', 'what', 'when', 'where', 'why', 'how', 'is', 'are', 'was', 'were', 'be', 'been',
  'being', 'has', 'have', 'had', 'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'does',
  'did', 'not', 'it', 'its', 'he', 'she', 'they', 'we', 'you', 'his', 'her', 'their', 'our', 'your', 'them', 'him',
  'there', 'here', 'said', 'says', 'also', 'very', 'because', 'while', 'if', 'then', 'all', 'any', 'some', 'more',
  'most', 'other', 'such', 'only', 'each', 'both', 'through', 'across', 'around', 'among', 'amid', 'without',
  'within', 'since', 'until', 'upon', 'toward', 'towards', 'up', 'out', 'off', 'down', 'near',
]);

/** Indonesian function words, the counterweight. */
export const INDONESIAN_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'yang', 'dan', 'di', 'ke', 'dari', 'pada', 'dengan', 'untuk', 'ini', 'itu', 'adalah', 'ialah', 'merupakan',
  'akan', 'tidak', 'tak', 'bukan', 'belum', 'sudah', 'telah', 'masih', 'sedang', 'juga', 'dalam', 'oleh', 'atau',
  'karena', 'bahwa', 'bisa', 'dapat', 'harus', 'saat', 'ketika', 'kata', 'ujar', 'ucap', 'tutur', 'para',
  'sebagai', 'tersebut', 'kami', 'kita', 'mereka', 'ia', 'dia', 'saya', 'anda', 'hanya', 'lebih', 'sangat',
  'jika', 'kalau', 'agar', 'supaya', 'namun', 'tetapi', 'tapi', 'serta', 'hingga', 'sampai', 'bagi', 'tentang',
  'antara', 'seperti', 'secara', 'setelah', 'sebelum', 'sejak', 'yakni', 'yaitu', 'pun', 'lagi', 'ada', 'apa',
  'siapa', 'bagaimana', 'mengapa', 'kenapa', 'sementara', 'terhadap', 'sekitar', 'menurut', 'kepada', 'lalu',
  // Attribution verbs: an English quote inside an Indonesian sentence ("…," tulis Jennifer) stays Indonesian.
  'katanya', 'ujarnya', 'ucapnya', 'tuturnya', 'tulis', 'tulisnya', 'jelasnya', 'imbuhnya', 'tambahnya', 'lanjutnya',
]);

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
    else if (INDONESIAN_FUNCTION_WORDS.has(word)) counts.indonesian++;
  }
  return counts;
}

/** Whether `text` (a paragraph, heading or title) is an English passage. */
export function isEnglish(text: string): boolean {
  const { words, english, indonesian } = languageCounts(text);
  return words >= ENGLISH_MIN_WORDS && english >= ENGLISH_MIN_SHARE * words && english >= ENGLISH_MIN_DOMINANCE * indonesian;
}
