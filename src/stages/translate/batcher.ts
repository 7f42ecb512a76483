import { interruptedError } from '../../errors.ts';
import type { DecodingOptions, Translation, Translator } from '../../translation/engine.ts';

interface Pending {
  text: string;
  /** Target terms its translation must contain. */
  terms: readonly string[] | undefined;
  settle: (result: Translation | Error) => void;
}

/**
 * Pools the sentences of every article being translated and feeds the model full batches, one at
 * a time: short articles alone would make small batches, and two articles decoding at once would
 * only fight over the same cores. Each batch takes the shortest waiting sentences, so padding
 * stays small; results go back to their own callers in their own order. Once the run's signal
 * aborts, the batch being decoded stops at its next step and every waiting sentence is given up.
 */
export class TranslationBatcher {
  private readonly queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly translator: Translator,
    private readonly options: DecodingOptions,
    private readonly signal?: AbortSignal,
  ) {}

  /** `terms[i]`, when given, lists the target terms text `i`'s translation must contain. */
  translate(texts: readonly string[], terms: readonly (readonly string[] | undefined)[] = []): Promise<Translation[]> {
    const results = texts.map(
      (text, i) =>
        new Promise<Translation>((resolve, reject) => {
          this.queue.push({ text, terms: terms[i], settle: (result) => (result instanceof Error ? reject(result) : resolve(result)) });
        }),
    );
    if (!this.running) void this.drain();
    return Promise.all(results);
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        if (this.signal?.aborted) {
          for (const item of this.queue.splice(0)) item.settle(interruptedError());
          return;
        }
        // Let other articles that are about to ask join this batch.
        if (this.queue.length < this.options.batchSize) await new Promise((resolve) => setImmediate(resolve));
        this.queue.sort((a, b) => a.text.length - b.text.length);
        const batch = this.queue.splice(0, this.options.batchSize);
        try {
          const outputs = await this.translator.translate(
            batch.map((item) => item.text),
            { ...this.options, batchSize: batch.length, ...(this.signal ? { signal: this.signal } : {}) },
            batch.map((item) => item.terms),
          );
          batch.forEach((item, i) => item.settle(outputs[i]!));
        } catch (error) {
          for (const item of batch) item.settle(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } finally {
      this.running = false;
    }
  }
}
