/**
 * A hand-constructed (not trained) Marian "copy" model: whatever the decoding strategy, its best
 * output is the source token sequence, so translating in-vocabulary text returns the text itself.
 *
 * Token ids and positions are written as ±1 binary codes: `code(n)[k] = +1` if bit `k` of `n` is
 * set, else -1. Two codes of `b` bits have dot product `b - 2 · (bits that differ)`: exactly `b`
 * with themselves and at most `b - 2` with any other number. Hidden size D = T + P, where
 * T = ceil(log2(vocabulary size)) and P = ceil(log2(position capacity)) (10 + 9 = 19 for the
 * fixture), so the KV cache stays small. A token `t` at position `p` is `[code(t) | code(p)]`.
 *
 * At decoder position `p` the one cross-attention head queries `[0 | ATTENTION_GAIN · code(p)]`:
 * source position `p` scores `P · ATTENTION_GAIN`, every other position at least
 * `2 · ATTENTION_GAIN` less, so softmax reads position `p` alone. The logits are
 * `COPY_GAIN · code(read token) · code(v)` for every token `v`: the copied token beats every other
 * by at least `2 · COPY_GAIN`. The decoder ignores its own input tokens, so every beam copies the
 * same source token at the same step.
 *
 * The codes are computed in the graph (integer Div and Mod), so the files hold no weight matrices.
 */
import { type MarianShape, modelFolderJson } from './config-files.ts';
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
  type DecoderCacheShape,
  ENCODER_ATTENTION_MASK,
  ENCODER_INPUT_IDS,
  pastDecoderLength,
  presentName,
} from './marian-io.ts';
import { type ModelFiles, modelFolderFiles } from './model-folder.ts';
import { attentionMaskBias, castToFloat, dimensionOf, encodeModel, Graph, rangeFrom, unsqueeze } from '../../src/translation/onnx/graph.ts';
import { buildVocabulary, MODEL_MAX_LENGTH, vocabularySize } from './tokenizer-files.ts';

/**
 * Query gain: the attended position outscores every other by at least 2 × 25 = 50, so softmax puts
 * all but about P · e^-50 of the weight on it.
 */
export const ATTENTION_GAIN = 25;
/**
 * Logit gain: the copied token's logit is T × 10 and every other token's at most (T - 2) × 10, so it
 * wins by at least 20 and the T tokens one bit away are the runners-up (log-probability of the
 * copy ≈ -T · e^-20 ≈ -2e-8).
 */
export const COPY_GAIN = 10;

export interface CopyModelLayout {
  vocabSize: number;
  maxPositions: number;
}

/** Bits needed to tell `count` values apart (at least 1). */
export function bitsFor(count: number): number {
  return Math.max(1, Math.ceil(Math.log2(count)));
}

export function copyModelHiddenSize(layout: CopyModelLayout): number {
  return bitsFor(layout.vocabSize) + bitsFor(layout.maxPositions);
}

/** One decoder layer with one attention head is all the copying needs. */
function cacheShape(layout: CopyModelLayout): DecoderCacheShape {
  return { layers: 1, heads: 1, headSize: copyModelHiddenSize(layout) };
}

/** `[..., bits]` float: `gain · code(n)` for each non-negative int64 `n` of `values` `[...]`. */
function binaryCode(graph: Graph, values: string, bits: number, gain = 1): string {
  const placeValues = graph.int64Tensor(Array.from({ length: bits }, (_, k) => 2 ** k));
  const shifted = graph.op('Div', [unsqueeze(graph, values, [-1]), placeValues]);
  const bitValues = castToFloat(graph, graph.op('Mod', [shifted, graph.int64Scalar(2)]));
  return graph.op('Sub', [graph.op('Mul', [bitValues, graph.floatScalar(2 * gain)]), graph.floatScalar(gain)]);
}

/** Zero-pads the last axis of `value` (of rank `rank`) with `before` and `after` entries. */
function padLastAxis(graph: Graph, value: string, rank: number, before: number, after: number): string {
  const pads = [...Array<number>(rank - 1).fill(0), before, ...Array<number>(rank - 1).fill(0), after];
  return graph.op('Pad', [value, graph.int64Tensor(pads)]);
}

/** `[..., D]`: `[0 | gain · code(p)]` for each position `p` of `positions` (of rank `rank`). */
function positionQuery(graph: Graph, layout: CopyModelLayout, positions: string, rank: number, gain = 1): string {
  return padLastAxis(graph, binaryCode(graph, positions, bitsFor(layout.maxPositions), gain), rank + 1, bitsFor(layout.vocabSize), 0);
}

/** `[B, L, D]`: `[code(token) | code(position)]` for `ids` `[B, L]` at `positions` `[L]`. */
function tokenAndPositionCode(graph: Graph, layout: CopyModelLayout, ids: string, positions: string): string {
  const tokens = padLastAxis(graph, binaryCode(graph, ids, bitsFor(layout.vocabSize)), 3, 0, bitsFor(layout.maxPositions));
  return graph.op('Add', [tokens, positionQuery(graph, layout, positions, 1)]);
}

