/**
 * An optional probe for benchmarks: told how long each phase of decoding took. The decoder
 * measures nothing unless one is given, so the product path does no timing work.
 */
export type DecoderPhase =
  /** The encoder session, once per batch. */
  | 'encoder'
  /** Building the decoder's input tensors. */
  | 'feeds'
  /** The decoder session, once per step. */
  | 'decoderSession'
  /** The logits head session (mask, log-softmax, top-k over the vocabulary) and reading its output. */
  | 'logitsHead'
  /** Offering each row's candidates to its sentence's heap, and the logits rules. */
  | 'topK'
  /** The search strategy's choices, finished hypotheses, and the next step's rows. */
  | 'beamBookkeeping'
  /** Carrying the KV cache and encoder rows on to the next step's rows. */
  | 'kvReorder';

export interface DecoderTiming {
  phase(phase: DecoderPhase, ms: number): void;
  /** Called once per decoder step with the number of rows it ran. */
  step(rows: number): void;
}

/** Runs `work`, and tells `timing` how long it took when there is one. */
export function timed<T>(timing: DecoderTiming | undefined, phase: DecoderPhase, work: () => T): T {
  if (!timing) return work();
  const started = performance.now();
  const result = work();
  timing.phase(phase, performance.now() - started);
  return result;
}

export async function timedAsync<T>(timing: DecoderTiming | undefined, phase: DecoderPhase, work: () => Promise<T>): Promise<T> {
  if (!timing) return work();
  const started = performance.now();
  const result = await work();
  timing.phase(phase, performance.now() - started);
  return result;
}
