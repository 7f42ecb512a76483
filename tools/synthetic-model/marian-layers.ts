/**
 * MarianMT building blocks as ONNX subgraphs, in fp32 or int8 (see int8-quantization.ts).
 * Marian is post-layer-norm: each block is `LayerNorm(x + block(x))`, the activation is swish,
 * and queries are scaled by 1/√head_size after their bias.
 */
import { ActivationQuantizer, addQuantizedInitializer, type QuantizedInitializer, quantizePerColumn } from './int8-quantization.ts';
import type { AttentionWeights, LayerNormWeights, LinearWeights } from './marian-weights.ts';
import { floatAttr, type Graph } from '../../src/translation/onnx/graph.ts';

export type Precision = 'fp32' | 'int8';

const LAYER_NORM_EPSILON = 1e-5;

export interface AttentionShape {
  heads: number;
  headSize: number;
}

/** Writes layers into one graph (the main graph or an `If` branch), initializers included. */
export class LayerWriter {
  private readonly activations: ActivationQuantizer;

  constructor(
    readonly graph: Graph,
    private readonly precision: Precision,
    private readonly attention: AttentionShape,
  ) {
    this.activations = new ActivationQuantizer(graph);
  }

  /** `x @ W + b`, with `W` stored as fp32 or as per-column int8. */
  linear(x: string, weights: LinearWeights, name: string): string {
    const graph = this.graph;
    const product =
      this.precision === 'fp32'
        ? graph.op('MatMul', [x, graph.floatTensor(weights.weight, [weights.inputs, weights.outputs], `${name}.weight`)])
        : this.activations.matMul(x, this.quantizedWeight(weights, name));
    return graph.op('Add', [product, graph.floatTensor(weights.bias, [weights.outputs], `${name}.bias`)]);
  }

  /** `x @ Wᵀ` for a quantized `W` given as `[outputs, inputs]`, such as a tied embedding. */
  quantizedMatMulTransposed(x: string, weight: QuantizedInitializer): string {
    const transposed = { ...weight, values: this.graph.op('Transpose', [weight.values], { perm: [1, 0] }) };
    return this.activations.matMul(x, transposed);
  }

  layerNorm(x: string, weights: LayerNormWeights, name: string): string {
    const graph = this.graph;
    const size = weights.gamma.length;
    return graph.op(
      'LayerNormalization',
      [x, graph.floatTensor(weights.gamma, [size], `${name}.weight`), graph.floatTensor(weights.beta, [size], `${name}.bias`)],
      { axis: -1, epsilon: floatAttr(LAYER_NORM_EPSILON) },
    );
  }

  /** `LayerNorm(residual + update)`: Marian's post-norm residual connection. */
  residualNorm(residual: string, update: string, norm: LayerNormWeights, name: string): string {
    return this.layerNorm(this.graph.op('Add', [residual, update]), norm, name);
  }

  feedForward(x: string, fc1: LinearWeights, fc2: LinearWeights, name: string): string {
    const hidden = this.linear(x, fc1, `${name}.fc1`);
    const swish = this.graph.op('Mul', [hidden, this.graph.op('Sigmoid', [hidden])]);
    return this.linear(swish, fc2, `${name}.fc2`);
  }

  /** Scaled query projection, split into heads. */
  query(x: string, weights: AttentionWeights, name: string): string {
    const scale = this.graph.floatScalar(1 / Math.sqrt(this.attention.headSize));
    return this.splitHeads(this.graph.op('Mul', [this.linear(x, weights.query, `${name}.q_proj`), scale]));
  }

  keyOrValue(x: string, weights: LinearWeights, name: string): string {
    return this.splitHeads(this.linear(x, weights, name));
  }

  /** `softmax(q kᵀ + bias) v`, heads merged back and the output projection applied. */
  attend(query: string, keys: string, values: string, bias: string, weights: AttentionWeights, name: string): string {
    const graph = this.graph;
    const scores = graph.op('Add', [graph.op('MatMul', [query, graph.op('Transpose', [keys], { perm: [0, 1, 3, 2] })]), bias]);
    const context = graph.op('MatMul', [graph.op('Softmax', [scores], { axis: -1 }), values]);
    return this.linear(this.mergeHeads(context), weights.output, `${name}.out_proj`);
  }

  /** `[B, L, d]` → `[B, heads, L, head_size]`. */
  private splitHeads(x: string): string {
    const { heads, headSize } = this.attention;
    const split = this.graph.op('Reshape', [x, this.graph.int64Tensor([0, -1, heads, headSize])]);
    return this.graph.op('Transpose', [split], { perm: [0, 2, 1, 3] });
  }

  private mergeHeads(x: string): string {
    const { heads, headSize } = this.attention;
    const merged = this.graph.op('Transpose', [x], { perm: [0, 2, 1, 3] });
    return this.graph.op('Reshape', [merged, this.graph.int64Tensor([0, -1, heads * headSize])]);
  }

  private quantizedWeight(weights: LinearWeights, name: string): QuantizedInitializer {
    const tensor = quantizePerColumn(weights.weight, weights.inputs, weights.outputs);
    return addQuantizedInitializer(this.graph, `${name}.weight`, [weights.inputs, weights.outputs], tensor);
  }
}
