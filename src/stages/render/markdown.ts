import { sentenceAnchor, type SummarizedArticle, type TranslatedSentence } from '../../types.ts';
import { markdownText } from '../../io/markdown.ts';
import { ENGLISH_SOURCE, NO_TRANSLATION, SCORE_MEANING, displayDate, flagMeaning, paragraphMark, paragraphNumbers, scoreWorthShowing } from '../../io/display.ts';

/**
 * `articles/<id>.md`, English first: the English title, summary and text lead, the Indonesian
 * follows; each flagged sentence shows its flags, explained in a legend at the end. Every text from
 * the input goes through `markdownText`, so no renderer turns it into markup.
 */
export function articleMarkdown(article: SummarizedArticle): string {
  const title = article.sentences.find((s) => s.kind === 'title');
  const byId = new Map(article.sentences.map((s) => [s.id, s]));
  const paragraphs = paragraphNumbers(article.sentences);
  const indonesianTitle = article.metadata.title ?? article.id;
  const lines: string[] = [];
  lines.push(`# ${markdownText(title?.translation || indonesianTitle)}`);
  if (title?.translation && title.translation !== indonesianTitle) lines.push('', `Indonesian: *${markdownText(indonesianTitle)}*`);
  lines.push('', metadataLine(article), '');
  const original = originalLink(article.metadata.url);
  if (original) lines.push(original, '');

  lines.push('## Summary', '');
  if (article.summary.sentences.length === 0) lines.push('_No sentence could be selected for a summary._', '');
  article.summary.sentences.forEach((sentence, i) => {
    const full = byId.get(sentence.id);
    lines.push(`${i + 1}. ${englishText(sentence.translation, full)}${flagsText(full)}  `);
    lines.push(`   Indonesian: ${markdownText(sentence.source)}  `);
    lines.push(`   <sub>source: [${paragraphMark(paragraphs.get(sentence.id))}](#${sentenceAnchor(sentence.id)}), characters ${sentence.start}–${sentence.end}</sub>`);
  });

  lines.push('', '## Full text', '', '| | English | Indonesian |', '|---|---|---|');
  for (const sentence of article.sentences) {
    const mark = sentence.kind === 'paragraph' ? '' : '**';
    lines.push(`| <a id="${sentenceAnchor(sentence.id)}"></a>${sentenceAnchor(sentence.id)} | ${mark}${englishText(sentence.translation, sentence)}${mark}${flagsText(sentence)}${glossaryText(sentence)} | ${mark}${markdownText(sentence.text)}${mark} |`);
  }
  lines.push(...flagLegend(article.sentences));

  if (article.removed.length > 0) {
    lines.push('', '<details>', `<summary>Removed lines (${article.removed.length})</summary>`, '', '| line | rule | text |', '|---|---|---|');
    for (const removed of article.removed) lines.push(`| ${removed.line} | ${markdownText(removed.rule)} | ${markdownText(removed.text)} |`);
    lines.push('', '</details>');
  }
  lines.push('', `<sub>Model: ${markdownText(article.model.id)} · Source file: ${markdownText(article.source.path)}</sub>`, '');
  return lines.join('\n');
}

/** The English of a sentence, saying so plainly when there is none. */
function englishText(translation: string, sentence: Pick<TranslatedSentence, 'language' | 'flags'> | undefined): string {
  if (sentence?.language === 'en') return `${markdownText(translation)} _(${ENGLISH_SOURCE})_`;
  if (sentence?.flags?.includes('untranslated')) return `_(${NO_TRANSLATION})_ ${markdownText(translation)}`;
  return markdownText(translation);
}

function flagsText(sentence: Pick<TranslatedSentence, 'flags' | 'score'> | undefined): string {
  const flags = sentence?.flags ?? [];
  if (flags.length === 0) return '';
  const score = sentence && typeof sentence.score === 'number' && scoreWorthShowing({ flags, score: sentence.score }) ? `, score ${sentence.score.toFixed(2)}` : '';
  return ` ⚠ ${flags.map((f) => `\`${f}\``).join(' ')}${score}`;
}

/** The glossary terms a sentence's translation had to use: `Korea Utara → North Korea`, those it could not contain marked. */
function glossaryText(sentence: Pick<TranslatedSentence, 'glossary'>): string {
  const terms = sentence.glossary ?? [];
  if (terms.length === 0) return '';
  return ` <sub>glossary: ${terms.map((t) => `${markdownText(t.source)} → ${markdownText(t.target)}${t.missing ? ' (missing)' : ''}`).join('; ')}</sub>`;
}

function flagLegend(sentences: readonly Pick<TranslatedSentence, 'flags'>[]): string[] {
  const used = [...new Set(sentences.flatMap((s) => s.flags ?? []))].sort();
  if (used.length === 0) return [];
  return ['', '### Translation quality flags', '', ...used.map((flag) => `- \`${flag}\`: ${flagMeaning(flag)}`), `- score: ${SCORE_MEANING}`];
}

/**
 * A link to the original, for citing it. Only an http or https address becomes a link, written
 * as the URL parser writes it (spaces, quotes, brackets and parentheses percent-encoded) inside `<…>`,
 * so no address can end the link early or add markup.
 */
function originalLink(url: string | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const shown = `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  const href = parsed.href.replace(/[<>[\]()]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `Original: [${markdownText(shown)}](<${href}>)`;
}

function metadataLine(article: Pick<SummarizedArticle, 'metadata' | 'source'>): string {
  const { outlet, author, published, dateline } = article.metadata;
  const parts = [outlet, author, published ? displayDate(published) : undefined, dateline ? `dateline: ${dateline}` : undefined, `file: ${article.source.path}`].filter((p): p is string => Boolean(p));
  return parts.map(markdownText).join(' · ');
}
