import { BeamSearch } from './beam-search.ts';
import type { EarlyStopping } from './beam-hypotheses.ts';
import { GreedySearch } from './greedy.ts';
import { LogitsHead, type CreateSession, type HeadOutput } from './logits-head.ts';
import { isBanned, isForcedEos, type LogitsRules } from './logits.ts';
import { noHypothesis, type Continuation, type Row, type SearchStrategy } from './search-strategy.ts';
import { gatherRows, reorderRowsInPlace, RowScratch, type RowTensor } from './row-reorder.ts';
import { timed, timedAsync, type DecoderTiming } from './timing.ts';
import { TopK } from './top-k.ts';

/** The parts of an onnxruntime session the decoder uses. */
export interface InferenceSessionLike {
  readonly inputNames: readonly string[];
  /** `fetches` names the outputs wanted; the others are not copied out of onnxruntime. */
  run(feeds: Record<string, unknown>, fetches?: readonly string[]): Promise<Record<string, TensorLike>>;
}

export interface TensorLike {
  readonly data: ArrayLike<number | bigint | boolean> & { length: number };
  readonly dims: readonly number[];
}

export type MakeTensor = (type: 'int64' | 'float32' | 'bool', data: BigInt64Array | Float32Array | boolean[], dims: number[]) => unknown;

/** What the decoder needs to know of a MarianMT model (from its config.json). */
export interface Seq2SeqLayout {
  decoderStartTokenId: number;
  eosTokenId: number;
  padTokenId: number;
  forcedEosTokenId: number | null;
  badWordsIds: number[][];
  vocabSize: number;
  decoderLayers: number;
  decoderHeads: number;
  encoderHeads: number;
  dModel: number;
}

export interface DecodeSettings {
  numBeams: number;
  maxNewTokens: number;
  lengthPenalty: number;
  earlyStopping: EarlyStopping;
}

export interface DecodedSequence {
  /** Generated token ids, without the start token; ends with EOS unless cut by the length limit. */
  tokens: number[];
  /** Mean log-probability per generated token. */
  meanLogProb: number;
  /** Whether the sequence reached `maxNewTokens` (its last token was then forced to EOS). */
  truncated: boolean;
}

/** What one decoding step starts from; `advance` moves it on to the next step in place. */
interface DecoderBatch {
  rows: Row[];
  encoderStates: RowTensor;
  encoderMask: RowTensor<BigInt64Array>;
  past: Map<string, RowTensor> | null;
}

/**
 * Batched greedy and beam-search decoding over the encoder and merged-decoder ONNX sessions that
 * transformers.js loads. The encoder runs once per batch; every decoder step covers all live rows
 * (every beam of every sentence) in one session call with a per-row KV cache; finished sentences
 * leave the batch. Scoring follows Hugging Face: log-softmax over the masked vocabulary, length
 * penalty and early stopping as in `BeamSearchScorer`, `forced_eos_token_id` at the last position.
 */
export class BatchedDecoder {
  private readonly kvNames: string[];
  /** Outputs needed after the first step: the cross-attention cache does not change, so it is not fetched again. */
  private readonly laterStepOutputs: string[];
  private readonly rules: Omit<LogitsRules, 'maxLength'>;
  private readonly scratch = new RowScratch();

  private constructor(
    private readonly encoder: InferenceSessionLike,
    private readonly decoder: InferenceSessionLike,
    private readonly layout: Seq2SeqLayout,
    private readonly tensor: MakeTensor,
    private readonly head: LogitsHead,
    private readonly timing: DecoderTiming | undefined,
  ) {
    this.kvNames = Array.from({ length: layout.decoderLayers }, (_, i) =>
      ['decoder', 'encoder'].flatMap((kind) => [`past_key_values.${i}.${kind}.key`, `past_key_values.${i}.${kind}.value`]),
    ).flat();
    this.laterStepOutputs = ['logits', ...this.kvNames.filter((name) => name.includes('.decoder.')).map((name) => name.replace('past_key_values', 'present'))];
    this.rules = {
      multiTokenBadWords: layout.badWordsIds.filter((ids) => ids.length > 1),
      forcedEosTokenId: layout.forcedEosTokenId,
    };
  }

  /** `timing`, for benchmarks, is told how long each phase of decoding takes. */
  static async create(
    encoder: InferenceSessionLike,
    decoder: InferenceSessionLike,
    layout: Seq2SeqLayout,
    tensor: MakeTensor,
    createSession: CreateSession,
    timing?: DecoderTiming,
  ): Promise<BatchedDecoder> {
    const singleTokenBans = layout.badWordsIds.filter((ids) => ids.length === 1).map((ids) => ids[0]!);
    const head = await LogitsHead.create(layout.vocabSize, singleTokenBans, createSession, tensor);
    return new BatchedDecoder(encoder, decoder, layout, tensor, head, timing);
  }

