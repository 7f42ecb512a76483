/**
 * The records the stages exchange. Every record is plain JSON: it is what the cache stores and
 * what the next stage reads, so it must survive JSON.stringify → JSON.parse unchanged.
 *
 * Offsets are UTF-16 code-unit offsets (JavaScript string indices), half-open [start, end).
 */

export type ArticleId = string;

export interface SourceInfo {
  /** Path relative to the input folder, with forward slashes. */
  path: string;
  bytes: number;
  /** sha256 of the raw file bytes. */
  sha256: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  bom: boolean;
  /** Invisible characters ingest removed (C1 controls, bidirectional controls), by rule and code point; absent when none. */
  repairs?: Array<{ rule: string; character: string; count: number }>;
  /** How the file was read: plain text, Markdown (front matter and inline markup undone) or an HTML page (main text extracted); absent in records of older runs. */
  format?: SourceFormat;
  /** The links of a Markdown article: their text stays in the article, their target is kept here. */
  links?: SourceLink[];
  /** Files that gave this article metadata (its sidecar, the folder's `sources.csv`), relative to the input folder. */
  companions?: string[];
}

export type SourceFormat = 'text' | 'markdown' | 'html';

export interface SourceLink {
  /** 1-based line of the ingested text. */
  line: number;
  text: string;
  url: string;
}

/** The metadata fields a page, front matter, sidecar or `sources.csv` may give. */
export type GivenField = 'title' | 'url' | 'outlet' | 'published' | 'author' | 'lang';

/** Where a metadata field came from: the page's JSON-LD, Open Graph or plain HTML, the analyst's files, or `clean`'s reading of the text. */
export type MetadataSource = 'json-ld' | 'open-graph' | 'html' | 'front-matter' | 'sidecar' | 'sources.csv' | 'text';

/** Metadata given with an article rather than read from its text, each field with where it came from. */
export type GivenMetadata = Partial<Record<GivenField, string>> & { sources: Partial<Record<GivenField, MetadataSource>> };

/** Output of `ingest`: decoded, NFC-normalised text with `\n` line endings. */
export interface IngestedArticle {
  id: ArticleId;
  source: SourceInfo;
  text: string;
  /** What the page, front matter, sidecar or `sources.csv` says; `clean` lets it win over what the text suggests. */
  metadata?: GivenMetadata;
}

/** A line `clean` dropped or changed, with the rule that did it, so an analyst can audit it. */
export interface RemovedLine {
  /** 1-based line number in the ingested text. */
  line: number;
  text: string;
  /** Stable rule name, e.g. `ad-marker`, `duplicate-paragraph`, `repeated-title`. */
  rule: string;
}

export type BlockKind = 'title' | 'heading' | 'paragraph';

export interface Block {
  /** 0-based position among the kept blocks. */
  index: number;
  kind: BlockKind;
  text: string;
  /** Offsets of `text` inside `CleanedArticle.text`. */
  start: number;
  end: number;
  /** 1-based line number in the ingested text where the block starts. */
  line: number;
  /** `'en'` for an English passage (kept, not translated); absent means Indonesian. Set by `clean`. */
  language?: 'en';
}

export interface ArticleMetadata {
  title: string | null;
  outlet?: string;
  author?: string;
  /** ISO 8601 with offset, e.g. `2024-03-28T21:37:00+07:00`. */
  published?: string;
  dateline?: string;
  /** The original's address, to cite it. */
  url?: string;
  /** The language the page or front matter declares (`id`). */
  lang?: string;
  /** Where each field came from (absent in records of older runs). */
  sources?: Partial<Record<keyof Omit<ArticleMetadata, 'sources'>, MetadataSource>>;
}

/** Output of `clean`. `text` is the kept blocks joined by a blank line; offsets point into it. */
export interface CleanedArticle {
  id: ArticleId;
  source: SourceInfo;
  metadata: ArticleMetadata;
  text: string;
  blocks: Block[];
  removed: RemovedLine[];
}

