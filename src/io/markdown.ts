/** Text on one Markdown line: line breaks and the space around them become one space. */
export const markdownInline = (text: string) => text.replace(/\s*\n\s*/g, ' ');

/** Text in a Markdown table cell: on one line, with the backslash and the cell separator escaped. */
export const markdownCell = (text: string) => markdownInline(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
