import type { RenderedArticle } from '../../types.ts';

/** `output/digest.md`: every article's title in both languages and its bilingual summary. */
export function digestMarkdown(articles: readonly RenderedArticle[]): string {
  const sorted = [...articles].sort((a, b) => a.id.localeCompare(b.id));
  const lines = ['# Digest', '', `${sorted.length} article${sorted.length === 1 ? '' : 's'}.`, ''];
  for (const article of sorted) {
    lines.push(`## ${article.metadata.title ?? article.id}`);
    if (article.titleTranslation) lines.push('', `*${article.titleTranslation}*`);
    const meta = [article.metadata.outlet, article.metadata.published, `[${article.id}](articles/${article.id}.md)`].filter(Boolean);
    lines.push('', meta.join(' · '), '');
    for (const sentence of article.summary.sentences) {
      lines.push(`- **ID:** ${sentence.source}`, `  **EN:** ${sentence.translation}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
