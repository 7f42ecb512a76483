/**
 * Splits a sentence too long for the model into parts that fit, at clause boundaries: first a
 * semicolon, then a dash between spaces, then a comma before a conjunction, then any comma, then
 * between words, and only as a last resort by characters. Parts keep their punctuation, so joining
 * them with a space gives the sentence back (a hard cut inside a word leaves a space there). Each cut is the
 * boundary nearest the middle, so a text of any length is split in logarithmic depth.
 */
const BOUNDARIES: RegExp[] = [
  /;\s+/g,
  /\s+[-–—]\s+/g,
  /,\s+(?=(?:dan|tetapi|namun|sedangkan|sementara|serta|karena|sehingga|yang|atau|padahal|meskipun|walaupun|agar|supaya|ketika|setelah|sebelum)\b)/gi,
  /,\s+/g,
  /\s+/g,
];

/**
 * The most characters a text handed to `fits` may have: the tokenizer is never given more than
 * this at once (transformers.js overflows the call stack on very long texts). A token covers
 * fewer characters than this in any text the model can take, so a longer text never fits anyway.
 */
export const MAX_CHARS_PER_TOKEN = 16;

export function splitToFit(sentence: string, fits: (text: string) => boolean): string[] {
  if (fits(sentence)) return [sentence];
  for (const boundary of BOUNDARIES) {
    const cut = bestCut(sentence, boundary);
    if (cut === null) continue;
    const head = sentence.slice(0, cut.end).trimEnd();
    const tail = sentence.slice(cut.resume).trimStart();
    if (head.length === 0 || tail.length === 0) continue;
    return [...splitToFit(head, fits), ...splitToFit(tail, fits)];
  }
  // One unbreakable run of characters: hard-cut it rather than lose the rest, never inside a surrogate pair.
  if (sentence.length < 2) return [sentence];
  let middle = Math.ceil(sentence.length / 2);
  if (isLowSurrogate(sentence.charCodeAt(middle))) middle++;
  if (middle >= sentence.length) middle = sentence.length - 1;
  return [...splitToFit(sentence.slice(0, middle), fits), ...splitToFit(sentence.slice(middle), fits)];
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The boundary closest to the middle, so both halves shrink. `end` keeps the punctuation with the head. */
function bestCut(sentence: string, boundary: RegExp): { end: number; resume: number } | null {
  let best: { end: number; resume: number } | null = null;
  const middle = sentence.length / 2;
  for (const match of sentence.matchAll(boundary)) {
    const candidate = { end: match.index + match[0].trimEnd().length, resume: match.index + match[0].length };
    if (candidate.end === 0 || candidate.resume >= sentence.length) continue;
    if (!best || Math.abs(candidate.end - middle) < Math.abs(best.end - middle)) best = candidate;
  }
  return best;
}
