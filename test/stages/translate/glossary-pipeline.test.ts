import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, runWarta } from '../../../src/index.ts';
import { translateStage } from '../../../src/stages/translate/index.ts';
import { recognitionVersion } from '../../../src/text/entities/index.ts';
import { COPY_MODEL, warta } from '../../helpers/cli.ts';
import { translationStats } from '../../helpers/run-report.ts';
import { tempDir } from '../../helpers/temp.ts';

interface JsonSentence {
  source: string;
  translation: string;
  score?: number;
  flags: string[];
  glossary?: Array<{ source: string; target: string; missing?: true }>;
}

const ARTICLES: Record<string, string> = {
  'rudal.txt': [
    'Rudal Baru',
    '',
    'Pemerintah Korea Utara menembakkan rudal ke laut pada hari Senin pagi.',
    '',
    'Harga beras naik menjadi Rp 14.500 per kilogram di pasar kota.',
    '',
    'Kepala Badan Intelijen Negara bertemu menteri di kantor presiden pada hari Selasa malam untuk membahas anggaran.',
    '',
    'Warga kota itu tetap tenang dan sekolah dibuka seperti biasa.',
  ].join('\n'),
  'pasar.txt': ['Pasar Kota', '', 'Pedagang di pasar kota mengeluhkan harga cabai yang naik pada pekan lalu.', '', 'Rapat dimulai pukul 14.30 WIB di Jakarta.'].join('\n'),
};

const GLOSSARY = 'Korea Utara\tNorth Korea\nBadan Intelijen\tAgency\nBadan Intelijen Negara\tSIA\n';

