import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { articleMarkdown } from '../../../src/stages/render/markdown.ts';
import { markdownText } from '../../../src/io/markdown.ts';
import { paragraphMark, paragraphNumbers } from '../../../src/io/display.ts';
import type { SummarizedArticle, TranslatedSentence } from '../../../src/types.ts';
import { HOSTILE_TEXTS, expectSafeMarkdown } from './markdown-safety.ts';

const sentence = (id: string, kind: TranslatedSentence['kind'], text: string, translation: string, more: Partial<TranslatedSentence> = {}): TranslatedSentence => ({
  id: `uji#${id}`,
  block: Number(/p(\d+)/.exec(id)![1]),
  kind,
  start: 0,
  end: text.length,
  text,
  translation,
  score: -0.5,
  flags: [],
  ...more,
});

function article(): SummarizedArticle {
  const sentences = [
    sentence('p0s1', 'title', 'Banjir Rendam Desa Uji', 'Flood Submerges Test Village'),
    sentence('p1s1', 'paragraph', 'Banjir merendam 120 rumah di Desa Uji pada Senin.', 'Floods submerged 12 houses in Test Village on Monday.', { flags: ['numbers'], score: -1.875 }),
    sentence('p1s2', 'paragraph', 'Warga mengungsi ke balai desa.', 'Residents fled to the village hall.'),
    sentence('p2s1', 'paragraph', 'The governor said help is on the way.', 'The governor said help is on the way.', { language: 'en' }),
  ];
  return {
    id: 'uji',
    source: { path: 'daerah/uji.txt', bytes: 100, sha256: '0'.repeat(64), encoding: 'utf-8', bom: false },
    metadata: { title: 'Banjir Rendam Desa Uji', outlet: 'Kabar Uji', published: '2024-03-28T21:37:00+07:00' },
    text: '',
    blocks: [],
    removed: [{ line: 3, text: 'Baca juga: banjir lain', rule: 'read-also' }],
    sentences,
    model: { id: 'opus-mt-copy', fingerprint: 'f' },
    summary: { method: 'lexrank', sentences: [sentences[1]!, sentences[2]!].map((s) => ({ id: s.id, start: s.start, end: s.end, source: s.text, translation: s.translation, score: 1 })) },
  };
}

describe('articles/<id>.md', () => {
  const md = articleMarkdown(article());

  it('leads with English: the title, each summary sentence and the full-text column', () => {
    expect(md.startsWith('# Flood Submerges Test Village\n\nIndonesian: *Banjir Rendam Desa Uji*')).toBe(true);
    expect(md).toContain('Kabar Uji · 28 Mar 2024, 21:37 WIB · file: daerah/uji.txt');
    expect(md).toContain('1. Floods submerged 12 houses in Test Village on Monday. ⚠ `numbers`, score -1.88  \n   Indonesian: Banjir merendam 120 rumah di Desa Uji pada Senin.  \n   <sub>source: [¶1](#p1s1)');
    expect(md).toContain('| | English | Indonesian |');
    expect(md).toContain('| <a id="p1s2"></a>p1s2 | Residents fled to the village hall. | Warga mengungsi ke balai desa. |');
  });

  it('names the glossary terms a sentence had to use, and those it could not contain', () => {
    const withTerms = article();
    withTerms.sentences[2] = { ...withTerms.sentences[2]!, glossary: [{ source: 'balai desa', target: 'village hall' }, { source: 'Desa <Uji>', target: 'Test | Village', missing: true }] };
    const text = articleMarkdown(withTerms);
    expect(text).toContain('Residents fled to the village hall. <sub>glossary: balai desa → village hall; Desa &lt;Uji&gt; → Test \\| Village (missing)</sub> |');
    expect(md).not.toContain('glossary:');
  });

  it('shows the flags with a legend, and says plainly when a sentence has no translation', () => {
    expect(md).toContain('### Translation quality flags\n\n- `numbers`: a number, amount, percentage or date of the source is missing or changed');
    expect(md).toContain('- score: translation score: mean log-probability per token; closer to 0 is more confident');
    expect(md).toContain('The governor said help is on the way. _(English in the source, not translated.)_');
    // An unflagged sentence shows no score.
    expect(md).not.toContain('Residents fled to the village hall. ⚠');
    const clean = { ...article(), sentences: article().sentences.map((s) => ({ ...s, flags: [] })) };
    expect(articleMarkdown(clean)).not.toContain('Translation quality flags');
  });

  it('renders every input text as text in a standard Markdown renderer', () => {
    for (const hostile of HOSTILE_TEXTS) {
      const a = article();
      a.metadata = { ...a.metadata, title: `Judul ${hostile}`, outlet: `Kabar ${hostile}`, author: hostile, dateline: hostile };
      a.source = { ...a.source, path: `uji/${hostile}.txt` };
      a.sentences = a.sentences.map((s) => ({ ...s, text: `${s.text} ${hostile}`, translation: `${s.translation} ${hostile}` }));
      a.summary = { ...a.summary, sentences: a.summary.sentences.map((s) => ({ ...s, source: `${s.source} ${hostile}`, translation: `${s.translation} ${hostile}` })) };
      a.removed = [{ line: 1, text: hostile, rule: 'ad-marker' }];
      a.model = { ...a.model, id: `model ${hostile}` };
      expectSafeMarkdown(articleMarkdown(a), [`Judul ${hostile}`, `Kabar ${hostile}`, `uji/${hostile}.txt`, `model ${hostile}`]);
    }
  });

  it('links to the original when the article has a URL, and no address can add markup or another link', () => {
    const withUrl = (url: string) => articleMarkdown({ ...article(), metadata: { ...article().metadata, url } });
    expect(withUrl('https://regional.kabar.example/read/2024/banjir')).toContain('\nOriginal: [regional.kabar.example/read/2024/banjir](<https://regional.kabar.example/read/2024/banjir>)\n');
    const hostile = 'https://kabar.example/a b>"<script>alert(1)</script>)](javascript:alert(2)';
    const html = marked.parse(withUrl(hostile), { async: false, gfm: true });
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!).filter((href) => !href.startsWith('#'));
    expect(links).toEqual(['https://kabar.example/a%20b%3E%22%3Cscript%3Ealert%281%29%3C/script%3E%29%5D%28javascript:alert%282%29']);
    expect(html).not.toMatch(/<script|javascript:alert\(2\)"/);
    for (const notWeb of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) expect(withUrl(notWeb)).not.toContain('Original:');
  });

  it('escapes only what would be markup: plain text stays as it is', () => {
    expect(markdownText('Harga beras naik 10% menjadi Rp 14.500 (Selasa).')).toBe('Harga beras naik 10% menjadi Rp 14.500 (Selasa).');
    expect(markdownText('a <b> & [c](d) `e`')).toBe('a &lt;b&gt; &amp; \\[c\\](d) \\`e\\`');
  });
});

describe('paragraphNumbers', () => {
  it('counts paragraphs from 1 after the title, and from the first block without one', () => {
    const withTitle = [{ id: 'a#p0s1', kind: 'title' }, { id: 'a#p1s1', kind: 'paragraph' }, { id: 'a#p1s2', kind: 'paragraph' }, { id: 'a#p2s1', kind: 'paragraph' }];
    expect([...paragraphNumbers(withTitle).values()]).toEqual([null, 1, 1, 2]);
    expect([...paragraphNumbers([{ id: 'b#p0s1', kind: 'paragraph' }, { id: 'b#p1s1', kind: 'heading' }]).values()]).toEqual([1, 2]);
    expect(paragraphMark(null)).toBe('title');
  });
});
