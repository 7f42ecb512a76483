/**
 * Hugging Face's logits rules that depend on what a row has generated so far. Single-token
 * `bad_words_ids` are masked for every row inside the logits head; the rules here cover the rest.
 */
export interface LogitsRules {
  /** Banned sequences of two or more tokens: the last token is banned right after the others. */
  multiTokenBadWords: readonly (readonly number[])[];
  forcedEosTokenId: number | null;
  /** Max total decoder length, counting the start token. */
  maxLength: number;
}

/** `history` is the decoder input so far, start token included: its length is HF's `cur_len`. */
export function isForcedEos(history: readonly number[], rules: LogitsRules): boolean {
  return rules.forcedEosTokenId !== null && history.length === rules.maxLength - 1;
}

export function isBanned(history: readonly number[], token: number, rules: LogitsRules): boolean {
  return rules.multiTokenBadWords.some((banned) => banned[banned.length - 1] === token && endsWith(history, banned, banned.length - 1));
}

function endsWith(history: readonly number[], sequence: readonly number[], prefixLength: number): boolean {
  if (prefixLength > history.length) return false;
  for (let i = 0; i < prefixLength; i++) {
    if (history[history.length - prefixLength + i] !== sequence[i]) return false;
  }
  return true;
}
