/**
 * Cheap structural checks of the records the stages exchange, for results read back from the
 * cache: a value of the wrong shape under the right key is a damaged entry and is recomputed,
 * never handed to the next stage. Each check covers what its record adds to the previous one.
 */
import { isObject } from '../cache/driver.ts';

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const every = (value: unknown, check: (item: Record<string, unknown>) => boolean): boolean => Array.isArray(value) && value.every((item) => isObject(item) && check(item));

export function isIngestedArticle(value: unknown): boolean {
  if (!isObject(value) || !isString(value.id) || !isString(value.text) || !isObject(value.source)) return false;
  const source = value.source;
  return isString(source.path) && isString(source.sha256) && isNumber(source.bytes) && (value.metadata === undefined || isObject(value.metadata));
}

export function isCleanedArticle(value: unknown): boolean {
  const metadata = (value as Record<string, unknown> | null)?.metadata;
  return (
    isIngestedArticle(value) &&
    isObject(metadata) &&
    (metadata.url === undefined || isString(metadata.url)) &&
    every((value as Record<string, unknown>).blocks, (block) => isString(block.text) && isNumber(block.start) && isNumber(block.end)) &&
    every((value as Record<string, unknown>).removed, (line) => isString(line.text) && isString(line.rule))
  );
}

export function isSegmentedArticle(value: unknown): boolean {
  return isCleanedArticle(value) && every((value as Record<string, unknown>).sentences, (s) => isString(s.id) && isString(s.text) && isNumber(s.start) && isNumber(s.end));
}

export function isTranslatedArticle(value: unknown): boolean {
  if (!isSegmentedArticle(value)) return false;
  const article = value as Record<string, unknown>;
  return isObject(article.model) && isString(article.model.fingerprint) && every(article.sentences, (s) => isString(s.translation) && Array.isArray(s.flags) && (s.glossary === undefined || every(s.glossary, (term) => isString(term.source) && isString(term.target))));
}

export function isSummarizedArticle(value: unknown): boolean {
  if (!isTranslatedArticle(value)) return false;
  const summary = (value as Record<string, unknown>).summary;
  return isObject(summary) && isString(summary.method) && every(summary.sentences, (s) => isString(s.id) && isString(s.source) && isString(s.translation));
}

export function isRenderedArticle(value: unknown): boolean {
  return isObject(value) && isString(value.id) && every(value.files, (file) => isString(file.path) && isString(file.sha256));
}
