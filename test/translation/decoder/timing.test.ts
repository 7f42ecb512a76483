import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DecoderPhase, DecoderTiming } from '../../../src/translation/decoder/timing.ts';
import { locateModel, verifyModel } from '../../../src/translation/model-files.ts';
import { loadTranslator } from '../../../src/translation/engines/transformers-v2/translator.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const copyModelFolder = path.join(repo, 'test/fixtures/models/opus-mt-copy');
const workDir = mkdtempSync(path.join(tmpdir(), 'warta-timing-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

class RecordingProbe implements DecoderTiming {
  readonly phases = new Map<DecoderPhase, { calls: number; ms: number }>();
  readonly stepRows: number[] = [];
  phase(phase: DecoderPhase, ms: number): void {
    const seen = this.phases.get(phase) ?? { calls: 0, ms: 0 };
    this.phases.set(phase, { calls: seen.calls + 1, ms: seen.ms + ms });
  }
  step(rows: number): void {
    this.stepRows.push(rows);
  }
}

async function translator(timing?: DecoderTiming) {
  const location = locateModel({ id: copyModelFolder, dir: 'models', engine: 'transformers-v2', dtype: 'q8', download: false, endpoint: 'https://example.invalid', revision: 'main' });
  const cache = path.join(workDir, 'cache');
  return loadTranslator(location, await verifyModel(location, cache), cache, { timing });
}

describe('the decoder timing probe', () => {
  const sentences = ['Harga beras naik.', 'Rapat dimulai pukul 14.30 WIB di Jakarta.', 'Ya.'];

  it('is told every phase of every step, and changes no output', async () => {
    const probe = new RecordingProbe();
    const [timed, plain] = await Promise.all([translator(probe), translator()]);
    const options = { beams: 2, maxNewTokens: 64, batchSize: 3 };
    const withProbe = await timed.translate(sentences, options);
    expect(withProbe).toEqual(await plain.translate(sentences, options));

    const steps = probe.stepRows.length;
    expect(steps).toBeGreaterThan(5);
    // Two beams per live sentence, and sentences leave the batch as they finish.
    expect(probe.stepRows[0]).toBe(6);
    expect(probe.stepRows.at(-1)).toBeLessThan(6);
    expect(probe.phases.get('encoder')?.calls).toBe(1);
    for (const phase of ['feeds', 'decoderSession', 'logitsHead'] as const) expect(probe.phases.get(phase)?.calls).toBe(steps);
    // The last step finishes every sentence, so nothing is carried on from it.
    expect(probe.phases.get('kvReorder')?.calls).toBe(steps - 1);
    expect(probe.phases.get('topK')?.calls).toBeGreaterThanOrEqual(steps);
    for (const { ms } of probe.phases.values()) expect(ms).toBeGreaterThanOrEqual(0);
    await Promise.all([timed.dispose(), plain.dispose()]);
  });
});
