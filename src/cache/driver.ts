/**
 * A cache driver stores JSON values under content-addressed keys, in the spirit of unstorage's
 * `Driver`. `get` returns undefined for a missing *or untrustworthy* entry: an entry that does not
 * parse, names another key, fails its value hash, or (given a shape check) holds a value of the
 * wrong shape is a miss, and is reported to the driver's damage log so the run can say so.
 * Every driver passes the one contract suite in test/cache/driver-contract.ts.
 */
import { createHmac } from 'node:crypto';
import { sha256 } from '../util/hash.ts';
import type { CacheDamage } from './damage.ts';

/** A structural check of a value read back: false makes the entry damaged. */
export type ShapeCheck = (value: unknown) => boolean;

export interface CacheDriver {
  get<T>(key: string, shape?: ShapeCheck): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Every key present; lets a caller check thousands of keys without a read each. */
  keys(): Promise<Set<string>>;
  /** Many entries at once (missing or damaged ones absent), for callers that need thousands. */
  getMany<T>(keys: readonly string[], shape?: ShapeCheck): Promise<Map<string, T>>;
}

const KEY_PATTERN = /^[0-9a-f]{16,128}$/;

/** Keys are hex digests: anything else is a bug in the caller, never a path to follow. */
export function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new TypeError(`cache key must be a hex digest, got ${JSON.stringify(key)}`);
  return key;
}

/**
 * How entries are sealed. Without a secret, the sha256 of the value detects accidents (an entry
 * edited, truncated or mixed up), not someone who rewrites the entry and its hash. With a secret
 * (`WARTA_CACHE_KEY`, shared only by the machines that share the cache), the seal is an HMAC of the
 * key and value: an entry written without the secret is a miss.
 */
export interface EntrySeal {
  secret?: string;
}

/** The seal of the cache: keyed when `WARTA_CACHE_KEY` is set (and not empty). */
export function sealFromEnvironment(env: NodeJS.ProcessEnv = process.env): EntrySeal {
  const secret = env.WARTA_CACHE_KEY;
  return secret ? { secret } : {};
}

const sealField = (seal: EntrySeal) => (seal.secret ? 'hmac' : 'sha256');
const digestStart = (key: string, seal: EntrySeal) => `{"key":"${key}","${sealField(seal)}":"`;
const entryHead = (key: string, digest: string, seal: EntrySeal) => `${digestStart(key, seal)}${digest}","value":`;

function digestOf(key: string, valueText: string, seal: EntrySeal): string {
  return seal.secret ? createHmac('sha256', seal.secret).update(key).update('\n').update(valueText).digest('hex') : sha256(valueText);
}

/**
 * The stored form of an entry: the key beside the value (an entry moved or mixed up is a miss) and
 * the digest of the value's JSON text (an entry edited in place is a miss), value last, so reading
 * hashes the stored text as it is rather than serialising the value again.
 */
export function encodeEntry(key: string, value: unknown, seal: EntrySeal = {}): string {
  const text = JSON.stringify(value);
  return `${entryHead(key, digestOf(key, text, seal), seal)}${text}}`;
}

export type EntryRead<T> = { state: 'hit'; value: T } | { state: 'absent' } | { state: 'damaged'; reason: string };

/** Reads an entry's text: a hit, absent (an entry of an older format, which carries no hash), or damaged and why. */
export function decodeEntry<T>(key: string, text: string, shape?: ShapeCheck, seal: EntrySeal = {}): EntryRead<T> {
  const start = digestStart(key, seal).length;
  const digest = text.slice(start, start + 64);
  const head = entryHead(key, digest, seal);
  if (!/^[0-9a-f]{64}$/.test(digest) || !text.startsWith(head) || !text.endsWith('}')) return unsealedEntry(key, text, seal);
  const valueText = text.slice(head.length, -1);
  if (digestOf(key, valueText, seal) !== digest) return { state: 'damaged', reason: 'its value does not match its hash' };
  let value: T;
  try {
    value = JSON.parse(valueText) as T;
  } catch {
    return { state: 'damaged', reason: 'it does not parse' };
  }
  if (shape && !shape(value)) return { state: 'damaged', reason: 'its value has the wrong shape' };
  return { state: 'hit', value };
}

function unsealedEntry(key: string, text: string, seal: EntrySeal): EntryRead<never> {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return { state: 'damaged', reason: 'it does not parse' };
  }
  if (!isObject(entry) || entry.key !== key) return { state: 'damaged', reason: 'it is not the entry of this key' };
  if (seal.secret) return { state: 'damaged', reason: 'it is not sealed with the cache key' };
  return 'sha256' in entry || 'hmac' in entry ? { state: 'damaged', reason: 'its value does not match its hash' } : { state: 'absent' };
}

/** The value of an entry read from `text` (undefined when absent), noting damage in `damage`. */
export function readEntry<T>(namespace: string, key: string, text: string | undefined, damage: CacheDamage, shape?: ShapeCheck, seal: EntrySeal = {}): T | undefined {
  if (text === undefined) return undefined;
  const read = decodeEntry<T>(key, text, shape, seal);
  if (read.state === 'hit') return read.value;
  if (read.state === 'damaged') damage.note(namespace, key);
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
