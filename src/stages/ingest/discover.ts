import { statSync, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import PQueue from 'p-queue';
import { isInside } from '../../util/path-inside.ts';
import { WartaError } from '../../errors.ts';
import { isObject, type CacheDriver } from '../../cache/driver.ts';
import { sha256, sha256OfFile } from '../../util/hash.ts';
import type { CompanionFile, SkippedFile, SourceFile } from '../../pipeline/contract.ts';
import { firstInvalidUtf8Offset } from './decode.ts';

export type { SourceFile } from '../../pipeline/contract.ts';

export interface DiscoveryProblem {
  path: string;
  error: WartaError;
}

export const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm']);
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

export interface DiscoveryOptions {
  /** Follow symlinks that resolve outside the input folder (`follow_symlinks`); loops still end. */
  followSymlinks?: boolean;
}

export interface Discovery {
  files: SourceFile[];
  problems: DiscoveryProblem[];
  /** Files that are no article, each with the reason, by path. */
  skipped: SkippedFile[];
}

export async function discoverArticles(inputDir: string, maxBytes: number, memo?: HashMemo, options: DiscoveryOptions = {}): Promise<Discovery> {
  await checkInputFolder(inputDir);
  const walked = await walk(inputDir, options.followSymlinks ?? false);
  const { candidates, problems } = assignIds(inputDir, walked.articles.sort());
  const companions = companionsOf(walked.articles, walked.companions);
  const skipped = [...walked.skipped, ...orphanSidecars(walked.articles, walked.companions)];
  const hashing = new Hashing(inputDir, memo);
  await hashing.start();
  const examined = await Promise.all(candidates.map(({ id, relative }) => hashing.queue.add(() => examine(hashing, id, relative, maxBytes, companions.get(relative) ?? []))));
  await hashing.finish();
  const files: SourceFile[] = [];
  for (const result of examined) {
    if (result && 'error' in result) problems.push(result);
    else if (result) files.push(result);
  }
  problems.push(...walked.problems);
  problems.sort((a, b) => a.path.localeCompare(b.path));
  skipped.sort((a, b) => a.path.localeCompare(b.path));
  return { files, problems, skipped };
}

async function checkInputFolder(inputDir: string): Promise<void> {
  let rootStat;
  try {
    rootStat = await stat(inputDir);
  } catch (cause) {
    throw new WartaError('INPUT_NOT_FOUND', `Input folder not found: ${inputDir}`, {
      cause,
      file: inputDir,
      hint: 'Create it and put .txt, .md or .html articles in it, or pass --input DIR.',
    });
  }
  if (!rootStat.isDirectory()) {
    throw new WartaError('INPUT_NOT_FOUND', `Input path is not a folder: ${inputDir}`, { file: inputDir, hint: 'Pass a folder with --input DIR.' });
  }
}

/** Each article path with its id; a path whose id another already has is a problem. */
function assignIds(inputDir: string, relativePaths: string[]): { candidates: Array<{ id: string; relative: string }>; problems: DiscoveryProblem[] } {
  const problems: DiscoveryProblem[] = [];
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
  return { candidates, problems };
}

/** The file's hashes, remembered across runs, read a few files at a time. */
class Hashing {
  // Hashing thousands of small files one after another leaves the disk idle between them.
  readonly queue = new PQueue({ concurrency: FILES_AT_ONCE });
  private known: Readonly<Record<string, FileStamp>> = {};
  private readonly stamps: Record<string, FileStamp> = {};

  constructor(
    readonly inputDir: string,
    private readonly memo: HashMemo | undefined,
  ) {}

  async start(): Promise<void> {
    this.known = (await this.memo?.load().catch(() => ({}))) ?? {};
  }

  async finish(): Promise<void> {
    if (this.memo && !sameStamps(this.known, this.stamps)) await this.memo.save(this.stamps).catch(() => {});
  }

  private readonly companions = new Map<string, Promise<string>>();

  /** A companion is shared by the articles of its folder (`sources.csv`): it is hashed once. */
  companionDigest(relative: string): Promise<string> {
    let digest = this.companions.get(relative);
    if (!digest) {
      digest = this.digest(relative, statSync(path.join(this.inputDir, relative)));
      this.companions.set(relative, digest);
    }
    return digest;
  }

  /** The sha256 of a file, from the memo when its size, mtime, ctime and inode are unchanged. */
  async digest(relative: string, info: Stats): Promise<string> {
    const previous = this.known[relative];
    const unchanged = previous && previous[0] === info.size && previous[1] === info.mtimeMs && previous[2] === info.ctimeMs && previous[3] === info.ino;
    const digest = unchanged ? previous[4] : await sha256OfFile(path.join(this.inputDir, relative));
    this.stamps[relative] = [info.size, info.mtimeMs, info.ctimeMs, info.ino, digest];
    return digest;
  }
}

const FILES_AT_ONCE = 32;

async function examine(hashing: Hashing, id: string, relative: string, maxBytes: number, companionPaths: readonly string[]): Promise<SourceFile | DiscoveryProblem> {
  const absolutePath = path.join(hashing.inputDir, relative);
  try {
    // A synchronous stat: thousands of them in a row cost less than as many thread-pool round trips.
    const info = statSync(absolutePath);
    if (info.size > maxBytes) {
      throw new WartaError('INPUT_TOO_LARGE', `${relative} is ${(info.size / 1e6).toFixed(1)} MB; the limit is ${(maxBytes / 1e6).toFixed(0)} MB.`, {
        file: absolutePath,
        hint: 'Split the file into articles, or raise `max_file_mb` in pipeline.yaml.',
      });
    }
    const digest = await hashing.digest(relative, info);
    const companions: CompanionFile[] = [];
    for (const companion of companionPaths) {
      companions.push({ path: companion, absolutePath: path.join(hashing.inputDir, companion), sha256: await hashing.companionDigest(companion) });
    }
    return { id, path: relative, absolutePath, bytes: info.size, sha256: digest, ...(companions.length > 0 ? { companions } : {}) };
  } catch (cause) {
    const error =
      cause instanceof WartaError ? cause : new WartaError('INPUT_UNREADABLE', `${relative} cannot be read: ${(cause as Error).message}`, { cause, file: absolutePath });
    return { path: relative, error };
  }
}

const SIDECAR = /\.meta\.(?:ya?ml|json)$/iu;
export const SOURCES_CSV = 'sources.csv';

const folderOf = (relative: string): string => (relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '');
const stemOf = (relative: string): string => path.posix.basename(relative).replace(/\.[^.]*$/u, '');
const sidecarStem = (relative: string): string => path.posix.basename(relative).replace(SIDECAR, '');

/** Per article, its companions: the sidecars named after it beside it, then the `sources.csv` of its folder. */
function companionsOf(articles: readonly string[], companions: readonly string[]): Map<string, string[]> {
  const byFolder = new Map<string, string[]>();
  for (const companion of companions) push(byFolder, folderOf(companion), companion);
  const result = new Map<string, string[]>();
  for (const article of articles) {
    const beside = byFolder.get(folderOf(article)) ?? [];
    const sidecars = beside.filter((c) => SIDECAR.test(c) && sidecarStem(c) === stemOf(article)).sort();
    const csv = beside.filter((c) => path.posix.basename(c) === SOURCES_CSV);
    if (sidecars.length + csv.length > 0) result.set(article, [...sidecars, ...csv]);
  }
  return result;
}

/** Sidecars no article is named after: said so, not silently passed over. */
function orphanSidecars(articles: readonly string[], companions: readonly string[]): SkippedFile[] {
  const stems = new Set(articles.map((a) => `${folderOf(a)}/${stemOf(a)}`));
  return companions
    .filter((c) => SIDECAR.test(c) && !stems.has(`${folderOf(c)}/${sidecarStem(c)}`))
    .map((c) => ({ path: c, reason: `metadata sidecar without its article (no ${sidecarStem(c)}.txt, .md or .html beside it)` }));
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const UNSUPPORTED_TYPE = 'unsupported type; save as .txt or .html';

type EntryKind = 'article' | 'companion' | 'other';

function kindOf(name: string): EntryKind {
  if (ARTICLE_EXTENSIONS.has(path.extname(name).toLowerCase())) return 'article';
  return SIDECAR.test(name) || name === SOURCES_CSV ? 'companion' : 'other';
}

interface Walked {
  articles: string[];
  companions: string[];
  skipped: SkippedFile[];
  problems: DiscoveryProblem[];
}

/**
 * The files below `root`, relative: articles, their metadata companions, and the rest, skipped with
 * a reason. Symlinks are followed only while they resolve inside the input folder (unless
 * `followSymlinks`), and never to the same folder twice; a link out of it, a loop or a folder that
 * cannot be read is a problem of that path, and the walk goes on.
 */
async function walk(root: string, followSymlinks: boolean): Promise<Walked> {
  const walked: Walked = { articles: [], companions: [], skipped: [], problems: [] };
  const visited = new Set<string>();
  const realRoot = await realpath(root);
  const problem = (relative: string, message: string, hint: string, cause?: unknown) =>
    walked.problems.push({ path: relative, error: new WartaError('INPUT_UNREADABLE', `${relative} ${message}`, { cause, file: path.join(root, relative), hint }) });
  const visit = async (relativeDir: string): Promise<void> => {
    const absoluteDir = path.join(root, relativeDir);
    const real = await realpath(absoluteDir).catch(() => null);
    if (real === null || visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      // Names as bytes: a name that is not UTF-8 would otherwise come back altered, and name no file.
      entries = await readdir(absoluteDir, { withFileTypes: true, encoding: 'buffer' });
    } catch (cause) {
      problem(relativeDir, `is a folder that cannot be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}); its articles were skipped.`, 'Make it readable (chmod) or move it out of the input folder.', cause);
      return;
    }
    for (const entry of entries) {
      const nameBytes = entry.name as unknown as Buffer;
      const name = nameBytes.toString('utf8');
      if (name.startsWith('.')) continue;
      const relative = relativeDir ? `${relativeDir}/${name}` : name;
      if (firstInvalidUtf8Offset(nameBytes) !== -1) {
        walked.skipped.push({ path: relativeDir ? `${relativeDir}/${escapedName(nameBytes)}` : escapedName(nameBytes), reason: NOT_UTF8_NAME });
        continue;
      }
      const kind = kindOf(name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await linkTarget(path.join(root, relative));
        if (target instanceof Error) {
          if (kind === 'article') problem(relative, target.code === 'ELOOP' ? 'is a symlink loop.' : 'is a symlink to nothing.', 'Fix or remove the link.');
          continue;
        }
        if (!followSymlinks && !isInside(realRoot, target.real)) {
          if (kind === 'article' || target.stat.isDirectory()) {
            problem(relative, `is a symlink to ${target.real}, outside the input folder; it was not followed.`, 'Copy the file into the input folder, or run with `--follow-symlinks` (`follow_symlinks: true`).');
          }
          continue;
        }
        isDirectory = target.stat.isDirectory();
        isFile = target.stat.isFile();
      }
      if (isDirectory) await visit(relative);
      else if (!isFile) continue;
      else if (kind === 'article') walked.articles.push(relative);
      else if (kind === 'companion') walked.companions.push(relative);
      else walked.skipped.push({ path: relative, reason: UNSUPPORTED_TYPE });
    }
  };
  await visit('');
  return walked;
}

export const NOT_UTF8_NAME = 'name is not valid UTF-8, so it cannot be named in the outputs; rename it (e.g. `convmv -f latin1 -t utf8 --notest NAME`)';

/** A name as text, each byte that is not part of valid UTF-8 written as `\xNN`. */
function escapedName(bytes: Buffer): string {
  let out = '';
  let rest = bytes;
  while (rest.length > 0) {
    const bad = firstInvalidUtf8Offset(rest);
    if (bad === -1) return out + rest.toString('utf8');
    out += `${rest.subarray(0, bad).toString('utf8')}\\x${rest[bad]!.toString(16).toUpperCase().padStart(2, '0')}`;
    rest = rest.subarray(bad + 1);
  }
  return out;
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
