/**
 * The `names` quality flag: a person or organisation of the source sentence that its translation
 * carries in neither the form the source writes, nor the entity's canonical or English form.
 */
import { containsName } from '../../text/entities/variants.ts';
import type { ArticleEntity, QualityFlag, TranslatedSentence } from '../../types.ts';

const FLAGGED_TYPES: ReadonlySet<string> = new Set(['PERSON', 'ORGANISATION']);

/** Ids of the sentences whose translation drops a person or organisation. */
export function sentencesMissingNames(article: { text: string; sentences: readonly TranslatedSentence[] }, entities: readonly ArticleEntity[]): Set<string> {
  const byId = new Map(article.sentences.map((s) => [s.id, s]));
  const missing = new Set<string>();
  for (const entity of entities) {
    if (!FLAGGED_TYPES.has(entity.type)) continue;
    for (const mention of entity.mentions) {
      const sentence = byId.get(mention.sentence);
      if (!sentence || sentence.translation.trim() === '') continue;
      const forms = [article.text.slice(mention.start, mention.end), entity.text, ...(entity.en === null ? [] : [entity.en])];
      if (!forms.some((form) => containsName(sentence.translation, form))) missing.add(sentence.id);
    }
  }
  return missing;
}

/** The sentences with `names` added to the flags of those in `missing` (once). */
export function withNamesFlag(sentences: readonly TranslatedSentence[], missing: ReadonlySet<string>): TranslatedSentence[] {
  const flag: QualityFlag = 'names';
  return sentences.map((s) => (missing.has(s.id) && !s.flags.includes(flag) ? { ...s, flags: [...s.flags, flag] } : s));
}
