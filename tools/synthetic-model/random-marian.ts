/**
 * A MarianMT with the real architecture and random weights: post-layer-norm, swish, sinusoidal
 * positions, √d_model embedding scale, causal self-attention with a KV cache, and the output
 * projection tied to the embedding plus `final_logits_bias`. Its translations are nonsense; it
 * exists to exercise loading, decoding and speed at realistic shapes.
 *
 * Folder layout as published models: plain names hold fp32, `_quantized` names hold int8.
 */
import { type MarianShape, modelFolderJson } from './config-files.ts';
import { addQuantizedInitializer, type QuantizedInitializer, quantizePerTensor } from './int8-quantization.ts';
import { LayerWriter, type Precision } from './marian-layers.ts';
import {
  appendToSelfAttentionCache,
  crossAttentionCache,
  declareDecoderInputs,
  declareDecoderOutputs,
  declareEncoderInputs,
  declareEncoderOutput,
  DECODER_ENCODER_MASK,
  DECODER_ENCODER_STATES,
  DECODER_INPUT_IDS,
  DECODER_LOGITS,
  ENCODER_ATTENTION_MASK,
  ENCODER_INPUT_IDS,
  pastDecoderLength,
  presentName,
} from './marian-io.ts';
import { type DecoderLayerWeights, type EncoderLayerWeights, type MarianWeights, randomMarianWeights } from './marian-weights.ts';
import { type ModelFiles, modelFolderFiles, type OnnxPair } from './model-folder.ts';
import { attentionMaskBias, dimensionOf, encodeModel, Graph, rangeFrom, unsqueeze } from '../../src/translation/onnx/graph.ts';
import { buildVocabulary, vocabularySize } from './tokenizer-files.ts';

export type { Precision } from './marian-layers.ts';
export type RandomMarianPreset = 'tiny' | 'full';

export interface RandomMarianPresetDefinition {
  shape: MarianShape;
  /** Pad the vocabulary to this size; without it the synthetic vocabulary's own size is used. */
  vocabSize?: number;
}

export const RANDOM_MARIAN_PRESETS: Readonly<Record<RandomMarianPreset, RandomMarianPresetDefinition>> = {
  tiny: { shape: { dModel: 16, encoderLayers: 2, decoderLayers: 2, attentionHeads: 2, ffnDim: 32, maxPositions: 512 } },
  // Helsinki-NLP/opus-mt-id-en's shapes.
  full: {
    shape: { dModel: 512, encoderLayers: 6, decoderLayers: 6, attentionHeads: 8, ffnDim: 2048, maxPositions: 512 },
    vocabSize: 54_796,
  },
};

export interface RandomMarianOptions {
  preset?: RandomMarianPreset;
  seed?: number;
  /** What the `_quantized` files hold: int8 (as published models) or a copy of the fp32 files. */
  quantizedFiles?: Precision;
  /** `num_beams` in config.json and generation_config.json; opus-mt-id-en uses 6. */
  numBeams?: number;
}

const DEFAULT_SEED = 1234;
const CAUSAL_MASK_VALUE = -1e9;

/** The token embedding, in the form each precision stores it. */
type EmbeddingTable = { precision: 'fp32'; table: string } | { precision: 'int8'; table: QuantizedInitializer };

function addEmbeddingTable(graph: Graph, weights: MarianWeights, precision: Precision): EmbeddingTable {
  const dims = [weights.vocabSize, weights.shape.dModel];
  const name = 'model.shared.weight';
  return precision === 'fp32'
    ? { precision, table: graph.floatTensor(weights.embedding, dims, name) }
    : { precision, table: addQuantizedInitializer(graph, name, dims, quantizePerTensor(weights.embedding)) };
}

function lookUpTokens(graph: Graph, embedding: EmbeddingTable, ids: string): string {
  if (embedding.precision === 'fp32') return graph.op('Gather', [embedding.table, ids], { axis: 0 });
  const { values, scales, zeroPoints } = embedding.table;
  return graph.op('DequantizeLinear', [graph.op('Gather', [values, ids], { axis: 0 }), scales, zeroPoints]);
}

