/**
 * Line and metadata scoring of cleaned articles against labelled pages: the same measure as the
 * reference scorer `score_clean.py` of the shared dev data (its docstring defines it), so the two
 * agree on any folder.
 */

import type { CleanedArticle } from '../../src/types.ts';

export interface LineLabel {
  file: string;
  line_no: number;
  text: string;
  label: 'keep' | 'drop';
  reason?: string;
  inline_drop?: string[];
}

export interface MetaLabel {
  file: string;
  title?: string | null;
  title_alternatives?: string[];
  outlet?: string | null;
  outlet_aliases?: string[];
  outlet_group?: string;
  published?: string | null;
  dateline?: string | null;
  author?: string | null;
}

export interface LineFigures {
  lines: number;
  boilerplate: number;
  body: number;
  tp: number;
  data_loss: number;
  left_in: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface FailingLine {
  file: string;
  outlet: string;
  line_no: number;
  text: string;
  label_reason: string;
  category: string;
  rule: string | null;
}

export const METADATA_FIELDS = ['title', 'published', 'outlet', 'dateline', 'author'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];
type Verdict = 'correct' | 'wrong' | 'missed' | 'none_ok' | 'spurious';

export interface FieldSummary {
  shown: number;
  correct: number;
  wrong: number;
  missed: number;
  spurious_when_not_shown: number;
  none_ok: number;
  accuracy_shown: number | null;
  accuracy_all: number | null;
  same_day_only?: number;
}

export interface CleanScore {
  files_scored: number;
  files_missing: string[];
  total: LineFigures & { files: number };
  per_outlet: Record<string, LineFigures & { files: number }>;
  per_file: Record<string, LineFigures>;
  inline_fragments: { checked: number; left: number; left_list: { file: string; line_no: number; fragment: string }[] };
  metadata: {
    summary: Partial<Record<MetadataField, FieldSummary>>;
    errors: { file: string; field: MetadataField; verdict: Verdict; expected: unknown; warta: unknown }[];
  };
  failures: { data_loss: FailingLine[]; left_in: FailingLine[]; inconsistent: FailingLine[] };
}

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/gu;
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/gu;

/** A line as the scorer compares it: NFC, invisible characters dropped, spaces folded, trimmed. */
export function scorerNorm(s: string | null | undefined): string {
  return (s ?? '').normalize('NFC').replace(INVISIBLE, '').replace(ODD_SPACES, ' ').replace(/ {2,}/gu, ' ').trim();
}

// Python's str.casefold differs from toLowerCase on a few letters; ß is the one news text has.
const casefold = (s: string): string => s.toLowerCase().replace(/ß/gu, 'ss');
// Python's \s also covers \x1c-\x1f and \x85, which JavaScript's does not.
const fold = (s: string): string => casefold(scorerNorm(s).replace(/[\s\x1c-\x1f\x85]+/gu, ' '));

function outletKey(s: string): string {
  const k = casefold(scorerNorm(s)).replace(/[^0-9a-z]/gu, '');
  for (const suffix of ['coid', 'com', 'id', 'co']) {
    if (k.endsWith(suffix) && k.length - suffix.length >= 3) return k.slice(0, -suffix.length);
  }
  return k;
}

const ratio = (a: number, b: number): number | null => (b ? a / b : null);

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function figures(c: Counts): LineFigures {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { lines: c.tp + c.fp + c.fn + c.tn, boilerplate: c.tp + c.fn, body: c.fp + c.tn, tp: c.tp, data_loss: c.fp, left_in: c.fn, precision, recall, f1 };
}

interface LineDecision {
  dropped: boolean;
  rule: string | null;
  parts: string[];
}

function lineDecisions(labels: LineLabel[], article: CleanedArticle): Map<number, LineDecision> {
  const byLine = new Map<number, CleanedArticle['removed']>();
  for (const r of article.removed) byLine.set(r.line, [...(byLine.get(r.line) ?? []), r]);
  const out = new Map<number, LineDecision>();
  for (const label of labels) {
    const text = scorerNorm(label.text);
    const decision: LineDecision = { dropped: false, rule: null, parts: [] };
    for (const r of byLine.get(label.line_no) ?? []) {
      if (r.rule === 'mixed-script') continue;
      const removedText = scorerNorm(r.text);
      if (removedText === text) Object.assign(decision, { dropped: true, rule: r.rule });
      else decision.parts.push(removedText);
    }
    out.set(label.line_no, decision);
  }
  return out;
}

/** Scores `articles` (keyed by source path) against the line labels and, when given, the metadata. */
export function scoreClean(labels: LineLabel[], articles: Map<string, CleanedArticle>, meta: MetaLabel[] = []): CleanScore {
  const metaByFile = new Map(meta.map((m) => [m.file, m]));
  const outletOf = (file: string): string => metaByFile.get(file)?.outlet_group || file;
  const byFile = new Map<string, LineLabel[]>();
  for (const label of labels) byFile.set(label.file, [...(byFile.get(label.file) ?? []), label]);
  const missing = [...byFile.keys()].filter((f) => !articles.has(f));
  const counts = new Map<string, Counts>();
  const bump = (key: string, kind: keyof Counts): void => {
    const c = counts.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    c[kind]++;
    counts.set(key, c);
  };
  const failures: CleanScore['failures'] = { data_loss: [], left_in: [], inconsistent: [] };
  const inline: CleanScore['inline_fragments'] = { checked: 0, left: 0, left_list: [] };

  for (const [file, fileLabels] of byFile) {
    const article = articles.get(file);
    if (!article) continue;
    const decisions = lineDecisions(fileLabels, article);
    const cleanedText = fold(article.text);
    const outlet = outletOf(file);
    for (const label of fileLabels) {
      const { dropped, rule, parts } = decisions.get(label.line_no)!;
      const shouldDrop = label.label === 'drop';
      const kind: keyof Counts = shouldDrop ? (dropped ? 'tp' : 'fn') : dropped ? 'fp' : 'tn';
      for (const key of [`outlet:${outlet}`, `file:${file}`, 'total']) bump(key, kind);
      const reason = label.reason ?? '';
      const category = reason.split(':')[0]!.trim() || '?';
      const row: FailingLine = { file, outlet, line_no: label.line_no, text: label.text, label_reason: reason, category, rule };
      if (kind === 'fp') failures.data_loss.push(row);
      else if (kind === 'fn') failures.left_in.push(row);
      let rest = fold(label.text);
      if (dropped) continue;
      for (const part of parts) rest = fold(rest.replace(casefold(part), ' '));
      if (rest && !cleanedText.includes(rest)) failures.inconsistent.push(row);
      if (shouldDrop) continue;
      for (const fragment of label.inline_drop ?? []) {
        inline.checked++;
        const f = fold(fragment);
        const left = cleanedText.includes(rest) ? rest.includes(f) : cleanedText.includes(f);
        if (left) {
          inline.left++;
          inline.left_list.push({ file, line_no: label.line_no, fragment });
        }
      }
    }
  }

  const zero: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const filesPerOutlet = new Map<string, number>();
  for (const file of byFile.keys()) if (!missing.includes(file)) filesPerOutlet.set(outletOf(file), (filesPerOutlet.get(outletOf(file)) ?? 0) + 1);
  const perOutlet: CleanScore['per_outlet'] = {};
  for (const outlet of [...filesPerOutlet.keys()].sort()) perOutlet[outlet] = { files: filesPerOutlet.get(outlet)!, ...figures(counts.get(`outlet:${outlet}`) ?? zero) };
  const perFile: CleanScore['per_file'] = {};
  for (const file of byFile.keys()) if (!missing.includes(file)) perFile[file] = figures(counts.get(`file:${file}`) ?? zero);
  const scored = byFile.size - missing.length;
  return {
    files_scored: scored,
    files_missing: missing,
    total: { files: scored, ...figures(counts.get('total') ?? zero) },
    per_outlet: perOutlet,
    per_file: perFile,
    inline_fragments: inline,
    metadata: scoreMetadata([...byFile.keys()].filter((f) => !missing.includes(f)), articles, metaByFile),
    failures,
  };
}

function fieldCorrect(field: MetadataField, expected: MetaLabel, got: string): boolean {
  const e = expected[field] as string;
  switch (field) {
    case 'title':
      return [e, ...(expected.title_alternatives ?? [])].some((t) => fold(t) === fold(got));
    case 'published':
      return got === e;
    case 'outlet':
      return [e, ...(expected.outlet_aliases ?? [])].some((a) => outletKey(a) === outletKey(got));
    default:
      return fold(got) === fold(e);
  }
}

function scoreMetadata(files: string[], articles: Map<string, CleanedArticle>, meta: Map<string, MetaLabel>): CleanScore['metadata'] {
  const tally = new Map<MetadataField, Record<Verdict | 'same_day_only', number>>(
    METADATA_FIELDS.map((f) => [f, { correct: 0, wrong: 0, missed: 0, none_ok: 0, spurious: 0, same_day_only: 0 }]),
  );
  const errors: CleanScore['metadata']['errors'] = [];
  let rows = 0;
  for (const file of files) {
    const expected = meta.get(file);
    if (!expected) continue;
    rows++;
    const got = articles.get(file)!.metadata as unknown as Record<string, string | null | undefined>;
    for (const field of METADATA_FIELDS) {
      const e = expected[field] ?? null;
      const g = got[field] ?? null;
      const t = tally.get(field)!;
      const ok = e !== null && g !== null && fieldCorrect(field, expected, g);
      if (field === 'published' && e !== null && g !== null && !ok && g.slice(0, 10) === e.slice(0, 10)) t.same_day_only++;
      const verdict: Verdict = e === null ? (g === null ? 'none_ok' : 'spurious') : ok ? 'correct' : g === null ? 'missed' : 'wrong';
      t[verdict]++;
      if (verdict === 'wrong' || verdict === 'missed' || verdict === 'spurious') errors.push({ file, field, verdict, expected: e, warta: g });
    }
  }
  const summary: CleanScore['metadata']['summary'] = {};
  if (rows === 0) return { summary, errors };
  for (const field of METADATA_FIELDS) {
    const t = tally.get(field)!;
    const shown = t.correct + t.wrong + t.missed;
    summary[field] = {
      shown,
      correct: t.correct,
      wrong: t.wrong,
      missed: t.missed,
      spurious_when_not_shown: t.spurious,
      none_ok: t.none_ok,
      accuracy_shown: ratio(t.correct, shown),
      accuracy_all: ratio(t.correct + t.none_ok, shown + t.none_ok + t.spurious),
      ...(field === 'published' ? { same_day_only: t.same_day_only } : {}),
    };
  }
  return { summary, errors };
}
