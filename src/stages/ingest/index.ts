import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WartaError } from '../../errors.ts';
import type { GivenMetadata, IngestedArticle, SourceFormat, SourceLink } from '../../types.ts';
import type { Stage } from '../../pipeline/contract.ts';
import { decodeArticleBytes, normalizeArticleText, removeHiddenControls } from './decode.ts';
import { sha256 } from '../../util/hash.ts';
import type { SourceFile } from '../../pipeline/contract.ts';
import { isIngestedArticle } from '../record-shapes.ts';
import { emptyGiven, hasFields, overlay } from './given-metadata.ts';
import { readHtmlArticle } from './html.ts';
import { readMarkdownArticle } from './markdown.ts';
import { readCompanions } from './sidecar.ts';

export interface IngestOptions {
  max_paragraphs: number;
}

export const ingestStage: Stage<SourceFile, IngestedArticle, IngestOptions> = {
  name: 'ingest',
  // 3: C1 and bidirectional controls removed and listed in `source.repairs`; a NUL anywhere is binary.
  // 4: HTML pages read (main text and page metadata); Markdown front matter is metadata and inline markup is undone; sidecars and sources.csv give metadata; `source.format`.
  version: '4',
  options: (config) => ({ max_paragraphs: config.max_paragraphs }),
  isRecord: isIngestedArticle,
  async run(file, { options }) {
    const bytes = await readSource(file);
    const decoded = decodeArticleBytes(bytes, file.path);
    const { text: normalised, repairs } = removeHiddenControls(normalizeArticleText(decoded.text));
    const format = formatOf(file.path);
    const read = await readFormat(format, normalised, file);
    const companions = await readCompanions(file);
    const metadata = overlay(read.metadata, companions.metadata);
    checkSize(read.text, file, options);
    return {
      id: file.id,
      source: {
        path: file.path,
        bytes: bytes.length,
        sha256: file.sha256,
        encoding: decoded.encoding,
        bom: decoded.bom,
        format,
        ...(repairs.length > 0 ? { repairs } : {}),
        ...(read.links.length > 0 ? { links: read.links } : {}),
        ...(companions.paths.length > 0 ? { companions: companions.paths } : {}),
      },
      text: read.text,
      ...(hasFields(metadata) ? { metadata } : {}),
    };
  },
};

function formatOf(relativePath: string): SourceFormat {
  const extension = path.extname(relativePath).toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'html';
  return extension === '.md' || extension === '.markdown' ? 'markdown' : 'text';
}

async function readFormat(format: SourceFormat, text: string, file: SourceFile): Promise<{ text: string; metadata: GivenMetadata; links: SourceLink[] }> {
  if (format === 'markdown') return readMarkdownArticle(text, file.path, file.absolutePath);
  if (format === 'text') return { text, metadata: emptyGiven(), links: [] };
  return { ...(await readHtmlArticle(text)), links: [] };
}

function checkSize(text: string, file: SourceFile, options: IngestOptions): void {
  if (text.trim().length === 0) {
    const html = formatOf(file.path) === 'html';
    throw new WartaError('INPUT_EMPTY', `${file.path} has ${html ? 'no article text that could be found in the page' : 'no text (only whitespace)'}.`, {
      file: file.absolutePath,
      hint: html ? 'The page may build its text with a script: save it once it shows the article (Save Page As, "Web Page, complete"), or paste its text into a .txt file.' : 'Remove the file or give it some text.',
    });
  }
  const paragraphs = countParagraphs(text);
  if (paragraphs > options.max_paragraphs) {
    throw new WartaError('INPUT_TOO_LARGE', `${file.path} has ${paragraphs} paragraphs; an article may have at most ${options.max_paragraphs}.`, {
      file: file.absolutePath,
      hint: 'Split it into articles, or raise `max_paragraphs` in pipeline.yaml.',
    });
  }
}

/**
 * The file's bytes, which must be the bytes discovery hashed: the result is cached under that
 * hash, so a file changed in between must not have its new text stored under its old hash.
 */
async function readSource(file: SourceFile): Promise<Uint8Array> {
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
  if (sha256(bytes) !== file.sha256) {
    throw new WartaError('INPUT_UNREADABLE', `${file.path} changed during the run (its bytes differ from those found when the run started).`, {
      file: file.absolutePath,
      hint: 'Run again once the file is no longer being written: `warta run`.',
    });
  }
  return bytes;
}

/** Non-empty lines: some sites put one paragraph per line, others separate them with blank lines. */
function countParagraphs(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) if (line.trim().length > 0) count++;
  return count;
}