function project(name: string, glossary: string | null, translate = ''): string {
  const dir = path.join(tempDir(`warta-glossary-${name}-`), 'project');
  mkdirSync(path.join(dir, 'input'), { recursive: true });
  for (const [file, text] of Object.entries(ARTICLES)) writeFileSync(path.join(dir, 'input', file), `${text}\n`);
  if (glossary !== null) writeFileSync(path.join(dir, 'glossary.tsv'), glossary);
  writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\ntranslate:\n${glossary === null ? '' : '  glossary: glossary.tsv\n'}${translate}  max_length: 128\n`);
  return dir;
}

function sentences(dir: string, article: string): JsonSentence[] {
  return (JSON.parse(readFileSync(path.join(dir, 'output/articles', `${article}.json`), 'utf8')) as { sentences: JsonSentence[] }).sentences;
}

const bySource = (list: JsonSentence[], start: string) => list.find((s) => s.source.startsWith(start))!;

describe('a glossary through the pipeline, with the copy model', () => {
  it('puts the terms into the sentences that hold them, leaves the others as a run without it, and records what applied', async () => {
    const plain = project('plain', null);
    const glossed = project('glossed', GLOSSARY);
    expect((await runWarta(loadConfig({ cwd: plain }))).failures).toEqual([]);
    const report = await runWarta(loadConfig({ cwd: glossed }));
    expect(report.failures).toEqual([]);

    const withTerms = sentences(glossed, 'rudal');
    const korea = bySource(withTerms, 'Pemerintah Korea Utara');
    expect(korea.translation).toContain('North Korea');
    expect(korea.glossary).toEqual([{ source: 'Korea Utara', target: 'North Korea' }]);
    expect(korea.flags).not.toContain('glossary');
    // The longest of the overlapping terms applies, and only it.
    const agency = bySource(withTerms, 'Kepala Badan Intelijen Negara');
    expect(agency.glossary).toEqual([{ source: 'Badan Intelijen Negara', target: 'SIA' }]);
    expect(agency.translation).toContain('SIA');

    const without = [...sentences(plain, 'rudal'), ...sentences(plain, 'pasar')];
    for (const sentence of [...withTerms, ...sentences(glossed, 'pasar')]) {
      if (sentence.glossary) continue;
      const same = without.find((s) => s.source === sentence.source)!;
      expect({ translation: sentence.translation, score: sentence.score, flags: sentence.flags }).toEqual({ translation: same.translation, score: same.score, flags: same.flags });
    }
    expect(translationStats(report)).toMatchObject({ translatedWithTerms: 2, termsMissing: 0 });
    // The report names a sentence's terms beside its translation.
    const html = readFileSync(path.join(glossed, 'output/index.html'), 'utf8');
    expect(html).toContain('title="Glossary: Korea Utara → North Korea">glossary: North Korea</span>');
    expect(readFileSync(path.join(plain, 'output/index.html'), 'utf8')).not.toContain('glossary-terms');
  }, 120_000);

  it('re-translates only the sentences holding a newly added term (run.json counts them)', async () => {
    const dir = project('added', GLOSSARY);
    const first = await runWarta(loadConfig({ cwd: dir }));
    const total = translationStats(first).translated;
    writeFileSync(path.join(dir, 'glossary.tsv'), `${GLOSSARY}pasar kota\tcity market\n`);
    const second = await runWarta(loadConfig({ cwd: dir }));
    const holding = [...sentences(dir, 'rudal'), ...sentences(dir, 'pasar')].filter((s) => s.glossary?.some((t) => t.target === 'city market'));
    // Two body sentences and the title "Pasar Kota".
    expect(holding).toHaveLength(3);
    expect(translationStats(second)).toMatchObject({ translated: holding.length, memoryHits: total - holding.length, translatedWithTerms: holding.length });
    const runJson = JSON.parse(readFileSync(path.join(dir, 'output/run.json'), 'utf8')) as { stages: Record<string, { statistics: Record<string, number> }> };
    expect(runJson.stages.translate!.statistics).toMatchObject({ translated: 3, translatedWithTerms: 3 });
    for (const sentence of holding) expect(sentence.translation).toContain('city market');
  }, 120_000);

  it('flags a term that cannot fit within max_length and keeps the unconstrained translation', async () => {
    const dir = project('short', "Korea Utara\tDemocratic People's Republic of Korea\n");
    writeFileSync(path.join(dir, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\ntranslate:\n  glossary: glossary.tsv\n  max_length: 24\n`);
    const plain = project('short-plain', null);
    writeFileSync(path.join(plain, 'pipeline.yaml'), `model:\n  id: ${COPY_MODEL}\ntranslate:\n  max_length: 24\n`);
    const report = await runWarta(loadConfig({ cwd: dir }));
    await runWarta(loadConfig({ cwd: plain }));
    const flagged = bySource(sentences(dir, 'rudal'), 'Pemerintah Korea Utara');
    expect(flagged.flags).toContain('glossary');
    expect(flagged.glossary).toEqual([{ source: 'Korea Utara', target: "Democratic People's Republic of Korea", missing: true }]);
    expect(flagged.translation).toBe(bySource(sentences(plain, 'rudal'), 'Pemerintah Korea Utara').translation);
    expect(translationStats(report)).toMatchObject({ translatedWithTerms: 1, termsMissing: 1 });
  }, 120_000);

  it('keeps protected names verbatim with protect: names', async () => {
    const dir = project('names', 'protect:\nSergei Naryshkin\n', '  protect: names\n');
    writeFileSync(path.join(dir, 'input', 'tamu.txt'), 'Tamu\n\nMenurut Ri Chang Dae, Sergei Naryshkin tiba di Jakarta pada hari Senin.\n');
    expect((await runWarta(loadConfig({ cwd: dir }))).failures).toEqual([]);
    const sentence = bySource(sentences(dir, 'tamu'), 'Menurut');
    expect(sentence.glossary).toEqual([
      { source: 'Sergei Naryshkin', target: 'Sergei Naryshkin' },
      { source: 'Ri Chang Dae', target: 'Ri Chang Dae' },
    ]);
    expect(sentence.translation).toContain('Ri Chang Dae');
    expect(sentence.translation).toContain('Sergei Naryshkin');
  }, 120_000);

  it('keys the stage by the name recognition only with protect: names, so a new tagger re-runs it then and only then', () => {
    const protecting = translateStage.options(loadConfig({ cwd: project('names-key', null, '  protect: names\n') }));
    const plain = translateStage.options(loadConfig({ cwd: project('plain-key', null) }));
    expect(protecting.names).toBe(recognitionVersion());
    expect(recognitionVersion()).toMatch(/^\w+\+[0-9a-f]{16}$/);
    expect('names' in plain).toBe(false);
  });
});

describe('the glossary on the command line', () => {
  it('takes --glossary, and refuses a bad line with its file and line (exit 2)', async () => {
    const dir = project('cli', null);
    writeFileSync(path.join(dir, 'terms.tsv'), 'Korea Utara\tNorth Korea\n');
    const ok = await warta(['run', '--glossary', 'terms.tsv'], dir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(bySource(sentences(dir, 'rudal'), 'Pemerintah').glossary).toEqual([{ source: 'Korea Utara', target: 'North Korea' }]);

    writeFileSync(path.join(dir, 'bad.tsv'), '# terms\nKorea Utara North Korea\n');
    const bad = await warta(['run', '--glossary', 'bad.tsv'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${path.join(dir, 'bad.tsv')}:2: expected \`Indonesian term<TAB>English term\``);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
