import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AutoModelForSeq2SeqLM, AutoTokenizer, pipeline } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCopyModelFixture } from '../../../src/model/synthetic/build-fixture.ts';
import { buildVocabulary, PRINTABLE_ASCII_CHARACTERS } from '../../../src/model/synthetic/tokenizer-files.ts';
import { COPY_MODEL_ID, FIXTURES_MODELS, makeTempDir, readTree, removeDir, useLocalModels } from './local-transformers.ts';

const FIXTURE_DIR = join(FIXTURES_MODELS, COPY_MODEL_ID);

const SENTENCES = [
  'Presiden meminta para menteri mempercepat pembangunan jalan tol di Sumatera.',
  'Harga beras naik menjadi Rp 1.000 per kilogram sejak Senin (3/6).',
  'Sidang dimulai pukul 14.30 WIB.',
  'Ya.',
  'Menurut data BPS, inflasi mencapai 2,75% pada Mei 2024; "masih aman," kata Gubernur BI.',
  'Kerja sama Indonesia-Jepang: 12 proyek, nilai US$ 4,5 miliar!',
  'Apakah   pemerintah siap ?',
  'Email: humas@kemlu.go.id | Tel +62-21-3441508 #info [rilis] {tidak resmi} a_b ~c ^d `e` \\f <g> =h *i & j/k',
];

/** Mixed lengths, with duplicates, in a shuffled order. */
const BATCH = [SENTENCES[3], SENTENCES[0], SENTENCES[7], SENTENCES[2], SENTENCES[3], SENTENCES[5], SENTENCES[1], SENTENCES[0], SENTENCES[6], SENTENCES[4]].map(
  (sentence) => sentence ?? '',
);

interface Translation {
  translation_text: string;
}

type TranslateFn = (texts: string[], options?: Record<string, unknown>) => Promise<Translation[]>;

let cacheDir = '';

beforeAll(() => {
  cacheDir = makeTempDir('transformers-cache');
  useLocalModels(FIXTURES_MODELS, cacheDir);
});

afterAll(() => removeDir(cacheDir));

describe('committed copy-model fixture', () => {
  it('is byte-identical to a fresh build', () => {
    const outDir = makeTempDir('copy-model');
    try {
      buildCopyModelFixture(outDir);
      const rebuilt = readTree(outDir);
      const committed = readTree(FIXTURE_DIR);
      expect([...committed.keys()]).toEqual([...rebuilt.keys()]);
      for (const [path, bytes] of rebuilt) {
        expect(committed.get(path)?.equals(bytes), `${path} differs: run the build:fixture-model script`).toBe(true);
      }
    } finally {
      removeDir(outDir);
    }
  });

  it('has _quantized files that are real copies of the plain ones', () => {
    const files = readTree(FIXTURE_DIR);
    for (const name of ['encoder_model', 'decoder_model_merged']) {
      const plain = files.get(`onnx/${name}.onnx`);
      const quantized = files.get(`onnx/${name}_quantized.onnx`);
      expect(plain).toBeDefined();
      expect(quantized?.equals(plain ?? Buffer.alloc(0))).toBe(true);
      expect(statSync(join(FIXTURE_DIR, `onnx/${name}_quantized.onnx`)).nlink).toBe(1);
    }
  });

  it('stays small', () => {
    const totalBytes = [...readTree(FIXTURE_DIR).values()].reduce((sum, bytes) => sum + bytes.length, 0);
    expect(totalBytes).toBeLessThan(200_000);
  });
});

describe('copy-model tokenizer', () => {
  it('puts </s> first, <unk> second and <pad> last', () => {
    const { entries, eosId, unkId, padId } = buildVocabulary();
    expect(entries[eosId]?.[0]).toBe('</s>');
    expect(entries[unkId]?.[0]).toBe('<unk>');
    expect(entries[padId]?.[0]).toBe('<pad>');
    expect(padId).toBe(entries.length - 1);
    expect(padId).not.toBe(eosId);
  });

  it('pads the vocabulary to a requested size', () => {
    const { entries, padId } = buildVocabulary({ size: 5000 });
    expect(entries).toHaveLength(5000);
    expect(entries[padId]?.[0]).toBe('<pad>');
    expect(new Set(entries.map(([piece]) => piece)).size).toBe(5000);
  });

  it('round-trips every printable ASCII character, spaces before punctuation and runs of spaces', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(COPY_MODEL_ID);
    const texts = [
      ...PRINTABLE_ASCII_CHARACTERS,
      PRINTABLE_ASCII_CHARACTERS.join(''),
      PRINTABLE_ASCII_CHARACTERS.join(' '),
      'kata . kata , kata ! kata ?',
      'dua  spasi   tiga    empat',
      ...SENTENCES,
    ];
    for (const text of texts) {
      const ids = tokenizer.encode(text);
      expect(ids, text).not.toContain(1);
      expect(ids.at(-1)).toBe(0);
      expect(tokenizer.decode(ids, { skip_special_tokens: true })).toBe(text);
    }
  });

  it('loses only leading and trailing spaces, which MarianTokenizer trims before encoding', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(COPY_MODEL_ID);
    expect(tokenizer.decode(tokenizer.encode('  Halo dunia  '), { skip_special_tokens: true })).toBe('Halo dunia');
  });

  it('uses whole-word pieces for common words', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(COPY_MODEL_ID);
    expect(tokenizer.encode('Pemerintah dan presiden')).toHaveLength(4);
  });
});

describe('copy model through transformers.js', () => {
  let translate: TranslateFn;

  beforeAll(async () => {
    translate = (await pipeline('translation', COPY_MODEL_ID, { quantized: true })) as unknown as TranslateFn;
  });

  it('translates a mixed batch into itself with greedy decoding', async () => {
    const output = await translate(BATCH, { num_beams: 1 });
    expect(output.map((item) => item.translation_text)).toEqual(BATCH);
  });

  it('translates a mixed batch into itself with 3 beams', async () => {
    const output = await translate(BATCH, { num_beams: 3 });
    expect(output.map((item) => item.translation_text)).toEqual(BATCH);
  });

  it('uses generation_config.json defaults (num_beams 1)', async () => {
    const output = await translate(BATCH.slice(0, 3));
    expect(output.map((item) => item.translation_text)).toEqual(BATCH.slice(0, 3));
  });

  it('copies a source of the full 512 tokens', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(COPY_MODEL_ID);
    const oneTokenWords = ['pemerintah', 'Presiden', 'menteri', 'dan', 'kerja', 'sama'];
    const text = Array.from({ length: 511 }, (_, i) => oneTokenWords[i % oneTokenWords.length]).join(' ');
    expect(tokenizer.encode(text)).toHaveLength(512);
    const [output] = await translate([text], { num_beams: 1 });
    expect(output?.translation_text).toBe(text);
  }, 60_000);

  it('generates the source ids via AutoTokenizer + AutoModelForSeq2SeqLM', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(COPY_MODEL_ID);
    const model = await AutoModelForSeq2SeqLM.from_pretrained(COPY_MODEL_ID, { quantized: true });
    const inputs = tokenizer(BATCH, { padding: true, truncation: true });
    for (const numBeams of [1, 3]) {
      const generated = (await model.generate(inputs.input_ids, { num_beams: numBeams })) as number[][];
      const padId = buildVocabulary().padId;
      expect(generated.map((ids) => ids.map(Number))).toEqual(BATCH.map((text) => [padId, ...tokenizer.encode(text)]));
      expect(tokenizer.batch_decode(generated, { skip_special_tokens: true })).toEqual(BATCH);
    }
  });
});
