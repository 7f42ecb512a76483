import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/digest.ts';
import { articleDocument, type ArticleDocument } from '../../src/stages/render/document.ts';
import { REPORT_FULL_TEXT_LIMIT, escapeHtml, reportHtml } from '../../src/digest/report/report.ts';
import type { SummarizedArticle } from '../../src/types.ts';
import { corpus, documentOf } from './fixtures.ts';

const INJECT = '<script>alert(1)</script>';
const ATTR = '"><img src=x onerror=alert(2)>';

/** An article whose every field carries markup. */
function hostile(): ArticleDocument {
  const doc = documentOf({
    id: 'uji-injeksi',
    metadata: { outlet: `Kabar ${ATTR}`, published: '2024-11-06T08:00:00+07:00', author: `Penulis ${INJECT}` },
    title: [`Judul ${INJECT} Uji`, `Title ${INJECT} Test`],
    paragraphs: [
      [
        [`Warga menulis ${ATTR} di papan pengumuman desa.`, `Residents wrote ${ATTR} on the village notice board.`],
        ['Petugas menghapus tulisan itu & melapor ke polisi.', 'Officers erased the writing & reported it to the police.'],
      ],
      [["Kalimat penutup berisi </td></tr></table> dan 'kutip'.", "The closing sentence contains </td></tr></table> and 'quotes'."]],
    ],
  });
  doc.removed = [{ line: 2, text: `Iklan ${INJECT}`, rule: 'ad-marker' }];
  doc.sentences[1] = { ...doc.sentences[1]!, flags: [`numbers`, `<b>x</b>`], score: -1.2345 };
  return doc;
}

