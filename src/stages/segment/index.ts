import type { CleanedArticle, SegmentedArticle, Sentence } from '../../types.ts';
import type { Stage } from '../../pipeline/contract.ts';
import { segmentSentences } from './segmenter.ts';
import { isSegmentedArticle } from '../record-shapes.ts';

/**
 * Splits paragraphs into sentences; a title or heading is one unit. Offsets point into the cleaned
 * text, so every sentence can be traced back to its place in the article. A sentence of an English
 * block (`language: 'en'`, set by `clean`) carries the mark on.
 */
export const segmentStage: Stage<CleanedArticle, SegmentedArticle, Record<string, never>> = {
  name: 'segment',
  version: '2',
  options: () => ({}),
  isRecord: isSegmentedArticle,
  async run(article) {
    const sentences: Sentence[] = [];
    for (const block of article.blocks) {
      const spans = block.kind === 'paragraph' ? segmentSentences(block.text) : wholeBlock(block.text);
      spans.forEach((span, i) => {
        sentences.push({
          id: `${article.id}#p${block.index}s${i + 1}`,
          block: block.index,
          kind: block.kind,
          start: block.start + span.start,
          end: block.start + span.end,
          text: block.text.slice(span.start, span.end),
          ...(block.language ? { language: block.language } : {}),
        });
      });
    }
    return { ...article, sentences };
  },
};

function wholeBlock(text: string): Array<{ start: number; end: number }> {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return end > start ? [{ start, end }] : [];
}
