import { encodeModel, Graph } from '../onnx/graph.ts';
import type { InferenceSessionLike, MakeTensor } from './batched-decoder.ts';

export type CreateSession = (model: Uint8Array) => Promise<InferenceSessionLike>;

export interface HeadOutput {
  /** Per row, best first: the k highest log-probabilities (log-softmax over the masked vocabulary). */
  topLogProbs: Float32Array;
  topTokens: Int32Array;
  k: number;
  /** Per row, the log-probabilities of the tokens the row asked for (`wanted`), `wantedWidth` a row. */
  wantedLogProbs: Float32Array;
  wantedWidth: number;
}

/**
 * The vocabulary-wide work of a decoding step (masking banned tokens, the log-softmax normaliser,
 * top-k selection) done inside onnxruntime instead of JavaScript: over 54,796 logits per row per
 * step, a JS `Math.exp` loop and a sort cost more than the decoder itself.
 *
 * Graph: logProbs = LogSoftmax(Reshape(logits[N,1,V] + bias[V], [N,V])); values, indices = TopK(logProbs, k);
 * wantedValues = GatherElements(logProbs, wanted[N,W]): the tokens a constraint needs, whatever their rank.
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
    graph.input('wanted', 'int64', ['rows', 'wanted']);
    const bias = new Float32Array(vocabSize);
    for (const token of banned) bias[token] = -Infinity;
    const masked = graph.op('Add', ['logits', graph.floatTensor(bias, [vocabSize], 'bias')]);
    const rows = graph.op('Reshape', [masked, graph.int64Tensor([0, -1])]);
    const logProbs = graph.op('LogSoftmax', [rows], { axis: -1 });
    graph.opWithOutputs('TopK', [logProbs, 'k'], ['top_values', 'top_indices'], { axis: -1, largest: 1, sorted: 1 });
    graph.op('GatherElements', [logProbs, 'wanted'], { axis: 1 }, 'wanted_values');
    graph.output('top_values', 'float32', ['rows', 'k']);
    graph.output('top_indices', 'int64', ['rows', 'k']);
    graph.output('wanted_values', 'float32', ['rows', 'wanted']);
    return new LogitsHead(await createSession(encodeModel(graph)), tensor);
  }

  /** `wanted[r]` lists tokens whose log-probability row `r` needs beyond its top k (rows may list none). */
  async run(logits: unknown, k: number, wanted: readonly (readonly number[])[]): Promise<HeadOutput> {
    const width = Math.max(1, ...wanted.map((tokens) => tokens.length));
    const wantedIds = new BigInt64Array(wanted.length * width);
    wanted.forEach((tokens, row) => tokens.forEach((token, i) => (wantedIds[row * width + i] = BigInt(token))));
    const output = await this.session.run({
      logits,
      k: this.tensor('int64', BigInt64Array.of(BigInt(k)), [1]),
      wanted: this.tensor('int64', wantedIds, [wanted.length, width]),
    });
    const indices = output.top_indices!.data as BigInt64Array;
    return {
      topLogProbs: output.top_values!.data as Float32Array,
      topTokens: Int32Array.from(indices, Number),
      k,
      wantedLogProbs: output.wanted_values!.data as Float32Array,
      wantedWidth: width,
    };
  }
}