export function buildCopyEncoder(layout: CopyModelLayout): Graph {
  const graph = new Graph('copy_encoder');
  declareEncoderInputs(graph);
  const positions = rangeFrom(graph, graph.int64Scalar(0), dimensionOf(graph, ENCODER_INPUT_IDS, 1));
  const code = tokenAndPositionCode(graph, layout, ENCODER_INPUT_IDS, positions);
  const mask = unsqueeze(graph, castToFloat(graph, ENCODER_ATTENTION_MASK), [2]);
  declareEncoderOutput(graph, graph.op('Mul', [code, mask]), copyModelHiddenSize(layout));
  return graph;
}

/**
 * `[B, cur]`: the source position each decoder position reads. Past the end of the source it
 * keeps reading the last one (`</s>`), so a beam that strayed ends at once instead of running to
 * `max_length` on near-uniform attention.
 */
function sourcePositionsToRead(graph: Graph, decoderPositions: string): string {
  const sourceLengths = graph.op('ReduceSum', [DECODER_ENCODER_MASK, graph.int64Tensor([1])], { keepdims: 1 });
  const lastSourcePositions = graph.op('Sub', [sourceLengths, graph.int64Scalar(1)]);
  return graph.op('Min', [unsqueeze(graph, decoderPositions, [0]), lastSourcePositions]);
}

/** Single-head cross-attention with `query` `[B, 1, cur, D]`; returns the token codes `[B, cur, T]` it read. */
function readSourceTokens(graph: Graph, layout: CopyModelLayout, query: string): string {
  const keysTransposed = graph.op('Transpose', [presentName(0, 'encoder', 'key')], { perm: [0, 1, 3, 2] });
  const scores = graph.op('Add', [graph.op('MatMul', [query, keysTransposed]), attentionMaskBias(graph, DECODER_ENCODER_MASK)]);
  const weights = graph.op('Softmax', [scores], { axis: -1 });
  const context = graph.op('Squeeze', [graph.op('MatMul', [weights, presentName(0, 'encoder', 'value')]), graph.int64Tensor([1])]);
  return graph.op('Slice', [context, graph.int64Tensor([0]), graph.int64Tensor([bitsFor(layout.vocabSize)]), graph.int64Tensor([2])]);
}

/** `[T, V]`: `COPY_GAIN · code(v)` for every token `v`, one column each. */
function tokenCodeColumns(graph: Graph, layout: CopyModelLayout): string {
  const tokens = graph.op('Range', [graph.int64Scalar(0), graph.int64Scalar(layout.vocabSize), graph.int64Scalar(1)]);
  return graph.op('Transpose', [binaryCode(graph, tokens, bitsFor(layout.vocabSize), COPY_GAIN)], { perm: [1, 0] });
}

export function buildCopyDecoder(layout: CopyModelLayout): Graph {
  const graph = new Graph('copy_decoder_merged');
  const cache = cacheShape(layout);
  declareDecoderInputs(graph, cache, copyModelHiddenSize(layout));

  const positions = rangeFrom(graph, pastDecoderLength(graph), dimensionOf(graph, DECODER_INPUT_IDS, 1));
  // Only the cache's length matters to this model, but its entries are shaped like a real one's.
  const selfEntries = unsqueeze(graph, tokenAndPositionCode(graph, layout, DECODER_INPUT_IDS, positions), [1]);
  appendToSelfAttentionCache(graph, 0, 'key', selfEntries);
  appendToSelfAttentionCache(graph, 0, 'value', selfEntries);

  crossAttentionCache(graph, cache.layers, (elseBranch) => {
    const states = unsqueeze(elseBranch, DECODER_ENCODER_STATES, [1]);
    return { key: states, value: states };
  });

  const query = positionQuery(graph, layout, sourcePositionsToRead(graph, positions), 2, ATTENTION_GAIN);
  const tokenCodes = readSourceTokens(graph, layout, unsqueeze(graph, query, [1]));
  graph.op('MatMul', [tokenCodes, tokenCodeColumns(graph, layout)], {}, DECODER_LOGITS);

  declareDecoderOutputs(graph, cache, layout.vocabSize);
  return graph;
}

/** Every file of the copy-model folder, deterministically. */
export function copyModelFiles(): ModelFiles {
  const vocabulary = buildVocabulary();
  const layout: CopyModelLayout = { vocabSize: vocabularySize(vocabulary), maxPositions: MODEL_MAX_LENGTH };
  const cache = cacheShape(layout);
  const shape: MarianShape = {
    dModel: copyModelHiddenSize(layout),
    encoderLayers: 1,
    decoderLayers: cache.layers,
    attentionHeads: cache.heads,
    ffnDim: 0, // no feed-forward blocks
    maxPositions: layout.maxPositions,
  };
  return modelFolderFiles({
    json: modelFolderJson(vocabulary, shape, { numBeams: 1 }),
    onnx: { encoder: encodeModel(buildCopyEncoder(layout)), decoder: encodeModel(buildCopyDecoder(layout)) },
  });
}
