/** Config values checked for what they are, and hostile YAML refused as a config error, never an internal one. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/config/load.ts';
import { WartaError } from '../../src/errors.ts';
import { tempDir } from '../helpers/temp.ts';

function failure(load: () => unknown): WartaError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(WartaError);
    return error as WartaError;
  }
  throw new Error('accepted');
}

const fromFile = (yaml: string | Buffer) => {
  const dir = tempDir('warta-hostile-config-');
  writeFileSync(path.join(dir, 'pipeline.yaml'), yaml);
  return () => loadConfig({ cwd: dir });
};

describe('config values are checked for what they are', () => {
  it('model.endpoint: only an http or https URL', () => {
    for (const endpoint of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://mirror.example/models']) {
      const error = failure(() => parseConfigText(`model:\n  endpoint: "${endpoint}"\n`, 'pipeline.yaml'));
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toContain(`pipeline.yaml:2: \`model.endpoint\`: expected an http or https URL, got the text "${endpoint}"`);
    }
    expect(parseConfigText('model:\n  endpoint: http://127.0.0.1:8080\n', 'pipeline.yaml').model.endpoint).toBe('http://127.0.0.1:8080');
  });

  it('paths: no NUL character', () => {
    for (const key of ['input', 'output', 'cache']) {
      const error = failure(() => parseConfigText(`${key}: "in\\0put"\n`, 'pipeline.yaml'));
      expect(error.message).toContain(`pipeline.yaml:1: \`${key}\`: expected a folder path, got the text "in\\u0000put"`);
    }
    expect(failure(() => parseConfigText('model:\n  dir: "m\\0"\n', 'pipeline.yaml')).code).toBe('CONFIG_INVALID');
  });

  it('output and cache: not an existing file, in the file (config error) or as a flag (usage error)', () => {
    const dir = tempDir('warta-hostile-config-');
    writeFileSync(path.join(dir, 'taken'), 'a file');
    writeFileSync(path.join(dir, 'pipeline.yaml'), 'output: taken\n');
    const inFile = failure(() => loadConfig({ cwd: dir }));
    expect(inFile.code).toBe('CONFIG_INVALID');
    expect(inFile.message).toBe(`${path.join(dir, 'pipeline.yaml')}: \`output\`: ${path.join(dir, 'taken')} is a file, not a folder.`);
    const asFlag = failure(() => loadConfig({ cwd: dir, overrides: { output: 'out', cache: 'taken' } }));
    expect(asFlag.code).toBe('USAGE');
    expect(asFlag.message).toBe(`--cache: ${path.join(dir, 'taken')} is a file, not a folder.`);
    mkdirSync(path.join(dir, 'folder'));
    expect(loadConfig({ cwd: dir, overrides: { output: 'folder' } }).output).toBe(path.join(dir, 'folder'));
  });

  it('an empty --output is refused, not ignored; --concurrency says what was given', () => {
    const dir = tempDir('warta-hostile-config-');
    expect(failure(() => loadConfig({ cwd: dir, overrides: { output: '' } })).message).toBe('--output: expected a folder path, got the text ""');
    expect(failure(() => loadConfig({ cwd: dir, overrides: { concurrency: 'abc' } })).message).toBe('--concurrency: expected an integer from 1 to 64, got the text "abc"');
    expect(failure(() => loadConfig({ cwd: dir, overrides: { concurrency: '2.5' } })).message).toBe('--concurrency: expected an integer from 1 to 64, got the text "2.5"');
    expect(loadConfig({ cwd: dir, overrides: { concurrency: '7' } }).concurrency).toBe(7);
  });
});

describe('hostile YAML is a config error', () => {
  it('an alias bomb is refused before it expands', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(',')}]`);
    const started = performance.now();
    const error = failure(fromFile(`${levels.join('\n')}\n`));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/pipeline\.yaml: its YAML aliases expand too far/);
  });

  it('custom tags such as !!js/function are refused, with their line', () => {
    const error = failure(fromFile('concurrency: 2\ninput: !!js/function "function () { return 1 }"\n'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/pipeline\.yaml uses YAML tags warta does not read:\n {2}.*pipeline\.yaml:2: Unresolved tag: tag:yaml\.org,2002:js\/function/);
    expect(failure(fromFile('input: !env HOME\n')).message).toContain('Unresolved tag: !env');
  });

  it('bytes that are not UTF-8 are refused with their line, not turned into U+FFFD folder names', () => {
    const error = failure(fromFile(Buffer.concat([Buffer.from('concurrency: 2\ninput: berita-'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')])));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/pipeline\.yaml:2: the file is not valid UTF-8\.$/);
  });
});
