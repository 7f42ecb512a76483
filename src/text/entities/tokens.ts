/**
 * Word tokens with their offsets in the text: a run of letters and digits (joined inside by a
 * hyphen, an apostrophe or a full stop with no space, as in `Jong-un`, `Ma'ruf`, `1.000`), or a
 * single other non-space character. Entity spans start and end on token boundaries.
 */
export interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  return tokens;
}
