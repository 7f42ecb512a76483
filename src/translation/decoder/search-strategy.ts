import type { DecodedSequence } from './batched-decoder.ts';
import type { PhraseProgress } from './phrase-constraints.ts';
import type { Candidate, TopK } from './top-k.ts';

/** One live row of the decoder batch: a beam of one sentence. */
export interface Row {
  group: number;
  /** Decoder input so far, start token first. */
  history: number[];
  logProb: number;
  tokenLogProbs: number[];
  /** How far this beam is through its sentence's constraints (constrained sentences only). */
  constraint?: PhraseProgress;
}

/** A row of the next step: row `parent` of this step extended with `token`. */
export interface Continuation {
  parent: number;
  token: number;
  tokenLogProb: number;
  constraint?: PhraseProgress;
}

/**
 * What greedy and beam search do differently. The decoder runs the model, applies the logits rules
 * and collects each sentence's best candidates; the strategy turns them into the sentence's rows for
 * the next step, or into its result.
 */
export interface SearchStrategy {
  /** Rows per live sentence. */
  readonly beams: number;
  /** Candidates per row wanted from the logits head, before the logits rules remove any. */
  readonly candidatesPerRow: number;
  /** Tokens a row needs scored whatever their rank (a constraint's next tokens); strategies without constraints have none. */
  wantedTokens?(row: Row): readonly number[];
  /**
   * One sentence's share of decoding step `generated`: its rows are `rows[start]` to
   * `rows[start + beams - 1]`, and `candidates` holds their best continuations. Appends the rows the
   * sentence goes on with to `continuations`, or returns its result when it is finished. `wanted`
   * holds the candidates of the tokens `wantedTokens` asked for, and each row's best.
   */
  step(candidates: TopK, rows: readonly Row[], start: number, generated: number, continuations: Continuation[], wanted: readonly Candidate[]): DecodedSequence | undefined;
}

/** The result of a sentence that ended with no hypothesis at all. */
export function noHypothesis(): DecodedSequence {
  return { tokens: [], meanLogProb: -Infinity, truncated: true };
}
