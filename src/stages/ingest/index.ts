import { readFile } from 'node:fs/promises';
import { WartaError } from '../../errors.ts';
import type { IngestedArticle } from '../../types.ts';
import type { Stage } from '../stage.ts';
import { decodeArticleBytes, normalizeArticleText } from './decode.ts';
import type { SourceFile } from './discover.ts';

export const ingestStage: Stage<SourceFile, IngestedArticle, Record<string, never>> = {
  name: 'ingest',
  version: '1',
  options: () => ({}),
  // Moving the input folder must not invalidate the cache: only the relative path and bytes count.
  keyOf: (file) => ({ id: file.id, path: file.path, sha256: file.sha256 }),
  async run(file) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file.absolutePath);
    } catch (cause) {
      throw new WartaError('INPUT_UNREADABLE', `${file.path} cannot be read: ${(cause as Error).message}`, {
        cause,
        file: file.absolutePath,
        hint: 'The file may have been moved or deleted during the run; run again.',
      });
    }
    const decoded = decodeArticleBytes(bytes, file.path);
    const text = normalizeArticleText(decoded.text);
    if (text.trim().length === 0) {
      throw new WartaError('INPUT_EMPTY', `${file.path} has no text (only whitespace).`, { file: file.absolutePath, hint: 'Remove the file or give it some text.' });
    }
    return {
      id: file.id,
      source: { path: file.path, bytes: bytes.length, sha256: file.sha256, encoding: decoded.encoding, bom: decoded.bom },
      text,
    };
  },
};
