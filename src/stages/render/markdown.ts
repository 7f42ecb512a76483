import { sentenceAnchor, type SummarizedArticle } from '../../types.ts';
import { markdownCell } from '../../io/markdown.ts';


export function articleMarkdown(article: SummarizedArticle): string {
  const title = article.sentences.find((s) => s.kind === 'title');
  const lines: string[] = [];
  lines.push(`# ${article.metadata.title ?? article.id}`);
  if (title?.translation) lines.push('', `*${title.translation}*`);
  lines.push('', metadataLine(article), '');

  lines.push('## Summary', '');
  if (article.summary.sentences.length === 0) lines.push('_No sentence could be selected for a summary._', '');
  article.summary.sentences.forEach((sentence, i) => {
    lines.push(`${i + 1}. **ID:** ${sentence.source}  `);
    lines.push(`   **EN:** ${sentence.translation}  `);
    lines.push(`   <sub>source: [${sentenceAnchor(sentence.id)}](#${sentenceAnchor(sentence.id)}), characters ${sentence.start}–${sentence.end}</sub>`);
  });

  lines.push('', '## Full text', '', '| | Indonesian | English |', '|---|---|---|');
  for (const sentence of article.sentences) {
    const mark = sentence.kind === 'paragraph' ? '' : '**';
    lines.push(`| <a id="${sentenceAnchor(sentence.id)}"></a>${sentenceAnchor(sentence.id)} | ${mark}${markdownCell(sentence.text)}${mark} | ${mark}${markdownCell(sentence.translation)}${mark} |`);
  }

  if (article.removed.length > 0) {
    lines.push('', '<details>', `<summary>Removed lines (${article.removed.length})</summary>`, '', '| line | rule | text |', '|---|---|---|');
    for (const removed of article.removed) lines.push(`| ${removed.line} | ${removed.rule} | ${markdownCell(removed.text)} |`);
    lines.push('', '</details>');
  }
  lines.push('', `<sub>Model: ${article.model.id} · Source file: ${article.source.path}</sub>`, '');
  return lines.join('\n');
}

function metadataLine(article: Pick<SummarizedArticle, 'metadata' | 'source'>): string {
  const { outlet, author, published, dateline } = article.metadata;
  const parts = [outlet, author, published, dateline ? `dateline: ${dateline}` : undefined, `file: ${article.source.path}`].filter(Boolean);
  return parts.join(' · ');
}
