/**
 * The input/output contract of optimum's Marian export, which transformers.js 2.17.2 drives:
 *
 * - `encoder_model`: `input_ids`, `attention_mask` → `last_hidden_state`.
 * - `decoder_model_merged`: `encoder_attention_mask`, `input_ids`, `encoder_hidden_states`,
 *   `past_key_values.{i}.{decoder|encoder}.{key|value}` `[B, heads, len, d_model / heads]` and
 *   `use_cache_branch` (bool[1]) → `logits`, `present.*`. There are no `position_ids`: positions
 *   start at the past length. On the first step the past tensors are empty and
 *   `use_cache_branch` is false; afterwards the cross-attention keys/values come back as past.
 */
import { Graph, type Dim, dimensionOf } from '../../src/translation/onnx/graph.ts';

export type CacheOwner = 'decoder' | 'encoder';
export type CacheTensor = 'key' | 'value';

export interface DecoderCacheShape {
  layers: number;
  heads: number;
  headSize: number;
}

export const ENCODER_INPUT_IDS = 'input_ids';
export const ENCODER_ATTENTION_MASK = 'attention_mask';
export const ENCODER_OUTPUT = 'last_hidden_state';

export const DECODER_INPUT_IDS = 'input_ids';
export const DECODER_ENCODER_MASK = 'encoder_attention_mask';
export const DECODER_ENCODER_STATES = 'encoder_hidden_states';
export const DECODER_USE_CACHE = 'use_cache_branch';
export const DECODER_LOGITS = 'logits';

const CACHE_OWNERS: readonly CacheOwner[] = ['decoder', 'encoder'];
const CACHE_TENSORS: readonly CacheTensor[] = ['key', 'value'];

export function pastName(layer: number, owner: CacheOwner, tensor: CacheTensor): string {
  return `past_key_values.${layer}.${owner}.${tensor}`;
}

export function presentName(layer: number, owner: CacheOwner, tensor: CacheTensor): string {
  return `present.${layer}.${owner}.${tensor}`;
}

export function declareEncoderInputs(graph: Graph): void {
  graph.input(ENCODER_INPUT_IDS, 'int64', ['batch_size', 'encoder_sequence_length']);
  graph.input(ENCODER_ATTENTION_MASK, 'int64', ['batch_size', 'encoder_sequence_length']);
}

/** Makes `hiddenStates` the encoder's `last_hidden_state` output. */
export function declareEncoderOutput(graph: Graph, hiddenStates: string, hiddenSize: number): void {
  graph.op('Identity', [hiddenStates], {}, ENCODER_OUTPUT);
  graph.output(ENCODER_OUTPUT, 'float32', ['batch_size', 'encoder_sequence_length', hiddenSize]);
}

function cacheShape(owner: CacheOwner, shape: DecoderCacheShape, length: Dim): Dim[] {
  return owner === 'decoder' ? ['batch_size', shape.heads, length, shape.headSize] : ['batch_size', shape.heads, 'encoder_sequence_length_out', shape.headSize];
}

export function declareDecoderInputs(graph: Graph, shape: DecoderCacheShape, hiddenSize: number): void {
  graph.input(DECODER_ENCODER_MASK, 'int64', ['batch_size', 'encoder_sequence_length']);
  graph.input(DECODER_INPUT_IDS, 'int64', ['batch_size', 'decoder_sequence_length']);
  graph.input(DECODER_ENCODER_STATES, 'float32', ['batch_size', 'encoder_sequence_length', hiddenSize]);
  for (let layer = 0; layer < shape.layers; layer++) {
    for (const owner of CACHE_OWNERS) {
      for (const tensor of CACHE_TENSORS) {
        graph.input(pastName(layer, owner, tensor), 'float32', cacheShape(owner, shape, 'past_decoder_sequence_length'));
      }
    }
  }
  graph.input(DECODER_USE_CACHE, 'bool', [1]);
}

/** Declares `logits` and every `present.*` as outputs; the graph must already produce them. */
export function declareDecoderOutputs(graph: Graph, shape: DecoderCacheShape, vocabSize: number): void {
  graph.output(DECODER_LOGITS, 'float32', ['batch_size', 'decoder_sequence_length', vocabSize]);
  for (let layer = 0; layer < shape.layers; layer++) {
    for (const owner of CACHE_OWNERS) {
      for (const tensor of CACHE_TENSORS) {
        graph.output(presentName(layer, owner, tensor), 'float32', cacheShape(owner, shape, 'past_decoder_sequence_length + 1'));
      }
    }
  }
}

/** Past length of the decoder's self-attention cache, as an int64 scalar. */
export function pastDecoderLength(graph: Graph): string {
  return dimensionOf(graph, pastName(0, 'decoder', 'key'), 2);
}

export interface CrossAttentionCache {
  key: string;
  value: string;
}

/**
 * Produces `present.{i}.encoder.{key|value}` the way optimum's merged decoder does:
 * `If(use_cache_branch)` passes the past ones through, else `compute` builds them from
 * `encoder_hidden_states` inside the else-branch (which may read the outer graph's initializers).
 */
export function crossAttentionCache(
  graph: Graph,
  layers: number,
  compute: (elseBranch: Graph, layer: number) => CrossAttentionCache,
): void {
  const thenBranch = new Graph('reuse_cross_attention_cache', 'then_');
  const elseBranch = new Graph('compute_cross_attention_cache', 'else_');
  const outputs: string[] = [];
  for (let layer = 0; layer < layers; layer++) {
    const computed = compute(elseBranch, layer);
    for (const tensor of CACHE_TENSORS) {
      const thenOutput = thenBranch.op('Identity', [pastName(layer, 'encoder', tensor)], {}, `then_${layer}_${tensor}`);
      thenBranch.output(thenOutput, 'float32', null);
      const elseOutput = elseBranch.op('Identity', [computed[tensor]], {}, `else_${layer}_${tensor}`);
      elseBranch.output(elseOutput, 'float32', null);
      outputs.push(presentName(layer, 'encoder', tensor));
    }
  }
  graph.opWithOutputs('If', [DECODER_USE_CACHE], outputs, { then_branch: thenBranch, else_branch: elseBranch });
}

/** `present.{i}.decoder.{key|value}`: the past along the sequence axis, then this step's entries. */
export function appendToSelfAttentionCache(graph: Graph, layer: number, tensor: CacheTensor, newEntries: string): string {
  return graph.op('Concat', [pastName(layer, 'decoder', tensor), newEntries], { axis: 2 }, presentName(layer, 'decoder', tensor));
}