describe('reportHtml', () => {
  const documents = [...corpus(), hostile()];
  const html = reportHtml(buildDigest(documents), documents);

  it('escapes every piece of article text', () => {
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>x</b>');
    expect(html).not.toContain('</td></tr></table> dan');
    expect(html).toContain('Judul &lt;script&gt;alert(1)&lt;/script&gt; Uji');
    expect(html).toContain('data-outlet="o:Kabar &quot;&gt;&lt;img src=x onerror=alert(2)&gt;"');
    expect(html).toContain('Iklan &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&#39;kutip&#39;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('is self-contained: inline style and script, nothing to fetch', () => {
    const plain = corpus();
    const html = reportHtml(buildDigest(plain), plain);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/<link\b|<[^>]*\ssrc=|<[^>]*\shref="(?!#|articles\/)|url\(|@import|https?:\/\//);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('shows every group and article, the side-by-side text with the summary marked, and removed lines folded', () => {
    const digest = buildDigest(documents);
    expect(html.match(/<section class="group"/g)).toHaveLength(digest.groups.length);
    expect(html.match(/<article class="article"/g)).toHaveLength(documents.length);
    for (const doc of documents) {
      expect(html.match(new RegExp(`<tr class="sentence[^"]*" id="s-${doc.id}-p`, 'g'))).toHaveLength(doc.sentences.length);
      expect(html.match(new RegExp(`<tr class="sentence[^"]*in-summary[^"]*" id="s-${doc.id}-p`, 'g'))).toHaveLength(doc.summary.sentences.length);
    }
    expect(html.match(/<details class="removed"><summary>Removed lines \(1\)<\/summary>/g)).toHaveLength(documents.length);
    expect(html).toContain('<option value="o:Warta Priangan">Warta Priangan</option>');
    expect(html).toMatch(/<input type="date" id="from" min="\d{4}-\d{2}-\d{2}" max="\d{4}-\d{2}-\d{2}"/);
    expect(html).toContain('data-date="2024-11-04"');
  });

  it('shows quality flags and the score where sentences carry them', () => {
    expect(html).toMatch(/<tr class="sentence kind-paragraph( in-summary)? flagged" id="s-uji-injeksi-p1s1"/);
    expect(html).toContain('<a class="flag" href="#legend" title="a number, amount, percentage or date of the source is missing or changed in the translation">numbers</a><a class="flag" href="#legend" title="a translation quality warning">&lt;b&gt;x&lt;/b&gt;</a><span class="score" title="translation score: mean log-probability per token; closer to 0 is more confident"');
    expect(html).toContain('score -1.23</span>');
    expect(html).toContain('<dd>4 (1 flagged)</dd>');
    // A score shows beside flagged sentences only, and each flag has a line in the legend.
    expect(html.match(/class="score" title=/g)!.length).toBe(html.match(/<span class="quality">(?:<a class="flag"[^>]*>[^<]*<\/a>)+<span class="score"/g)!.length);
    expect(html).toContain('<div id="flag-numbers"><dt><span class="flag">numbers</span></dt><dd>');
  });
});

describe('reportHtml above the full-text limit', () => {
  const documents = [...corpus(), hostile()];
  const digest = buildDigest(documents);
  const html = reportHtml(digest, documents, { fullText: false });

  it('embeds full texts up to the limit by default, not above it', () => {
    expect(REPORT_FULL_TEXT_LIMIT).toBe(300);
    expect(reportHtml(digest, documents)).toContain('<details class="fulltext">');
    expect(reportHtml({ ...digest, articles: REPORT_FULL_TEXT_LIMIT + 1 }, documents)).not.toContain('<details class="fulltext">');
  });

  it('shows every group and article with its metadata and summary, and links to its Markdown for the full text', () => {
    expect(html).not.toContain('<details class="fulltext">');
    expect(html).not.toContain('<tr class="sentence');
    expect(html).not.toContain('<details class="removed">');
    expect(html).toContain('links to its Markdown file (<code>articles/&lt;id&gt;.md</code>) for the full text');
    expect(html.match(/<section class="group"/g)).toHaveLength(digest.groups.length);
    expect(html.match(/<article class="article"/g)).toHaveLength(documents.length);
    for (const doc of documents) {
      expect(html).toContain(`<a href="articles/${doc.id}.md">Markdown</a> · <a href="articles/${doc.id}.json">JSON</a>`);
      expect(html).toContain(`<dd>${escapeHtml(doc.source.path)}</dd>`);
      for (const s of doc.summary.sentences) expect(html).toContain(`<li data-sentence="${s.id}" data-article="${doc.id}"><p class="tx-en" lang="en">${escapeHtml(s.translation)}</p><p class="tx-id alt" lang="id">${escapeHtml(s.source)}</p>`);
    }
    expect(html).toContain('Full text, English | Indonesian, and 1 removed line: <a href="articles/longsor-karangsari-warta.md">');
    // Summary sentences link to their anchor in the article's Markdown, not to a row of this page.
    const [first] = digest.groups[0]!.summary;
    const outlet = digest.groups[0]!.articles.find((a) => a.id === first!.article)!.outlet;
    expect(html).toContain(`<a href="articles/${first!.article}.md#${first!.sentence.split('#')[1]}" data-sentence-id="${first!.sentence}">${outlet}, ¶${first!.paragraph}</a>`);
    expect(html).not.toMatch(/href="#s-/);
  });

  it('still shows quality flags, escapes every text and stays self-contained', () => {
    expect(html).toContain('<dd>4 (1 flagged)</dd>');
    // The flagged sentence is in its article's summary: its flags and score show there.
    expect(hostile().summary.sentences.map((s) => s.id)).toContain(hostile().sentences[1]!.id);
    expect(html).toContain('>numbers</a><a class="flag" href="#legend" title="a translation quality warning">&lt;b&gt;x&lt;/b&gt;</a><span class="score"');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).toContain('Judul &lt;script&gt;alert(1)&lt;/script&gt; Uji');
    const plain = corpus();
    const plainHtml = reportHtml(buildDigest(plain), plain, { fullText: false });
    expect(plainHtml).not.toMatch(/<link\b|<[^>]*\ssrc=|<[^>]*\shref="(?!#|articles\/)|url\(|@import|https?:\/\//);
  });
});

describe('articleDocument', () => {
  const base: SummarizedArticle = {
    id: 'a',
    source: { path: 'a.txt', bytes: 10, sha256: '0'.repeat(64), encoding: 'utf-8', bom: false },
    metadata: { title: null },
    text: 'Harga naik.',
    blocks: [{ index: 0, kind: 'paragraph', text: 'Harga naik.', start: 0, end: 11, line: 1 }],
    removed: [],
    sentences: [{ id: 'a#p0s1', block: 0, kind: 'paragraph', start: 0, end: 11, text: 'Harga naik.', translation: 'Prices rose.', score: -0.25, flags: ['length-ratio'] }],
    model: { id: 'm', fingerprint: 'f' },
    summary: { method: 'x', sentences: [] },
  };

  it('passes translation quality flags and score through, and leaves out a null score', () => {
    expect(articleDocument(base).sentences[0]).toEqual({ id: 'a#p0s1', kind: 'paragraph', offsets: [0, 11], source: 'Harga naik.', translation: 'Prices rose.', flags: ['length-ratio'], score: -0.25 });
    const unscored = { ...base, sentences: [{ ...base.sentences[0]!, score: null, flags: [] }] };
    expect(articleDocument(unscored).sentences[0]).toEqual({ id: 'a#p0s1', kind: 'paragraph', offsets: [0, 11], source: 'Harga naik.', translation: 'Prices rose.', flags: [] });
  });
});
