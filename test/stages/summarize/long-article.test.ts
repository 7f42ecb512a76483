import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/cli.ts';

/** Ranks the long article in a child whose heap is capped: a ranking that grows with the square of the sentences cannot fit. */
const RANK_LONG_ARTICLE = `
import { longArticle } from ${JSON.stringify(path.join(REPO, 'tools/long-article.ts'))};
import { segmentSentences } from ${JSON.stringify(path.join(REPO, 'src/stages/segment/segmenter.ts'))};
import { selectSummary } from ${JSON.stringify(path.join(REPO, 'src/stages/summarize/rank.ts'))};
const [title, ...paragraphs] = longArticle({ sentences: 26_000 }).trim().split('\\n\\n');
const sentences = [{ id: 'long#p0s1', text: title, block: 0, kind: 'title' }];
paragraphs.forEach((text, p) => segmentSentences(text).forEach((span, i) => sentences.push({ id: 'long#p' + (p + 1) + 's' + (i + 1), text: text.slice(span.start, span.end), block: p + 1, kind: 'paragraph' })));
const summary = selectSummary({ title, sentences }, { sentences: 3 });
process.stdout.write(JSON.stringify({ sentences: sentences.length - 1, chosen: summary.sentences.map((s) => s.id) }));
`;

describe('summarize on an article of 26,000 short sentences', () => {
  it('ranks it within a 256 MB heap and picks sentences from its lead', () => {
    const output = execFileSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', '--input-type=module', '-e', RANK_LONG_ARTICLE], {
      cwd: REPO,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    });
    const { sentences, chosen } = JSON.parse(output) as { sentences: number; chosen: string[] };
    expect(sentences).toBe(26_000);
    expect(chosen).toHaveLength(3);
    // The lead prior still rules: the summary comes from the first paragraphs, in source order.
    const blocks = chosen.map((id) => Number(/#p(\d+)s/.exec(id)![1]));
    expect(blocks.every((block) => block <= 3)).toBe(true);
    expect(blocks).toEqual([...blocks].sort((a, b) => a - b));
  }, 120_000);
});
