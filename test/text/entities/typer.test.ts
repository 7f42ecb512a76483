/** The span typer: its features, its training, how it weighs the tagger's own score, and its place in the model file. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_FILE, recognizeEntities, taggerOf } from '../../../src/text/entities/index.ts';
import { gazetteerMarks } from '../../../src/text/entities/gazetteer-index.ts';
import { emissionScores, LABELS, spanTypeScore, type TaggerModel, type TokenSpan, type Weights } from '../../../src/text/entities/perceptron.ts';
import { tokenize } from '../../../src/text/entities/tokens.ts';
import { retypeSpans, spanFeatures, toTyperModel, trainTyper, typerOf } from '../../../src/text/entities/typer.ts';
import type { NamesRecord } from '../../../tools/eval/names.ts';
import { typedExamples } from '../../../tools/ner/train.ts';

const wordsOf = (text: string) => tokenize(text).map((t) => t.text);

/** Emissions that score each label by a fixed amount per token, and no transitions. */
const flatTagger = (labelScores: Record<string, number>): Weights => ({
  emission: (feature) => (feature === 'bias' ? Float64Array.from(LABELS, (l) => labelScores[l] ?? 0) : undefined),
  transition: () => 0,
});

const record = (text: string, names: Array<[string, NamesRecord['entities'][number]['type']]>): NamesRecord => ({
  id: text,
  text,
  entities: names.map(([name, type]) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, type })),
});

describe('span features', () => {
  it('see the span whole, the words before it and the gazetteer lists in it', () => {
    const words = wordsOf('Ia lalu bergabung dengan Aston Villa pada 2010 di Jakarta.');
    const villa = spanFeatures(words, gazetteerMarks(words), 4, 5);
    expect(villa).toEqual(expect.arrayContaining(['span=aston villa', 'first=aston', 'last=villa', 'before=dengan', 'after=pada', 'context=bergabung', 'context=dengan', 'word=villa', 'len=2']));
    expect(villa).not.toContain('context=pada');
    const jakarta = spanFeatures(words, gazetteerMarks(words), 9, 9);
    expect(jakarta).toEqual(expect.arrayContaining(['gz=place:B', 'before=di']));
  });
});

describe('the span typer', () => {
  // The context decides: names never seen in training are typed by the words before them.
  const training = [
    record('Lagu itu dibawakan oleh band Gruvo di panggung.', [['Gruvo', 'ORGANISATION']]),
    record('Ia pindah ke band Tarsa tahun lalu.', [['Tarsa', 'ORGANISATION']]),
    record('Album pertama band Kelara laris.', [['Kelara', 'ORGANISATION']]),
    record('Ia lahir di kota Wemba pada 1970.', [['Wemba', 'PLACE']]),
    record('Keluarganya pindah ke kota Sorin saat itu.', [['Sorin', 'PLACE']]),
    record('Pasar terbesar ada di kota Maluta sekarang.', [['Maluta', 'PLACE']]),
  ];
  const rows = trainTyper(typedExamples(training), 10, 1);
  const typer = { rows, taggerWeight: 0 };
  const words = wordsOf('Kemarin band Dorvan tampil, lalu kota Dorvan berpesta.');
  const spans: TokenSpan[] = [2, 7].map((i) => ({ first: i, last: i, type: 'PERSON' }));
  const tagger = flatTagger({});
  const emissions = emissionScores(words.map(() => ['bias']), tagger);

  it('types a name it has not seen by what surrounds it, against the tagger', () => {
    expect([words[2], words[7]]).toEqual(['Dorvan', 'Dorvan']);
    expect(retypeSpans(words, gazetteerMarks(words), spans, emissions, tagger, typer).map((s) => s.type)).toEqual(['ORGANISATION', 'PLACE']);
  });

  it("lets the tagger's own score win where it is weighted far above the typer's", () => {
    const sure = flatTagger({ 'B-PERSON': 100 });
    const sureEmissions = emissionScores(words.map(() => ['bias']), sure);
    expect(retypeSpans(words, gazetteerMarks(words), spans, sureEmissions, sure, { rows, taggerWeight: 1 }).map((s) => s.type)).toEqual(['PERSON', 'PERSON']);
    expect(retypeSpans(words, gazetteerMarks(words), spans, sureEmissions, sure, { rows, taggerWeight: 0 }).map((s) => s.type)).toEqual(['ORGANISATION', 'PLACE']);
  });

  it("scores a span for the tagger as its B- and I- emissions and the transitions inside it", () => {
    const weights: Weights = { emission: () => undefined, transition: (previous, label) => (LABELS[previous] === 'B-PLACE' && LABELS[label] === 'I-PLACE' ? 5 : LABELS[previous] === 'I-PLACE' ? 7 : 0) };
    const emissions = [Float64Array.from(LABELS, (l) => (l === 'B-PLACE' ? 1 : l === 'I-PLACE' ? 2 : 0)), Float64Array.from(LABELS, (l) => (l === 'I-PLACE' ? 3 : 0)), Float64Array.from(LABELS, (l) => (l === 'I-PLACE' ? 4 : 0))];
    expect(spanTypeScore(emissions, weights, 0, 2, 'PLACE')).toBe(1 + (3 + 5) + (4 + 7));
    expect(spanTypeScore(emissions, weights, 0, 0, 'PERSON')).toBe(0);
  });

  it('is written to the model file pruned and rounded, and read back to the same decisions', () => {
    const model = toTyperModel(rows, 0.25, 0.1, 2);
    expect(model.taggerWeight).toBe(0.25);
    for (const pairs of Object.values(model.weights)) {
      for (let k = 1; k < pairs.length; k += 2) {
        expect(Math.abs(pairs[k]!)).toBeGreaterThanOrEqual(0.1);
        expect(Math.round(pairs[k]! * 100) / 100).toBe(pairs[k]);
      }
    }
    const read = typerOf(model);
    expect(retypeSpans(words, gazetteerMarks(words), spans, emissions, tagger, { ...read, taggerWeight: 0 }).map((s) => s.type)).toEqual(['ORGANISATION', 'PLACE']);
  });
});

describe('the committed model', () => {
  it('holds a span typer, which recognizeEntities uses unless told not to', () => {
    const model = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as TaggerModel;
    expect(model.format).toBe(3);
    expect(model.typer?.taggerWeight).toBeGreaterThan(0);
    const tagger = taggerOf(model);
    expect(tagger.typer?.rows.size).toBeGreaterThan(1000);
    const untyped = taggerOf({ ...model, typer: undefined });
    const text = 'Ia lalu bergabung dengan Aston Villa dan pindah ke Benfica pada 2010.';
    expect(recognizeEntities(text, untyped)).toEqual(recognizeEntities(text, tagger, { typer: false }));
  });
});
