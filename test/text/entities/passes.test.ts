/** BIO decoding constraints and the stacked second pass, on weights written for these tests. */
import { describe, expect, it } from 'vitest';
import { tagWords, type EntitySpan, type Tagger } from '../../../src/text/entities/index.ts';
import type { NamesRecord } from '../../../tools/eval/names.ts';
import { trainPasses, withoutRareFeatures } from '../../../tools/ner/train.ts';
import { allowed, LABELS, labelsToTokenSpans, spansToLabels, trainPerceptron, viterbi, type Weights } from '../../../src/text/entities/perceptron.ts';
import { secondPassFeatures, stackedFeatures } from '../../../src/text/entities/stacked.ts';

const label = (name: string) => {
  const index = LABELS.indexOf(name);
  if (index < 0) throw new Error(`no label ${name}`);
  return index;
};
const START = LABELS.length;
const names = (labels: readonly number[]) => labels.map((l) => LABELS[l]);

/** Emission weights that make each token prefer the label its feature names (`want=<label>`), by `margin`, and no transition weights. */
function preferring(margin = 1): Weights {
  return {
    emission(feature) {
      if (!feature.startsWith('want=')) return undefined;
      const row = new Float64Array(LABELS.length);
      row[label(feature.slice(5))] = margin;
      return row;
    },
    transition: () => 0,
  };
}

describe('BIO labels', () => {
  it('allows I- only inside a name B- or I- of the same type opened', () => {
    expect(allowed(START, label('I-PERSON'))).toBe(false);
    expect(allowed(START, label('B-PLACE'))).toBe(true);
    expect(allowed(label('B-PERSON'), label('I-PERSON'))).toBe(true);
    expect(allowed(label('I-PERSON'), label('I-PERSON'))).toBe(true);
    expect(allowed(label('B-PERSON'), label('I-PLACE'))).toBe(false);
    expect(allowed(label('O'), label('I-PLACE'))).toBe(false);
    expect(allowed(label('I-ORGANISATION'), label('B-ORGANISATION'))).toBe(true);
    expect(allowed(label('B-PERSON'), label('O'))).toBe(true);
  });

  it('labels names B- then I-, and reads them back, two names side by side included', () => {
    const spans = [
      { first: 0, last: 0, type: 'PLACE' as const },
      { first: 2, last: 4, type: 'ORGANISATION' as const },
      { first: 5, last: 6, type: 'ORGANISATION' as const },
    ];
    const labels = spansToLabels(8, spans);
    expect(names(labels)).toEqual(['B-PLACE', 'O', 'B-ORGANISATION', 'I-ORGANISATION', 'I-ORGANISATION', 'B-ORGANISATION', 'I-ORGANISATION', 'O']);
    expect(labelsToTokenSpans(labels)).toEqual(spans);
  });

  it('decodes only well-formed sequences, even where each token alone prefers an ill-formed one', () => {
    const decoded = names(viterbi([['want=O'], ['want=I-PERSON']], preferring()));
    expect(decoded).not.toContain('I-PERSON');
    const labels = viterbi([['want=B-PERSON'], ['want=I-PERSON'], ['want=I-PLACE'], ['want=B-PLACE']], preferring());
    for (let i = 1; i < labels.length; i++) expect(allowed(labels[i - 1]!, labels[i]!)).toBe(true);
    expect(names(labels).slice(0, 2)).toEqual(['B-PERSON', 'I-PERSON']);
  });

  it('learns from labelled sentences by the perceptron', () => {
    const sentence = (words: string[], labels: string[]) => ({ features: words.map((w) => ['bias', `w=${w}`]), labels: labels.map(label) });
    const trained = trainPerceptron(
      [
        sentence(['di', 'jakarta', 'ada', 'joko', 'widodo'], ['O', 'B-PLACE', 'O', 'B-PERSON', 'I-PERSON']),
        sentence(['joko', 'widodo', 'ke', 'jakarta'], ['B-PERSON', 'I-PERSON', 'O', 'B-PLACE']),
      ],
      { epochs: 5, seed: 1 },
    );
    const weights: Weights = { emission: (f) => trained.rows.get(f), transition: (p, l) => trained.transitions[p * LABELS.length + l]! };
    expect(names(viterbi([['bias', 'w=ke'], ['bias', 'w=joko'], ['bias', 'w=widodo']], weights))).toEqual(['O', 'B-PERSON', 'I-PERSON']);
  });
});

