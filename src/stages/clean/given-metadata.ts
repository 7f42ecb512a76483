/**
 * The metadata an article came with (its page's tags, front matter, sidecar, `sources.csv`) over
 * what `clean` read from its text: a given field wins, and every field says where it came from.
 */
import type { ArticleMetadata, GivenMetadata } from '../../types.ts';

const GIVEN_FIELDS = ['title', 'url', 'outlet', 'published', 'author', 'lang'] as const;
const TEXT_FIELDS = ['title', 'outlet', 'author', 'published', 'dateline'] as const;

export function mergeGivenMetadata(fromText: ArticleMetadata, given: GivenMetadata | undefined): ArticleMetadata {
  const merged: ArticleMetadata = { ...fromText };
  const sources: NonNullable<ArticleMetadata['sources']> = {};
  for (const field of TEXT_FIELDS) if (fromText[field] != null) sources[field] = 'text';
  for (const field of GIVEN_FIELDS) {
    const value = given?.[field];
    const source = given?.sources[field];
    if (value === undefined || source === undefined) continue;
    merged[field] = value;
    sources[field] = source;
  }
  merged.sources = sources;
  return merged;
}
