/**
 * `output/articles/<id>.json`: everything about one article an analyst (or the run-level digest
 * and report) needs. The run-level outputs read these files back, so this is their one format.
 */
import type { ArticleEntity, ArticleMetadata, BlockKind, ModelIdentity, RemovedLine, SentenceGlossaryTerm, SourceInfo, SummarizedArticle, TranslatedSentence } from '../../types.ts';

export interface DocumentSentence {
  id: string;
  kind: BlockKind;
  offsets: [number, number];
  source: string;
  translation: string;
  /** `'en'` for a sentence of an English passage, kept as it is (no translation); absent: Indonesian. */
  language?: 'en';
  /** Translation quality flags, when the translate stage provides them. */
  flags?: string[];
  /** Translation quality score (mean token log-probability), when the translate stage provides one. */
  score?: number;
  /** The glossary entries (and protected names) the source contains; `missing` ones could not be put in. */
  glossary?: SentenceGlossaryTerm[];
}

export interface DocumentSummarySentence {
  id: string;
  offsets: [number, number];
  source: string;
  translation: string;
  score: number;
}

export interface ArticleDocument {
  id: string;
  source: SourceInfo;
  metadata: ArticleMetadata;
  model: ModelIdentity;
  text: string;
  removed: RemovedLine[];
  sentences: DocumentSentence[];
  summary: { method: string; sentences: DocumentSummarySentence[] };
  /** People, organisations and places, most mentioned first (from the entities stage; absent in files written before it). */
  entities?: ArticleEntity[];
}

export function articleDocument(article: SummarizedArticle): ArticleDocument {
  return {
    id: article.id,
    source: article.source,
    metadata: article.metadata,
    model: article.model,
    text: article.text,
    removed: article.removed,
    sentences: article.sentences.map((s) => ({
      id: s.id,
      kind: s.kind,
      offsets: [s.start, s.end],
      source: s.text,
      translation: s.translation,
      ...(s.language === 'en' ? { language: 'en' as const } : {}),
      ...translationQuality(s),
      ...(s.glossary && s.glossary.length > 0 ? { glossary: s.glossary } : {}),
    })),
    summary: {
      method: article.summary.method,
      sentences: article.summary.sentences.map((s) => ({ id: s.id, offsets: [s.start, s.end], source: s.source, translation: s.translation, score: s.score })),
    },
    entities: article.entities ?? [],
  };
}

/**
 * Quality flags and score of a translated sentence, passed through when present (records cached
 * before the translate stage produced them have neither; a null score is left out).
 */
function translationQuality(sentence: TranslatedSentence): Pick<DocumentSentence, 'flags' | 'score'> {
  const { flags, score } = sentence as { flags?: unknown; score?: unknown };
  return {
    ...(Array.isArray(flags) ? { flags: flags.filter((f): f is string => typeof f === 'string') } : {}),
    ...(typeof score === 'number' && Number.isFinite(score) ? { score } : {}),
  };
}
