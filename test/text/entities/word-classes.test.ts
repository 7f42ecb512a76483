/** Word classes: how they are learnt from unlabelled text, how the tagger reads them, and how a model is tied to its file. */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MODEL_FILE, recognizeEntities, taggerOf } from '../../../src/text/entities/index.ts';
import { sentenceFeatures } from '../../../src/text/entities/features.ts';
import type { TaggerModel } from '../../../src/text/entities/perceptron.ts';
import { activeWordClasses, readWordClassesFile, useWordClasses, WORD_CLASSES_FILE, wordClassesOf } from '../../../src/text/entities/word-classes.ts';
import { sha256 } from '../../../src/util/hash.ts';
import type { NamesRecord } from '../../../tools/eval/names.ts';
import { commonLowercaseWords, passesTagger, trainPasses } from '../../../tools/ner/train.ts';
import { buildWordClasses, readIndoNLU, type Sentence } from '../../../tools/ner/word-classes.ts';

const sentence = (text: string, cased = true): Sentence => ({ words: text.split(' '), cased });

afterEach(() => useWordClasses(readWordClassesFile(WORD_CLASSES_FILE)));

describe('learning word classes', () => {
  // Towns and people, each in five contexts of their own kind; every other word is rarer than they are.
  const towns = ['Bandung', 'Surabaya', 'Medan'];
  const people = ['Budi', 'Andi', 'Siti'];
  const corpus = [
    ...towns.flatMap((t) => [`mereka tinggal di ${t} sejak lama`, `ia pergi ke ${t} kemarin`, `banjir melanda ${t} pagi ini`, `jalan menuju ${t} macet`, `warga ${t} berkumpul`]),
    ...people.flatMap((p) => [`begitu kata ${p} kepada wartawan`, `buku itu ditulis oleh ${p} tahun lalu`, `menurut ${p} harga naik`, `sapa ${p} ramah`, `ujar ${p} singkat`]),
    'hujan turun deras',
  ].map((text) => sentence(text));

  it('puts words used in the same contexts in one class, and the others in another', () => {
    const file = buildWordClasses(corpus, { granularities: [2], minimumCount: 5 });
    const classOf = (word: string) => file.words[word.toLowerCase()]!.split(' ')[0];
    expect(Object.keys(file.words).sort()).toEqual([...towns, ...people].map((w) => w.toLowerCase()).sort());
    expect(new Set(towns.map(classOf)).size).toBe(1);
    expect(new Set(people.map(classOf)).size).toBe(1);
    expect(classOf('Bandung')).not.toBe(classOf('Budi'));
  });

  it('says how cased text writes a word after the first word of a sentence, and leaves out words seen too rarely', () => {
    const file = buildWordClasses(corpus, { granularities: [2], minimumCount: 3 });
    expect(file.words['bandung']!.split(' ')[1]).toBe('upper');
    expect(file.words['kepada']!.split(' ')[1]).toBe('lower');
    expect(file.words['mereka']).toBeDefined();
    expect(file.words['deras']).toBeUndefined();
    // Lower-cased text says nothing of case.
    const uncased = buildWordClasses(corpus.map((s) => ({ ...s, cased: false })), { granularities: [2], minimumCount: 3 });
    expect(uncased.words['bandung']!.split(' ')[1]).toBe('');
  });

  it('reads the train and validation text of IndoNLU tasks, never NERGrit and never a test split', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'warta-indonlu-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, 'dataset', file)), { recursive: true });
      writeFileSync(path.join(root, 'dataset', file), text);
    };
    write('bapos_pos-idn/train_preprocess.txt', 'Presiden\tB-NNP\ntiba\tB-VB\n\nIa\tB-PRP\npulang\tB-VB\n');
    write('bapos_pos-idn/test_preprocess.txt', 'Rahasia\tB-NN\n');
    write('smsa_doc-sentiment-prosa/valid_preprocess.tsv', 'tempat nya nyaman\tpositive\n');
    write('facqa_qa-factoid-itb/train_preprocess.csv', `question,passage,seq_label\n"['Siapa', '?']","['Joko', 'tiba', '.']","['O']"\n"['Kapan', '?']","['Joko', 'tiba', '.']","['O']"\n`);
    write('nergrit_ner-grit/train_preprocess.txt', 'Rahasia\tO\n');
    const read = readIndoNLU(root).map((s) => s.words.join(' '));
    expect(read).toEqual(['Presiden tiba', 'Ia pulang', 'Joko tiba .', 'tempat nya nyaman']);
  });
});

