import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ctranslate2Variables,
  exportPeerWeights,
  floatInitializers,
  MANIFEST_FILE,
  type PeerManifest,
  WEIGHTS_FILE,
} from '../../bench/peers/ctranslate2/export-weights.ts';
import { randomMarianWeights, type LinearWeights, type MarianWeights } from '../../tools/synthetic-model/marian-weights.ts';
import { writeModelFolder } from '../../tools/synthetic-model/model-folder.ts';
import { RANDOM_MARIAN_PRESETS, randomMarianFiles } from '../../tools/synthetic-model/random-marian.ts';
import { buildVocabulary, vocabularySize } from '../../tools/synthetic-model/tokenizer-files.ts';
import { tempDir } from '../helpers/temp.ts';

const SEED = 77;
const shape = RANDOM_MARIAN_PRESETS.tiny.shape;
const d = shape.dModel;
const ffn = shape.ffnDim;

/** Every variable CTranslate2's TransformerSpec requires for a post-norm Marian with these layer counts, and its shape. */
function expectedShapes(vocab: number): Map<string, number[]> {
  const shapes = new Map<string, number[]>([
    ['encoder/embeddings_0/weight', [vocab, d]],
    ['encoder/position_encodings/encodings', [shape.maxPositions, d]],
    ['decoder/embeddings/weight', [vocab, d]],
    ['decoder/position_encodings/encodings', [shape.maxPositions, d]],
    ['decoder/projection/weight', [vocab, d]],
    ['decoder/projection/bias', [vocab]],
  ]);
  const linear = (name: string, outputs: number, inputs: number) => {
    shapes.set(`${name}/weight`, [outputs, inputs]);
    shapes.set(`${name}/bias`, [outputs]);
  };
  const norm = (name: string) => {
    shapes.set(`${name}/gamma`, [d]);
    shapes.set(`${name}/beta`, [d]);
  };
  const common = (layer: string) => {
    linear(`${layer}/self_attention/linear_0`, 3 * d, d);
    linear(`${layer}/self_attention/linear_1`, d, d);
    norm(`${layer}/self_attention/layer_norm`);
    linear(`${layer}/ffn/linear_0`, ffn, d);
    linear(`${layer}/ffn/linear_1`, d, ffn);
    norm(`${layer}/ffn/layer_norm`);
  };
  for (let i = 0; i < shape.encoderLayers; i++) common(`encoder/layer_${i}`);
  for (let i = 0; i < shape.decoderLayers; i++) {
    common(`decoder/layer_${i}`);
    linear(`decoder/layer_${i}/attention/linear_0`, d, d);
    linear(`decoder/layer_${i}/attention/linear_1`, 2 * d, d);
    linear(`decoder/layer_${i}/attention/linear_2`, d, d);
    norm(`decoder/layer_${i}/attention/layer_norm`);
  }
  return shapes;
}

/** Output `o`'s weights over every input: row `o` of PyTorch's `[outputs, inputs]`. */
function outputRow(linear: LinearWeights, o: number): number[] {
  return Array.from({ length: linear.inputs }, (_, i) => linear.weight[i * linear.outputs + o]!);
}

