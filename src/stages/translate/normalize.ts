/**
 * The converted Marian tokenizer has no normaliser of its own (SentencePiece's NFKC step is lost
 * in the conversion), so text is normalised here, before tokenising: NFKC, ASCII quotes and
 * dashes, single spaces.
 */
const REPLACEMENTS: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2212]/g, '-'],
  [/[\u2014\u2015]/g, ' - '],
  [/\u2026/g, '...'],
  [/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, ''],
  [/\s+/g, ' '],
];

export function normalizeForTranslation(text: string): string {
  let result = text.normalize('NFKC');
  for (const [pattern, replacement] of REPLACEMENTS) result = result.replace(pattern, replacement);
  return result.trim();
}
