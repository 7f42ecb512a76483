/**
 * The translation memory answers a sentence only for the translate stage version (and engine) that
 * produced it: after a change to decoding and a version bump, every sentence is decoded again.
 * Runs the whole pipeline on the fixture copy model; the "changed decoder" wraps the real
 * translator and marks what it returns, as a code change to decoding would change it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type ResolvedConfig, type TranslatedArticle } from '../../../src/index.ts';
import type { Pipeline } from '../../../src/pipeline/contract.ts';
import { runPipeline } from '../../../src/pipeline/runner.ts';
import { translateStage } from '../../../src/stages/translate/index.ts';
import { TranslationBatcher } from '../../../src/stages/translate/batcher.ts';
import { createTranslationResources, translationResource, type TranslationResources } from '../../../src/stages/translate/resources.ts';
import type { Translator } from '../../../src/translation/engine.ts';
import { WARTA } from '../../../src/warta.ts';
import { FIXTURE_COPY_MODEL } from '../../helpers/fixture-model.ts';
import { translationStats } from '../../helpers/run-report.ts';
import { tempDir } from '../../helpers/temp.ts';

const MARK = ' [decoded anew]';

function markingTranslator(real: Translator): Translator {
  return { ...real, translate: async (texts, options) => (await real.translate(texts, options)).map((t) => ({ ...t, text: t.text + MARK })) };
}

/** WARTA with a translate stage whose decoder output changed, at the given version. */
function withChangedDecoder(version: string): Pipeline {
  const changed = {
    ...translateStage,
    version,
    resources: {
      ...translationResource,
      create(config: ResolvedConfig, cache: Parameters<typeof createTranslationResources>[1]): TranslationResources {
        const real = createTranslationResources(config, cache);
        let translator: Promise<Translator> | undefined;
        const marked = () => (translator ??= real.translator().then(markingTranslator));
        return { ...real, translator: marked, batcher: async (options) => new TranslationBatcher(await marked(), options) };
      },
    },
  };
  return { ...WARTA, stages: WARTA.stages.map((stage) => (stage.name === 'translate' ? changed : stage)) };
}

function translations(config: ResolvedConfig): string[] {
  const document = JSON.parse(readFileSync(path.join(config.output, 'articles', 'harga.json'), 'utf8')) as { sentences: Array<{ translation: string }> };
  return document.sentences.map((s) => s.translation);
}

describe('the translation memory and the translate stage version', () => {
  it('re-decodes every sentence after the decoder changed and the version was bumped', async () => {
    const dir = tempDir('warta-memory-version-');
    mkdirSync(path.join(dir, 'input'));
    writeFileSync(path.join(dir, 'input', 'harga.txt'), 'Harga Beras Naik Lagi\n\nHarga beras medium naik menjadi Rp 14.500 per kilogram. Pedagang menyebut pasokan berkurang.\n');
    const config = loadConfig({ cwd: dir, overrides: { model: FIXTURE_COPY_MODEL } });

    const first = await runPipeline(config, WARTA);
    expect(first.fatal).toBeNull();
    const before = translations(config);
    expect(before.some((t) => t.endsWith(MARK))).toBe(false);

    const bumped = await runPipeline(config, withChangedDecoder(`${translateStage.version}+changed`));
    expect(bumped.stages.translate).toMatchObject({ ran: 1, cached: 0 });
    expect(translationStats(bumped)).toMatchObject({ memoryHits: 0, translated: before.length });
    const after = translations(config);
    expect(after).toEqual(before.map((t) => t + MARK));

    // The same version again: the stage cache answers.
    const again = await runPipeline(config, withChangedDecoder(`${translateStage.version}+changed`));
    expect(again.stages.translate).toMatchObject({ ran: 0, cached: 1 });
    expect(translations(config)).toEqual(after);
  });
});
