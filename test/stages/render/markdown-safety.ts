/**
 * Checks that Markdown renders input text as text: rendered by `marked` (GitHub-flavoured), the
 * HTML holds only the tags warta itself writes, links only to the article files and anchors, and
 * every hostile string comes back as the same visible text.
 */
import { marked } from 'marked';
import { expect } from 'vitest';

/** Text that any Markdown renderer could turn into markup, tags, links, images or code. */
export const HOSTILE_TEXTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  '[click](javascript:alert(3))',
  '![pixel](http://evil.example/p.png)',
  '<http://evil.example/auto>',
  'see http://evil.example/track and www.evil.example or mail a@evil.example',
  '`code` and *stars* and _under_ and ~~gone~~',
  'a | pipe & an &lt;entity&gt; \\ backslash',
];

const ALLOWED_TAGS = new Set(['h1', 'h2', 'h3', 'p', 'em', 'strong', 'ol', 'ul', 'li', 'sub', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'code', 'hr', 'br']);

const decode = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Renders `markdown` and checks that it carries no markup from `texts`, and shows each of them as written. */
export function expectSafeMarkdown(markdown: string, texts: readonly string[]): void {
  const html = marked.parse(markdown, { async: false, gfm: true });
  const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g)];
  expect(tags.length).toBeGreaterThan(0);
  for (const [tag, name, attributes] of tags) {
    expect(ALLOWED_TAGS, tag).toContain(name!.toLowerCase());
    if (name!.toLowerCase() === 'a' && !tag.startsWith('</')) expect(attributes, tag).toMatch(/^ (id="p\d+s\d+"|href="(#p\d+s\d+|articles\/[a-z0-9_-]+\.md(#p\d+s\d+)?)")$/);
    expect(attributes, tag).not.toMatch(/\bon\w+=|\bsrc=/i);
  }
  const text = decode(html).replace(/\s+/g, ' ');
  for (const hostile of texts) expect(text).toContain(hostile);
}
