import type { Stage } from '../../pipeline/contract.ts';
import { recognizeEntities, taggerModelHash } from '../../text/entities/index.ts';
import type { EntityArticle, TranslatedArticle } from '../../types.ts';
import { alignEnglish } from './english.ts';
import { findMentions, type Mention } from './mentions.ts';
import { mergeMentions, type AlignedMention } from './merge.ts';
import { sentencesMissingNames, withNamesFlag } from './names-flag.ts';

/** Bump when the stage's code changes its output; the model's hash is added to it. */
const CODE_VERSION = '1';

/**
 * People, organisations and places of an article: tagged per sentence, roles split off, English
 * forms found in the aligned translations, variants merged; sentences whose translation drops a
 * person or organisation get the `names` flag. The tagger's model is read on the first article.
 */
export const entitiesStage: Stage<TranslatedArticle, EntityArticle, Record<string, never>> = {
  name: 'entities',
  get version() {
    return `${CODE_VERSION}+${taggerModelHash().slice(0, 16)}`;
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

/** Each mention with its English form in its own sentence's translation. */
function alignMentions(mentions: readonly Mention[]): AlignedMention[] {
  const bySentence = new Map<string, Mention[]>();
  for (const mention of mentions) bySentence.set(mention.sentence.id, [...(bySentence.get(mention.sentence.id) ?? []), mention]);
  const english = new Map<Mention, string | null>();
  for (const group of bySentence.values()) {
    alignEnglish(group.map((m) => m.text), group[0]!.sentence.translation).forEach((form, i) => english.set(group[i]!, form));
  }
  return mentions.map((mention) => ({ ...mention, en: english.get(mention) ?? null }));
}