describe('word classes in the tagger', () => {
  // Two kinds of name in the same context: only their classes tell them apart.
  const record = (text: string, name: string, type: NamesRecord['entities'][number]['type']): NamesRecord => ({ id: text, text, entities: [{ start: text.indexOf(name), end: text.indexOf(name) + name.length, type }] });
  // Their spellings share nothing a type could be read from: no first letters, the same endings.
  const people = ['Alo', 'Bemi', 'Ciru', 'Doba'];
  const places = ['Elo', 'Femi', 'Giru', 'Hoba'];
  const training = [...people.map((name) => record(`Kami melihat ${name} kemarin.`, name, 'PERSON')), ...places.map((name) => record(`Kami melihat ${name} kemarin.`, name, 'PLACE'))];
  const words: Record<string, string> = {};
  for (const name of [...people, 'Kuta']) words[name.toLowerCase()] = '0 upper';
  for (const name of [...places, 'Mota']) words[name.toLowerCase()] = '1 upper';
  const classes = wordClassesOf({ format: 1, granularities: [2], source: 'test', words }, 'test-hash');

  const typeOfUnseen = (name: string) => {
    const common = commonLowercaseWords(training);
    const tagger = passesTagger(trainPasses(training, common, { epochs: 8, seeds: 1, jackknife: 0, minimumCount: 1, typerEpochs: 0, typerWeight: 0, segmentLength: 0 }), common);
    return recognizeEntities(`Kami melihat ${name} kemarin.`, tagger, { rules: false }).map((e) => e.type);
  };

  it('type a name never seen in training as the names of its class', () => {
    useWordClasses(classes);
    expect(typeOfUnseen('Kuta')).toEqual(['PERSON']);
    expect(typeOfUnseen('Mota')).toEqual(['PLACE']);
  });

  it('are what tells them apart: without classes both unseen names get one type', () => {
    useWordClasses(null);
    expect(new Set([...typeOfUnseen('Kuta'), ...typeOfUnseen('Mota')]).size).toBeLessThanOrEqual(1);
  });

  it('are features of the word and of its neighbours, and a word without a class says so', () => {
    useWordClasses(classes);
    const [, seen, unseen] = sentenceFeatures(['Kami', 'Alo', 'qqq', 'Elo'], new Set());
    expect(seen).toEqual(expect.arrayContaining(['c2=0', 'case=upper', 'c2=0|sh=Xx']));
    expect(unseen).toEqual(expect.arrayContaining(['class=none', 'c2=0-1', 'c2=1+1']));
  });
});

describe('the committed word classes', () => {
  it('load, and the committed model was trained with exactly them', () => {
    const classes = activeWordClasses();
    expect(classes?.features.size).toBeGreaterThan(10_000);
    const model = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as TaggerModel;
    expect(model.wordClasses).toBe(sha256(readFileSync(WORD_CLASSES_FILE, 'utf8')));
  });

  it('a model trained with other word classes is refused, with the command that mends it', () => {
    const model = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as TaggerModel;
    expect(() => taggerOf({ ...model, wordClasses: 'other' })).toThrowError(expect.objectContaining({ code: 'MODEL_CORRUPT', hint: expect.stringContaining('npm run train:names') }));
  });

  it('an unreadable or corrupt file is a clear error naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warta-classes-'));
    expect(() => readWordClassesFile(path.join(dir, 'absent.json'))).toThrowError(expect.objectContaining({ code: 'MODEL_MISSING' }));
    writeFileSync(path.join(dir, 'bad.json'), '{"format": 7}');
    expect(() => readWordClassesFile(path.join(dir, 'bad.json'))).toThrowError(expect.objectContaining({ code: 'MODEL_CORRUPT', file: path.join(dir, 'bad.json') }));
  });
});
