import type { DecodedSequence, DecodeSettings } from './batched-decoder.ts';
import { BeamHypotheses } from './beam-hypotheses.ts';
import { noHypothesis, type Continuation, type Row, type SearchStrategy } from './search-strategy.ts';
import type { TopK } from './top-k.ts';

/**
 * Beam search as Hugging Face's `BeamSearchScorer`: `numBeams` rows per sentence, and per sentence
 * the best finished hypotheses, with its length penalty and early stopping.
 */
export class BeamSearch implements SearchStrategy {
  readonly beams: number;
  readonly candidatesPerRow: number;
  private readonly hypotheses: BeamHypotheses[];

  constructor(
    sentences: number,
    private readonly settings: DecodeSettings,
    private readonly eosTokenId: number,
  ) {
    this.beams = settings.numBeams;
    this.candidatesPerRow = 2 * settings.numBeams;
    this.hypotheses = Array.from({ length: sentences }, () => new BeamHypotheses(settings.numBeams, settings.lengthPenalty, settings.earlyStopping, settings.maxNewTokens));
  }

  step(candidates: TopK, rows: readonly Row[], start: number, generated: number, continuations: Continuation[]): DecodedSequence | undefined {
    const hyps = this.hypotheses[rows[start]!.group]!;
    const chosen = this.choose(candidates, rows, hyps);
    const atLimit = generated >= this.settings.maxNewTokens;
    const bestLive = chosen.length > 0 ? rows[chosen[0]!.parent]!.logProb + chosen[0]!.tokenLogProb : -Infinity;
    if (chosen.length === 0 || atLimit || hyps.isDone(bestLive, generated)) return this.finish(hyps, chosen, rows, atLimit);
    // Keep the row count a multiple of `beams`: pad with dead beams that can never win.
    while (chosen.length < this.beams) chosen.push({ ...chosen[0]!, tokenLogProb: -Infinity });
    continuations.push(...chosen);
    return undefined;
  }

  /** The best `beams` continuations that do not end in EOS; the EOS ones among the best `beams` are finished hypotheses. */
  private choose(candidates: TopK, rows: readonly Row[], hyps: BeamHypotheses): Continuation[] {
    const chosen: Continuation[] = [];
    for (const [rank, candidate] of candidates.sorted().entries()) {
      if (candidate.score === -Infinity) break;
      const parent = rows[candidate.row]!;
      if (candidate.token === this.eosTokenId) {
        // As in HF, an EOS ranked outside the best `beams` candidates does not end a hypothesis.
        if (rank < this.beams) hyps.add([...parent.history.slice(1), candidate.token], candidate.score);
        continue;
      }
      chosen.push({ parent: candidate.row, token: candidate.token, tokenLogProb: candidate.score - parent.logProb });
      if (chosen.length === this.beams) break;
    }
    return chosen;
  }

  /** The sentence's result: at the length limit, its live beams count as hypotheses too. */
  private finish(hyps: BeamHypotheses, chosen: readonly Continuation[], rows: readonly Row[], atLimit: boolean): DecodedSequence {
    if (atLimit) for (const c of chosen) hyps.add([...rows[c.parent]!.history.slice(1), c.token], rows[c.parent]!.logProb + c.tokenLogProb);
    const best = hyps.best();
    return best ? { tokens: best.tokens, meanLogProb: best.logProb / best.tokens.length, truncated: best.tokens.length >= this.settings.maxNewTokens } : noHypothesis();
  }
}
