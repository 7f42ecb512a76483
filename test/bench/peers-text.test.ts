import { describe, expect, it } from 'vitest';
import { type ConfigurationComparison, type EngineFigures, peersText, type PeerSummary } from '../../bench/peers.ts';

const engine = (tokensPerSecond: number, peakRssMb: number): EngineFigures => ({
  medianMs: 1000,
  sentencesPerSecond: tokensPerSecond / 32,
  tokensPerSecond,
  peakRssMb,
  loadMs: 100,
});

const comparison = (beams: number, batchSize: number, warta: EngineFigures, ctranslate2: EngineFigures, ratios: [number, number]): ConfigurationComparison => ({
  precision: 'int8',
  beams,
  batchSize,
  sentences: beams === 1 ? 200 : 64,
  warta,
  ctranslate2,
  throughputRatio: ratios[0],
  rssRatio: ratios[1],
});

describe("the README's peer section", () => {
  it('has one row per configuration, with both engines, the ratios and the fp32 identity share', () => {
    const summary: PeerSummary = {
      available: true,
      date: '2026-12-01T17:00:00.000Z',
      quick: false,
      version: '4.8.1',
      threads: { intra: 2, inter: 1 },
      build: 'built by hand',
      wartaRuntime: 'onnxruntime-node 1.14.0',
      repetitions: 3,
      newTokensPerSentence: 32,
      configurations: {
        'greedy-b16': comparison(1, 16, engine(373.6, 657), engine(480.5, 201), [0.78, 3.27]),
        'beam4-b16': comparison(4, 16, engine(115.6, 838), engine(398.6, 325), [0.29, 2.58]),
      },
      fp32Identity: { identical: 63, total: 64, share: 0.9844 },
    };
    const lines = peersText(summary).split('\n');
    expect(lines).toContain('| greedy-b16 | 200 | 373.6 | 480.5 | **0.78** | 657 | 201 | **3.27** |');
    expect(lines).toContain('| beam4-b16 | 64 | 115.6 | 398.6 | **0.29** | 838 | 325 | **2.58** |');
    expect(lines[0]).toContain('CTranslate2 4.8.1, 2 intra-op threads');
    expect(lines[0]).toContain('build: built by hand');
    expect(lines[0]).not.toContain('quick mode');
    expect(lines.at(-1)).toBe('fp32 greedy outputs identical token for token: 63/64 (98.4%).');
  });
});