export interface Sentence {
  /** `<article>#p<n>s<m>`: n is the block index, m the 1-based sentence number inside it. */
  id: string;
  block: number;
  kind: BlockKind;
  /** Offsets into `CleanedArticle.text`. */
  start: number;
  end: number;
  text: string;
  /** `'en'` when the sentence's block is English: `translate` passes it through. Absent: Indonesian. */
  language?: 'en';
}

/** The part of a sentence id after the article id (`p<n>s<m>`): its anchor inside the article's own files. */
export function sentenceAnchor(sentenceId: string): string {
  return sentenceId.slice(sentenceId.indexOf('#') + 1);
}

/** Output of `segment`. */
export interface SegmentedArticle extends CleanedArticle {
  sentences: Sentence[];
}

/**
 * Why a translation deserves a second look:
 * - `numbers`: a number, amount, percentage or date in the source is missing or changed;
 * - `length-ratio`: the translation is implausibly short or long for its source;
 * - `repetition`: the output loops on a word or phrase;
 * - `untranslated`: the output is (mostly) the Indonesian source passed through;
 * - `truncated`: the output hit the token limit and was cut;
 * - `split`: the source was too long for the model and was translated in parts;
 * - `names`: a person or organisation of the source appears in the translation in neither its own
 *   nor its English form (set by `entities`, which runs after `translate`);
 * - `glossary`: a glossary term (or protected name) of the source could not be put into the
 *   translation within the token limit; the translation is the unconstrained one.
 */
export type QualityFlag = 'numbers' | 'length-ratio' | 'repetition' | 'untranslated' | 'truncated' | 'split' | 'names' | 'glossary';

/** A glossary entry (or protected name, whose target is itself) found in a sentence's source. */
export interface SentenceGlossaryTerm {
  source: string;
  target: string;
  /** The translation could not contain `target` (the sentence is then flagged `glossary`). */
  missing?: true;
}

export interface TranslatedSentence extends Sentence {
  translation: string;
  /** Mean token log-probability of the translation (higher is more confident); null if not decoded. */
  score: number | null;
  flags: QualityFlag[];
  /** The glossary entries and protected names its source contains, when there are any. */
  glossary?: SentenceGlossaryTerm[];
}

export interface ModelIdentity {
  id: string;
  /** sha256 over the model's file names, sizes and hashes. */
  fingerprint: string;
}

/** Output of `translate`. */
export interface TranslatedArticle extends SegmentedArticle {
  sentences: TranslatedSentence[];
  model: ModelIdentity;
}

export type EntityType = 'PERSON' | 'ORGANISATION' | 'PLACE';

export interface EntityMention {
  /** The sentence id. */
  sentence: string;
  /** Offsets into `CleanedArticle.text`. */
  start: number;
  end: number;
}

/** A person, organisation or place of one article, its spelling variants merged. */
export interface ArticleEntity {
  type: EntityType;
  /** Canonical Indonesian form: the most frequent of its fullest spellings. */
  text: string;
  /** The form the aligned translations give it, the most frequent; null when none was found. */
  en: string | null;
  /** The role words before a person's name (`Menteri Keamanan Negara`), the first found; null for none. */
  role: string | null;
  mentions: EntityMention[];
}

/** Output of `entities`: the article's names, most mentioned first. */
export interface EntityArticle extends TranslatedArticle {
  entities: ArticleEntity[];
}

export interface SummarySentence {
  /** The source sentence id: the link back to the article. */
  id: string;
  source: string;
  translation: string;
  start: number;
  end: number;
  score: number;
}

export interface ArticleSummary {
  method: string;
  sentences: SummarySentence[];
}

/** Output of `summarize`. */
export interface SummarizedArticle extends TranslatedArticle {
  summary: ArticleSummary;
  /** Passed through from `entities` (absent from records cached before that stage existed). */
  entities?: ArticleEntity[];
}

export interface OutputFile {
  /** Relative to the output folder. */
  path: string;
  sha256: string;
  /** Size and mtime just after writing: an unchanged file is recognised without reading it. */
  bytes?: number;
  mtimeMs?: number;
}

/** Output of `render`: the files written for the article (what the digest reads is in them). */
export interface RenderedArticle {
  id: ArticleId;
  files: OutputFile[];
}
