import { statSync, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import PQueue from 'p-queue';
import { isInside } from '../../util/path-inside.ts';
import { WartaError } from '../../errors.ts';
import { isObject, type CacheDriver } from '../../cache/driver.ts';
import { sha256, sha256OfFile } from '../../util/hash.ts';
import type { SourceFile } from '../../pipeline/contract.ts';

export type { SourceFile } from '../../pipeline/contract.ts';

export interface DiscoveryProblem {
  path: string;
  error: WartaError;
}

const ARTICLE_EXTENSIONS = new Set(['.txt', '.md']);
const MAX_ID_LENGTH = 120;

/**
 * The article id is the path relative to the input folder, without its extension, slugged:
 * lower-case ASCII letters, digits, `_` and `-`, with folders joined by `--`. It depends only on
 * the path, so it is stable across runs and machines.
 */
export function articleIdFor(relativePath: string): string {
  const withoutExtension = relativePath.replace(/\.[^./]+$/, '');
  const slug = withoutExtension
    .split('/')
    .map((segment) =>
      segment
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('--');
  if (slug.length === 0) return `article-${createHash('sha256').update(relativePath).digest('hex').slice(0, 12)}`;
  if (slug.length <= MAX_ID_LENGTH) return slug;
  return `${slug.slice(0, MAX_ID_LENGTH - 13)}-${createHash('sha256').update(relativePath).digest('hex').slice(0, 12)}`;
}

/**
 * Remembers each file's sha256 by its size, mtime, ctime and inode (as git's index does), so a
 * re-run stats unchanged files instead of reading them. One small JSON per input folder.
 */
export interface HashMemo {
  load(): Promise<Record<string, FileStamp>>;
  save(stamps: Record<string, FileStamp>): Promise<void>;
}

/** [size, mtimeMs, ctimeMs, inode, sha256] */
export type FileStamp = [number, number, number, number, string];

const SHA256_HEX = /^[0-9a-f]{64}$/;

function isStampRecord(value: unknown): boolean {
  return isObject(value) && Object.values(value).every((stamp) => Array.isArray(stamp) && stamp.length === 5 && stamp.slice(0, 4).every((n) => typeof n === 'number') && typeof stamp[4] === 'string' && SHA256_HEX.test(stamp[4]));
}

export function fileHashMemo(cache: CacheDriver, inputDir: string): HashMemo {
  const key = sha256(`source-hashes\0${path.resolve(inputDir)}`);
  return {
    load: async () => (await cache.get<Record<string, FileStamp>>(key, isStampRecord)) ?? {},
    save: (stamps) => cache.set(key, stamps),
  };
}

export async function discoverArticles(inputDir: string, maxBytes: number, memo?: HashMemo): Promise<{ files: SourceFile[]; problems: DiscoveryProblem[] }> {
  let rootStat;
  try {
    rootStat = await stat(inputDir);
  } catch (cause) {
    throw new WartaError('INPUT_NOT_FOUND', `Input folder not found: ${inputDir}`, {
      cause,
      file: inputDir,
      hint: 'Create it and put .txt or .md articles in it, or pass --input DIR.',
    });
  }
  if (!rootStat.isDirectory()) {
    throw new WartaError('INPUT_NOT_FOUND', `Input path is not a folder: ${inputDir}`, { file: inputDir, hint: 'Pass a folder with --input DIR.' });
  }
  const walked = await walk(inputDir);
  const relativePaths = walked.found.sort();
  const files: SourceFile[] = [];
  const problems: DiscoveryProblem[] = [...walked.problems];
  const byId = new Map<string, string>();
  const candidates: Array<{ id: string; relative: string }> = [];
  for (const relative of relativePaths) {
    const id = articleIdFor(relative);
    const clash = byId.get(id);
    if (!clash) {
      byId.set(id, relative);
      candidates.push({ id, relative });
      continue;
    }
    problems.push({
      path: relative,
      error: new WartaError('ID_COLLISION', `${relative} would get the article id "${id}", which ${clash} already has.`, {
        file: path.join(inputDir, relative),
        hint: 'Rename one of the two files so their names differ in letters or digits.',
      }),
    });
  }
  // Hashing thousands of small files one after another leaves the disk idle between them.
  const queue = new PQueue({ concurrency: FILES_AT_ONCE });
  const known = (await memo?.load().catch(() => ({}))) ?? {};
  const stamps: Record<string, FileStamp> = {};
  const examined = await Promise.all(candidates.map(({ id, relative }) => queue.add(() => examine(inputDir, id, relative, maxBytes, known, stamps))));
  if (memo && !sameStamps(known, stamps)) await memo.save(stamps).catch(() => {});
  for (const result of examined) {
    if (result && 'error' in result) problems.push(result);
    else if (result) files.push(result);
  }
  problems.sort((a, b) => a.path.localeCompare(b.path));
  return { files, problems };
}

const FILES_AT_ONCE = 32;

async function examine(
  inputDir: string,
  id: string,
  relative: string,
  maxBytes: number,
  known: Readonly<Record<string, FileStamp>>,
  stamps: Record<string, FileStamp>,
): Promise<SourceFile | DiscoveryProblem> {
  const absolutePath = path.join(inputDir, relative);
  try {
    // A synchronous stat: thousands of them in a row cost less than as many thread-pool round trips.
    const info = statSync(absolutePath);
    if (info.size > maxBytes) {
      throw new WartaError('INPUT_TOO_LARGE', `${relative} is ${(info.size / 1e6).toFixed(1)} MB; the limit is ${(maxBytes / 1e6).toFixed(0)} MB.`, {
        file: absolutePath,
        hint: 'Split the file into articles, or raise `max_file_mb` in pipeline.yaml.',
      });
    }
    const previous = known[relative];
    const unchanged = previous && previous[0] === info.size && previous[1] === info.mtimeMs && previous[2] === info.ctimeMs && previous[3] === info.ino;
    const digest = unchanged ? previous[4] : await sha256OfFile(absolutePath);
    stamps[relative] = [info.size, info.mtimeMs, info.ctimeMs, info.ino, digest];
    return { id, path: relative, absolutePath, bytes: info.size, sha256: digest };
  } catch (cause) {
    const error =
      cause instanceof WartaError ? cause : new WartaError('INPUT_UNREADABLE', `${relative} cannot be read: ${(cause as Error).message}`, { cause, file: absolutePath });
    return { path: relative, error };
  }
}

/**
 * Article files below `root`, relative. Symlinks are followed only while they resolve inside the
 * input folder, and never to the same folder twice; a link out of it, a loop or a folder that
 * cannot be read is a problem of that path, and the walk goes on.
 */
async function walk(root: string): Promise<{ found: string[]; problems: DiscoveryProblem[] }> {
  const found: string[] = [];
  const problems: DiscoveryProblem[] = [];
  const visited = new Set<string>();
  const realRoot = await realpath(root);
  const problem = (relative: string, message: string, hint: string, cause?: unknown) =>
    problems.push({ path: relative, error: new WartaError('INPUT_UNREADABLE', `${relative} ${message}`, { cause, file: path.join(root, relative), hint }) });
  const visit = async (relativeDir: string): Promise<void> => {
    const absoluteDir = path.join(root, relativeDir);
    const real = await realpath(absoluteDir).catch(() => null);
    if (real === null || visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(absoluteDir, { withFileTypes: true });
    } catch (cause) {
      problem(relativeDir, `is a folder that cannot be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}); its articles were skipped.`, 'Make it readable (chmod) or move it out of the input folder.', cause);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      const isArticle = ARTICLE_EXTENSIONS.has(path.extname(entry.name).toLowerCase());
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await linkTarget(path.join(root, relative));
        if (target instanceof Error) {
          if (isArticle) problem(relative, target.code === 'ELOOP' ? 'is a symlink loop.' : 'is a symlink to nothing.', 'Fix or remove the link.');
          continue;
        }
        if (!isInside(realRoot, target.real)) {
          if (isArticle || target.stat.isDirectory()) problem(relative, `is a symlink to ${target.real}, outside the input folder; it was not followed.`, 'Copy the file into the input folder, or remove the link.');
          continue;
        }
        isDirectory = target.stat.isDirectory();
        isFile = target.stat.isFile();
      }
      if (isDirectory) await visit(relative);
      else if (isFile && isArticle) found.push(relative);
    }
  };
  await visit('');
  return { found, problems };
}

async function linkTarget(link: string): Promise<{ real: string; stat: Stats } | NodeJS.ErrnoException> {
  try {
    const real = await realpath(link);
    return { real, stat: await stat(real) };
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

function sameStamps(a: Readonly<Record<string, FileStamp>>, b: Readonly<Record<string, FileStamp>>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k]?.join('\0') === b[k]!.join('\0'));
}