/** √d-scaled token embeddings plus the sinusoid of each position from `firstPosition` on. */
function embed(graph: Graph, weights: MarianWeights, embedding: EmbeddingTable, ids: string, firstPosition: string): string {
  const { dModel, maxPositions } = weights.shape;
  const tokens = graph.op('Mul', [lookUpTokens(graph, embedding, ids), graph.floatScalar(Math.sqrt(dModel))]);
  const positionTable = graph.floatTensor(weights.positions, [maxPositions, dModel], 'model.embed_positions.weight');
  const positions = graph.op('Gather', [positionTable, rangeFrom(graph, firstPosition, dimensionOf(graph, ids, 1))], { axis: 0 });
  return graph.op('Add', [tokens, positions]);
}

function attentionShape(weights: MarianWeights) {
  const { dModel, attentionHeads } = weights.shape;
  return { heads: attentionHeads, headSize: dModel / attentionHeads };
}

function feedForwardBlock(writer: LayerWriter, x: string, layer: EncoderLayerWeights, name: string): string {
  const update = writer.feedForward(x, layer.fc1, layer.fc2, name);
  return writer.residualNorm(x, update, layer.finalNorm, `${name}.final_layer_norm`);
}

function encoderLayer(writer: LayerWriter, x: string, layer: EncoderLayerWeights, index: number, paddingBias: string): string {
  const name = `model.encoder.layers.${index}`;
  const attention = layer.selfAttention;
  const query = writer.query(x, attention, `${name}.self_attn`);
  const keys = writer.keyOrValue(x, attention.key, `${name}.self_attn.k_proj`);
  const values = writer.keyOrValue(x, attention.value, `${name}.self_attn.v_proj`);
  const attended = writer.attend(query, keys, values, paddingBias, attention, `${name}.self_attn`);
  const afterAttention = writer.residualNorm(x, attended, layer.selfAttentionNorm, `${name}.self_attn_layer_norm`);
  return feedForwardBlock(writer, afterAttention, layer, name);
}

export function buildRandomMarianEncoder(weights: MarianWeights, precision: Precision): Graph {
  const graph = new Graph('marian_encoder');
  const writer = new LayerWriter(graph, precision, attentionShape(weights));
  declareEncoderInputs(graph);
  const embedding = addEmbeddingTable(graph, weights, precision);
  const embedded = embed(graph, weights, embedding, ENCODER_INPUT_IDS, graph.int64Scalar(0));
  const paddingBias = attentionMaskBias(graph, ENCODER_ATTENTION_MASK);
  const x = weights.encoder.reduce((hidden, layer, index) => encoderLayer(writer, hidden, layer, index, paddingBias), embedded);
  declareEncoderOutput(graph, x, weights.shape.dModel);
  return graph;
}

/** `[cur, past + cur]` additive mask: query `i` (at position past + i) sees keys `0..past + i`. */
function causalBias(graph: Graph, pastLength: string): string {
  const total = graph.op('Add', [pastLength, dimensionOf(graph, DECODER_INPUT_IDS, 1)]);
  const queryPositions = unsqueeze(graph, graph.op('Range', [pastLength, total, graph.int64Scalar(1)]), [1]);
  const keyPositions = graph.op('Range', [graph.int64Scalar(0), total, graph.int64Scalar(1)]);
  const visible = graph.op('LessOrEqual', [keyPositions, queryPositions]);
  return graph.op('Where', [visible, graph.floatScalar(0), graph.floatScalar(CAUSAL_MASK_VALUE)]);
}

/** Logits over the vocabulary: the embedding, transposed, as output projection, plus `final_logits_bias`. */
function outputProjection(graph: Graph, writer: LayerWriter, weights: MarianWeights, embedding: EmbeddingTable, x: string): string {
  const bias = graph.floatTensor(weights.finalLogitsBias, [weights.vocabSize], 'final_logits_bias');
  if (embedding.precision === 'int8') {
    return graph.op('Add', [writer.quantizedMatMulTransposed(x, embedding.table), bias], {}, DECODER_LOGITS);
  }
  // Gemm reads the table transposed in place, where MatMul would need a second [d, V] copy.
  const rows = graph.op('Reshape', [x, graph.int64Tensor([-1, weights.shape.dModel])]);
  const logits = graph.op('Gemm', [rows, embedding.table, bias], { transB: 1 });
  const batchAndLength = graph.op('Slice', [graph.op('Shape', [DECODER_INPUT_IDS]), graph.int64Tensor([0]), graph.int64Tensor([2])]);
  const logitsShape = graph.op('Concat', [batchAndLength, graph.int64Tensor([weights.vocabSize])], { axis: 0 });
  return graph.op('Reshape', [logits, logitsShape], {}, DECODER_LOGITS);
}

