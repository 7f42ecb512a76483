/**
 * One article's mentions merged into entities: variants grouped (`src/text/entities/variants.ts`),
 * each entity's type, canonical form, English form and role chosen over its mentions.
 */
import { groupNames, nameWords } from '../../text/entities/variants.ts';
import type { ArticleEntity, EntityType } from '../../types.ts';
import type { Mention } from './mentions.ts';

export interface AlignedMention extends Mention {
  /** The English form in the sentence's translation, null when none was found. */
  en: string | null;
}

/** The most frequent of the values (ties: the first seen); null for none. */
function mostFrequent<T>(values: readonly T[]): T | null {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) if (count > bestCount) [best, bestCount] = [value, count];
  return best;
}

/** Canonical Indonesian form: the most frequent of the spellings with the most words (a surname alone never wins over the full name). */
function canonicalForm(mentions: readonly AlignedMention[]): string {
  const longest = Math.max(...mentions.map((m) => nameWords(m.text).length));
  return mostFrequent(mentions.filter((m) => nameWords(m.text).length === longest).map((m) => m.text))!;
}

function entityOf(mentions: readonly AlignedMention[]): ArticleEntity {
  return {
    type: mostFrequent<EntityType>(mentions.map((m) => m.type))!,
    text: canonicalForm(mentions),
    en: mostFrequent(mentions.flatMap((m) => (m.en === null ? [] : [m.en]))),
    role: mentions.find((m) => m.role !== null)?.role ?? null,
    mentions: mentions.map((m) => ({ sentence: m.sentence.id, start: m.sentence.start + m.start, end: m.sentence.start + m.end })),
  };
}

/** Entities of the article, the most mentioned first (ties: first mentioned first). */
export function mergeMentions(mentions: readonly AlignedMention[]): ArticleEntity[] {
  const groups: AlignedMention[][] = [];
  groupNames(mentions).forEach((group, i) => (groups[group] ??= []).push(mentions[i]!));
  return groups
    .map((group, order) => ({ entity: entityOf(group), order }))
    .sort((a, b) => b.entity.mentions.length - a.entity.mentions.length || a.order - b.order)
    .map(({ entity }) => entity);
}
