import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AutoModelForSeq2SeqLM, AutoTokenizer, pipeline, Tensor } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeModelFolder } from '../../../tools/synthetic-model/model-folder.ts';
import { randomMarianFiles } from '../../../tools/synthetic-model/random-marian.ts';
import { buildVocabulary } from '../../../tools/synthetic-model/tokenizer-files.ts';
import { makeTempDir, removeDir, useLocalModels } from './local-transformers.ts';

const MODEL_ID = 'opus-mt-random-tiny';

const SENTENCES = [
  'Presiden meminta para menteri bekerja sama dengan pemerintah daerah.',
  'Harga beras naik Rp 1.000 per kilogram.',
  'Ya.',
  'Sidang dimulai pukul 14.30 WIB di Jakarta.',
  'DPR menolak anggaran 2025; KPK memeriksa 3 pejabat.',
  'Banjir dan longsor melanda Sumatera, 12 warga hilang.',
  'Bank Indonesia: inflasi 2,75% (Mei).',
  'Menurut wartawan, gempa terjadi pagi ini.',
];

const GENERATION = { max_new_tokens: 10 };

interface Translation {
  translation_text: string;
}

type TranslateFn = (texts: string | string[], options?: Record<string, unknown>) => Promise<Translation[]>;

interface DecoderOutput {
  logits: { data: Float32Array; dims: number[] };
  past_key_values: unknown;
  encoder_outputs: unknown;
}

interface ForwardModel {
  forward(inputs: Record<string, unknown>): Promise<DecoderOutput>;
}

const { onnx } = createRequire(import.meta.url)('onnx-proto') as typeof import('onnx-proto');

let root = '';

beforeAll(() => {
  root = makeTempDir('random-marian');
  writeModelFolder(join(root, MODEL_ID), randomMarianFiles({ preset: 'tiny', numBeams: 1 }));
  useLocalModels(root, join(root, '.cache'));
});

afterAll(() => removeDir(root));

function int64Rows(rows: readonly (readonly number[])[]): Tensor {
  const width = rows[0]?.length ?? 0;
  return new Tensor('int64', BigInt64Array.from(rows.flat(), (id) => BigInt(id)), [rows.length, width]);
}

type NodeList = NonNullable<import('onnx-proto').onnx.IGraphProto['node']>;

/** Every op type in a model file, `If` branches included. */
function opTypes(bytes: Uint8Array): Set<string> {
  const types = new Set<string>();
  const visit = (nodes: NodeList) => {
    for (const node of nodes) {
      types.add(node.opType ?? '');
      for (const attribute of node.attribute ?? []) visit(attribute.g?.node ?? []);
    }
  };
  visit(onnx.ModelProto.decode(bytes).graph?.node ?? []);
  return types;
}

const translators = new Map<boolean, Promise<TranslateFn>>();

function translator(quantized: boolean): Promise<TranslateFn> {
  let loading = translators.get(quantized);
  if (!loading) {
    loading = pipeline('translation', MODEL_ID, { quantized }) as unknown as Promise<TranslateFn>;
    translators.set(quantized, loading);
  }
  return loading;
}

async function translate(quantized: boolean, texts: string[], options: Record<string, unknown>): Promise<string[]> {
  const output = await (await translator(quantized))(texts, options);
  return output.map((item) => item.translation_text);
}

