import type { DecodedSequence, DecodeSettings } from './batched-decoder.ts';
import { BeamHypotheses } from './beam-hypotheses.ts';
import type { PhraseConstraints, PhraseProgress } from './phrase-constraints.ts';
import type { Continuation, Row, SearchStrategy } from './search-strategy.ts';
import type { Candidate, TopK } from './top-k.ts';

interface Scored extends Continuation {
  score: number;
  constraint: PhraseProgress;
}

/**
 * Lexically constrained beam search, as Hugging Face's `ConstrainedBeamSearchScorer` (Hokamp & Liu
 * 2017) with Post & Vilar's (2018) dynamic beam allocation. Each sentence's candidates are its
 * beams' best tokens plus every token that advances a beam's constraints; they are banked by how
 * many constraint tokens they have met, and the beams are dealt round-robin over the banks, the
 * bank closest to done first, so hypotheses on their way through a phrase are not crowded out by
 * likelier ones that have not started. A hypothesis may end (EOS) only once every phrase is in it.
 * A sentence with no such hypothesis ended by the length limit returns `unmetConstraints`.
 */
export class ConstrainedBeamSearch implements SearchStrategy {
  readonly beams: number;
  readonly candidatesPerRow: number;
  private readonly hypotheses = new Map<number, BeamHypotheses>();

  constructor(
    private readonly constraints: ReadonlyMap<number, PhraseConstraints>,
    private readonly settings: DecodeSettings,
    private readonly eosTokenId: number,
  ) {
    this.beams = settings.numBeams;
    this.candidatesPerRow = 2 * settings.numBeams;
  }

  /** The row's constraint progress at the start. */
  initialProgress(group: number): PhraseProgress {
    return this.constraintsOf(group).initial();
  }

  /** The tokens that advance the row's constraints; once all are met, EOS, so a finished hypothesis is always weighed. */
  wantedTokens(row: Row): readonly number[] {
    const constraints = this.constraintsOf(row.group);
    return constraints.satisfied(row.constraint!) ? [this.eosTokenId] : constraints.nextTokens(row.constraint!);
  }

  step(candidates: TopK, rows: readonly Row[], start: number, generated: number, continuations: Continuation[], wanted: readonly Candidate[]): DecodedSequence | undefined {
    const group = rows[start]!.group;
    const constraints = this.constraintsOf(group);
    const hyps = this.hypothesesOf(group);
    const atLimit = generated >= this.settings.maxNewTokens;
    const live = this.collect(constraints, atLimit ? undefined : hyps, [...candidates.sorted(), ...wanted], rows);
    const chosen = allocate(live, constraints, this.beams);
    const bestLive = chosen.length > 0 ? chosen[0]!.score : -Infinity;
    if (chosen.length === 0 || atLimit || hyps.isDone(bestLive, generated)) return this.finish(constraints, hyps, chosen, rows);
    while (chosen.length < this.beams) chosen.push({ ...chosen[0]!, tokenLogProb: -Infinity, score: -Infinity });
    continuations.push(...chosen.map(({ parent, token, tokenLogProb, constraint }) => ({ parent, token, tokenLogProb, constraint })));
    return undefined;
  }

  /**
   * Distinct live candidates with their new progress. An EOS that completes a hypothesis meeting
   * every phrase is kept as finished, unless `hyps` is not given (at the length limit, where EOS is forced).
   */
  private collect(constraints: PhraseConstraints, hyps: BeamHypotheses | undefined, candidates: readonly Candidate[], rows: readonly Row[]): Scored[] {
    const sorted = [...candidates].sort((a, b) => b.score - a.score || a.row - b.row || a.token - b.token);
    const seen = new Set<string>();
    const live: Scored[] = [];
    for (const candidate of sorted) {
      if (candidate.score === -Infinity) break;
      const key = `${candidate.row}:${candidate.token}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const parent = rows[candidate.row]!;
      if (candidate.token === this.eosTokenId) {
        // Unlike plain beam search, an EOS outside the best `beams` candidates still ends a hypothesis:
        // one that has paid for its phrases ranks below beams that have not started them.
        if (hyps && constraints.satisfied(parent.constraint!)) hyps.add([...parent.history.slice(1), candidate.token], candidate.score);
        continue;
      }
      live.push({
        parent: candidate.row,
        token: candidate.token,
        tokenLogProb: candidate.score - parent.logProb,
        score: candidate.score,
        constraint: constraints.advance(parent.constraint!, candidate.token),
      });
    }
    return live;
  }

  /**
   * Unlike plain beam search, live beams cut by the length limit never count: a phrase forced into
   * a truncated sentence is worse than the caller's unconstrained translation and a flag.
   */
  private finish(constraints: PhraseConstraints, hyps: BeamHypotheses, chosen: readonly Scored[], rows: readonly Row[]): DecodedSequence {
    const best = hyps.best();
    if (best) return { tokens: best.tokens, meanLogProb: best.logProb / best.tokens.length, truncated: false };
    const closest = [...chosen].sort((a, b) => constraints.met(b.constraint) - constraints.met(a.constraint))[0];
    const tokens = closest ? [...rows[closest.parent]!.history.slice(1), closest.token] : [];
    return {
      tokens,
      meanLogProb: closest ? closest.score / tokens.length : -Infinity,
      truncated: true,
      unmetConstraints: closest ? constraints.missing(closest.constraint) : constraints.phrases.map((_, i) => i),
    };
  }

  private constraintsOf(group: number): PhraseConstraints {
    return this.constraints.get(group)!;
  }

  private hypothesesOf(group: number): BeamHypotheses {
    let hyps = this.hypotheses.get(group);
    if (!hyps) {
      hyps = new BeamHypotheses(this.beams, this.settings.lengthPenalty, this.settings.earlyStopping, this.settings.maxNewTokens);
      this.hypotheses.set(group, hyps);
    }
    return hyps;
  }
}

/**
 * Dynamic beam allocation: candidates grouped by constraint tokens met, each bank best first; the
 * beams are taken one per bank in turn, from the bank with most tokens met down, until all are dealt.
 */
function allocate(live: readonly Scored[], constraints: PhraseConstraints, beams: number): Scored[] {
  const banks = new Map<number, Scored[]>();
  for (const candidate of live) {
    const met = constraints.met(candidate.constraint);
    const bank = banks.get(met);
    if (bank) bank.push(candidate);
    else banks.set(met, [candidate]);
  }
  const ordered = [...banks.entries()].sort((a, b) => b[0] - a[0]).map(([, bank]) => bank);
  const chosen: Scored[] = [];
  for (let rank = 0; chosen.length < beams && ordered.some((bank) => bank.length > rank); rank++) {
    for (const bank of ordered) {
      if (rank < bank.length && chosen.length < beams) chosen.push(bank[rank]!);
    }
  }
  return chosen.sort((a, b) => b.score - a.score || a.parent - b.parent || a.token - b.token);
}