interface DecoderBiases {
  causal: string;
  sourcePadding: string;
}

/** Self-attention over the cache plus this step, cross-attention over the source, feed-forward. */
function decoderLayer(writer: LayerWriter, x: string, layer: DecoderLayerWeights, index: number, biases: DecoderBiases): string {
  const graph = writer.graph;
  const name = `model.decoder.layers.${index}`;
  const self = layer.selfAttention;
  const query = writer.query(x, self, `${name}.self_attn`);
  const keys = appendToSelfAttentionCache(graph, index, 'key', writer.keyOrValue(x, self.key, `${name}.self_attn.k_proj`));
  const values = appendToSelfAttentionCache(graph, index, 'value', writer.keyOrValue(x, self.value, `${name}.self_attn.v_proj`));
  const selfAttended = writer.attend(query, keys, values, biases.causal, self, `${name}.self_attn`);
  const afterSelf = writer.residualNorm(x, selfAttended, layer.selfAttentionNorm, `${name}.self_attn_layer_norm`);

  const cross = layer.crossAttention;
  const crossQuery = writer.query(afterSelf, cross, `${name}.encoder_attn`);
  const sourceKeys = presentName(index, 'encoder', 'key');
  const sourceValues = presentName(index, 'encoder', 'value');
  const crossAttended = writer.attend(crossQuery, sourceKeys, sourceValues, biases.sourcePadding, cross, `${name}.encoder_attn`);
  const afterCross = writer.residualNorm(afterSelf, crossAttended, layer.crossAttentionNorm, `${name}.encoder_attn_layer_norm`);
  return feedForwardBlock(writer, afterCross, layer, name);
}

export function buildRandomMarianDecoder(weights: MarianWeights, precision: Precision): Graph {
  const graph = new Graph('marian_decoder_merged');
  const heads = attentionShape(weights);
  const writer = new LayerWriter(graph, precision, heads);
  const cache = { layers: weights.shape.decoderLayers, ...heads };
  declareDecoderInputs(graph, cache, weights.shape.dModel);

  let branchWriter: LayerWriter | undefined;
  crossAttentionCache(graph, cache.layers, (elseBranch, index) => {
    branchWriter ??= new LayerWriter(elseBranch, precision, heads);
    const attention = weights.decoder[index]?.crossAttention;
    if (!attention) throw new Error(`no weights for decoder layer ${index}`);
    const name = `model.decoder.layers.${index}.encoder_attn`;
    return {
      key: branchWriter.keyOrValue(DECODER_ENCODER_STATES, attention.key, `${name}.k_proj`),
      value: branchWriter.keyOrValue(DECODER_ENCODER_STATES, attention.value, `${name}.v_proj`),
    };
  });

  const embedding = addEmbeddingTable(graph, weights, precision);
  const pastLength = pastDecoderLength(graph);
  const embedded = embed(graph, weights, embedding, DECODER_INPUT_IDS, pastLength);
  const biases = { causal: causalBias(graph, pastLength), sourcePadding: attentionMaskBias(graph, DECODER_ENCODER_MASK) };
  const x = weights.decoder.reduce((hidden, layer, index) => decoderLayer(writer, hidden, layer, index, biases), embedded);
  outputProjection(graph, writer, weights, embedding, x);
  declareDecoderOutputs(graph, cache, weights.vocabSize);
  return graph;
}

function encodePair(weights: MarianWeights, precision: Precision): OnnxPair {
  return {
    encoder: encodeModel(buildRandomMarianEncoder(weights, precision)),
    decoder: encodeModel(buildRandomMarianDecoder(weights, precision)),
  };
}

/** Every file of a random-Marian model folder, deterministically for a given seed. */
export function randomMarianFiles({
  preset = 'tiny',
  seed = DEFAULT_SEED,
  quantizedFiles = 'int8',
  numBeams = 6,
}: RandomMarianOptions = {}): ModelFiles {
  const definition = RANDOM_MARIAN_PRESETS[preset];
  const vocabulary = buildVocabulary(definition.vocabSize === undefined ? {} : { size: definition.vocabSize });
  const weights = randomMarianWeights(definition.shape, vocabularySize(vocabulary), seed);
  const fp32 = encodePair(weights, 'fp32');
  return modelFolderFiles({
    json: modelFolderJson(vocabulary, definition.shape, { numBeams }),
    onnx: fp32,
    quantizedOnnx: quantizedFiles === 'int8' ? encodePair(weights, 'int8') : fp32,
  });
}