describe('stacked features', () => {
  const words = ['Bank', 'Mandiri', 'dan', 'Mandiri', 'di', 'Jakarta'];
  const first = ['B-ORGANISATION', 'I-ORGANISATION', 'O', 'B-PERSON', 'O', 'B-PLACE'].map(label);

  it('are computed from the first pass labels and the words alone: its labels around, its span and the same word elsewhere', () => {
    const stacked = stackedFeatures(words, first);
    expect(stacked[0]).toEqual(expect.arrayContaining(['f0=B-ORGANISATION', 'f-1=<s>', 'f+1=I-ORGANISATION', 'fspan=ORGANISATION|2', 'fspan-last=ORGANISATION|mandiri', 'fspan-first=ORGANISATION|bank']));
    // The second `Mandiri` was a person to the first pass, the first one inside an organisation: each sees the other.
    expect(stacked[3]).toEqual(expect.arrayContaining(['f0=B-PERSON', 'fsame=ORGANISATION', 'fspan=PERSON|1', 'fspan-before=PERSON|dan']));
    expect(stacked[1]).toContain('fsame=PERSON');
    expect(stacked[2]!.some((f) => f.startsWith('fspan') || f.startsWith('fsame'))).toBe(false);
    expect(stacked[5]).not.toContain('fsame=PLACE');
  });

  it('change with the first pass labels, not with anything else', () => {
    const other = first.map((l, i) => (i === 5 ? label('O') : l));
    expect(stackedFeatures(words, first)[5]).toContain('f0=B-PLACE');
    expect(stackedFeatures(words, other)[5]).toContain('f0=O');
    expect(stackedFeatures(words, other)[5]!.some((f) => f.startsWith('fspan'))).toBe(false);
    expect(stackedFeatures(words, first)).toEqual(stackedFeatures([...words], [...first]));
  });

  it('are added after each token own features in the second pass', () => {
    const base = words.map((w) => [`w=${w.toLowerCase()}`]);
    const second = secondPassFeatures(base, words, first);
    expect(second.map((f) => f[0])).toEqual(base.map((f) => f[0]));
    expect(second[5]).toEqual(['w=jakarta', ...stackedFeatures(words, first)[5]!]);
  });

  it('let the second pass decide from the first pass labels', () => {
    // The first pass calls every capitalised word a person; the second pass retypes what it called a person after `di` a place.
    const firstPass: Weights = { emission: (f) => (f === 'sh=Xx' ? row('B-PERSON') : undefined), transition: () => 0 };
    const secondPass: Weights = {
      emission: (f) => (f === 'f0=B-PERSON' ? row('B-PERSON') : f === 'w-1=di' ? row('B-PLACE', 2) : undefined),
      transition: () => 0,
    };
    const common = new Set<string>();
    const oneWord = ['Ia', 'tinggal', 'di', 'Bogor'];
    expect(names(tagWords(oneWord, { weights: firstPass, common }))).toEqual(['B-PERSON', 'O', 'O', 'B-PERSON']);
    const tagger: Tagger = { weights: firstPass, stacked: secondPass, common };
    expect(names(tagWords(oneWord, tagger))).toEqual(['B-PERSON', 'O', 'O', 'B-PLACE']);
    // Without the first pass's person label the second pass has nothing to type the first word by.
    const noFirst: Tagger = { weights: { emission: () => undefined, transition: () => 0 }, stacked: secondPass, common };
    expect(names(tagWords(oneWord, noFirst))[0]).toBe('O');
  });
});

function row(name: string, value = 1): Float64Array {
  const out = new Float64Array(LABELS.length);
  out[label(name)] = value;
  return out;
}

describe('training the passes', () => {
  const record = (id: string, text: string, names: Array<[string, EntitySpan['type']]>): NamesRecord => ({
    id,
    text,
    entities: names.map(([name, type]) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, type })),
  });
  const records = [
    record('1', 'Budi Santoso tinggal di Bandung.', [['Budi Santoso', 'PERSON'], ['Bandung', 'PLACE']]),
    record('2', 'Rina Wati bekerja di Bank Mandiri.', [['Rina Wati', 'PERSON'], ['Bank Mandiri', 'ORGANISATION']]),
    record('3', 'Di Surabaya, Agus Salim membuka toko.', [['Surabaya', 'PLACE'], ['Agus Salim', 'PERSON']]),
    record('4', 'Bank Mandiri membuka kantor di Medan.', [['Bank Mandiri', 'ORGANISATION'], ['Medan', 'PLACE']]),
  ];
  const common = new Set(['tinggal', 'di', 'bekerja', 'membuka']);

  it('trains a second pass over stacked features only when asked for a jackknife', () => {
    const one = trainPasses(records, common, { epochs: 3, seeds: 1, jackknife: 0, minimumCount: 1, typerEpochs: 0, typerWeight: 0.2, segmentLength: 0 });
    expect(one.stacked).toBeUndefined();
    const two = trainPasses(records, common, { epochs: 3, seeds: 1, jackknife: 2, minimumCount: 1, typerEpochs: 0, typerWeight: 0.2, segmentLength: 0 });
    expect([...two.stacked!.rows.keys()].some((f) => f.startsWith('f0='))).toBe(true);
    expect([...two.first.rows.keys()].some((f) => f.startsWith('f0='))).toBe(false);
  });

  it('leaves out features seen fewer times than the minimum count', () => {
    const sentences = [
      { features: [['bias', 'w=budi'], ['bias', 'w=di']], labels: [1, 0] },
      { features: [['bias', 'w=di']], labels: [0] },
    ];
    expect(withoutRareFeatures(sentences, 2).map((s) => s.features)).toEqual([[['bias'], ['bias', 'w=di']], [['bias', 'w=di']]]);
    expect(withoutRareFeatures(sentences, 1)).toBe(sentences);
  });
});
