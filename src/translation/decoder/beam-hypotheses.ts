export type EarlyStopping = boolean | 'never';

export interface FinishedHypothesis {
  /** Generated tokens, EOS included when the hypothesis ended with it. */
  tokens: number[];
  /** Sum of token log-probabilities. */
  logProb: number;
  /** `logProb / length ** lengthPenalty`: what beams are ranked by. */
  score: number;
}

/** The n best finished hypotheses of one input, as Hugging Face's `BeamHypotheses`. */
export class BeamHypotheses {
  private readonly hypotheses: FinishedHypothesis[] = [];
  private worstScore = Infinity;

  constructor(
    private readonly numBeams: number,
    private readonly lengthPenalty: number,
    private readonly earlyStopping: EarlyStopping,
    private readonly maxNewTokens: number,
  ) {}

  get size(): number {
    return this.hypotheses.length;
  }

  add(tokens: number[], logProb: number): void {
    const score = logProb / tokens.length ** this.lengthPenalty;
    if (this.hypotheses.length < this.numBeams || score > this.worstScore) {
      this.hypotheses.push({ tokens, logProb, score });
      if (this.hypotheses.length > this.numBeams) {
        let worst = 0;
        for (let i = 1; i < this.hypotheses.length; i++) if (this.hypotheses[i]!.score < this.hypotheses[worst]!.score) worst = i;
        this.hypotheses.splice(worst, 1);
      }
      this.worstScore = Math.min(...this.hypotheses.map((h) => h.score));
    }
  }

  /** Whether no live beam can still beat the finished ones (HF `is_done`). */
  isDone(bestLiveLogProb: number, generatedLength: number): boolean {
    if (this.hypotheses.length < this.numBeams) return false;
    if (this.earlyStopping === true) return true;
    if (this.earlyStopping === false) return this.worstScore >= bestLiveLogProb / generatedLength ** this.lengthPenalty;
    const length = this.lengthPenalty > 0 ? this.maxNewTokens : generatedLength;
    return this.worstScore >= bestLiveLogProb / length ** this.lengthPenalty;
  }

  best(): FinishedHypothesis | undefined {
    let best: FinishedHypothesis | undefined;
    for (const h of this.hypotheses) if (!best || h.score > best.score) best = h;
    return best;
  }
}
