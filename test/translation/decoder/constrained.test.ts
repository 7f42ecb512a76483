import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Tensor } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecoderTiming } from '../../../src/translation/decoder/timing.ts';
import type { Translation, Translator } from '../../../src/translation/engine.ts';
import { loadTranslator } from '../../../src/translation/engines/transformers-v2/translator.ts';
import { locateModel, verifyModel } from '../../../src/translation/model-files.ts';
import { writeModelFolder } from '../../../tools/synthetic-model/model-folder.ts';
import { randomMarianFiles } from '../../../tools/synthetic-model/random-marian.ts';
import { decoderFor, loadThroughTransformers, type LoadedModel } from './load-model.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const copyModelFolder = path.join(repo, 'test/fixtures/models/opus-mt-copy');
const workDir = mkdtempSync(path.join(tmpdir(), 'warta-constrained-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const WITH_TERM = 'Pemerintah Korea Utara menembakkan rudal ke laut pada hari Senin pagi.';
const TWO_TERMS = 'Menteri dari Kemenkeu dan kepala BIN bertemu di kantor presiden pada hari Selasa malam untuk membahas anggaran negara tahun depan.';
const PLAIN = ['Harga beras naik menjadi Rp 14.500 per kilogram.', 'Rapat dimulai pukul 14.30 WIB di Jakarta.', 'Ya.'];

async function copyTranslator(timing?: DecoderTiming): Promise<Translator> {
  const location = locateModel({ id: copyModelFolder, dir: 'models', engine: 'transformers-v2', dtype: 'q8', download: false, endpoint: 'https://example.invalid', revision: 'main' });
  const cache = path.join(workDir, 'cache');
  return loadTranslator(location, await verifyModel(location, cache), cache, timing ? { timing } : {});
}

/**
 * The copy model reads source position p at output position p, so a phrase of n tokens put in at
 * position i replaces source tokens i to i + n - 1 and the copy goes on after them: these are the
 * outputs "the term, and the rest of the sentence copied" can be.
 */
function termPlacements(tokenizer: LoadedModel['tokenizer'], source: string, terms: readonly string[]): Set<string> {
  let outputs = [tokenizer.encode(source)];
  for (const term of terms) {
    const phrase = tokenizer.encode(term).slice(0, -1);
    outputs = outputs.flatMap((ids) => Array.from({ length: ids.length - phrase.length }, (_, i) => [...ids.slice(0, i), ...phrase, ...ids.slice(i + phrase.length)]));
  }
  return new Set(outputs.filter((ids) => terms.every((term) => tokenizer.decode(ids, { skip_special_tokens: true }).includes(term))).map((ids) => tokenizer.decode(ids, { skip_special_tokens: true }).trim()));
}

describe('glossary constraints with the copy model (the real loading path)', () => {
  let translator: Translator;
  let tokenizer: LoadedModel['tokenizer'];
  beforeAll(async () => {
    translator = await copyTranslator();
    tokenizer = (await loadThroughTransformers(copyModelFolder)).tokenizer;
  });
  afterAll(() => translator.dispose());

  it.each([1, 4])('puts the term in and copies the rest of the sentence, beams: %i', async (beams) => {
    const [result] = await translator.translate([WITH_TERM], { beams, maxNewTokens: 64, batchSize: 4 }, [['North Korea']]);
    expect(result!.text).toContain('North Korea');
    expect(termPlacements(tokenizer, WITH_TERM, ['North Korea'])).toContain(result!.text);
    expect(result!.unmetConstraints).toBeUndefined();
    expect(result!.truncated).toBe(false);
    // Forcing tokens the model does not want costs log-probability.
    expect(result!.score).toBeLessThan(-1);
  });

  it('puts several terms into one sentence, and copies the rest at its own positions', async () => {
    const terms = ['MoF', 'SIA'];
    const [result] = await translator.translate([TWO_TERMS], { beams: 1, maxNewTokens: 128, batchSize: 4 }, [terms]);
    expect(result!.unmetConstraints).toBeUndefined();
    for (const term of terms) expect(result!.text).toContain(term);

    const copy = await loadThroughTransformers(copyModelFolder);
    const source = copy.tokenizer.encode(TWO_TERMS);
    const phrases = terms.map((term) => copy.tokenizer.encode(term).slice(0, -1));
    const [decoded] = await (await decoderFor(copy)).generate([source], { numBeams: 1, maxNewTokens: 128, lengthPenalty: 1, earlyStopping: false, constraintBeams: 4 }, [phrases]);
    for (const phrase of phrases) expect(occurrences(decoded!.tokens, phrase)).toBe(1);
    // Same length, EOS where the source has it; besides the phrases' own tokens, at most one
    // abandoned start of a phrase each (a hypothesis may begin a phrase, then leave it, as in HF).
    expect(decoded!.tokens).toHaveLength(source.length);
    const changed = source.filter((token, i) => decoded!.tokens[i] !== token).length;
    expect(changed).toBeLessThanOrEqual(phrases.reduce((sum, phrase) => sum + phrase.length + 1, 0));
  });

  it.each([1, 4])('leaves the sentences without terms token-for-token as a run without constraints, in the same batches, beams: %i', async (beams) => {
    const texts = [...PLAIN, WITH_TERM, PLAIN[0]!];
    const options = { beams, maxNewTokens: 64, batchSize: 5 };
    const without = await translator.translate(texts, options);
    const withTerms = await translator.translate(texts, options, [undefined, undefined, undefined, ['North Korea'], undefined]);
    for (const i of [0, 1, 2, 4]) expect(withTerms[i]).toEqual(without[i]);
    expect(withTerms[3]!.text).toContain('North Korea');
  });

  it('runs constrained sentences with constraint_beams rows and the others with their own, in the same decoder calls', async () => {
    const rowsPerStep: number[] = [];
    const probed = await copyTranslator({ phase: () => {}, step: (rows) => rowsPerStep.push(rows) });
    try {
      await probed.translate([...PLAIN, WITH_TERM], { beams: 1, maxNewTokens: 64, batchSize: 4, constraintBeams: 3 }, [undefined, undefined, undefined, ['North Korea']]);
    } finally {
      await probed.dispose();
    }
    // Three greedy rows and three beams, in one call per step; the greedy rows leave as they finish.
    expect(rowsPerStep[0]).toBe(3 + 3);
    expect(rowsPerStep.at(-1)).toBe(3);
  });

  it('flags a term that cannot fit within max_length and keeps the unconstrained translation, not a truncated one', async () => {
    const options = { beams: 1, maxNewTokens: 6, batchSize: 4 };
    const [unconstrained] = await translator.translate(['Ya.'], options);
    const [tooLong] = await translator.translate(['Ya.'], options, [['State Intelligence Agency']]);
    expect(tooLong).toEqual({ ...unconstrained!, unmetConstraints: [0] } satisfies Translation);
    // The same term fits a longer limit: the copy model's output then ends with it.
    const [fits] = await translator.translate(['Ya.'], { ...options, maxNewTokens: 32 }, [['State Intelligence Agency']]);
    expect(fits).toMatchObject({ text: 'Ya. State Intelligence Agency', truncated: false });
  });
});

describe('constrained decoding on a random-weight Marian (tiny preset)', () => {
  let loaded: LoadedModel;
  beforeAll(async () => {
    const folder = path.join(workDir, 'models', 'random-tiny');
    writeModelFolder(folder, randomMarianFiles({ preset: 'tiny' }));
    loaded = await loadThroughTransformers(folder);
  });

  it('emits the phrase exactly once, and its score is the log-probability of the constrained path', async () => {
    const source = loaded.tokenizer.encode('Pemerintah akan membangun jalan baru di kota itu.');
    const settings = { numBeams: 1, maxNewTokens: 24, lengthPenalty: 1, earlyStopping: false, constraintBeams: 4 };
    // Random weights never choose the real EOS; the token this model repeats stands in for it, so hypotheses can end.
    const [looping] = await (await decoderFor(loaded)).generate([source], settings);
    const eos = looping!.tokens[0]!;
    const decoder = await decoderFor(loaded, { eosTokenId: eos });
    const [free] = await decoder.generate([source], settings);
    const phrase = unusedTokens(free!.tokens, loaded, 3);
    const [constrained, alongside] = await decoder.generate([source, source], settings, [[phrase]]);

    expect(alongside).toEqual(free);
    expect(constrained!.unmetConstraints).toBeUndefined();
    expect(occurrences(constrained!.tokens, phrase)).toBe(1);
    expect(constrained!.tokens.at(-1)).toBe(eos);
    expect(constrained!.tokens.filter((token) => token === eos)).toHaveLength(1);
    const forced = await teacherForcedLogProbs(loaded, source, constrained!.tokens);
    expect(constrained!.meanLogProb).toBeCloseTo(forced.reduce((a, b) => a + b, 0) / forced.length, 3);
    expect(constrained!.meanLogProb).toBeLessThan(free!.meanLogProb);
  });
});

/** `count` token ids the free output does not use (nor the special tokens), to force in. */
function unusedTokens(used: readonly number[], { model }: LoadedModel, count: number): number[] {
  const special = new Set([model.config.eos_token_id, model.config.pad_token_id, model.config.decoder_start_token_id] as number[]);
  const tokens: number[] = [];
  for (let id = 100; tokens.length < count; id += 37) if (!used.includes(id) && !special.has(id)) tokens.push(id);
  return tokens;
}

function occurrences(tokens: readonly number[], phrase: readonly number[]): number {
  let count = 0;
  for (let i = 0; i + phrase.length <= tokens.length; i++) if (phrase.every((token, j) => tokens[i + j] === token)) count++;
  return count;
}

/** Per output token, its log-probability under the model given the source and the tokens before it (transformers.js's own forward pass). */
async function teacherForcedLogProbs({ model }: LoadedModel, source: readonly number[], output: readonly number[]): Promise<number[]> {
  const start = model.config.decoder_start_token_id as number;
  const ids = (values: readonly number[]) => new Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
  const forward = model as unknown as (inputs: Record<string, unknown>) => Promise<{ logits: { data: Float32Array; dims: number[] } }>;
  const callable = (forward as unknown as { forward?: typeof forward }).forward?.bind(model) ?? forward;
  const { logits } = await callable({ input_ids: ids(source), attention_mask: ids(source.map(() => 1)), decoder_input_ids: ids([start, ...output.slice(0, -1)]) });
  const vocab = logits.dims.at(-1)!;
  const banned = new Set((model.config.bad_words_ids as number[][]).filter((w) => w.length === 1).map((w) => w[0]!));
  return output.map((token, position) => {
    const row = Array.from(logits.data.subarray(position * vocab, (position + 1) * vocab)).map((value, id) => (banned.has(id) ? -Infinity : value));
    const max = Math.max(...row);
    const logSum = max + Math.log(row.reduce((sum, value) => sum + Math.exp(value - max), 0));
    return row[token]! - logSum;
  });
}
