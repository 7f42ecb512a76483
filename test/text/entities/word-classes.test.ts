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
import { buildWordClasses, nameLexicon, readIndoNLU, type Sentence } from '../../../tools/ner/word-classes.ts';

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
    write('nerp_ner-prosa/valid_preprocess.txt', 'amos\tB-PPL\nkenda\tI-PPL\ndi\tO\nmanado\tB-PLC\n');
    write('nerp_ner-prosa/test_preprocess.txt', 'rahasia\tB-PPL\n');
    const sentences = readIndoNLU(root);
    expect(sentences.map((s) => s.words.join(' '))).toEqual(['Presiden tiba', 'Ia pulang', 'amos kenda di manado', 'Joko tiba .', 'tempat nya nyaman']);
    // Labels are read from the named-entity corpus alone.
    expect(sentences.map((s) => s.names ?? null)).toEqual([null, null, ['B-PPL', 'I-PPL', null, 'B-PLC'], null, null]);
  });
});

describe('lexicons from labelled corpora', () => {
  const labelled = (text: string, names: Array<string | null>): Sentence => ({ words: text.split(' '), cased: false, names });
  const corpus = [
    labelled('amos kenda tiba di manado', ['B-PPL', 'I-PPL', null, null, 'B-PLC']),
    labelled('amos pulang ke bitung', ['B-PPL', null, null, 'B-PLC']),
    labelled('kota manado ramai', [null, 'B-PLC', null]),
    labelled('warga manado dan amos', [null, 'B-PLC', null, null]),
    labelled('piala dunia di bitung', ['B-EVT', 'I-EVT', null, 'B-PLC']),
    labelled('pulang ke rumah', [null, null, null]),
    labelled('pulang ke kantor', [null, null, null]),
  ];

  it('say of each word the type of the names it is in, how often it is in one, and whether it was seen once', () => {
    const lexicon = nameLexicon(corpus);
    expect(lexicon['amos']).toBe('PPL:mid:m'); // in a name twice in three
    expect(lexicon['kenda']).toBe('PPL:hi:1');
    expect(lexicon['manado']).toBe('PLC:hi:m');
    expect(lexicon['bitung']).toBe('PLC:hi:m');
    expect(lexicon['dunia']).toBe('EVT:hi:1');
    expect(lexicon['warga']).toBeUndefined();
    expect(lexicon['ke']).toBe('none');
    expect(lexicon['pulang']).toBe('none');
    // Seen once or twice and never in a name: too little to say it is none.
    expect(lexicon['rumah']).toBeUndefined();
    expect(lexicon['di']).toBeUndefined();
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

  it('with a lexicon from another corpus, type an unseen name as that corpus names it', () => {
    const names: Record<string, string> = {};
    for (const name of [...people, 'Kuta']) names[name.toLowerCase()] = 'PPL:hi:m';
    for (const name of [...places, 'Mota']) names[name.toLowerCase()] = 'PLC:hi:m';
    // One class for all of them: only the lexicon tells the two kinds apart.
    const oneClass = Object.fromEntries(Object.keys(names).map((word) => [word, '0 upper']));
    useWordClasses(wordClassesOf({ format: 2, granularities: [2], source: 'test', words: oneClass, names }, 'test-hash'));
    expect(typeOfUnseen('Kuta')).toEqual(['PERSON']);
    expect(typeOfUnseen('Mota')).toEqual(['PLACE']);
    useWordClasses(wordClassesOf({ format: 2, granularities: [2], source: 'test', words: oneClass }, 'test-hash'));
    expect(new Set([...typeOfUnseen('Kuta'), ...typeOfUnseen('Mota')]).size).toBeLessThanOrEqual(1);
    useWordClasses(wordClassesOf({ format: 2, granularities: [2], source: 'test', words: oneClass, names }, 'test-hash'));
    expect(sentenceFeatures(['Kami', 'Kuta', 'qqq'], new Set())).toEqual([
      expect.arrayContaining(['lex=PPL:hi:m+1']),
      expect.arrayContaining(['lex=PPL:hi:m', 'lex=PPL:hi:m|sh=Xx', 'c2=0']),
      expect.arrayContaining(['lex=PPL:hi:m-1']),
    ]);
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
