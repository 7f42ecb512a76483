import { BeamSearch } from './beam-search.ts';
import { ConstrainedBeamSearch } from './constrained-beam-search.ts';
import { PhraseConstraints } from './phrase-constraints.ts';
import type { EarlyStopping } from './beam-hypotheses.ts';
import { GreedySearch } from './greedy.ts';
import { LogitsHead, type CreateSession, type HeadOutput } from './logits-head.ts';
import { isBanned, isForcedEos, type LogitsRules } from './logits.ts';
import { noHypothesis, type Continuation, type Row, type SearchStrategy } from './search-strategy.ts';
import { gatherRows, reorderRowsInPlace, RowScratch, type RowTensor } from './row-reorder.ts';
import { timed, timedAsync, type DecoderTiming } from './timing.ts';
import { TopK, type Candidate } from './top-k.ts';

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
  /** Fewest beams for a sentence with constraints, whatever `numBeams` is. */
  constraintBeams?: number;
  /** Stops decoding before the next step (its abort reason is thrown). */
  signal?: AbortSignal;
}

/** Per source, the token sequences its output must contain (none: decoded as if no source had any). */
export type SourceConstraints = readonly (readonly (readonly number[])[] | undefined)[];

export interface DecodedSequence {
  /** Generated token ids, without the start token; ends with EOS unless cut by the length limit. */
  tokens: number[];
  /** Mean log-probability per generated token. */
  meanLogProb: number;
  /** Whether the sequence reached `maxNewTokens` (its last token was then forced to EOS). */
  truncated: boolean;
  /** Indexes of the constraints no finished hypothesis met by the length limit (constrained sentences only). */
  unmetConstraints?: number[];
}

/** What one decoding step starts from; `advance` moves it on to the next step in place. */
interface DecoderBatch {
  rows: Row[];
  encoderStates: RowTensor;
  encoderMask: RowTensor<BigInt64Array>;
  past: Map<string, RowTensor> | null;
}

