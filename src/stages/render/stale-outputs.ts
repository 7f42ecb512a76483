/**
 * The per-article files of articles whose input is gone. Render writes `articles/<id>.*`; when an
 * input file is deleted or renamed, its files would otherwise stay in the output folder for good and
 * look current. The output folder keeps a manifest of the files warta wrote there (with their
 * sha256), so a later run removes exactly those, and only while they are as warta wrote them: a
 * file the user edited, or one warta never wrote, is left alone.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { RunStep } from '../../pipeline/contract.ts';
import type { RenderedArticle } from '../../types.ts';
import { writeOutput } from '../../io/output.ts';
import { sha256OfFile } from '../../util/hash.ts';

export const MANIFEST_FILE = '.warta-manifest.json';

interface ManifestEntry {
  /** The input file the article came from, relative to the input folder. */
  source: string;
  files: Array<{ path: string; sha256: string }>;
}

interface Manifest {
  format: 1;
  articles: Record<string, ManifestEntry>;
}

type Written = Pick<RenderedArticle, 'id' | 'files'>;

export interface StaleOutputsReport {
  /** Files removed because their article's input is gone, relative to the output folder. */
  removed: string[];
  /** Files of gone articles left in place because they differ from what warta wrote. */
  changedByUser: string[];
}

export const staleOutputsStep: RunStep<RenderedArticle, Written, StaleOutputsReport> = {
  name: 'stale-outputs',
  after: 'render',
  keep: (rendered) => ({ id: rendered.id, files: rendered.files.map(({ path, sha256 }) => ({ path, sha256 })) }),
  async run(written, { config, sources, unreadable }) {
    const previous = await readManifest(config.output);
    const sourceOf = new Map(sources.map((source) => [source.id, source.path]));
    const next: Manifest = { format: 1, articles: {} };
    const report: StaleOutputsReport = { removed: [], changedByUser: [] };
    for (const [id, entry] of Object.entries(previous?.articles ?? {})) {
      if (sourceOf.has(id) || unreadable.some((folder) => isWithin(entry.source, folder))) next.articles[id] = entry;
      else await removeUnchanged(config.output, entry.files, report);
    }
    for (const article of written) {
      const kept = new Set(article.files.map((file) => file.path));
      const dropped = (next.articles[article.id]?.files ?? []).filter((file) => !kept.has(file.path));
      await removeUnchanged(config.output, dropped, report);
      next.articles[article.id] = { source: sourceOf.get(article.id) ?? article.id, files: article.files.map(({ path, sha256 }) => ({ path, sha256 })) };
    }
    // Sorted, so the same articles always give the same bytes, whatever order they finished in.
    const sorted: Manifest = { format: 1, articles: Object.fromEntries(Object.entries(next.articles).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
    if (previous === null || JSON.stringify(previous) !== JSON.stringify(sorted)) await writeOutput(config.output, MANIFEST_FILE, `${JSON.stringify(sorted)}\n`);
    return report;
  },
};

/** The manifest, or null when there is none or it cannot be trusted (then nothing is removed). */
async function readManifest(outputDir: string): Promise<Manifest | null> {
  const text = await readFile(path.join(outputDir, MANIFEST_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Manifest;
    return isManifest(value) ? value : null;
  } catch {
    return null;
  }
}

function isManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null || (value as Manifest).format !== 1) return false;
  const articles = (value as Manifest).articles;
  if (typeof articles !== 'object' || articles === null) return false;
  return Object.values(articles).every(
    (entry) => typeof entry?.source === 'string' && Array.isArray(entry.files) && entry.files.every((file) => typeof file?.path === 'string' && typeof file.sha256 === 'string' && isArticleFile(file.path)),
  );
}

/** Only files under `articles/` are ever removed, whatever a manifest says. */
function isArticleFile(relative: string): boolean {
  const normalised = path.posix.normalize(relative);
  return normalised.startsWith('articles/') && !normalised.split('/').includes('..');
}

async function removeUnchanged(outputDir: string, files: ReadonlyArray<{ path: string; sha256: string }>, report: StaleOutputsReport): Promise<void> {
  for (const file of files) {
    const absolute = path.join(outputDir, file.path);
    const actual = await sha256OfFile(absolute).catch(() => null);
    if (actual === null) continue;
    if (actual !== file.sha256) {
      report.changedByUser.push(file.path);
      continue;
    }
    await rm(absolute, { force: true });
    report.removed.push(file.path);
  }
}

function isWithin(file: string, folder: string): boolean {
  const trimmed = folder.replace(/\/+$/, '');
  return file === trimmed || file.startsWith(`${trimmed}/`);
}
