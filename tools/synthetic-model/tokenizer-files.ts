/**
 * A Marian-layout SentencePiece-Unigram tokenizer, as `tokenizer.json` + `tokenizer_config.json`.
 *
 * Besides whole-word pieces it has one piece per printable ASCII character, so every printable
 * ASCII text tokenizes without `<unk>` and decodes back to itself, with two exceptions that come
 * from transformers.js, not from the vocabulary: `MarianTokenizer` trims the text before encoding,
 * and literal special-token strings (`</s>`, `<unk>`, `<pad>`) or a leading `>>xx<<` language code
 * are taken as tokens, not text.
 */
import { INDONESIAN_WORDS } from './indonesian-words.ts';

export const EOS_TOKEN = '</s>';
export const UNK_TOKEN = '<unk>';
export const PAD_TOKEN = '<pad>';
/** SentencePiece's stand-in for a space (U+2581). */
export const WORD_BOUNDARY = '\u2581';

export const MODEL_MAX_LENGTH = 512;

/** `!` (0x21) to `~` (0x7E); the space (0x20) is covered by {@link WORD_BOUNDARY}. */
export const PRINTABLE_ASCII_CHARACTERS: readonly string[] = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) =>
  String.fromCharCode(0x21 + i),
);

// Unigram picks the segmentation with the highest total score: any whole word (one piece)
// beats spelling it out, and specials never compete because transformers.js splits them out first.
const SPECIAL_SCORE = 0;
const WORD_SCORE = -5;
const CHARACTER_SCORE = -10;
const FILLER_SCORE = -20;

export type VocabularyEntry = readonly [piece: string, score: number];

export interface Vocabulary {
  readonly entries: readonly VocabularyEntry[];
  readonly eosId: number;
  readonly unkId: number;
  readonly padId: number;
}

export interface VocabularyOptions {
  /** Pad with filler pieces up to this many entries (for models with a real-sized vocabulary). */
  size?: number;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function wordForms(word: string): string[] {
  return word === word.toLowerCase() ? [word, capitalise(word)] : [word];
}

/** Marian order: 0 `</s>`, 1 `<unk>`, …, last `<pad>`, so the pad id differs from the eos id. */
export function buildVocabulary({ size }: VocabularyOptions = {}): Vocabulary {
  const pieces = new Map<string, number>([
    [EOS_TOKEN, SPECIAL_SCORE],
    [UNK_TOKEN, SPECIAL_SCORE],
    [WORD_BOUNDARY, CHARACTER_SCORE],
  ]);
  for (const character of PRINTABLE_ASCII_CHARACTERS) pieces.set(character, CHARACTER_SCORE);
  for (const word of INDONESIAN_WORDS) {
    for (const form of wordForms(word)) {
      if (!pieces.has(WORD_BOUNDARY + form)) pieces.set(WORD_BOUNDARY + form, WORD_SCORE);
    }
  }
  const withoutPad = pieces.size;
  if (size !== undefined) {
    if (size < withoutPad + 1) throw new Error(`vocabulary size ${size} is below the ${withoutPad + 1} pieces it needs`);
    for (let filler = 0; pieces.size < size - 1; filler++) pieces.set(`${WORD_BOUNDARY}filler${filler}`, FILLER_SCORE);
  }
  pieces.set(PAD_TOKEN, SPECIAL_SCORE);

  const entries = [...pieces.entries()];
  return { entries, eosId: 0, unkId: 1, padId: entries.length - 1 };
}

export function vocabularySize(vocabulary: Vocabulary): number {
  return vocabulary.entries.length;
}

function addedToken(id: number, content: string) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

/** Spaces become {@link WORD_BOUNDARY}, and one is put before the text; decoding undoes both. */
const METASPACE = { type: 'Metaspace', replacement: WORD_BOUNDARY, add_prefix_space: true, prepend_scheme: 'always' };

/** The `tokenizer.json` contents. No normalizer: Marian's SentencePiece normalisation is the caller's job. */
export function tokenizerJson(vocabulary: Vocabulary) {
  const eos = { id: EOS_TOKEN, type_id: 0 };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      addedToken(vocabulary.eosId, EOS_TOKEN),
      addedToken(vocabulary.unkId, UNK_TOKEN),
      addedToken(vocabulary.padId, PAD_TOKEN),
    ],
    normalizer: null,
    pre_tokenizer: METASPACE,
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: eos }],
      pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, { SpecialToken: eos }],
      special_tokens: { [EOS_TOKEN]: { id: EOS_TOKEN, ids: [vocabulary.eosId], tokens: [EOS_TOKEN] } },
    },
    decoder: METASPACE,
    model: { type: 'Unigram', unk_id: vocabulary.unkId, vocab: vocabulary.entries, byte_fallback: false },
  };
}

/**
 * The `tokenizer_config.json` contents, as opus-mt-id-en's except `clean_up_tokenization_spaces`:
 * the real model has it on, which deletes the space in "kata ." and would break round-trips.
 */
export function tokenizerConfigJson() {
  return {
    tokenizer_class: 'MarianTokenizer',
    eos_token: EOS_TOKEN,
    unk_token: UNK_TOKEN,
    pad_token: PAD_TOKEN,
    model_max_length: MODEL_MAX_LENGTH,
    source_lang: 'id',
    target_lang: 'en',
    separate_vocabs: false,
    sp_model_kwargs: {},
    clean_up_tokenization_spaces: false,
  };
}

export function specialTokensMapJson() {
  return { eos_token: EOS_TOKEN, unk_token: UNK_TOKEN, pad_token: PAD_TOKEN };
}
