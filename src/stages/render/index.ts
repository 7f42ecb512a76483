import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WartaError } from '../../errors.ts';
import type { OutputFile, RenderedArticle, SummarizedArticle } from '../../types.ts';
import { writeFileAtomic } from '../../util/atomic-write.ts';
import { sha256 } from '../../util/hash.ts';
import type { Stage } from '../stage.ts';
import { articleMarkdown } from './markdown.ts';

export interface RenderOptions {
  output: string;
}

export const renderStage: Stage<SummarizedArticle, RenderedArticle, RenderOptions> = {
  name: 'render',
  version: '1',
  options: (config) => ({ output: config.output }),
  async run(article, { options }) {
    const files: OutputFile[] = [];
    const write = async (relative: string, content: string) => {
      await writeOutput(options.output, relative, content);
      files.push({ path: relative, sha256: sha256(content) });
    };
    await write(`articles/${article.id}.json`, `${JSON.stringify(articleJson(article), null, 2)}\n`);
    await write(`articles/${article.id}.md`, articleMarkdown(article));
    return {
      id: article.id,
      sourcePath: article.source.path,
      metadata: article.metadata,
      titleTranslation: article.sentences.find((s) => s.kind === 'title')?.translation ?? null,
      summary: article.summary,
      files,
    };
  },
  async isValid(rendered, { options }) {
    for (const file of rendered.files) {
      const content = await readFile(path.join(options.output, file.path)).catch(() => null);
      if (content === null || sha256(content) !== file.sha256) return false;
    }
    return true;
  },
};

export async function writeOutput(outputDir: string, relative: string, content: string): Promise<void> {
  const target = path.join(outputDir, relative);
  try {
    await writeFileAtomic(target, content);
  } catch (cause) {
    throw new WartaError('OUTPUT_WRITE_FAILED', `Cannot write ${target}: ${(cause as Error).message}`, {
      cause,
      file: target,
      hint: 'Check that the output folder is writable and the disk has space; the cache is intact, so the next run resumes here.',
    });
  }
}

function articleJson(article: SummarizedArticle) {
  return {
    id: article.id,
    source: article.source,
    metadata: article.metadata,
    model: article.model,
    text: article.text,
    removed: article.removed,
    sentences: article.sentences.map((s) => ({ id: s.id, kind: s.kind, offsets: [s.start, s.end], source: s.text, translation: s.translation })),
    summary: {
      method: article.summary.method,
      sentences: article.summary.sentences.map((s) => ({ id: s.id, offsets: [s.start, s.end], source: s.source, translation: s.translation, score: s.score })),
    },
  };
}
