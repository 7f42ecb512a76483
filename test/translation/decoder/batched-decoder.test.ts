import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Tensor } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateModel, verifyModel } from '../../../src/translation/model-files.ts';
import type { Translator } from '../../../src/translation/engine.ts';
import { loadTranslator } from '../../../src/translation/engines/transformers-v2/translator.ts';
import { writeModelFolder } from '../../../tools/synthetic-model/model-folder.ts';
import { randomMarianFiles } from '../../../tools/synthetic-model/random-marian.ts';
import { decoderFor, loadThroughTransformers, type LoadedModel } from './load-model.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const copyModelFolder = path.join(repo, 'test/fixtures/models/opus-mt-copy');
const workDir = mkdtempSync(path.join(tmpdir(), 'warta-decoder-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const SENTENCES = [
  'Harga beras naik menjadi Rp 14.500 per kilogram.',
  'Rapat dimulai pukul 14.30 WIB di Jakarta.',
  'Ya.',
  'Pemerintah akan membangun jalan baru di kota itu pada tahun depan, kata menteri kepada wartawan di kantor presiden.',
  '"Kami siap membantu," kata Dr. Budi (28/3/2024).',
  'Harga beras naik menjadi Rp 14.500 per kilogram.',
  'Sebanyak 1.450 warga mengungsi; 12 perahu dikerahkan - tidak ada korban.',
];

async function copyTranslator(): Promise<Translator> {
  const location = locateModel({ id: copyModelFolder, dir: 'models', engine: 'transformers-v2', dtype: 'q8', download: false, endpoint: 'https://example.invalid', revision: 'main' });
  return loadTranslator(location, await verifyModel(location, path.join(workDir, 'cache')), path.join(workDir, 'cache'));
}

describe('the translator with the copy model (the real loading path)', () => {
  let translator: Translator;
  beforeAll(async () => {
    translator = await copyTranslator();
  });

  it.each([
    { beams: 1, batchSize: 1 },
    { beams: 1, batchSize: 3 },
    { beams: 1, batchSize: 16 },
    { beams: 4, batchSize: 3 },
  ])('gives every sentence its own translation: %o', async ({ beams, batchSize }) => {
    const shuffled = [...SENTENCES].reverse().concat(SENTENCES.slice(2, 5));
    const results = await translator.translate(shuffled, { beams, maxNewTokens: 256, batchSize });
    expect(results.map((r) => r.text)).toEqual(shuffled);
    for (const r of results) {
      expect(r.truncated).toBe(false);
      expect(r.score).toBeLessThanOrEqual(0);
      expect(r.score).toBeGreaterThan(-1e-3);
    }
  });

  it('marks output cut by the token limit as truncated, and keeps the rest aligned', async () => {
    const results = await translator.translate([SENTENCES[3]!, 'Ya.'], { beams: 1, maxNewTokens: 8, batchSize: 2 });
    expect(results[0]!.truncated).toBe(true);
    expect(SENTENCES[3]!.startsWith(results[0]!.text)).toBe(true);
    expect(results[1]).toMatchObject({ text: 'Ya.', truncated: false });
  });

  it('counts tokens as the encoder sees them', () => {
    expect(translator.countTokens('Ya.')).toBeGreaterThanOrEqual(2);
    expect(translator.countTokens(SENTENCES[3]!)).toBeGreaterThan(translator.countTokens('Ya.'));
  });
});

async function stockGreedy({ model }: LoadedModel, ids: number[], maxNewTokens: number): Promise<number[]> {
  const output = await model.generate(new Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]), { num_beams: 1, max_new_tokens: maxNewTokens });
  return Array.from(output[0] as ArrayLike<bigint | number>, Number).slice(1);
}

describe.each([
  ['the copy model', () => copyModelFolder],
  [
    'a random-weight Marian (tiny preset)',
    () => {
      const folder = path.join(workDir, 'models', 'random-tiny');
      writeModelFolder(folder, randomMarianFiles({ preset: 'tiny' }));
      return folder;
    },
  ],
])('greedy decoding on %s', (_, prepare) => {
  let loaded: LoadedModel;
  let sources: number[][];
  beforeAll(async () => {
    const folder = prepare();
    loaded = await loadThroughTransformers(folder);
    sources = SENTENCES.map((s) => Array.from(loaded.tokenizer.encode(s)));
  });

  it("is token-for-token identical to transformers.js's own generate, in one padded batch", async () => {
    // Without forced EOS, which the stock v2 generate leaves unimplemented.
    const decoder = await decoderFor(loaded, { forcedEosTokenId: null });
    const ours = await decoder.generate(sources, { numBeams: 1, maxNewTokens: 24, lengthPenalty: 1, earlyStopping: false });
    for (const [i, ids] of sources.entries()) {
      expect(ours[i]!.tokens, SENTENCES[i]).toEqual(await stockGreedy(loaded, ids, 24));
    }
  });

  it('forces EOS at the last position when the config asks for it, as Hugging Face does', async () => {
    const decoder = await decoderFor(loaded, { forcedEosTokenId: loaded.model.config.eos_token_id as number });
    const [long] = await decoder.generate([sources[3]!], { numBeams: 1, maxNewTokens: 6, lengthPenalty: 1, earlyStopping: false });
    expect(long!.tokens).toHaveLength(6);
    expect(long!.tokens.at(-1)).toBe(loaded.model.config.eos_token_id);
    expect(long!.truncated).toBe(true);
    expect(long!.tokens.slice(0, 5)).toEqual((await stockGreedy(loaded, sources[3]!, 5)));
  });

  it('gives each sentence the same beam-search result in a batch as alone', async () => {
    const decoder = await decoderFor(loaded);
    const settings = { numBeams: 3, maxNewTokens: 16, lengthPenalty: 1, earlyStopping: false } as const;
    const batched = await decoder.generate(sources, settings);
    for (const [i, ids] of sources.entries()) {
      const [alone] = await decoder.generate([ids], settings);
      expect(batched[i]!.tokens, SENTENCES[i]).toEqual(alone!.tokens);
      expect(batched[i]!.meanLogProb).toBeCloseTo(alone!.meanLogProb, 4);
    }
  });

  it('never emits the banned pad token', async () => {
    const decoder = await decoderFor(loaded);
    const pad = loaded.model.config.pad_token_id as number;
    for (const beams of [1, 3]) {
      const out = await decoder.generate(sources, { numBeams: beams, maxNewTokens: 16, lengthPenalty: 1, earlyStopping: false });
      for (const sequence of out) expect(sequence.tokens).not.toContain(pad);
    }
  });
});
