/** Text on one Markdown line: line breaks and the space around them become one space. */
export const markdownInline = (text: string) => text.replace(/\s*\n\s*/g, ' ');

const MARKDOWN_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text from input, on one Markdown line, that any Markdown renderer shows as the same text and never
 * as markup: `&`, `<` and `>` become entities (no raw HTML, no autolink); the characters that open
 * code, links, images, emphasis or a table cell are backslash-escaped; and the `:` of a URL scheme,
 * the `.` after `www` and the `@` of an address are escaped so GFM does not turn them into links.
 */
export function markdownText(text: string): string {
  return markdownInline(text)
    .replace(/[\\`*_[\]~|!]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => MARKDOWN_ESCAPES[c]!)
    .replace(/(?<=\b(?:https?|ftp|mailto|www))([:.])/gi, '\\$1')
    .replace(/@/g, '\\@');
}

/** Text in a Markdown table cell: the same as `markdownText`, which escapes the cell separator too. */
export const markdownCell = markdownText;
