import type { Stage } from '../../pipeline/contract.ts';
import { recognitionVersion, recognizeEntities } from '../../text/entities/index.ts';
import type { EntityArticle, TranslatedArticle } from '../../types.ts';
import { alignMentions } from './english.ts';
import { findMentions } from './mentions.ts';
import { mergeMentions } from './merge.ts';
import { sentencesMissingNames, withNamesFlag } from './names-flag.ts';

/** Bump when the stage's code changes its output; the model's hash is added to it. */
const CODE_VERSION = '5';

/**
 * People, organisations and places of an article: tagged per sentence, roles split off, English
 * forms found in the aligned translations, variants merged; sentences whose translation drops a
 * person or organisation get the `names` flag. The tagger's model is read on the first article.
 */
export const entitiesStage: Stage<TranslatedArticle, EntityArticle, Record<string, never>> = {
  name: 'entities',
  get version() {
    return `${CODE_VERSION}+${recognitionVersion()}`;
  },
  options: () => ({}),
  sentences: (article) => article.sentences.length,
  async run(article) {
    const mentions = alignMentions(findMentions(article.sentences, (text) => recognizeEntities(text)));
    const entities = mergeMentions(mentions);
    const sentences = withNamesFlag(article.sentences, sentencesMissingNames(article, entities));
    return { ...article, sentences, entities };
  },
};
