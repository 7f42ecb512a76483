import type { SummarizedArticle, TranslatedArticle } from '../../types.ts';
import type { Stage } from '../../pipeline/contract.ts';
import { RANK_METHOD, selectSummary } from './rank.ts';
import { isSummarizedArticle } from '../record-shapes.ts';

export interface SummarizeOptions {
  sentences: number;
  words: number | null;
}

/**
 * An extractive summary ranked on the Indonesian text, where the signal is before translation;
 * each chosen sentence carries its English translation and its source sentence id and offsets.
 */
export const summarizeStage: Stage<TranslatedArticle, SummarizedArticle, SummarizeOptions> = {
  name: 'summarize',
  // The ranker's method id changes whenever its scoring does, so cached summaries follow it.
  version: `1+${RANK_METHOD}`,
  isRecord: isSummarizedArticle,
  options: (config) => ({ sentences: config.summarize.sentences, words: config.summarize.words ?? null }),
  async run(article, { options }) {
    const ranked = selectSummary(
      { title: article.metadata.title, sentences: article.sentences.map(({ id, text, block, kind }) => ({ id, text, block, kind })) },
      options.words === null ? { sentences: options.sentences } : { sentences: options.sentences, words: options.words },
    );
    const byId = new Map(article.sentences.map((sentence) => [sentence.id, sentence]));
    const sentences = ranked.sentences.flatMap(({ id, score }) => {
      const sentence = byId.get(id);
      return sentence
        ? [{ id, source: sentence.text, translation: sentence.translation, start: sentence.start, end: sentence.end, score: Math.round(score * 1e6) / 1e6 }]
        : [];
    });
    return { ...article, summary: { method: ranked.method, sentences } };
  },
};
