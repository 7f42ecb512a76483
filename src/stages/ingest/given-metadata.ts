/**
 * Metadata an article comes with (front matter, a sidecar, `sources.csv`, the page's own tags):
 * each field checked and normalised the same way whichever file gave it, and the files merged in
 * order of precedence.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { WartaError } from '../../errors.ts';
import type { GivenField, GivenMetadata, MetadataSource } from '../../types.ts';

export const GIVEN_FIELDS: readonly GivenField[] = ['title', 'url', 'outlet', 'published', 'author', 'lang'];

export const isGivenField = (key: string): key is GivenField => (GIVEN_FIELDS as readonly string[]).includes(key);

export const emptyGiven = (): GivenMetadata => ({ sources: {} });

/** Where a value stands, for the message of a bad one. */
export interface Place {
  /** The file as the user names it (relative to the input folder). */
  file: string;
  absolutePath: string;
  line: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/u;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/u;

const EXPECTED: Record<GivenField, string> = {
  title: 'text',
  url: 'an http or https URL such as https://www.example.co.id/berita/123',
  outlet: 'text',
  published: 'a date such as 2024-03-28 or 2024-03-28T21:37:00+07:00',
  author: 'text, or a list of names',
  lang: 'a language code such as id or en',
};

/** The value of `field` as warta keeps it, or null when it is empty or not of its kind. */
export function normaliseField(field: GivenField, value: unknown): string | null {
  const text = Array.isArray(value) && field === 'author' ? value.map((v) => plain(v)).filter((v): v is string => v !== null).join(', ') : plain(value);
  if (text === null || text === '') return null;
  switch (field) {
    case 'url':
      return isWebAddress(text) ? text : null;
    case 'published':
      return isoDate(text);
    case 'lang':
      return LANGUAGE_TAG.test(text) ? languageTag(text) : null;
    default:
      return text;
  }
}

/** `id`, `id-ID`: the language in lower case, a two-letter region in upper case. */
function languageTag(text: string): string {
  const [language, ...rest] = text.split(/[-_]/u);
  return [language!.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}

function plain(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  return value.replace(/\s+/gu, ' ').trim();
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** An ISO 8601 date or date-time that names a real day, written with a `T`; null otherwise. */
export function isoDate(text: string): string | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return null;
  return text.replace(' ', 'T');
}

/** A field given by an analyst's file: a value of the wrong kind is that article's error, with the file and line. */
export function requireField(field: GivenField, value: unknown, place: Place): string | null {
  const normalised = normaliseField(field, value);
  const empty = value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
  if (normalised !== null || empty) return normalised;
  throw metadataError(place, `\`${field}\`: expected ${EXPECTED[field]}, got ${describe(value)}.`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  return String(value);
}

export function metadataError(place: Place, message: string, cause?: unknown): WartaError {
  return new WartaError('INPUT_METADATA', `${place.file}:${place.line}: ${message}`, {
    ...(cause === undefined ? {} : { cause }),
    file: place.absolutePath,
    hint: `Fix line ${place.line} of ${place.file} (keys: ${GIVEN_FIELDS.join(', ')}), then run \`warta run\` again.`,
  });
}

export interface YamlMetadataOptions {
  source: MetadataSource;
  file: string;
  absolutePath: string;
  /** The line of the file the YAML text starts on. */
  firstLine: number;
  /** A key warta does not know is an error (a sidecar holds nothing else), or passed over (front matter holds the notes' own keys too). */
  unknownKeys: 'error' | 'ignore';
}

/** The given fields of a YAML mapping; a syntax error, a non-mapping or a bad value is an error naming the file and line. */
export function readYamlMetadata(text: string, options: YamlMetadataOptions): GivenMetadata {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => options.firstLine + (offset === undefined ? 0 : lines.linePos(offset).line - 1);
  const place = (line: number): Place => ({ file: options.file, absolutePath: options.absolutePath, line });
  const syntax = doc.errors[0];
  if (syntax) throw metadataError(place(lineAt(syntax.pos[0])), `not valid YAML: ${syntax.message.split('\n')[0]}`, syntax);
  const given = emptyGiven();
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return given;
  if (!isMap(doc.contents)) throw metadataError(place(lineAt(doc.contents.range?.[0])), 'expected `key: value` lines (a YAML mapping).');
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const line = lineAt(keyNode?.range?.[0]);
    if (!isGivenField(key)) {
      if (options.unknownKeys === 'error') throw metadataError(place(line), `unknown key \`${key}\`.`);
      continue;
    }
    const valueNode = pair.value as Node | null;
    const value = isSeq(valueNode) || isMap(valueNode) ? valueNode.toJSON() : isScalar(valueNode) ? valueNode.value : null;
    const normalised = requireField(key, value, place(lineAt(valueNode?.range?.[0] ?? keyNode?.range?.[0])));
    if (normalised !== null) setField(given, key, normalised, options.source);
  }
  return given;
}

export function setField(given: GivenMetadata, field: GivenField, value: string, source: MetadataSource): void {
  given[field] = value;
  given.sources[field] = source;
}

/** The fields of each, later ones winning field by field. */
export function overlay(...layers: GivenMetadata[]): GivenMetadata {
  const merged = emptyGiven();
  for (const layer of layers) {
    for (const field of GIVEN_FIELDS) {
      const value = layer[field];
      if (value !== undefined) setField(merged, field, value, layer.sources[field]!);
    }
  }
  return merged;
}

export const hasFields = (given: GivenMetadata): boolean => GIVEN_FIELDS.some((field) => given[field] !== undefined);
