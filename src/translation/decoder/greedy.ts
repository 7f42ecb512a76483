import type { DecodedSequence } from './batched-decoder.ts';
import type { Continuation, Row, SearchStrategy } from './search-strategy.ts';
import type { TopK } from './top-k.ts';

/** Greedy search: one row per sentence, extended with its best token until EOS or the length limit. */
export class GreedySearch implements SearchStrategy {
  readonly beams = 1;
  readonly candidatesPerRow = 1;

  constructor(
    private readonly eosTokenId: number,
    private readonly maxNewTokens: number,
  ) {}

  step(candidates: TopK, rows: readonly Row[], start: number, generated: number, continuations: Continuation[]): DecodedSequence | undefined {
    const row = rows[start]!;
    // Every token masked cannot happen with a sane config; end the sentence rather than loop.
    const best = candidates.sorted()[0] ?? { score: row.logProb, token: this.eosTokenId };
    const atLimit = generated >= this.maxNewTokens;
    if (best.token === this.eosTokenId || atLimit) {
      const tokenLogProbs = [...row.tokenLogProbs, best.score - row.logProb];
      return { tokens: [...row.history.slice(1), best.token], meanLogProb: mean(tokenLogProbs), truncated: atLimit };
    }
    continuations.push({ parent: start, token: best.token, tokenLogProb: best.score - row.logProb });
    return undefined;
  }
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
