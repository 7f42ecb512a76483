import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateModel, verifyModel } from '../../../src/translation/model-files.ts';
import type { Translator } from '../../../src/translation/engine.ts';
import { loadTranslator } from '../../../src/translation/engines/transformers-v2/translator.ts';
import { TranslationBatcher } from '../../../src/stages/translate/batcher.ts';
import { COPY_MODEL } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';

async function copyTranslator(): Promise<Translator> {
  const cache = path.join(tempDir(), 'cache');
  const location = locateModel({ id: COPY_MODEL, dir: 'models', engine: 'transformers-v2', dtype: 'q8', download: false, endpoint: 'https://example.invalid', revision: 'main' });
  return loadTranslator(location, await verifyModel(location, cache), cache);
}

describe('TranslationBatcher', () => {
  it('pools concurrent callers into shared batches and gives each caller its own results, in order', async () => {
    const translator = await copyTranslator();
    const calls: number[] = [];
    const counting: Translator = { ...translator, translate: (texts, options) => (calls.push(texts.length), translator.translate(texts, options)) };
    const batcher = new TranslationBatcher(counting, { beams: 1, maxNewTokens: 128, batchSize: 8 });
    const articles = Array.from({ length: 5 }, (_, a) =>
      Array.from({ length: 1 + ((a * 3) % 5) }, (_, s) => `Artikel ${a} kalimat ${s}: harga naik ${'sekali '.repeat((a + s) % 4)}hari ini.`),
    );
    const results = await Promise.all(articles.map((texts) => batcher.translate(texts)));
    results.forEach((translated, a) => expect(translated.map((t) => t.text)).toEqual(articles[a]));
    const total = articles.flat().length;
    expect(calls.reduce((sum, n) => sum + n, 0)).toBe(total);
    // Pooled: fewer model calls than articles, and no call larger than the batch size.
    expect(calls.length).toBe(Math.ceil(total / 8));
    expect(Math.max(...calls)).toBeLessThanOrEqual(8);
  });

  it('rejects every waiting caller when the model fails, and keeps working afterwards', async () => {
    const translator = await copyTranslator();
    let fail = true;
    const flaky: Translator = {
      ...translator,
      translate: (texts, options) => (fail ? Promise.reject(new Error('model exploded')) : translator.translate(texts, options)),
    };
    const batcher = new TranslationBatcher(flaky, { beams: 1, maxNewTokens: 64, batchSize: 4 });
    await expect(Promise.all([batcher.translate(['Satu.']), batcher.translate(['Dua.'])])).rejects.toThrow('model exploded');
    fail = false;
    expect((await batcher.translate(['Tiga.']))[0]!.text).toBe('Tiga.');
  });

  it('once the run is interrupted, stops the batch being decoded at its next step and gives up every waiting sentence', async () => {
    const translator = await copyTranslator();
    const controller = new AbortController();
    const calls: number[] = [];
    // The first batch aborts the run as it starts: the real decoder must then stop inside it.
    const aborting: Translator = {
      ...translator,
      translate: (texts, options, constraints) => {
        calls.push(texts.length);
        controller.abort();
        return translator.translate(texts, options, constraints);
      },
    };
    const batcher = new TranslationBatcher(aborting, { beams: 1, maxNewTokens: 128, batchSize: 4 }, controller.signal);
    const texts = Array.from({ length: 40 }, (_, i) => `Kalimat nomor ${i} tentang harga beras di pasar kota.`);
    const outcome = await batcher.translate(texts).then(
      () => null,
      (error: { code?: string }) => error.code,
    );
    expect(outcome).toBe('INTERRUPTED');
    expect(calls).toEqual([4]);
    // A new run (a new signal) is not affected.
    const fresh = new TranslationBatcher(translator, { beams: 1, maxNewTokens: 64, batchSize: 4 }, new AbortController().signal);
    expect((await fresh.translate(['Tiga.']))[0]!.text).toBe('Tiga.');
  });

  it('the decoder itself stops at its next step once the signal aborts', async () => {
    const translator = await copyTranslator();
    const controller = new AbortController();
    controller.abort();
    const outcome = await translator.translate(['Harga beras naik.'], { beams: 4, maxNewTokens: 64, batchSize: 1, signal: controller.signal }).then(
      () => null,
      (error: { code?: string }) => error.code,
    );
    expect(outcome).toBe('INTERRUPTED');
  });
});
