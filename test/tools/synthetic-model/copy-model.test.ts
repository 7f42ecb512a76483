import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AutoModelForSeq2SeqLM, AutoTokenizer, pipeline } from '@xenova/transformers';
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCopyModelFixture } from '../../../tools/synthetic-model/build-fixture.ts';
import { COPY_GAIN } from '../../../tools/synthetic-model/copy-model.ts';
import { buildVocabulary, MODEL_MAX_LENGTH, PRINTABLE_ASCII_CHARACTERS } from '../../../tools/synthetic-model/tokenizer-files.ts';
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

/** Deterministic pseudo-random ids in `[0, below)`. */
function pseudoRandomIds(count: number, below: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % below;
  });
}

describe('copy-model ONNX files run directly', () => {
  const { eosId, padId } = buildVocabulary();
  const config = JSON.parse(readFileSync(join(FIXTURE_DIR, 'config.json'), 'utf8')) as { d_model: number; vocab_size: number };
  const vocabSize = config.vocab_size;
  const dModel = config.d_model;
  let encoder: ort.InferenceSession;
  let decoder: ort.InferenceSession;

  beforeAll(async () => {
    encoder = await ort.InferenceSession.create(join(FIXTURE_DIR, 'onnx/encoder_model_quantized.onnx'));
    decoder = await ort.InferenceSession.create(join(FIXTURE_DIR, 'onnx/decoder_model_merged_quantized.onnx'));
  });

  it('has a small hidden size and one head', () => {
    expect(dModel).toBeLessThanOrEqual(64);
    expect(JSON.parse(readFileSync(join(FIXTURE_DIR, 'config.json'), 'utf8'))).toMatchObject({ encoder_attention_heads: 1, decoder_attention_heads: 1 });
  });

  /** Rows of source ids (each ending with `</s>`), padded into one batch. */
  function batchOf(sources: readonly number[][]) {
    const width = Math.max(...sources.map((s) => s.length));
    const ids = new BigInt64Array(sources.length * width).fill(BigInt(padId));
    const mask = new BigInt64Array(sources.length * width);
    sources.forEach((source, row) =>
      source.forEach((id, col) => {
        ids[row * width + col] = BigInt(id);
        mask[row * width + col] = 1n;
      }),
    );
    return { ids: new ort.Tensor('int64', ids, [sources.length, width]), mask: new ort.Tensor('int64', mask, [sources.length, width]) };
  }

  function pastFeeds(rows: number, past?: Record<string, ort.Tensor>): Record<string, ort.Tensor> {
    const feeds: Record<string, ort.Tensor> = {};
    for (const owner of ['decoder', 'encoder']) {
      for (const tensor of ['key', 'value']) {
        const name = `past_key_values.0.${owner}.${tensor}`;
        feeds[name] = past?.[`present.0.${owner}.${tensor}`] ?? new ort.Tensor('float32', new Float32Array(0), [rows, 1, 0, dModel]);
      }
    }
    return feeds;
  }

  /** Per row and decoder position: the argmax token, its log-probability and its logit margin over the runner-up. */
  function readLogits(logits: ort.Tensor) {
    const [rows, positions] = logits.dims as [number, number, number];
    const data = logits.data as Float32Array;
    return Array.from({ length: rows }, (_, row) =>
      Array.from({ length: positions }, (_, position) => {
        const slice = data.subarray((row * positions + position) * vocabSize, (row * positions + position + 1) * vocabSize);
        let best = 0;
        for (let v = 1; v < vocabSize; v++) if (slice[v]! > slice[best]!) best = v;
        let runnerUp = -Infinity;
        let sum = 0;
        for (let v = 0; v < vocabSize; v++) {
          if (v !== best) runnerUp = Math.max(runnerUp, slice[v]!);
          sum += Math.exp(slice[v]! - slice[best]!);
        }
        return { token: best, logProb: -Math.log(sum), margin: slice[best]! - runnerUp };
      }),
    );
  }

  it('copies every position of a padded mixed-length batch, up to 512 tokens, and reads </s> past the end', async () => {
    const sources = [
      [...pseudoRandomIds(MODEL_MAX_LENGTH - 1, padId, 7), eosId],
      [...pseudoRandomIds(40, padId, 11), eosId],
      [eosId],
      [padId - 1, 1, padId - 2, 512, 511, eosId],
    ];
    const { ids, mask } = batchOf(sources);
    const encoded = await encoder.run({ input_ids: ids, attention_mask: mask });
    expect(encoded.last_hidden_state!.dims).toEqual([sources.length, MODEL_MAX_LENGTH, dModel]);

    // Every decoder position in one pass, with whatever input tokens: the copy ignores them.
    const steps = MODEL_MAX_LENGTH + 3;
    const decoderIds = new ort.Tensor('int64', BigInt64Array.from(pseudoRandomIds(sources.length * steps, vocabSize, 3), BigInt), [sources.length, steps]);
    const common = { encoder_attention_mask: mask, encoder_hidden_states: encoded.last_hidden_state! };
    const first = await decoder.run({ ...common, input_ids: decoderIds, ...pastFeeds(sources.length), use_cache_branch: new ort.Tensor('bool', [false], [1]) });
    const read = readLogits(first.logits!);
    sources.forEach((source, row) => {
      const expected = Array.from({ length: steps }, (_, p) => source[Math.min(p, source.length - 1)]);
      expect(read[row]!.map((r) => r.token)).toEqual(expected);
      for (const r of read[row]!) {
        expect(r.margin).toBeGreaterThan(2 * COPY_GAIN - 0.01);
        expect(r.logProb).toBeGreaterThan(-1e-6);
      }
    });

    // One more step through the cache, past every source's end.
    const last = new ort.Tensor('int64', BigInt64Array.from(sources, () => BigInt(eosId)), [sources.length, 1]);
    const next = await decoder.run({ ...common, input_ids: last, ...pastFeeds(sources.length, first), use_cache_branch: new ort.Tensor('bool', [true], [1]) });
    expect(next['present.0.decoder.key']!.dims).toEqual([sources.length, 1, steps + 1, dModel]);
    expect(readLogits(next.logits!).map((row) => row[0]!.token)).toEqual(sources.map(() => eosId));
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
