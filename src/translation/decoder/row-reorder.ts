/** A row-major tensor: `dims[0]` rows of `dims[1..]` values each. */
export interface RowTensor<Data extends Float32Array | BigInt64Array = Float32Array> {
  data: Data;
  dims: number[];
}

/** Rows of a row-major tensor, picked (and repeated) by index along the first axis, into a new tensor. */
export function gatherRows<Data extends Float32Array | BigInt64Array>(tensor: RowTensor<Data>, rows: readonly number[]): RowTensor<Data> {
  if (isIdentity(rows, tensor.dims[0]!)) return tensor;
  const rowSize = rowSizeOf(tensor);
  const data = new (tensor.data.constructor as new (length: number) => Data)(rows.length * rowSize);
  rows.forEach((row, i) => data.set(tensor.data.subarray(row * rowSize, (row + 1) * rowSize) as never, i * rowSize));
  return { data, dims: [rows.length, ...tensor.dims.slice(1)] };
}

/**
 * `gatherRows` over the tensor's own buffer, for parents as beam search gives them: each new row
 * `i` comes from a row of its own group (a sentence's rows; `groupSizes` gives the new rows' groups
 * in order, or one size for all), groups keep their order and size, and only whole groups leave.
 * So a new row is only ever written over rows of its own group or of groups already done; the
 * group's source rows are set aside in `scratch` first. Rows that keep their parent are not
 * touched, and nothing is allocated once `scratch` is big enough.
 */
export function reorderRowsInPlace(tensor: RowTensor, parents: readonly number[], groupSizes: number | readonly number[], scratch: RowScratch): RowTensor {
  if (isIdentity(parents, tensor.dims[0]!)) return tensor;
  const rowSize = rowSizeOf(tensor);
  const data = tensor.data;
  const sizes = typeof groupSizes === 'number' ? Array.from({ length: Math.ceil(parents.length / groupSizes) }, () => groupSizes) : groupSizes;
  const buffer = scratch.take(Math.max(...sizes) * rowSize);
  let start = 0;
  for (const size of sizes) {
    const end = Math.min(start + size, parents.length);
    reorderGroup(data, parents, start, end, rowSize, buffer);
    start = end;
  }
  return { data: data.subarray(0, parents.length * rowSize), dims: [parents.length, ...tensor.dims.slice(1)] };
}

function reorderGroup(data: Float32Array, parents: readonly number[], start: number, end: number, rowSize: number, buffer: Float32Array): void {
  const groupFirst = Math.min(...parents.slice(start, end));
  let changed = false;
  for (let i = start; i < end; i++) changed ||= parents[i] !== i;
  if (!changed) return;
  for (let i = start; i < end; i++) {
    const parent = parents[i]!;
    if (parent !== i) buffer.set(data.subarray(parent * rowSize, (parent + 1) * rowSize), (parent - groupFirst) * rowSize);
  }
  for (let i = start; i < end; i++) {
    const parent = parents[i]!;
    if (parent !== i) data.set(buffer.subarray((parent - groupFirst) * rowSize, (parent - groupFirst + 1) * rowSize), i * rowSize);
  }
}

/** A reusable buffer for `reorderRowsInPlace`, grown when a call needs more. */
export class RowScratch {
  private buffer = new Float32Array(0);

  take(length: number): Float32Array {
    if (this.buffer.length < length) this.buffer = new Float32Array(length);
    return this.buffer;
  }
}

function rowSizeOf(tensor: RowTensor<Float32Array | BigInt64Array>): number {
  return tensor.dims.slice(1).reduce((a, b) => a * b, 1);
}

function isIdentity(rows: readonly number[], count: number): boolean {
  return rows.length === count && rows.every((r, i) => r === i);
}
