import { encodeModel, Graph } from '../onnx/graph.ts';
import type { InferenceSessionLike, MakeTensor } from './batched-decoder.ts';

export type CreateSession = (model: Uint8Array) => Promise<InferenceSessionLike>;

export interface HeadOutput {
  /** Per row, best first: the k highest log-probabilities (log-softmax over the masked vocabulary). */
  topLogProbs: Float32Array;
  topTokens: Int32Array;
  k: number;
}

/**
 * The vocabulary-wide work of a decoding step (masking banned tokens, the log-softmax normaliser,
 * top-k selection) done inside onnxruntime instead of JavaScript: over 54,796 logits per row per
 * step, a JS `Math.exp` loop and a sort cost more than the decoder itself.
 *
 * Graph: logProbs = LogSoftmax(Reshape(logits[N,1,V] + bias[V], [N,V])); values, indices = TopK(logProbs, k).
 * LogSoftmax, unlike ReduceLogSumExp, runs on onnxruntime's vectorised exp.
 */
export class LogitsHead {
  private constructor(
    private readonly session: InferenceSessionLike,
    private readonly tensor: MakeTensor,
  ) {}

  /** `banned` tokens get -∞ (single-token `bad_words_ids`, e.g. the pad token). */
  static async create(vocabSize: number, banned: readonly number[], createSession: CreateSession, tensor: MakeTensor): Promise<LogitsHead> {
    const graph = new Graph('logits_head');
    graph.input('logits', 'float32', ['rows', 'steps', vocabSize]);
    graph.input('k', 'int64', [1]);
    const bias = new Float32Array(vocabSize);
    for (const token of banned) bias[token] = -Infinity;
    const masked = graph.op('Add', ['logits', graph.floatTensor(bias, [vocabSize], 'bias')]);
    const rows = graph.op('Reshape', [masked, graph.int64Tensor([0, -1])]);
    const logProbs = graph.op('LogSoftmax', [rows], { axis: -1 });
    graph.opWithOutputs('TopK', [logProbs, 'k'], ['top_values', 'top_indices'], { axis: -1, largest: 1, sorted: 1 });
    graph.output('top_values', 'float32', ['rows', 'k']);
    graph.output('top_indices', 'int64', ['rows', 'k']);
    return new LogitsHead(await createSession(encodeModel(graph)), tensor);
  }

  async run(logits: unknown, k: number): Promise<HeadOutput> {
    const output = await this.session.run({ logits, k: this.tensor('int64', BigInt64Array.of(BigInt(k)), [1]) });
    const indices = output.top_indices!.data as BigInt64Array;
    return {
      topLogProbs: output.top_values!.data as Float32Array,
      topTokens: Int32Array.from(indices, Number),
      k,
    };
  }
}
