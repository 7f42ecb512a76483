import { knownFilesFor, type ModelLocation } from '../model-files.ts';
import { resolveEndpoint } from './download.ts';

/**
 * The byte size of every file in a model repository, from the hub's file listing
 * (`/api/models/<id>/tree/<revision>?recursive=true`, as huggingface.co answers it). Null when the
 * hub does not answer in time or answers something else: the size is for the user's information
 * only, so its absence never stops a download.
 */
export async function hubFileSizes(
  location: ModelLocation,
  options: { endpoint: string; revision: string; fetchImpl?: typeof fetch; timeoutMs?: number },
): Promise<Record<string, number> | null> {
  if (!location.hubId) return null;
  const url = `${resolveEndpoint(options.endpoint).url}/api/models/${location.hubId}/tree/${encodeURIComponent(options.revision)}?recursive=true`;
  try {
    const response = await (options.fetchImpl ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      return null;
    }
    return sizesOf(await response.json());
  } catch {
    return null;
  }
}

function sizesOf(listing: unknown): Record<string, number> | null {
  if (!Array.isArray(listing)) return null;
  const sizes: Record<string, number> = {};
  for (const entry of listing as Array<{ type?: unknown; path?: unknown; size?: unknown }>) {
    if (entry?.type === 'file' && typeof entry.path === 'string' && Number.isSafeInteger(entry.size) && (entry.size as number) >= 0) {
      sizes[entry.path] = entry.size as number;
    }
  }
  return sizes;
}

/** What a download of `files` will transfer: the bytes whose size is known, and the files whose size is not. */
export interface DownloadSize {
  bytes: number;
  unknown: string[];
}

/** Sizes from the published figures kept in the repo first, then from the hub's listing. */
export function downloadSize(location: ModelLocation, files: readonly string[], listed: Record<string, number> | null): DownloadSize {
  const published = knownFilesFor(location.hubId);
  let bytes = 0;
  const unknown: string[] = [];
  for (const file of files) {
    const size = published[file]?.bytes ?? listed?.[file];
    if (size === undefined) unknown.push(file);
    else bytes += size;
  }
  return { bytes, unknown };
}
