import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.ts';
import { isWartaError } from '../../../src/errors.ts';
import { GlossaryMatcher, loadGlossary, type GlossaryEntry } from '../../../src/stages/translate/glossary.ts';
import { tempDir } from '../../helpers/temp.ts';

const dir = tempDir('warta-glossary-');
let written = 0;
function glossaryFile(name: string, text: string): string {
  const file = path.join(dir, `${written++}-${name}`);
  writeFileSync(file, text);
  return file;
}

const pairs = (entries: readonly GlossaryEntry[]) => entries.map(({ source, target, caseSensitive }) => [source, target, caseSensitive]);

function loadError(file: string): { message: string; code: string; file: string | undefined } {
  try {
    loadGlossary(file);
  } catch (error) {
    if (isWartaError(error)) return { message: error.message, code: error.code, file: error.file };
    throw error;
  }
  throw new Error('the glossary loaded');
}

describe('loading a glossary', () => {
  it('reads TSV lines, comments, the case column and protected terms', () => {
    const file = glossaryFile('terms.tsv', '# subjects\nKorea Utara\tNorth Korea\n\nKemenkeu\tMinistry of Finance\tcase\n  # indented comment\nprotect:\nRi Chang Dae\nSergei Naryshkin\tcase\n');
    expect(pairs(loadGlossary(file).entries)).toEqual([
      ['Korea Utara', 'North Korea', false],
      ['Kemenkeu', 'Ministry of Finance', true],
      ['Ri Chang Dae', 'Ri Chang Dae', false],
      ['Sergei Naryshkin', 'Sergei Naryshkin', true],
    ]);
    expect(loadGlossary(file).entries[1]!.line).toBe(4);
  });

  it('reads CSV with quoted fields, and YAML maps with protect lists', () => {
    const csv = glossaryFile('terms.csv', 'Badan Intelijen Negara,"State Intelligence Agency (BIN)"\n"Korea, Utara","North ""Korea"""\n');
    expect(pairs(loadGlossary(csv).entries)).toEqual([
      ['Badan Intelijen Negara', 'State Intelligence Agency (BIN)', false],
      ['Korea, Utara', 'North "Korea"', false],
    ]);
    const yaml = glossaryFile('terms.yaml', 'Korea Utara: North Korea\nKemenkeu:\n  target: Ministry of Finance\n  case: true\nprotect:\n  - Ri Chang Dae\n');
    expect(pairs(loadGlossary(yaml).entries)).toEqual([
      ['Korea Utara', 'North Korea', false],
      ['Kemenkeu', 'Ministry of Finance', true],
      ['Ri Chang Dae', 'Ri Chang Dae', false],
    ]);
  });

  it('normalises terms as sentences are, and hashes only what matches and replaces', () => {
    const a = glossaryFile('a.tsv', '# one\nKorea\u00a0Utara\tNorth Korea\n');
    const b = glossaryFile('b.tsv', 'Korea Utara\tNorth Korea\n');
    expect(loadGlossary(a).entries[0]!.source).toBe('Korea Utara');
    expect(loadGlossary(a).hash).toBe(loadGlossary(b).hash);
    expect(loadGlossary(glossaryFile('c.tsv', 'Korea Utara\tDPRK\n')).hash).not.toBe(loadGlossary(b).hash);
  });

  it.each([
    ['one.tsv', 'Korea Utara North Korea\n', 1, 'one column'],
    ['empty-target.tsv', '# x\nKorea Utara\t\n', 2, 'English term of "Korea Utara" is empty'],
    ['flag.tsv', 'Korea Utara\tNorth Korea\tyes\n', 1, 'third column may only be `case`'],
    ['columns.tsv', 'a\tb\tcase\td\n', 1, 'too many columns'],
    ['duplicate.tsv', 'Korea Utara\tNorth Korea\nkorea utara\tDPRK\n', 2, 'already in the glossary at line 1'],
    ['quote.csv', 'a,"b\n', 1, 'not closed'],
    ['list.yaml', '- a\n- b\n', 1, 'expected a map'],
    ['missing.yaml', 'Korea Utara: North Korea\nKemenkeu:\n', 2, 'is missing'],
    ['bad.yaml', 'a: [\n', 2, 'not valid YAML'],
  ])('refuses %s with its file and line', (name, text, line, problem) => {
    const file = glossaryFile(name, text);
    const error = loadError(file);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.file).toBe(file);
    expect(error.message).toContain(`${file}:${line}: `);
    expect(error.message).toContain(problem);
  });

  it('is found relative to the config file, or for --glossary to the working directory', () => {
    const project = path.join(dir, 'project');
    mkdirSync(path.join(project, 'conf'), { recursive: true });
    writeFileSync(path.join(project, 'conf', 'pipeline.yaml'), 'translate:\n  glossary: terms.tsv\n');
    expect(loadConfig({ cwd: project, file: 'conf/pipeline.yaml' }).translate.glossary).toBe(path.join(project, 'conf', 'terms.tsv'));
    expect(loadConfig({ cwd: project, file: 'conf/pipeline.yaml', overrides: { glossary: 'other.tsv' } }).translate.glossary).toBe(path.join(project, 'other.tsv'));
    expect(loadConfig({ cwd: project }).translate.glossary).toBeUndefined();
  });

  it('says a missing file is missing', () => {
    expect(loadError(path.join(dir, 'nope.tsv')).message).toContain('cannot be read');
  });
});

describe('matching glossary terms', () => {
  const entry = (source: string, target: string, caseSensitive = false): GlossaryEntry => ({ source, target, caseSensitive, line: 1 });
  const targets = (matcher: GlossaryMatcher, sentence: string) => matcher.match(sentence).map((e) => e.target);

  it('matches whole words, case-insensitively unless the entry says case', () => {
    const matcher = new GlossaryMatcher([entry('Korea Utara', 'North Korea'), entry('BIN', 'State Intelligence Agency (BIN)', true)]);
    expect(targets(matcher, 'Rudal KOREA UTARA jatuh.')).toEqual(['North Korea']);
    expect(targets(matcher, 'Rudal Korea Utaranya jatuh.')).toEqual([]);
    expect(targets(matcher, 'Kepala BIN dan Bintang.')).toEqual(['State Intelligence Agency (BIN)']);
    expect(targets(matcher, 'kepala bin datang.')).toEqual([]);
    expect(targets(matcher, 'SUBIN datang.')).toEqual([]);
  });

  it('lets the longest of overlapping terms win, then the earliest, and lists each entry once in sentence order', () => {
    const matcher = new GlossaryMatcher([entry('Badan Intelijen', 'Intelligence Agency'), entry('Badan Intelijen Negara', 'State Intelligence Agency (BIN)'), entry('Negara', 'State'), entry('Kemenkeu', 'Ministry of Finance')]);
    expect(targets(matcher, 'Kemenkeu dan Badan Intelijen Negara bertemu.')).toEqual(['Ministry of Finance', 'State Intelligence Agency (BIN)']);
    expect(targets(matcher, 'Badan Intelijen daerah dan Negara.')).toEqual(['Intelligence Agency', 'State']);
    expect(targets(matcher, 'Kemenkeu, lalu Kemenkeu lagi.')).toEqual(['Ministry of Finance']);
  });
});
