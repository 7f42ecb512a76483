import { describe, expect, it } from 'vitest';
import { BeamSearch } from '../../../src/translation/decoder/beam-search.ts';
import { GreedySearch } from '../../../src/translation/decoder/greedy.ts';
import type { Continuation, Row } from '../../../src/translation/decoder/search-strategy.ts';
import { TopK } from '../../../src/translation/decoder/top-k.ts';

const EOS = 0;
const START = 9;

function row(group: number, tokens: number[], tokenLogProbs: number[], logProb = tokenLogProbs.reduce((a, b) => a + b, 0)): Row {
  return { group, history: [START, ...tokens], logProb, tokenLogProbs };
}

function candidates(k: number, offers: Array<[score: number, row: number, token: number]>): TopK {
  const top = new TopK(k);
  for (const [score, r, token] of offers) top.offer(score, r, token);
  return top;
}

describe('GreedySearch', () => {
  const search = new GreedySearch(EOS, 4);
  const rows = [row(0, [5], [-1]), row(1, [6, 7], [-0.5, -0.25])];

  it('continues a row with its best token', () => {
    const continuations: Continuation[] = [];
    expect(search.step(candidates(2, [[-3, 1, 8], [-2, 1, 4]]), rows, 1, 3, continuations)).toBeUndefined();
    expect(continuations).toEqual([{ parent: 1, token: 4, tokenLogProb: -1.25 }]);
  });

  it('finishes a row at EOS, with the mean log-probability of its tokens', () => {
    const continuations: Continuation[] = [];
    expect(search.step(candidates(2, [[-3, 0, EOS], [-4, 0, 3]]), rows, 0, 2, continuations)).toEqual({ tokens: [5, EOS], meanLogProb: -1.5, truncated: false });
    expect(continuations).toEqual([]);
  });

  it('finishes a row at the length limit as truncated', () => {
    expect(search.step(candidates(2, [[-2, 1, 3]]), rows, 1, 4, [])).toEqual({ tokens: [6, 7, 3], meanLogProb: (-0.5 - 0.25 - 1.25) / 3, truncated: true });
  });

  it('ends a row with no candidate at EOS', () => {
    expect(search.step(candidates(2, []), rows, 0, 2, [])).toEqual({ tokens: [5, EOS], meanLogProb: -0.5, truncated: false });
  });
});

describe('BeamSearch', () => {
  const settings = { numBeams: 2, maxNewTokens: 6, lengthPenalty: 1, earlyStopping: false } as const;
  // Sentence 1's beams are rows 2 and 3.
  const rows = [row(0, [5], [-1]), row(0, [6], [-2]), row(1, [5], [-1]), row(1, [6], [-2])];

  it('keeps the best non-EOS continuations and pads with a dead beam', () => {
    const search = new BeamSearch(2, settings, EOS);
    const continuations: Continuation[] = [{ parent: 0, token: 1, tokenLogProb: 0 }];
    expect(search.step(candidates(4, [[-1.5, 2, EOS], [-3, 3, 7], [-9, 2, EOS]]), rows, 2, 1, continuations)).toBeUndefined();
    expect(continuations).toEqual([
      { parent: 0, token: 1, tokenLogProb: 0 },
      { parent: 3, token: 7, tokenLogProb: -1 },
      { parent: 3, token: 7, tokenLogProb: -Infinity },
    ]);
  });

  it('counts an EOS only when it ranks among the best beams', () => {
    // With early stopping, a second finished hypothesis would end the sentence at the next step.
    const search = new BeamSearch(2, { ...settings, earlyStopping: true }, EOS);
    const continuations: Continuation[] = [];
    expect(search.step(candidates(4, [[-1.2, 2, 4], [-1.5, 2, EOS], [-1.6, 3, EOS], [-3, 3, 7]]), rows, 2, 1, continuations)).toBeUndefined();
    expect(continuations.map((c) => [c.parent, c.token])).toEqual([[2, 4], [3, 7]]);
    const next = [row(1, [5, 4], [-1, -0.2]), row(1, [6, 7], [-2, -1])];
    expect(search.step(candidates(4, [[-2, 0, 8], [-4, 1, 3]]), next, 0, 2, [])).toBeUndefined();
  });

  it('at the length limit takes the best of the finished hypotheses and the live beams', () => {
    const search = new BeamSearch(2, settings, EOS);
    search.step(candidates(4, [[-1.5, 2, EOS], [-1.6, 2, 4], [-3, 3, 7]]), rows, 2, 1, []);
    const live = [row(1, [5, 4], [-1, -0.6]), row(1, [6, 7], [-2, -1])];
    expect(search.step(candidates(4, [[-1.8, 0, 8], [-9, 1, 3]]), live, 0, 6, [])).toEqual({ tokens: [5, 4, 8], meanLogProb: -0.6, truncated: false });
    const worse = new BeamSearch(2, settings, EOS);
    worse.step(candidates(4, [[-1.5, 2, EOS], [-1.6, 2, 4], [-3, 3, 7]]), rows, 2, 1, []);
    expect(worse.step(candidates(4, [[-3, 0, 8], [-9, 1, 3]]), live, 0, 6, [])).toEqual({ tokens: [5, EOS], meanLogProb: -0.75, truncated: false });
  });

  it('finishes a sentence with the best hypothesis once it is done', () => {
    const search = new BeamSearch(1, { ...settings, earlyStopping: true }, EOS);
    const one = [row(0, [5], [-1]), row(0, [6], [-2])];
    const continuations: Continuation[] = [];
    const result = search.step(candidates(4, [[-1.1, 0, EOS], [-1.2, 1, EOS], [-4, 0, 3]]), one, 0, 2, continuations);
    expect(result).toEqual({ tokens: [5, EOS], meanLogProb: -0.55, truncated: false });
    expect(continuations).toEqual([]);
  });

  it('gives a sentence with no candidate left no hypothesis', () => {
    const search = new BeamSearch(1, settings, EOS);
    expect(search.step(candidates(4, [[-Infinity, 0, 3]]), rows.slice(0, 2), 0, 2, [])).toEqual({ tokens: [], meanLogProb: -Infinity, truncated: true });
  });
});
