import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import { forEachChunk } from '../io/read-file.ts';

/** JSON with sorted keys: equal values always give equal text, and so equal hashes. */
export const stableStringify = configure({ deterministic: true, bigint: false, circularValue: Error }) as (value: unknown) => string;

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hashValue(value: unknown): string {
  return sha256(stableStringify(value));
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await forEachChunk(file, (chunk) => hash.update(chunk));
  return hash.digest('hex');
}