  /** Decodes each tokenised source (ids ending with EOS, unpadded); results in input order. */
  async generate(sources: readonly (readonly number[])[], settings: DecodeSettings): Promise<DecodedSequence[]> {
    if (sources.length === 0) return [];
    const search: SearchStrategy =
      settings.numBeams === 1 ? new GreedySearch(this.layout.eosTokenId, settings.maxNewTokens) : new BeamSearch(sources.length, settings, this.layout.eosTokenId);
    const rules: LogitsRules = { ...this.rules, maxLength: settings.maxNewTokens + 1 };
    const batch = await this.start(sources, search.beams);
    const results: Array<DecodedSequence | undefined> = new Array(sources.length);
    // Each multi-token banned word can remove one candidate of a row.
    const k = Math.min(search.candidatesPerRow + this.rules.multiTokenBadWords.length, this.layout.vocabSize);

    for (let generated = 1; batch.rows.length > 0; generated++) {
      this.timing?.step(batch.rows.length);
      const output = await this.runDecoder(batch);
      const scores = await timedAsync(this.timing, 'logitsHead', () => this.head.run(output.logits, k));
      const continuations = this.searchStep(search, batch.rows, scores, rules, generated, results);
      if (continuations.length === 0) break;
      this.advance(batch, output, continuations, search.beams);
    }
    return results.map((r) => r ?? noHypothesis());
  }

  /** Encodes the batch and gives every sentence `beams` rows. */
  private async start(sources: readonly (readonly number[])[], beams: number): Promise<DecoderBatch> {
    const encoded = await timedAsync(this.timing, 'encoder', () => this.encode(sources));
    return {
      encoderStates: tileRows(encoded.states, beams),
      encoderMask: tileRows(encoded.mask, beams),
      // Beam search starts from one live beam per sentence; the others wait at -∞ (as in HF).
      rows: Array.from({ length: sources.length * beams }, (_, r) => ({
        group: Math.floor(r / beams),
        history: [this.layout.decoderStartTokenId],
        logProb: r % beams === 0 ? 0 : -Infinity,
        tokenLogProbs: [],
      })),
      past: null,
    };
  }

  private async runDecoder(batch: DecoderBatch): Promise<Record<string, TensorLike>> {
    const feeds = timed(this.timing, 'feeds', () => this.decoderFeeds(batch));
    return timedAsync(this.timing, 'decoderSession', () =>
      batch.past === null ? this.decoder.run(feeds) : runFetching(this.decoder, feeds, this.laterStepOutputs),
    );
  }

  /** Offers each sentence's candidates to the strategy; records the sentences it finishes, returns the next step's rows. */
  private searchStep(search: SearchStrategy, rows: readonly Row[], scores: HeadOutput, rules: LogitsRules, generated: number, results: Array<DecodedSequence | undefined>): Continuation[] {
    const continuations: Continuation[] = [];
    for (let start = 0; start < rows.length; start += search.beams) {
      const candidates = timed(this.timing, 'topK', () => {
        const heap = new TopK(2 * search.beams);
        for (let r = start; r < start + search.beams; r++) this.offerCandidates(heap, r, rows[r]!, scores, rules);
        return heap;
      });
      const finished = timed(this.timing, 'beamBookkeeping', () => search.step(candidates, rows, start, generated, continuations));
      if (finished) results[rows[start]!.group] = finished;
    }
    return continuations;
  }

  /** Moves the batch to the continuations: their KV cache, encoder rows and histories. */
  private advance(batch: DecoderBatch, output: Record<string, TensorLike>, continuations: readonly Continuation[], beams: number): void {
    const rows = batch.rows;
    const parents = continuations.map((c) => c.parent);
    timed(this.timing, 'kvReorder', () => {
      const sameSentences = parents.length === rows.length && parents.every((p, i) => rows[p]!.group === rows[i]!.group);
      batch.past = this.carryCache(output, batch.past, parents, beams, sameSentences);
      if (!sameSentences) {
        batch.encoderStates = gatherRows(batch.encoderStates, parents);
        batch.encoderMask = gatherRows(batch.encoderMask, parents);
      }
    });
    batch.rows = timed(this.timing, 'beamBookkeeping', () =>
      continuations.map(({ parent, token, tokenLogProb }) => {
        const row = rows[parent]!;
        return { group: row.group, history: [...row.history, token], logProb: row.logProb + tokenLogProb, tokenLogProbs: [...row.tokenLogProbs, tokenLogProb] };
      }),
    );
  }

