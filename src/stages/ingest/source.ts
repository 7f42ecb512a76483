import type { Source } from '../../pipeline/contract.ts';
import { articleIdFor, discoverArticles, fileHashMemo } from './discover.ts';

/** The article files of the input folder, read recursively. */
export const articleSource: Source = {
  discover: (config, cache) => discoverArticles(config.input, config.max_file_mb * 1024 * 1024, fileHashMemo(cache('sources'), config.input)),
  idFor: articleIdFor,
  // Moving the input folder must not invalidate the cache: only the relative path and bytes count.
  keyOf: (file) => ({ id: file.id, path: file.path, sha256: file.sha256 }),
};