/**
 * Batched greedy and beam-search decoding over the encoder and merged-decoder ONNX sessions. The
 * encoder runs once per batch; every decoder step covers all live rows
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

  /**
   * Decodes each tokenised source (ids ending with EOS, unpadded); results in input order. A source
   * with `constraints` is decoded by constrained beam search with at least `constraintBeams` beams,
   * in the same decoder calls as the others, which keep their own strategy and row count.
   */
  async generate(sources: readonly (readonly number[])[], settings: DecodeSettings, constraints: SourceConstraints = []): Promise<DecodedSequence[]> {
    if (sources.length === 0) return [];
    const searchOf = this.strategies(sources.length, settings, constraints);
    const rules: LogitsRules = { ...this.rules, maxLength: settings.maxNewTokens + 1 };
    const batch = await this.start(sources, searchOf);
    const results: Array<DecodedSequence | undefined> = new Array(sources.length);
    const used = new Set(sources.map((_, group) => searchOf(group)));
    const k = Math.min(Math.max(...[...used].map((search) => this.candidatesFor(search))), this.layout.vocabSize);

    for (let generated = 1; batch.rows.length > 0; generated++) {
      settings.signal?.throwIfAborted();
      this.timing?.step(batch.rows.length);
      const output = await this.runDecoder(batch);
      const wanted = batch.rows.map((row) => (row.logProb === -Infinity || isForcedEos(row.history, rules) ? [] : (searchOf(row.group).wantedTokens?.(row) ?? [])));
      const scores = await timedAsync(this.timing, 'logitsHead', () => this.head.run(output.logits, k, wanted));
      const continuations = this.searchStep(searchOf, batch.rows, scores, wanted, rules, generated, results);
      if (continuations.length === 0) break;
      this.advance(batch, output, continuations, searchOf);
    }
    return results.map((r) => r ?? noHypothesis());
  }

  /** Each sentence's strategy: the run's greedy or beam search, or constrained beam search for a sentence with constraints. */
  private strategies(count: number, settings: DecodeSettings, constraints: SourceConstraints): (group: number) => SearchStrategy {
    const eos = this.layout.eosTokenId;
    const plain: SearchStrategy = settings.numBeams === 1 ? new GreedySearch(eos, settings.maxNewTokens) : new BeamSearch(count, settings, eos);
    const phrases = new Map<number, PhraseConstraints>();
    constraints.forEach((list, group) => {
      if (list && list.length > 0) phrases.set(group, new PhraseConstraints(list));
    });
    if (phrases.size === 0) return () => plain;
    const constrained = new ConstrainedBeamSearch(phrases, { ...settings, numBeams: Math.max(settings.numBeams, settings.constraintBeams ?? 1) }, eos);
    return (group) => (phrases.has(group) ? constrained : plain);
  }

  /** Candidates per row a strategy reads; each multi-token banned word can remove one. */
  private candidatesFor(search: SearchStrategy): number {
    return search.candidatesPerRow + this.rules.multiTokenBadWords.length;
  }

  /** Encodes the batch and gives every sentence its strategy's number of rows. */
  private async start(sources: readonly (readonly number[])[], searchOf: (group: number) => SearchStrategy): Promise<DecoderBatch> {
    const encoded = await timedAsync(this.timing, 'encoder', () => this.encode(sources));
    const groups = sources.flatMap((_, group) => Array.from({ length: searchOf(group).beams }, () => group));
    return {
      encoderStates: gatherRows(encoded.states, groups),
      encoderMask: gatherRows(encoded.mask, groups),
      // Beam search starts from one live beam per sentence; the others wait at -∞ (as in HF).
      rows: groups.map((group, r) => {
        const search = searchOf(group);
        return {
          group,
          history: [this.layout.decoderStartTokenId],
          logProb: r === 0 || groups[r - 1] !== group ? 0 : -Infinity,
          tokenLogProbs: [],
          ...(search instanceof ConstrainedBeamSearch ? { constraint: search.initialProgress(group) } : {}),
        };
      }),
      past: null,
    };
  }

  private async runDecoder(batch: DecoderBatch): Promise<Record<string, TensorLike>> {
    const feeds = timed(this.timing, 'feeds', () => this.decoderFeeds(batch));
    return timedAsync(this.timing, 'decoderSession', () =>
      batch.past === null ? this.decoder.run(feeds) : runFetching(this.decoder, feeds, this.laterStepOutputs),
    );
  }

  /** Offers each sentence's candidates to its strategy; records the sentences it finishes, returns the next step's rows. */
  private searchStep(
    searchOf: (group: number) => SearchStrategy,
    rows: readonly Row[],
    scores: HeadOutput,
    wanted: readonly (readonly number[])[],
    rules: LogitsRules,
    generated: number,
    results: Array<DecodedSequence | undefined>,
  ): Continuation[] {
    const continuations: Continuation[] = [];
    for (let start = 0; start < rows.length; ) {
      const search = searchOf(rows[start]!.group);
      const end = start + search.beams;
      const perRow = Math.min(this.candidatesFor(search), scores.k);
      const candidates = timed(this.timing, 'topK', () => {
        const heap = new TopK(2 * search.beams);
        for (let r = start; r < end; r++) this.offerCandidates(heap, r, rows[r]!, scores, rules, perRow);
        return heap;
      });
      const asked = search.wantedTokens ? this.wantedCandidates(start, end, rows, scores, wanted, rules) : [];
      const finished = timed(this.timing, 'beamBookkeeping', () => search.step(candidates, rows, start, generated, continuations, asked));
      if (finished) results[rows[start]!.group] = finished;
      start = end;
    }
    return continuations;
  }

  /** The candidates of the tokens rows asked for, and each live row's best token (as HF's constrained search adds both). */
  private wantedCandidates(start: number, end: number, rows: readonly Row[], scores: HeadOutput, wanted: readonly (readonly number[])[], rules: LogitsRules): Candidate[] {
    const candidates: Candidate[] = [];
    for (let r = start; r < end; r++) {
      const row = rows[r]!;
      if (row.logProb === -Infinity || isForcedEos(row.history, rules)) continue;
      const best = scores.topTokens[r * scores.k]!;
      if (!isBanned(row.history, best, rules)) candidates.push({ score: row.logProb + scores.topLogProbs[r * scores.k]!, row: r, token: best });
      wanted[r]!.forEach((token, i) => {
        const logProb = scores.wantedLogProbs[r * scores.wantedWidth + i]!;
        if (logProb > -Infinity && !isBanned(row.history, token, rules)) candidates.push({ score: row.logProb + logProb, row: r, token });
      });
    }
    return candidates;
  }

  /** Moves the batch to the continuations: their KV cache, encoder rows and histories. */
  private advance(batch: DecoderBatch, output: Record<string, TensorLike>, continuations: readonly Continuation[], searchOf: (group: number) => SearchStrategy): void {
    const rows = batch.rows;
    const parents = continuations.map((c) => c.parent);
    timed(this.timing, 'kvReorder', () => {
      const sameSentences = parents.length === rows.length && parents.every((p, i) => rows[p]!.group === rows[i]!.group);
      const groupSizes = groupSizesOf(parents, rows, searchOf);
      batch.past = this.carryCache(output, batch.past, parents, groupSizes, sameSentences);
      if (!sameSentences) {
        batch.encoderStates = gatherRows(batch.encoderStates, parents);
        batch.encoderMask = gatherRows(batch.encoderMask, parents);
      }
    });
    batch.rows = timed(this.timing, 'beamBookkeeping', () =>
      continuations.map(({ parent, token, tokenLogProb, constraint }) => {
        const row = rows[parent]!;
        const next: Row = { group: row.group, history: [...row.history, token], logProb: row.logProb + tokenLogProb, tokenLogProbs: [...row.tokenLogProbs, tokenLogProb] };
        if (constraint) next.constraint = constraint;
        return next;
      }),
    );
  }

  /** Offers a row's candidate continuations, scored as the row's log-probability plus the token's. */
  private offerCandidates(candidates: TopK, r: number, row: Row, scores: HeadOutput, rules: LogitsRules, perRow: number): void {
    if (row.logProb === -Infinity) return;
    if (isForcedEos(row.history, rules)) {
      // Every other token is masked, and the renormalised log-softmax gives EOS probability 1.
      candidates.offer(row.logProb, r, rules.forcedEosTokenId!);
      return;
    }
    for (let i = 0; i < perRow; i++) {
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
  private carryCache(output: Record<string, TensorLike>, past: Map<string, RowTensor> | null, parents: number[], groupSizes: readonly number[], sameSentences: boolean): Map<string, RowTensor> {
    const next = new Map<string, RowTensor>();
    for (const name of this.kvNames) {
      const carried = name.includes('.encoder.') ? past?.get(name) : undefined;
      if (carried && sameSentences) {
        next.set(name, carried);
        continue;
      }
      const present = output[name.replace('past_key_values', 'present')]!;
      const source = carried ?? { data: present.data as Float32Array, dims: [...present.dims] };
      next.set(name, reorderRowsInPlace(source, parents, groupSizes, this.scratch));
    }
    return next;
  }
}

/**
 * Runs a session for some of its outputs only. onnxruntime-node can return the fetched tensors in
 * fetch order but labelled with the session's first output names (1.14 always; the decoder tests
 * on 1.20 still meet it), so they are keyed by name when every name is there, by position otherwise.
 */
async function runFetching(session: InferenceSessionLike, feeds: Record<string, unknown>, fetches: readonly string[]): Promise<Record<string, TensorLike>> {
  const output = await session.run(feeds, fetches);
  if (fetches.every((name) => name in output)) return output;
  const values = Object.values(output);
  return Object.fromEntries(fetches.map((name, i) => [name, values[i]!]));
}

/** The row count of each sentence in the next step, in order: its strategy's beams. */
function groupSizesOf(parents: readonly number[], rows: readonly Row[], searchOf: (group: number) => SearchStrategy): number[] {
  const sizes: number[] = [];
  for (let i = 0; i < parents.length; ) {
    const size = searchOf(rows[parents[i]!]!.group).beams;
    sizes.push(size);
    i += size;
  }
  return sizes;
}
