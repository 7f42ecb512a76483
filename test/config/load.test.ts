import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText, WartaError } from '../../src/index.ts';
import { tempDir } from '../helpers/temp.ts';

function configError(yaml: string): WartaError {
  try {
    parseConfigText(yaml, 'pipeline.yaml');
  } catch (error) {
    if (error instanceof WartaError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfigText', () => {
  it('gives every key its default for an empty file', () => {
    const config = parseConfigText('', 'pipeline.yaml');
    expect(config.translate).toEqual({ batch_size: 16, beams: 1, max_length: 256, max_source_tokens: 256, constraint_beams: 4, protect: 'none' });
    expect(config.summarize.sentences).toBe(3);
    expect(config.model.id).toBe('Xenova/opus-mt-id-en');
  });

  it('names the key, the line and the allowed values of a wrong type', () => {
    const error = configError('input: in\ntranslate:\n  beams: six\n');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('pipeline.yaml:3: `translate.beams`: expected an integer from 1 to 16, got the text "six"');
  });

  it('rejects out-of-range values and fractions', () => {
    const error = configError('summarize:\n  sentences: 2.5\nconcurrency: 0\n');
    expect(error.message).toContain('pipeline.yaml:2: `summarize.sentences`: expected an integer from 1 to 50, got number 2.5');
    expect(error.message).toContain('pipeline.yaml:3: `concurrency`: expected an integer from 1 to 64, got number 0');
  });

  it('names unknown keys with their line and the allowed keys', () => {
    const error = configError('model:\n  quantised: true\n');
    expect(error.message).toContain('pipeline.yaml:2: unknown key `model.quantised`; allowed keys here: id, dir, engine, dtype, quantized, download, endpoint, revision');
  });

  it('reports YAML syntax errors with a line', () => {
    const error = configError('input: a\n  bad: indent\n');
    expect(error.message).toMatch(/not valid YAML:\n {2}pipeline\.yaml:\d+:/);
  });

  it('rejects a top level that is not a mapping', () => {
    expect(configError('- a\n- b\n').message).toContain('expected a mapping of keys');
  });

  it('rejects a section given a scalar', () => {
    expect(configError('translate: 3\n').message).toContain('`translate`: expected a mapping with keys batch_size, beams, max_length, max_source_tokens, glossary, constraint_beams, protect, got number 3');
  });
});

describe('loadConfig', () => {
  it('resolves paths relative to the config file, and flags relative to the working directory', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'conf'));
    writeFileSync(path.join(dir, 'conf', 'pipeline.yaml'), 'input: articles\ncache: ../cache\n');
    const config = loadConfig({ file: 'conf/pipeline.yaml', cwd: dir, overrides: { output: 'out' } });
    expect(config.input).toBe(path.join(dir, 'conf', 'articles'));
    expect(config.cache).toBe(path.join(dir, 'cache'));
    expect(config.output).toBe(path.join(dir, 'out'));
    expect(config.file).toBe(path.join(dir, 'conf', 'pipeline.yaml'));
  });

  it('lets flags override the file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'pipeline.yaml'), 'concurrency: 4\nmodel:\n  id: some/model\n');
    const config = loadConfig({ cwd: dir, overrides: { concurrency: 1, model: 'other/model', offline: true } });
    expect(config.concurrency).toBe(1);
    expect(config.model.id).toBe('other/model');
    expect(config.offline).toBe(true);
  });

  it('fails clearly for a missing --config file', () => {
    expect(() => loadConfig({ file: 'nope.yaml', cwd: tempDir() })).toThrow(/Config file not found: .*nope\.yaml/);
  });

  it('rejects a bad --concurrency value', () => {
    expect(() => loadConfig({ cwd: tempDir(), overrides: { concurrency: 0 } })).toThrow(/--concurrency: expected an integer from 1 to 64/);
  });

  it('checks a flag by the same schema as the file: an empty --model is refused, naming the flag', () => {
    const error = (() => {
      try {
        loadConfig({ cwd: tempDir(), overrides: { model: '  ' } });
      } catch (e) {
        return e as WartaError;
      }
      throw new Error('accepted');
    })();
    expect(error.code).toBe('USAGE');
    expect(error.message).toMatch(/^--model: expected a model id/);
  });

  it('resolves a relative model folder in the file against the file, and one given as a flag against the working directory', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'conf'));
    writeFileSync(path.join(dir, 'conf', 'pipeline.yaml'), 'model:\n  id: ./models/mine\n');
    expect(loadConfig({ file: 'conf/pipeline.yaml', cwd: dir }).model.id).toBe(path.join(dir, 'conf', 'models', 'mine'));
    expect(loadConfig({ file: 'conf/pipeline.yaml', cwd: dir, overrides: { model: './elsewhere' } }).model.id).toBe(path.join(dir, 'elsewhere'));
    writeFileSync(path.join(dir, 'conf', 'pipeline.yaml'), 'model:\n  id: Xenova/opus-mt-id-en\n');
    expect(loadConfig({ file: 'conf/pipeline.yaml', cwd: dir }).model.id).toBe('Xenova/opus-mt-id-en');
  });

  it('settles model.dtype, taking the deprecated model.quantized as its alias with a notice', () => {
    const dir = tempDir();
    const load = (yaml: string) => {
      writeFileSync(path.join(dir, 'pipeline.yaml'), yaml);
      return loadConfig({ cwd: dir });
    };
    expect(load('model:\n  engine: transformers-v2\n')).toMatchObject({ model: { dtype: 'q8', engine: 'transformers-v2' }, notices: [] });
    expect(load('model:\n  dtype: fp32\n').model.dtype).toBe('fp32');
    const aliased = load('model:\n  quantized: false\n');
    expect(aliased.model.dtype).toBe('fp32');
    expect(aliased.model).not.toHaveProperty('quantized');
    expect(aliased.notices.join('\n')).toMatch(/model\.quantized.*deprecated.*model\.dtype: fp32/);
    expect(() => load('model:\n  quantized: true\n  dtype: fp32\n')).toThrow(/contradicts/);
    expect(() => load('model:\n  engine: ctranslate2\n')).toThrow(/pipeline\.yaml:2: `model\.engine`: expected one of transformers-v2/);
  });
});
