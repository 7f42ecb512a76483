/**
 * Evaluation of the `clean` stage on a labelled folder of pages.
 *
 *   npm run eval:clean -- <folder> <labels.jsonl> [--meta meta.jsonl]
 *
 * Runs the stage's own code on every `.txt` file of the folder (read, decoded as `ingest` decodes,
 * cleaned with the default options) and prints JSON: boilerplate precision and recall, body lines
 * lost, per outlet, metadata accuracy per field, and the failing lines. The figures are those of
 * the reference scorer `score_clean.py` run on a `warta run` output of the same folder.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WartaError } from '../../src/errors.ts';
import { cleanStage, type CleanStageOptions } from '../../src/stages/clean/index.ts';
import { decodeArticleBytes, normalizeArticleText } from '../../src/stages/ingest/decode.ts';
import type { StageContext } from '../../src/pipeline/contract.ts';
import type { CleanedArticle } from '../../src/types.ts';
import { scoreClean, type CleanScore, type LineLabel, type MetaLabel } from './clean-score.ts';

const USAGE = 'usage: npm run eval:clean -- <folder> <labels.jsonl> [--meta meta.jsonl]';

export interface EvalCleanArgs {
  folder: string;
  labels: string;
  meta?: string;
}

export function parseArgs(argv: string[]): EvalCleanArgs {
  const positional: string[] = [];
  let meta: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--meta') {
      meta = argv[++i];
      if (meta === undefined) throw new WartaError('USAGE', `--meta needs a file. ${USAGE}`);
    } else positional.push(argv[i]!);
  }
  if (positional.length !== 2) throw new WartaError('USAGE', USAGE);
  return { folder: positional[0]!, labels: positional[1]!, ...(meta ? { meta } : {}) };
}

function readJsonl<T>(path: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new WartaError('INPUT_NOT_FOUND', `${path} cannot be read: ${(cause as Error).message}`, { cause, file: path });
  }
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as T];
    } catch (cause) {
      throw new WartaError('INPUT_DECODE', `${path}:${i + 1} is not JSON: ${(cause as Error).message}`, { cause, file: path });
    }
  });
}

/** Every `.txt` file of `folder`, cleaned as `warta run` cleans it, keyed by its file name. */
export async function cleanFolder(folder: string): Promise<Map<string, CleanedArticle>> {
  const context: StageContext<CleanStageOptions> = { articleId: '', options: { keep_boilerplate: false }, resources: undefined, version: cleanStage.version };
  const articles = new Map<string, CleanedArticle>();
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.txt')).sort()) {
    const bytes = readFileSync(join(folder, name));
    const text = normalizeArticleText(decodeArticleBytes(bytes, name).text);
    const source = { path: name, bytes: bytes.length, sha256: '', encoding: 'utf-8' as const, bom: false };
    articles.set(name, await cleanStage.run({ id: name, source, text }, { ...context, articleId: name }));
  }
  return articles;
}

export async function evalClean(args: EvalCleanArgs): Promise<CleanScore> {
  const labels = readJsonl<LineLabel>(args.labels);
  const meta = args.meta ? readJsonl<MetaLabel>(args.meta) : [];
  return scoreClean(labels, await cleanFolder(args.folder), meta);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const score = await evalClean(parseArgs(process.argv.slice(2)));
    process.stdout.write(`${JSON.stringify(score, null, 1)}\n`);
  } catch (error) {
    const code = error instanceof WartaError ? error.code : 'UNEXPECTED';
    process.stderr.write(`eval:clean: ${code}: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
