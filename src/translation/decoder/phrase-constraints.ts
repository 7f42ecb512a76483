/**
 * Phrasal constraints as Hugging Face's `PhrasalConstraint` and `ConstraintListState`: every
 * phrase (a token sequence) must appear in the output. A hypothesis works on one phrase at a time;
 * a token that breaks the phrase under way resets it, and may start another.
 */
export interface PhraseProgress {
  /** Per phrase, whether it is complete. */
  readonly complete: readonly boolean[];
  /** The phrase under way, or -1. */
  readonly current: number;
  /** Tokens of `current` matched so far. */
  readonly matched: number;
}

export class PhraseConstraints {
  constructor(readonly phrases: readonly (readonly number[])[]) {}

  get totalTokens(): number {
    return this.phrases.reduce((sum, phrase) => sum + phrase.length, 0);
  }

  initial(): PhraseProgress {
    return { complete: this.phrases.map(() => false), current: -1, matched: 0 };
  }

  /** The tokens that would move a hypothesis on: the next token of the phrase under way, else the first token of each open phrase. */
  nextTokens(progress: PhraseProgress): number[] {
    if (progress.current >= 0) return [this.phrases[progress.current]![progress.matched]!];
    const tokens = new Set<number>();
    this.phrases.forEach((phrase, i) => {
      if (!progress.complete[i]) tokens.add(phrase[0]!);
    });
    return [...tokens];
  }

  advance(progress: PhraseProgress, token: number): PhraseProgress {
    if (progress.current >= 0) {
      const phrase = this.phrases[progress.current]!;
      if (phrase[progress.matched] === token) {
        const matched = progress.matched + 1;
        if (matched < phrase.length) return { ...progress, matched };
        return { complete: progress.complete.map((done, i) => done || i === progress.current), current: -1, matched: 0 };
      }
    }
    return this.start(progress.complete, token);
  }

  /** Tokens of the phrases met so far, the one under way included: the bank a hypothesis competes in (Post & Vilar 2018). */
  met(progress: PhraseProgress): number {
    let tokens = progress.matched;
    progress.complete.forEach((done, i) => {
      if (done) tokens += this.phrases[i]!.length;
    });
    return tokens;
  }

  satisfied(progress: PhraseProgress): boolean {
    return progress.complete.every(Boolean);
  }

  /** Indexes of the phrases not complete. */
  missing(progress: PhraseProgress): number[] {
    return progress.complete.flatMap((done, i) => (done ? [] : [i]));
  }

  private start(complete: readonly boolean[], token: number): PhraseProgress {
    const next = this.phrases.findIndex((phrase, i) => !complete[i] && phrase[0] === token);
    if (next < 0) return { complete, current: -1, matched: 0 };
    if (this.phrases[next]!.length === 1) return { complete: complete.map((done, i) => done || i === next), current: -1, matched: 0 };
    return { complete, current: next, matched: 1 };
  }
}
