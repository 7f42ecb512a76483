/**
 * int8 dynamic quantization in the form `onnxruntime.quantization.quantize_dynamic` gives it
 * (QInt8 weights, per_channel, reduce_range: see opus-mt-id-en's quantize_config.json):
 *
 * - MatMul with a constant weight: the activation goes through `DynamicQuantizeLinear` (uint8,
 *   scale and zero point computed per call), the weight is int8, symmetric, one scale per output
 *   column, 7-bit (reduce_range: [-64, 64]); `MatMulInteger` → `Cast` → `Mul` by both scales.
 * - Gather from a constant table (embeddings): the table is int8, symmetric, one scale for the
 *   whole tensor, full range [-127, 127]; `DequantizeLinear` after the `Gather`.
 */
import { elementTypeCode, type Graph } from '../../src/translation/onnx/graph.ts';

const REDUCED_RANGE_LIMIT = 64;
const FULL_RANGE_LIMIT = 127;

export interface QuantizedTensor {
  values: Int8Array;
  /** One scale per output column, or a single one for the whole tensor. */
  scales: Float32Array;
}

/** numpy's rounding, which the Python quantizer uses. */
function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

function symmetricScale(absoluteMax: number, limit: number): number {
  return absoluteMax === 0 ? 1 : Math.fround(absoluteMax / limit);
}

function quantize(value: number, scale: number, limit: number): number {
  return Math.max(-limit, Math.min(limit, roundHalfToEven(value / scale)));
}

/** A row-major `[rows, columns]` MatMul weight, one scale per column, reduce_range. */
export function quantizePerColumn(weight: Float32Array, rows: number, columns: number): QuantizedTensor {
  const absoluteMax = new Float32Array(columns);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      absoluteMax[column] = Math.max(absoluteMax[column] ?? 0, Math.abs(weight[row * columns + column] ?? 0));
    }
  }
  const scales = absoluteMax.map((max) => symmetricScale(max, REDUCED_RANGE_LIMIT));
  const values = new Int8Array(weight.length);
  for (let i = 0; i < weight.length; i++) {
    values[i] = quantize(weight[i] ?? 0, scales[i % columns] ?? 1, REDUCED_RANGE_LIMIT);
  }
  return { values, scales };
}

/** A whole tensor with one scale, full int8 range. */
export function quantizePerTensor(data: Float32Array): QuantizedTensor {
  let absoluteMax = 0;
  for (let i = 0; i < data.length; i++) absoluteMax = Math.max(absoluteMax, Math.abs(data[i] ?? 0));
  const scale = symmetricScale(absoluteMax, FULL_RANGE_LIMIT);
  const values = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) values[i] = quantize(data[i] ?? 0, scale, FULL_RANGE_LIMIT);
  return { values, scales: Float32Array.of(scale) };
}

/** Names of an int8 initializer with its scales and (all-zero) zero points. */
export interface QuantizedInitializer {
  values: string;
  scales: string;
  zeroPoints: string;
}

export function addQuantizedInitializer(graph: Graph, name: string, dims: readonly number[], tensor: QuantizedTensor): QuantizedInitializer {
  const scaleDims = tensor.scales.length === 1 ? [] : [tensor.scales.length];
  return {
    values: graph.int8Tensor(tensor.values, dims, `${name}_quantized`),
    scales: graph.floatTensor(tensor.scales, scaleDims, `${name}_scale`),
    zeroPoints: graph.int8Tensor(new Int8Array(tensor.scales.length), scaleDims, `${name}_zero_point`),
  };
}

interface QuantizedActivation {
  values: string;
  scale: string;
  zeroPoint: string;
}

/** Quantizes each activation once per graph, however many MatMuls read it (as ORT's quantizer does). */
export class ActivationQuantizer {
  private readonly quantized = new Map<string, QuantizedActivation>();

  constructor(private readonly graph: Graph) {}

  /** `x @ W` for a quantized `W`: `[..., K] x [K, N] → [..., N]` float. */
  matMul(activation: string, weight: QuantizedInitializer): string {
    const input = this.quantize(activation);
    const graph = this.graph;
    const product = graph.op('MatMulInteger', [input.values, weight.values, input.zeroPoint, weight.zeroPoints]);
    const scale = graph.op('Mul', [input.scale, weight.scales]);
    return graph.op('Mul', [graph.op('Cast', [product], { to: elementTypeCode('float32') }), scale]);
  }

  private quantize(activation: string): QuantizedActivation {
    const existing = this.quantized.get(activation);
    if (existing) return existing;
    const [values = '', scale = '', zeroPoint = ''] = this.graph.opWithOutputs('DynamicQuantizeLinear', [activation], [
      this.graph.freshName('quantized'),
      this.graph.freshName('scale'),
      this.graph.freshName('zero_point'),
    ]);
    const result = { values, scale, zeroPoint };
    this.quantized.set(activation, result);
    return result;
  }
}
