import { describe, expect, it } from 'vitest';
import { containsName, groupNames, nameKey } from '../../../src/text/entities/variants.ts';

const person = (text: string) => ({ text, type: 'PERSON' as const });

describe('name variants', () => {
  it('folds hyphenation, transliteration, case and middle initials to one key', () => {
    expect(nameKey('Kim Jong-un')).toBe(nameKey('Kim Jong Un'));
    expect(nameKey('Sergey Naryshkin')).toBe(nameKey('Sergei Naryshkin'));
    expect(nameKey('Sergei E. Naryshkin')).toBe(nameKey('Sergei Naryshkin'));
    expect(nameKey('Soeharto')).toBe(nameKey('Suharto'));
    expect(nameKey('Kim Jong Un')).not.toBe(nameKey('Kim Yo Jong'));
  });

  it('groups variants and a surname after the full name, in order of appearance', () => {
    const names = [person('Kim Jong Un'), person('Sergei E Naryshkin'), person('Kim Jong-un'), person('Sergey Naryshkin'), person('Naryshkin'), person('Kim Yo Jong')];
    expect(groupNames(names)).toEqual([0, 1, 0, 1, 1, 2]);
  });

  it('does not merge a surname two people share, nor a name of another type', () => {
    const names = [person('Joko Widodo'), person('Bambang Widodo'), person('Widodo'), { text: 'Jakarta', type: 'PLACE' as const }];
    expect(groupNames(names)).toEqual([0, 1, 2, 3]);
  });

  it('a surname alone before any full name stays its own', () => {
    expect(groupNames([person('Peskov'), person('Dmitry Peskov')])).toEqual([0, 1]);
  });

  it('finds a name in a text as whole words, variants included', () => {
    expect(containsName('North Korean leader Kim Jong-un greeted them.', 'Kim Jong Un')).toBe(true);
    expect(containsName('Sergey Lavrov spoke.', 'Sergei Lavrov')).toBe(true);
    expect(containsName('Kimberly spoke.', 'Kim')).toBe(false);
  });
});
