import type { Block, CleanedArticle, IngestedArticle } from '../../types.ts';
import type { Stage } from '../../pipeline/contract.ts';
import { isCleanedArticle } from '../record-shapes.ts';
import { cleanText } from './clean-text.ts';
import { mergeGivenMetadata } from './given-metadata.ts';

export interface CleanStageOptions {
  keep_boilerplate: boolean;
}

export const BLOCK_SEPARATOR = '\n\n';

export const cleanStage: Stage<IngestedArticle, CleanedArticle, CleanStageOptions> = {
  name: 'clean',
  // 6: metadata given with the article (page tags, front matter, sidecar, sources.csv) wins over the text's; `metadata.sources` says where each field came from; HTML read as Markdown lines.
  version: '6',
  options: (config) => ({ keep_boilerplate: config.clean.keep_boilerplate }),
  isRecord: isCleanedArticle,
  async run(article, { options }) {
    const result = cleanText(article.text, { keepBoilerplate: options.keep_boilerplate, markdown: isMarkup(article) });
    const blocks: Block[] = [];
    let text = '';
    for (const block of result.blocks) {
      if (text.length > 0) text += BLOCK_SEPARATOR;
      blocks.push({
        index: blocks.length,
        kind: block.kind,
        text: block.text,
        start: text.length,
        end: text.length + block.text.length,
        line: block.line,
        ...(block.language ? { language: block.language } : {}),
      });
      text += block.text;
    }
    return { id: article.id, source: article.source, metadata: mergeGivenMetadata(result.metadata, article.metadata), text, blocks, removed: result.removed };
  },
};

/** Markdown files, and HTML pages, which ingest writes as Markdown headings and paragraphs. */
const isMarkup = (article: IngestedArticle): boolean => (article.source.format ? article.source.format !== 'text' : /\.md$/iu.test(article.source.path));
