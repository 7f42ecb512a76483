/**
 * A hand-constructed (not trained) Marian "copy" model: whatever the decoding strategy, its best
 * output is the source token sequence, so translating in-vocabulary text returns the text itself.
 *
 * Hidden size D = V + P (vocabulary size + position capacity). A token `t` at position `p` is
 * encoded as one-hot(t) + one-hot(V + p): token and position live in separate slots. At decoder
 * position `p` the one cross-attention head queries one-hot(V + p), so it attends to source
 * position `p` only, and the logits are the token slots of what it read. The decoder ignores its
 * own input tokens, so every beam copies the same source token at the same step.
 *
 * All one-hots come from the `OneHot` op, so the files hold no weight matrices.
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
import { attentionMaskBias, castToFloat, dimensionOf, encodeModel, Graph, rangeFrom, unsqueeze } from '../onnx/graph.ts';
import { buildVocabulary, MODEL_MAX_LENGTH, vocabularySize } from './tokenizer-files.ts';

/** Query gain: softmax puts all but e^-50 of the weight on the matching position. */
const ATTENTION_SHARPNESS = 50;
/** The copied token's logit; every other token gets 0, so it wins by this margin. */
const COPY_LOGIT = 20;

export interface CopyModelLayout {
  vocabSize: number;
  maxPositions: number;
}

function hiddenSize(layout: CopyModelLayout): number {
  return layout.vocabSize + layout.maxPositions;
}

/** One decoder layer with one attention head is all the copying needs. */
function cacheShape(layout: CopyModelLayout): DecoderCacheShape {
  return { layers: 1, heads: 1, headSize: hiddenSize(layout) };
}

function oneHot(graph: Graph, indices: string, depth: number, onValue = 1): string {
  return graph.op('OneHot', [indices, graph.int64Scalar(depth), graph.floatTensor([0, onValue], [2])], { axis: -1 });
}

function positionSlots(graph: Graph, layout: CopyModelLayout, positions: string, onValue = 1): string {
  const slots = graph.op('Add', [positions, graph.int64Scalar(layout.vocabSize)]);
  return oneHot(graph, slots, hiddenSize(layout), onValue);
}

/** `[B, L, D]`: one-hot(token) + one-hot(V + position) for `ids` `[B, L]` at `positions` `[L]`. */
function tokenAndPositionCode(graph: Graph, layout: CopyModelLayout, ids: string, positions: string): string {
  return graph.op('Add', [oneHot(graph, ids, hiddenSize(layout)), positionSlots(graph, layout, positions)]);
}

export function buildCopyEncoder(layout: CopyModelLayout): Graph {
  const graph = new Graph('copy_encoder');
  declareEncoderInputs(graph);
  const positions = rangeFrom(graph, graph.int64Scalar(0), dimensionOf(graph, ENCODER_INPUT_IDS, 1));
  const code = tokenAndPositionCode(graph, layout, ENCODER_INPUT_IDS, positions);
  const mask = unsqueeze(graph, castToFloat(graph, ENCODER_ATTENTION_MASK), [2]);
  declareEncoderOutput(graph, graph.op('Mul', [code, mask]), hiddenSize(layout));
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

/** Single-head cross-attention with `query` `[B, 1, cur, D]`; returns the token slots `[B, cur, V]` it read. */
function readSourceTokens(graph: Graph, layout: CopyModelLayout, query: string): string {
  const keysTransposed = graph.op('Transpose', [presentName(0, 'encoder', 'key')], { perm: [0, 1, 3, 2] });
  const scores = graph.op('Add', [graph.op('MatMul', [query, keysTransposed]), attentionMaskBias(graph, DECODER_ENCODER_MASK)]);
  const weights = graph.op('Softmax', [scores], { axis: -1 });
  const context = graph.op('Squeeze', [graph.op('MatMul', [weights, presentName(0, 'encoder', 'value')]), graph.int64Tensor([1])]);
  return graph.op('Slice', [context, graph.int64Tensor([0]), graph.int64Tensor([layout.vocabSize]), graph.int64Tensor([2])]);
}

export function buildCopyDecoder(layout: CopyModelLayout): Graph {
  const graph = new Graph('copy_decoder_merged');
  const cache = cacheShape(layout);
  declareDecoderInputs(graph, cache, hiddenSize(layout));

  const positions = rangeFrom(graph, pastDecoderLength(graph), dimensionOf(graph, DECODER_INPUT_IDS, 1));
  // Only the cache's length matters to this model, but its entries are shaped like a real one's.
  const selfEntries = unsqueeze(graph, tokenAndPositionCode(graph, layout, DECODER_INPUT_IDS, positions), [1]);
  appendToSelfAttentionCache(graph, 0, 'key', selfEntries);
  appendToSelfAttentionCache(graph, 0, 'value', selfEntries);

  crossAttentionCache(graph, cache.layers, (elseBranch) => {
    const states = unsqueeze(elseBranch, DECODER_ENCODER_STATES, [1]);
    return { key: states, value: states };
  });

  const query = positionSlots(graph, layout, sourcePositionsToRead(graph, positions), ATTENTION_SHARPNESS);
  const tokenSlots = readSourceTokens(graph, layout, unsqueeze(graph, query, [1]));
  graph.op('Mul', [tokenSlots, graph.floatScalar(COPY_LOGIT)], {}, DECODER_LOGITS);

  declareDecoderOutputs(graph, cache, layout.vocabSize);
  return graph;
}

/** Every file of the copy-model folder, deterministically. */
export function copyModelFiles(): ModelFiles {
  const vocabulary = buildVocabulary();
  const layout: CopyModelLayout = { vocabSize: vocabularySize(vocabulary), maxPositions: MODEL_MAX_LENGTH };
  const cache = cacheShape(layout);
  const shape: MarianShape = {
    dModel: hiddenSize(layout),
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
