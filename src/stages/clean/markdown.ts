/**
 * The little Markdown a `.md` article may carry, undone line by line before the rules run:
 * ATX heading markers (`# Title`, `## Sub ##`) and emphasis markers (`**…**`, `__…__`) wrapping a
 * whole line. Nothing else in the text is touched, and nothing is recorded in `removed`: markup is
 * not content.
 */

export interface MarkdownLine {
  text: string;
  /** Heading level (1–6) when the line was an ATX heading. */
  heading?: number;
}

// CommonMark: up to three spaces, 1–6 `#`, then a space (so `#hashtag` is not a heading); an
// optional closing run of `#` after a space.
const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/u;
const EMPHASIS = /^(\*\*|__)(?=\S)(.*?\S)\1$/u;

/** `line` (already normalised) without its Markdown heading and whole-line emphasis markers. */
export function stripMarkdownLine(line: string): MarkdownLine {
  let text = line;
  let heading: number | undefined;
  const atx = ATX.exec(text);
  if (atx && atx[2]!.trim() !== '' && !/^#+$/u.test(atx[2]!.trim())) {
    heading = atx[1]!.length;
    text = atx[2]!.trim();
  }
  const emphasis = EMPHASIS.exec(text);
  // Only when the markers wrap the whole line, not `**a** dan **b**`.
  if (emphasis && !emphasis[2]!.includes(emphasis[1]!)) text = emphasis[2]!;
  return heading === undefined ? { text } : { text, heading };
}