describe('random-weight Marian (tiny preset)', () => {
  it('builds byte-identical files for the same seed, different ones for another seed', () => {
    const first = randomMarianFiles({ preset: 'tiny' });
    const again = randomMarianFiles({ preset: 'tiny' });
    const other = randomMarianFiles({ preset: 'tiny', seed: 99 });
    for (const [path, bytes] of first) expect(Buffer.from(again.get(path) ?? []).equals(bytes), path).toBe(true);
    expect(Buffer.from(other.get('onnx/encoder_model.onnx') ?? []).equals(first.get('onnx/encoder_model.onnx') ?? new Uint8Array())).toBe(false);
  });

  it('quantizes the _quantized files the way onnxruntime dynamic quantization does', () => {
    const files = randomMarianFiles({ preset: 'tiny' });
    for (const name of ['encoder_model', 'decoder_model_merged']) {
      const fp32 = opTypes(files.get(`onnx/${name}.onnx`) ?? new Uint8Array());
      const int8 = opTypes(files.get(`onnx/${name}_quantized.onnx`) ?? new Uint8Array());
      expect(fp32.has('MatMulInteger')).toBe(false);
      expect([...int8].filter((type) => ['DynamicQuantizeLinear', 'MatMulInteger', 'DequantizeLinear'].includes(type)).sort()).toEqual([
        'DequantizeLinear',
        'DynamicQuantizeLinear',
        'MatMulInteger',
      ]);
    }
    const copies = randomMarianFiles({ preset: 'tiny', quantizedFiles: 'fp32' });
    expect(Buffer.from(copies.get('onnx/encoder_model_quantized.onnx') ?? []).equals(copies.get('onnx/encoder_model.onnx') ?? new Uint8Array())).toBe(true);
  });

  for (const quantized of [false, true]) {
    it(`generates through the translation pipeline (${quantized ? 'int8' : 'fp32'}), the same in a padded batch as alone`, async () => {
      for (const numBeams of [1, 3]) {
        const options = { ...GENERATION, num_beams: numBeams };
        const batch = await translate(quantized, SENTENCES, options);
        expect(batch).toHaveLength(SENTENCES.length);
        expect(batch.every((text) => text.length > 0)).toBe(true);
        const alone = await translate(quantized, SENTENCES.slice(0, 3), options);
        expect(batch.slice(0, 3)).toEqual(alone);
      }
    });
  }

  it('depends on the source sentence', async () => {
    const outputs = await translate(false, SENTENCES, { ...GENERATION, num_beams: 1 });
    expect(new Set(outputs).size).toBeGreaterThan(1);
  });

  it('gives the same logits step by step with the KV cache as in one pass without it', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(MODEL_ID);
    const model = (await AutoModelForSeq2SeqLM.from_pretrained(MODEL_ID, { quantized: false })) as unknown as ForwardModel;
    const sourceIds: number[] = tokenizer.encode(SENTENCES[0] ?? '');
    const padId = buildVocabulary().padId;
    const decoderIds = [padId, ...sourceIds.slice(0, 7)];
    const input = { input_ids: int64Rows([sourceIds]), attention_mask: int64Rows([sourceIds.map(() => 1)]) };

    const oneShot = await model.forward({ ...input, decoder_input_ids: int64Rows([decoderIds]) });
    const vocabSize = oneShot.logits.dims[2] ?? 0;
    expect(oneShot.logits.dims).toEqual([1, decoderIds.length, vocabSize]);

    let past: unknown = null;
    let encoderOutputs: unknown = null;
    let maxDifference = 0;
    for (const [step, id] of decoderIds.entries()) {
      const output = await model.forward({ ...input, decoder_input_ids: int64Rows([[id]]), past_key_values: past, encoder_outputs: encoderOutputs });
      expect(output.logits.dims).toEqual([1, 1, vocabSize]);
      for (let token = 0; token < vocabSize; token++) {
        const expected = oneShot.logits.data[step * vocabSize + token] ?? NaN;
        maxDifference = Math.max(maxDifference, Math.abs((output.logits.data[token] ?? NaN) - expected));
      }
      past = output.past_key_values;
      encoderOutputs = output.encoder_outputs;
    }
    expect(maxDifference).toBeLessThan(1e-4);
  });

  it('int8 greedy outputs mostly agree with fp32', async () => {
    const options = { ...GENERATION, num_beams: 1 };
    const fp32 = await translate(false, SENTENCES, options);
    const int8 = await translate(true, SENTENCES, options);
    const agreeing = fp32.filter((text, index) => text === int8[index]).length;
    expect(agreeing / SENTENCES.length).toBeGreaterThanOrEqual(0.75);
  });
});