  /** Offers a row's candidate continuations, scored as the row's log-probability plus the token's. */
  private offerCandidates(candidates: TopK, r: number, row: Row, scores: HeadOutput, rules: LogitsRules): void {
    if (row.logProb === -Infinity) return;
    if (isForcedEos(row.history, rules)) {
      // Every other token is masked, and the renormalised log-softmax gives EOS probability 1.
      candidates.offer(row.logProb, r, rules.forcedEosTokenId!);
      return;
    }
    for (let i = 0; i < scores.k; i++) {
      const token = scores.topTokens[r * scores.k + i]!;
      const logProb = scores.topLogProbs[r * scores.k + i]!;
      if (logProb === -Infinity) break;
      if (isBanned(row.history, token, rules)) continue;
      candidates.offer(row.logProb + logProb, r, token);
    }
  }

  private async encode(sources: readonly (readonly number[])[]): Promise<{ states: RowTensor; mask: RowTensor<BigInt64Array> }> {
    const length = Math.max(...sources.map((s) => s.length));
    const ids = new BigInt64Array(sources.length * length).fill(BigInt(this.layout.padTokenId));
    const mask = new BigInt64Array(sources.length * length);
    sources.forEach((source, row) => {
      source.forEach((id, col) => {
        ids[row * length + col] = BigInt(id);
        mask[row * length + col] = 1n;
      });
    });
    const dims = [sources.length, length];
    const output = await this.encoder.run({ input_ids: this.tensor('int64', ids, dims), attention_mask: this.tensor('int64', mask, dims) });
    const states = output.last_hidden_state!;
    return {
      states: { data: states.data as Float32Array, dims: [...states.dims] },
      mask: { data: mask, dims },
    };
  }

  private decoderFeeds({ rows, encoderStates, encoderMask, past }: DecoderBatch): Record<string, unknown> {
    const feeds: Record<string, unknown> = {
      input_ids: this.tensor('int64', BigInt64Array.from(rows, (row) => BigInt(row.history.at(-1)!)), [rows.length, 1]),
      encoder_hidden_states: this.tensor('float32', encoderStates.data, encoderStates.dims),
      encoder_attention_mask: this.tensor('int64', encoderMask.data, encoderMask.dims),
    };
    if (this.decoder.inputNames.includes('use_cache_branch')) feeds.use_cache_branch = this.tensor('bool', [past !== null], [1]);
    const { dModel, decoderHeads, encoderHeads } = this.layout;
    for (const name of this.kvNames) {
      const cached = past?.get(name);
      if (cached) feeds[name] = this.tensor('float32', cached.data, cached.dims);
      else {
        const heads = name.includes('.encoder.') ? encoderHeads : decoderHeads;
        feeds[name] = this.tensor('float32', new Float32Array(0), [rows.length, heads, 0, dModel / heads]);
      }
    }
    return feeds;
  }

  /**
   * The next step's KV cache: this step's `present.*` rows, reordered in place to follow their
   * parent beams. After the first step the merged decoder's cross-attention outputs are
   * placeholders and the first step's cache is carried on, as optimum and transformers.js do. At
   * the first step every beam's parent is its sentence's first row, so from then on all rows of a
   * sentence hold the same cross-attention cache: it only needs reordering when sentences leave.
   */
  private carryCache(output: Record<string, TensorLike>, past: Map<string, RowTensor> | null, parents: number[], beams: number, sameSentences: boolean): Map<string, RowTensor> {
    const next = new Map<string, RowTensor>();
    for (const name of this.kvNames) {
      const carried = name.includes('.encoder.') ? past?.get(name) : undefined;
      if (carried && sameSentences) {
        next.set(name, carried);
        continue;
      }
      const present = output[name.replace('past_key_values', 'present')]!;
      const source = carried ?? { data: present.data as Float32Array, dims: [...present.dims] };
      next.set(name, reorderRowsInPlace(source, parents, beams, this.scratch));
    }
    return next;
  }
}

/**
 * Runs a session for some of its outputs only. onnxruntime-node 1.14 returns the fetched tensors
 * in fetch order but labels them with the session's first output names, so they are re-keyed here
 * by position (which also holds once that is fixed).
 */
async function runFetching(session: InferenceSessionLike, feeds: Record<string, unknown>, fetches: readonly string[]): Promise<Record<string, TensorLike>> {
  const values = Object.values(await session.run(feeds, fetches));
  return Object.fromEntries(fetches.map((name, i) => [name, values[i]!]));
}

function tileRows<Data extends Float32Array | BigInt64Array>(tensor: RowTensor<Data>, times: number): RowTensor<Data> {
  if (times === 1) return tensor;
  return gatherRows(tensor, Array.from({ length: tensor.dims[0]! * times }, (_, r) => Math.floor(r / times)));
}