describe('the CTranslate2 weight export of a random Marian', () => {
  const folder = tempDir('warta-ct2-model-');
  const outDir = path.join(folder, 'export');
  let manifest: PeerManifest;
  let stored: Float32Array;
  let weights: MarianWeights;
  const variable = (name: string) => {
    const entry = manifest.variables.find((v) => v.name === name);
    if (!entry) throw new Error(`no variable ${name}`);
    return { dims: entry.dims, values: stored.subarray(entry.offset, entry.offset + entry.dims.reduce((a, b) => a * b, 1)) };
  };
  /** Row `r` of a stored `[rows, columns]` variable. */
  const row = (name: string, r: number) => {
    const { dims, values } = variable(name);
    return Array.from(values.subarray(r * dims[1]!, (r + 1) * dims[1]!));
  };

  beforeAll(() => {
    writeModelFolder(folder, randomMarianFiles({ preset: 'tiny', seed: SEED }));
    exportPeerWeights(folder, outDir);
    manifest = JSON.parse(readFileSync(path.join(outDir, MANIFEST_FILE), 'utf8')) as PeerManifest;
    const bytes = readFileSync(path.join(outDir, WEIGHTS_FILE));
    stored = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    weights = randomMarianWeights(shape, vocabularySize(buildVocabulary()), SEED);
  });

  it('gives every variable the converter needs, with its shape, and nothing else', () => {
    const expected = expectedShapes(weights.vocabSize);
    expect(new Map(manifest.variables.map((v) => [v.name, v.dims]))).toEqual(expected);
    const floats = manifest.variables.reduce((sum, v) => sum + v.dims.reduce((a, b) => a * b, 1), 0);
    expect(stored.length).toBe(floats);
  });

  it('fuses query, key and value in [outputs, inputs] order, from the same random weights', () => {
    const attention = weights.encoder[1]!.selfAttention;
    const fused = 'encoder/layer_1/self_attention/linear_0/weight';
    expect(row(fused, 0)).toEqual(outputRow(attention.query, 0));
    expect(row(fused, d + 3)).toEqual(outputRow(attention.key, 3));
    expect(row(fused, 2 * d + d - 1)).toEqual(outputRow(attention.value, d - 1));
    const bias = Array.from(variable('encoder/layer_1/self_attention/linear_0/bias').values);
    expect(bias).toEqual([...attention.query.bias, ...attention.key.bias, ...attention.value.bias]);
  });

  it('splits cross-attention into the query and the fused key and value, taken from inside the merged decoder', () => {
    const cross = weights.decoder[0]!.crossAttention;
    expect(row('decoder/layer_0/attention/linear_0/weight', 5)).toEqual(outputRow(cross.query, 5));
    expect(row('decoder/layer_0/attention/linear_1/weight', 1)).toEqual(outputRow(cross.key, 1));
    expect(row('decoder/layer_0/attention/linear_1/weight', d + 1)).toEqual(outputRow(cross.value, 1));
    expect(row('decoder/layer_0/attention/linear_2/weight', 2)).toEqual(outputRow(cross.output, 2));
  });

  it('keeps the feed-forward, norms, embedding, positions and the tied projection', () => {
    const layer = weights.decoder[1]!;
    expect(row('decoder/layer_1/ffn/linear_1/weight', 4)).toEqual(outputRow(layer.fc2, 4));
    expect(Array.from(variable('decoder/layer_1/attention/layer_norm/gamma').values)).toEqual(Array.from(layer.crossAttentionNorm.gamma));
    expect(Array.from(variable('encoder/layer_0/ffn/layer_norm/beta').values)).toEqual(Array.from(weights.encoder[0]!.finalNorm.beta));
    expect(row('decoder/projection/weight', 42)).toEqual(Array.from(weights.embedding.subarray(42 * d, 43 * d)));
    expect(row('encoder/embeddings_0/weight', 42)).toEqual(row('decoder/projection/weight', 42));
    expect(row('decoder/position_encodings/encodings', 7)).toEqual(Array.from(weights.positions.subarray(7 * d, 8 * d)));
  });

  it("carries the Marian config CTranslate2's spec is shaped by, and the vocabulary in id order", () => {
    expect(manifest.config).toMatchObject({
      encoderLayers: shape.encoderLayers,
      decoderLayers: shape.decoderLayers,
      heads: shape.attentionHeads,
      preNorm: false,
      layernormEmbedding: false,
      activation: 'swish',
      embeddingScale: Math.sqrt(d),
      eosToken: '</s>',
      decoderStartToken: '<pad>',
      suppressedTokens: ['<pad>'],
    });
    const vocabulary = buildVocabulary();
    expect(manifest.vocabulary).toEqual(vocabulary.entries.map(([piece]) => piece));
    expect(manifest.vocabulary[vocabulary.padId]).toBe('<pad>');
  });

  it('names the initializer a model folder lacks', () => {
    const initializers = floatInitializers(readFileSync(path.join(folder, 'onnx', 'encoder_model.onnx')));
    initializers.delete('model.encoder.layers.1.fc2.bias');
    expect(() => ctranslate2Variables(initializers, manifest.config)).toThrow(/model\.encoder\.layers\.1\.fc2\.bias/);
  });
});
