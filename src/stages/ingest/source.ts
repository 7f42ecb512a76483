import type { Source } from '../../pipeline/contract.ts';
import { articleIdFor, discoverArticles, fileHashMemo } from './discover.ts';

/** The article files of the input folder, read recursively. */
export const articleSource: Source = {
  discover: (config, cache) =>
    discoverArticles(config.input, config.max_file_mb * 1024 * 1024, fileHashMemo(cache('sources'), config.input), { followSymlinks: config.follow_symlinks }),
  idFor: articleIdFor,
  // Moving the input folder must not invalidate the cache: only the relative paths and bytes count.
  // An edited sidecar or sources.csv changes what ingest gives, so it re-runs.
  keyOf: (file) => ({
    id: file.id,
    path: file.path,
    sha256: file.sha256,
    ...(file.companions ? { companions: file.companions.map((c) => [c.path, c.sha256]) } : {}),
  }),
};
