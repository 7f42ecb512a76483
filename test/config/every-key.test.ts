import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, parseConfigText, WartaError } from '../../src/index.ts';
import { STACK_TRACE, warta } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

interface Leaf {
  path: string[];
  kind: 'number' | 'boolean' | 'string' | 'url';
}

/** Every leaf key of the schema, found by walking it, so a new key is tested without editing this file. */
function leaves(): Leaf[] {
  const result: Leaf[] = [];
  const walk = (schema: unknown, at: string[]) => {
    let current = schema as { unwrap?: () => unknown; shape?: Record<string, unknown>; def?: { type?: string; format?: string } };
    while (current.unwrap && !current.shape) current = current.unwrap() as typeof current;
    if (current.shape) {
      for (const [key, child] of Object.entries(current.shape)) walk(child, [...at, key]);
      return;
    }
    const type = current.def?.type;
    const kind = type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : current.def?.format === 'url' ? 'url' : 'string';
    result.push({ path: at, kind });
  };
  walk(configSchema, []);
  return result;
}

const yamlFor = (leaf: Leaf, value: string) => leaf.path.map((key, depth) => `${'  '.repeat(depth)}${key}:${depth === leaf.path.length - 1 ? ` ${value}` : ''}`).join('\n') + '\n';
const WRONG_TYPE: Record<Leaf['kind'], string> = { number: '"many"', boolean: '[1, 2]', string: '[a, b]', url: '42' };
const WRONG_VALUE: Record<Leaf['kind'], string> = { number: '0', boolean: '"yes"', string: '""', url: 'not-a-url' };

function rejection(yaml: string): string {
  try {
    parseConfigText(yaml, 'pipeline.yaml');
  } catch (error) {
    if (error instanceof WartaError && error.code === 'CONFIG_INVALID') return error.message;
    throw error;
  }
  throw new Error(`accepted:\n${yaml}`);
}

describe('every config key, given a wrong type and a wrong value', () => {
  const all = leaves();

  it('finds all the documented keys', () => {
    expect(all.length).toBeGreaterThanOrEqual(18);
  });

  for (const leaf of all) {
    const key = leaf.path.join('.');
    const line = leaf.path.length;
    it(`${key}: wrong type`, () => {
      expect(rejection(yamlFor(leaf, WRONG_TYPE[leaf.kind]))).toMatch(new RegExp(`pipeline\\.yaml:${line}: \`${key.replace('.', '\\.')}\`: expected .+, got `));
    });
    it(`${key}: wrong value`, () => {
      expect(rejection(yamlFor(leaf, WRONG_VALUE[leaf.kind]))).toMatch(new RegExp(`pipeline\\.yaml:${line}: \`${key.replace('.', '\\.')}\`: expected .+, got `));
    });
  }

  it('makes the CLI exit 2 with the key and line, and no stack trace', async () => {
    const dir = tempDir('warta-config-');
    writeFileSync(path.join(dir, 'pipeline.yaml'), 'input: input\nsummarize:\n  sentences: -3\n');
    const result = await warta(['run'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pipeline.yaml:3: `summarize.sentences`: expected an integer from 1 to 50, got number -3');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
