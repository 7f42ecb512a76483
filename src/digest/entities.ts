/**
 * A group's people, organisations and places, from its articles' `entities` (the entities stage):
 * each article's entities are merged with those of the others when they are variants of one name
 * (`src/text/entities/variants.ts`: transliteration, hyphenation, a dropped middle initial, a
 * surname alone after the full name), then listed by type, the most mentioned first.
 */
import { groupNames, nameWords } from '../text/entities/variants.ts';
import type { ArticleEntity, EntityType } from '../types.ts';

/** Entities listed per type and group. */
export const ENTITIES_PER_TYPE = 10;

export interface DigestEntity {
  /** The English form the translations give it (the Indonesian form when they give none). */
  en: string;
  /** The fullest Indonesian spelling, the most mentioned of those. */
  id: string;
  /** The role words before a person (`Menteri Keamanan Negara`), the most frequent; absent when none. */
  role?: string;
  mentions: number;
  /** The group's articles that mention it, in the group's order. */
  articles: string[];
}

export interface DigestEntities {
  people: DigestEntity[];
  organisations: DigestEntity[];
  places: DigestEntity[];
}

const LIST_OF: Record<EntityType, keyof DigestEntities> = { PERSON: 'people', ORGANISATION: 'organisations', PLACE: 'places' };

interface Occurrence {
  article: string;
  entity: ArticleEntity;
}

/** The value with the largest total weight (ties: the first seen); null for none. */
function heaviest<T>(values: ReadonlyArray<readonly [T, number]>): T | null {
  const totals = new Map<T, number>();
  for (const [value, weight] of values) totals.set(value, (totals.get(value) ?? 0) + weight);
  let best: T | null = null;
  let bestWeight = 0;
  for (const [value, weight] of totals) if (weight > bestWeight) [best, bestWeight] = [value, weight];
  return best;
}

/** One entity of the group from the article entities that name it. */
function digestEntity(occurrences: readonly Occurrence[], memberOrder: (article: string) => number): { type: EntityType; entry: DigestEntity } {
  const weighted = <T>(pick: (entity: ArticleEntity) => T | null) =>
    heaviest(occurrences.flatMap(({ entity }) => {
      const value = pick(entity);
      return value === null ? [] : [[value, entity.mentions.length] as const];
    }));
  const longest = Math.max(...occurrences.map(({ entity }) => nameWords(entity.text).length));
  const id = heaviest(occurrences.filter(({ entity }) => nameWords(entity.text).length === longest).map(({ entity }) => [entity.text, entity.mentions.length] as const))!;
  const role = weighted((entity) => entity.role);
  return {
    type: weighted((entity) => entity.type)!,
    entry: {
      en: weighted((entity) => entity.en) ?? id,
      id,
      ...(role !== null ? { role } : {}),
      mentions: occurrences.reduce((sum, { entity }) => sum + entity.mentions.length, 0),
      articles: [...new Set(occurrences.map((o) => o.article))].sort((a, b) => memberOrder(a) - memberOrder(b)),
    },
  };
}

/**
 * Merges the members' entities and lists them by type, the most mentioned first (then the most
 * widely reported, then by Indonesian form), at most `limit` of each.
 */
export function groupEntities(members: ReadonlyArray<{ article: string; entities: readonly ArticleEntity[] }>, limit = ENTITIES_PER_TYPE): DigestEntities {
  // Fuller names first, so a surname alone finds the full name whichever article wrote it first.
  const occurrences: Occurrence[] = members
    .flatMap(({ article, entities }) => entities.map((entity) => ({ article, entity })))
    .map((o, order) => ({ o, order, words: nameWords(o.entity.text).length }))
    .sort((a, b) => b.words - a.words || a.order - b.order)
    .map(({ o }) => o);
  const merged: Occurrence[][] = [];
  groupNames(occurrences.map(({ entity }) => entity)).forEach((group, i) => (merged[group] ??= []).push(occurrences[i]!));
  const position = new Map(members.map((m, i) => [m.article, i]));
  const lists: DigestEntities = { people: [], organisations: [], places: [] };
  for (const group of merged) {
    const { type, entry } = digestEntity(group, (article) => position.get(article)!);
    lists[LIST_OF[type]].push(entry);
  }
  for (const list of [lists.people, lists.organisations, lists.places]) {
    list.sort((a, b) => b.mentions - a.mentions || b.articles.length - a.articles.length || a.id.localeCompare(b.id));
    list.splice(limit);
  }
  return lists;
}

/** The article's source address when its metadata has one that a reader can open (http or https). */
export function articleUrl(metadata: object): string | null {
  const url = (metadata as { url?: unknown }).url;
  return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : null;
}
