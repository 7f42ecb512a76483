import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile, RenderedArticle, SummarizedArticle } from '../../types.ts';
import { writeOutput } from '../../io/output.ts';
import { sha256 } from '../../util/hash.ts';
import { withFileBytes } from '../../io/read-file.ts';
import type { Stage } from '../../pipeline/contract.ts';
import { articleDocument } from './document.ts';
import { articleMarkdown } from './markdown.ts';
import { isRenderedArticle } from '../record-shapes.ts';

export interface RenderOptions {
  output: string;
}

export const renderStage: Stage<SummarizedArticle, RenderedArticle, RenderOptions> = {
  name: 'render',
  // 2: sentences in articles/<id>.json carry translation quality flags and score when present.
  // 3: files carry their size and mtime.
  // 4: the record is the article id and its files only.
  // 5: articles/<id>.md English first, flags with a legend, every input text Markdown-escaped; English passages marked in the JSON.
  // 6: articles/<id>.json carries the article's entities.
  // 7: articles/<id>.md links to the original (`metadata.url`); the JSON carries `metadata.url`, `lang` and `sources`.
  // 8: a sentence's glossary terms shown beside its translation in articles/<id>.md.
  version: '8',
  options: (config) => ({ output: config.output }),
  writesOutputs: true,
  isRecord: isRenderedArticle,
  async run(article, { options }) {
    const files: OutputFile[] = [];
    const write = async (relative: string, content: string) => {
      await writeOutput(options.output, relative, content);
      const written = await stat(path.join(options.output, relative));
      files.push({ path: relative, sha256: sha256(content), bytes: written.size, mtimeMs: written.mtimeMs });
    };
    await write(`articles/${article.id}.json`, `${JSON.stringify(articleDocument(article), null, 2)}\n`);
    await write(`articles/${article.id}.md`, articleMarkdown(article));
    return { id: article.id, files };
  },
  /** The files are still as written: same size and mtime, or else the same content. */
  async isValid(rendered, { options }) {
    for (const file of rendered.files) {
      const target = path.join(options.output, file.path);
      const info = await stat(target).catch(() => null);
      if (!info) return false;
      if (info.size === file.bytes && info.mtimeMs === file.mtimeMs) continue;
      const hash = await withFileBytes(target, sha256).catch(() => null);
      if (hash !== file.sha256) return false;
    }
    return true;
  },
};
