/** Semi-Markov decoding: it agrees with the BIO tagger where segments add nothing, segment weights move boundaries and types, and training learns them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_FILE, recognizeEntities, taggerOf } from '../../../src/text/entities/index.ts';
import { gazetteerMarks } from '../../../src/text/entities/gazetteer-index.ts';
import { ENTITY_TYPES, LABELS, labelsToTokenSpans, viterbiOver, type TaggerModel } from '../../../src/text/entities/perceptron.ts';
import { candidateSegments, segmentFeatures, segmentLattice, semiViterbi } from '../../../src/text/entities/segments.ts';
import { tokenize } from '../../../src/text/entities/tokens.ts';
import { mulberry32 } from '../../../src/util/random.ts';
import type { NamesRecord } from '../../../tools/eval/names.ts';
import { commonLowercaseWords, modelFile, passesTagger, trainingCommonWords, trainPasses } from '../../../tools/ner/train.ts';

const LABEL_COUNT = LABELS.length;
const wordsOf = (text: string) => tokenize(text).map((t) => t.text);

describe('candidate segments', () => {
  it('are every run of one to maxLength tokens', () => {
    const segments = candidateSegments(['a', 'b', 'c'], 2);
    expect(segments).toEqual([
      { first: 0, last: 0 },
      { first: 0, last: 1 },
      { first: 1, last: 1 },
      { first: 1, last: 2 },
      { first: 2, last: 2 },
    ]);
  });

  it('have the span typer features and their edges', () => {
    const words = wordsOf('Ia tinggal di Kota Baru sejak 2010.');
    expect(segmentFeatures(words, gazetteerMarks(words), 3, 4)).toEqual(expect.arrayContaining(['span=kota baru', 'before=di', 'edge=x|Xx', 'edge-after=Xx|x', 'lower-inside=0']));
  });
});

describe('the segment lattice', () => {
  it('scores each segment as the sum of its features, though it scores what depends on one edge once per token', () => {
    const words = wordsOf('Menurut Kepala Dinas Kesehatan Kota Bandung, Ahmad Yani, warga diminta waspada.');
    const marks = gazetteerMarks(words);
    const random = mulberry32(3);
    const rows = new Map<string, Float64Array>();
    for (const { first, last } of candidateSegments(words, 4)) for (const feature of segmentFeatures(words, marks, first, last)) if (!rows.has(feature)) rows.set(feature, Float64Array.from(ENTITY_TYPES, () => Math.round(random() * 20 - 10)));
    const emissions = words.map(() => new Float64Array(LABEL_COUNT));
    const lattice = segmentLattice(words, marks, emissions, { maxLength: 4, rows });
    lattice.segments.forEach(({ first, last }, index) => {
      const direct = ENTITY_TYPES.map((_, t) => segmentFeatures(words, marks, first, last).reduce((sum, feature) => sum + rows.get(feature)![t]!, 0));
      expect(Array.from(lattice.segmentScores[index]!)).toEqual(direct);
    });
  });
});

describe('semi-Markov Viterbi', () => {
  it('with no segment weights finds the names the BIO Viterbi finds', () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 7);
      const emissions = Array.from({ length: n }, () => Float64Array.from({ length: LABEL_COUNT }, () => random() * 4 - 2));
      const table = Float64Array.from({ length: (LABEL_COUNT + 1) * LABEL_COUNT }, () => random() * 2 - 1);
      const transition = (previous: number, label: number) => table[previous * LABEL_COUNT + label]!;
      const segments = candidateSegments(Array.from({ length: n }, () => 'w'), n);
      const decoded = semiViterbi({ emissions, segments, segmentScores: segments.map(() => new Float64Array(ENTITY_TYPES.length)) }, transition);
      expect(decoded.map(({ first, last, type }) => ({ first, last, type }))).toEqual(labelsToTokenSpans(viterbiOver(emissions, { emission: () => undefined, transition })));
    }
  });

  it('lets a segment weight join two names into one and decide its type', () => {
    const words = wordsOf('Ia tinggal di Kota Baru sejak 2010.');
    const marks = gazetteerMarks(words);
    // Emissions that open a person on each of the two capitalised words.
    const emissions = words.map((w) => Float64Array.from(LABELS, (label) => (/^\p{Lu}/u.test(w) && words.indexOf(w) > 0 ? (label === 'B-PERSON' ? 2 : 0) : label === 'O' ? 2 : 0)));
    const transition = () => 0;
    const none = { maxLength: 4, rows: new Map<string, Float64Array>() };
    expect(semiViterbi(segmentLattice(words, marks, emissions, none), transition).map((s) => [s.first, s.last, s.type])).toEqual([
      [3, 3, 'PERSON'],
      [4, 4, 'PERSON'],
    ]);
    const place = { maxLength: 4, rows: new Map([['span=kota baru', Float64Array.from(ENTITY_TYPES, (t) => (t === 'PLACE' ? 10 : 0))]]) };
    expect(semiViterbi(segmentLattice(words, marks, emissions, place), transition).map((s) => [s.first, s.last, s.type])).toEqual([[3, 4, 'PLACE']]);
  });
});

describe('the semi-Markov tagger', () => {
  const record = (text: string, names: Array<[string, NamesRecord['entities'][number]['type']]>): NamesRecord => ({
    id: text,
    text,
    entities: names.map(([name, type]) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, type })),
  });
  const training = [
    record('Warga Kota Lama mengungsi ke Desa Hilir.', [['Kota Lama', 'PLACE'], ['Desa Hilir', 'PLACE']]),
    record('Rapat dipimpin Budi Santoso di Kota Baru.', [['Budi Santoso', 'PERSON'], ['Kota Baru', 'PLACE']]),
    record('Siti Aminah tiba di Desa Tengah kemarin.', [['Siti Aminah', 'PERSON'], ['Desa Tengah', 'PLACE']]),
    record('Andi Wijaya bertemu Rina Sari di Kota Hulu.', [['Andi Wijaya', 'PERSON'], ['Rina Sari', 'PERSON'], ['Kota Hulu', 'PLACE']]),
    record('Mereka pulang kemarin.', []),
    record('Harga beras naik lagi minggu ini.', []),
  ];

  it('is trained with segment weights and finds the names of a sentence it has not seen', () => {
    const common = commonLowercaseWords(training);
    const passes = trainPasses(training, common, { epochs: 10, seeds: 1, jackknife: 0, minimumCount: 1, typerEpochs: 0, typerWeight: 0, segmentLength: 4 });
    expect(passes.segments?.maxLength).toBe(4);
    const tagger = passesTagger(passes, common);
    expect(tagger.segments).toBeDefined();
    const text = 'Budi Santoso tiba di Kota Lama kemarin.';
    expect(recognizeEntities(text, tagger, { rules: false }).map((e) => [text.slice(e.start, e.end), e.type])).toEqual([
      ['Budi Santoso', 'PERSON'],
      ['Kota Lama', 'PLACE'],
    ]);
  });

  it('learns from another corpus what the corpora share, and keeps the target corpus its own conventions', () => {
    // The other corpus marks a town without its head word and knows a person the target never shows.
    const other = [
      record('Warga Kota Tengah mengungsi ke Kota Hilir.', [['Tengah', 'PLACE'], ['Hilir', 'PLACE']]),
      record('Rudi Hartono tiba di Kota Lama kemarin.', [['Rudi Hartono', 'PERSON'], ['Lama', 'PLACE']]),
      record('Rapat dipimpin Rudi Hartono di Kota Baru.', [['Rudi Hartono', 'PERSON'], ['Baru', 'PLACE']]),
      record('Rudi Hartono bertemu Budi Santoso.', [['Rudi Hartono', 'PERSON'], ['Budi Santoso', 'PERSON']]),
    ];
    const common = commonLowercaseWords([...training, ...other]);
    const settings = { epochs: 10, seeds: 1, jackknife: 0, minimumCount: 1, typerEpochs: 4, typerWeight: 0.1, segmentLength: 4 };
    const passes = trainPasses(training, common, settings, [{ name: 'other', domain: 'other', cased: true, records: other }]);
    const model = modelFile(passes, common);
    const names = [...Object.keys(model.weights), ...Object.keys(model.segments!.weights), ...Object.keys(model.typer!.weights)];
    expect(names.filter((name) => name.includes('other|') || name.includes('target|'))).toEqual([]);
    const found = (text: string, tagger: Parameters<typeof recognizeEntities>[1]) => recognizeEntities(text, tagger, { rules: false }).map((e) => `${e.type}:${text.slice(e.start, e.end)}`);
    const adapted = taggerOf(model);
    const targetOnly = passesTagger(trainPasses(training, common, settings), common);
    const mixed = passesTagger(trainPasses([...training, ...other], common, settings), common);
    expect(found('Ia bertemu Rudi kemarin.', adapted)).toEqual(['PERSON:Rudi']);
    expect(found('Ia bertemu Rudi kemarin.', targetOnly)).toEqual([]);
    const town = 'Rudi Hartono tiba di Kota Tengah kemarin.';
    expect(found(town, adapted)).toContain('PLACE:Kota Tengah');
    expect(found(town, mixed)).toContain('PLACE:Tengah');
  });

  it("takes the words written in lower case from cased corpora only: a lower-cased corpus writes its names so too", () => {
    const lowerCased = [record('hasto datang pagi. hasto pergi siang. hasto pulang malam.', [['hasto', 'PERSON']])];
    const corpus = (cased: boolean) => [{ name: 'other', domain: 'other', cased, records: lowerCased }];
    expect(trainingCommonWords(training, corpus(false)).has('hasto')).toBe(false);
    expect(trainingCommonWords(training, corpus(true)).has('hasto')).toBe(true);
  });

  it('refuses the stacked second pass, which reads BIO labels', () => {
    const common = commonLowercaseWords(training);
    expect(() => trainPasses(training, common, { epochs: 1, seeds: 1, jackknife: 2, minimumCount: 1, typerEpochs: 0, typerWeight: 0, segmentLength: 4 })).toThrow(/segment-length 0/);
  });

  it('is the committed model', () => {
    const model = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as TaggerModel;
    expect(model.segments?.maxLength).toBeGreaterThan(1);
    expect(Object.keys(model.segments!.weights).length).toBeGreaterThan(1000);
    expect(taggerOf(model).segments).toBeDefined();
  });
});
