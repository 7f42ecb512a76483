/**
 * Random but reproducible weights for a MarianMT model. Matrices are row-major `[inputs, outputs]`
 * (the ONNX MatMul orientation, i.e. PyTorch's `Linear.weight` transposed).
 */
import type { MarianShape } from './config-files.ts';

export interface LinearWeights {
  inputs: number;
  outputs: number;
  weight: Float32Array;
  bias: Float32Array;
}

export interface LayerNormWeights {
  gamma: Float32Array;
  beta: Float32Array;
}

export interface AttentionWeights {
  query: LinearWeights;
  key: LinearWeights;
  value: LinearWeights;
  output: LinearWeights;
}

export interface EncoderLayerWeights {
  selfAttention: AttentionWeights;
  selfAttentionNorm: LayerNormWeights;
  fc1: LinearWeights;
  fc2: LinearWeights;
  finalNorm: LayerNormWeights;
}

export interface DecoderLayerWeights extends EncoderLayerWeights {
  crossAttention: AttentionWeights;
  crossAttentionNorm: LayerNormWeights;
}

export interface MarianWeights {
  shape: MarianShape;
  vocabSize: number;
  /** `[vocab, d_model]`, shared by both embeddings and the output projection. */
  embedding: Float32Array;
  /** `[max_positions, d_model]`, fixed sinusoids. */
  positions: Float32Array;
  finalLogitsBias: Float32Array;
  encoder: EncoderLayerWeights[];
  decoder: DecoderLayerWeights[];
}

/** Uniform ±√(3 / fan_in) keeps activations at unit variance, so every layer changes the output. */
function linearInitRange(inputs: number): number {
  return Math.sqrt(3 / inputs);
}

const BIAS_INIT_RANGE = 0.1;
const NORM_INIT_RANGE = 0.1;

/** mulberry32: a tiny seeded generator, so equal seeds give equal weights on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class WeightSampler {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  uniform(count: number, range: number, center = 0): Float32Array {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = center + (this.next() * 2 - 1) * range;
    return values;
  }

  linear(inputs: number, outputs: number): LinearWeights {
    return {
      inputs,
      outputs,
      weight: this.uniform(inputs * outputs, linearInitRange(inputs)),
      bias: this.uniform(outputs, BIAS_INIT_RANGE),
    };
  }

  layerNorm(size: number): LayerNormWeights {
    return { gamma: this.uniform(size, NORM_INIT_RANGE, 1), beta: this.uniform(size, NORM_INIT_RANGE) };
  }

  attention(size: number): AttentionWeights {
    return {
      query: this.linear(size, size),
      key: this.linear(size, size),
      value: this.linear(size, size),
      output: this.linear(size, size),
    };
  }

  encoderLayer(shape: MarianShape): EncoderLayerWeights {
    return {
      selfAttention: this.attention(shape.dModel),
      selfAttentionNorm: this.layerNorm(shape.dModel),
      fc1: this.linear(shape.dModel, shape.ffnDim),
      fc2: this.linear(shape.ffnDim, shape.dModel),
      finalNorm: this.layerNorm(shape.dModel),
    };
  }

  decoderLayer(shape: MarianShape): DecoderLayerWeights {
    return {
      ...this.encoderLayer(shape),
      crossAttention: this.attention(shape.dModel),
      crossAttentionNorm: this.layerNorm(shape.dModel),
    };
  }
}

/** Marian's static position table: sines in the first half of each row, cosines in the second. */
export function sinusoidalPositions(maxPositions: number, size: number): Float32Array {
  const table = new Float32Array(maxPositions * size);
  const half = Math.ceil(size / 2);
  for (let position = 0; position < maxPositions; position++) {
    for (let column = 0; column < size; column++) {
      const pair = column < half ? column : column - half;
      const angle = position / Math.pow(10000, (2 * pair) / size);
      table[position * size + column] = column < half ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return table;
}

export function randomMarianWeights(shape: MarianShape, vocabSize: number, seed: number): MarianWeights {
  const sampler = new WeightSampler(seed);
  const embeddingRange = 2 / Math.sqrt(shape.dModel);
  return {
    shape,
    vocabSize,
    embedding: sampler.uniform(vocabSize * shape.dModel, embeddingRange),
    positions: sinusoidalPositions(shape.maxPositions, shape.dModel),
    finalLogitsBias: new Float32Array(vocabSize),
    encoder: Array.from({ length: shape.encoderLayers }, () => sampler.encoderLayer(shape)),
    decoder: Array.from({ length: shape.decoderLayers }, () => sampler.decoderLayer(shape)),
  };
}
