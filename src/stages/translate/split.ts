/**
 * Splits a sentence too long for the model into parts that fit, at clause boundaries: first a
 * semicolon, then a dash between spaces, then a comma before a conjunction, then any comma, and
 * only as a last resort between words. Parts keep their punctuation, so joining them with a
 * space gives the sentence back.
 */
const BOUNDARIES: RegExp[] = [
  /;\s+/g,
  /\s+[-–—]\s+/g,
  /,\s+(?=(?:dan|tetapi|namun|sedangkan|sementara|serta|karena|sehingga|yang|atau|padahal|meskipun|walaupun|agar|supaya|ketika|setelah|sebelum)\b)/gi,
  /,\s+/g,
  /\s+/g,
];

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
  // One unbreakable run of characters: hard-cut it rather than lose the rest.
  const middle = Math.ceil(sentence.length / 2);
  return [...splitToFit(sentence.slice(0, middle), fits), ...splitToFit(sentence.slice(middle), fits)];
}

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
