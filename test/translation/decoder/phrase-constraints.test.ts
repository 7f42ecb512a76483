import { describe, expect, it } from 'vitest';
import { PhraseConstraints, type PhraseProgress } from '../../../src/translation/decoder/phrase-constraints.ts';

function walk(constraints: PhraseConstraints, tokens: readonly number[]): PhraseProgress {
  return tokens.reduce((progress, token) => constraints.advance(progress, token), constraints.initial());
}

describe('phrasal constraint progress', () => {
  const constraints = new PhraseConstraints([
    [5, 6, 7],
    [9, 6],
  ]);

  it('offers the first token of every open phrase, then the next token of the phrase under way', () => {
    expect(constraints.nextTokens(constraints.initial()).sort()).toEqual([5, 9]);
    expect(constraints.nextTokens(walk(constraints, [1, 5]))).toEqual([6]);
    expect(constraints.nextTokens(walk(constraints, [5, 6, 7]))).toEqual([9]);
  });

  it('counts the tokens met, completes phrases in any order, and is satisfied only when all are in', () => {
    const done = walk(constraints, [9, 6, 1, 5, 6, 7, 2]);
    expect(constraints.satisfied(done)).toBe(true);
    expect(constraints.met(done)).toBe(constraints.totalTokens);
    const half = walk(constraints, [9, 6, 5]);
    expect(constraints.met(half)).toBe(3);
    expect(constraints.missing(half)).toEqual([0]);
    expect(constraints.satisfied(half)).toBe(false);
  });

  it('resets a phrase a wrong token breaks, and lets that token start another phrase', () => {
    const broken = walk(constraints, [5, 6, 9]);
    expect(broken).toEqual({ complete: [false, false], current: 1, matched: 1 });
    expect(constraints.met(broken)).toBe(1);
    expect(constraints.satisfied(walk(constraints, [5, 6, 9, 6, 5, 6, 7]))).toBe(true);
  });
});
