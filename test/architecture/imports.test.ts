/**
 * The layout's rules, read from the import statements of every source file: the runner knows
 * stages only through the contract, stages and the digest reach the pipeline only for its types,
 * and the product never imports its tests, benchmarks or tooling.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../src/stages/index.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const src = path.join(repo, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

/** Each relative import of a file (static, dynamic and type-only), resolved to a repo-relative path. */
function importsOf(file: string): Array<{ target: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  const found: Array<{ target: string; typeOnly: boolean }> = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    const specifier = match[3] ?? match[4]!;
    found.push({ target: path.relative(repo, path.resolve(path.dirname(file), specifier)), typeOnly: match[2] !== undefined });
  }
  return found;
}

const relative = (file: string) => path.relative(repo, file);

describe('the layout', () => {
  const files = sourceFiles(src);

  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(importsOf(path.join(src, 'warta.ts')).map((i) => i.target)).toContain('src/pipeline/runner.ts');
  });

  it('stages and the digest import from src/pipeline only the contract, and only its types', () => {
    const offending = files
      .filter((file) => /^src\/(stages|digest)\//.test(relative(file)))
      .flatMap((file) => importsOf(file).map((i) => ({ file: relative(file), ...i })))
      .filter((i) => i.target.startsWith('src/pipeline/') && !(i.target === 'src/pipeline/contract.ts' && i.typeOnly));
    expect(offending).toEqual([]);
  });

  it('nothing under src/pipeline imports a stage, the digest or a translation engine', () => {
    const offending = files
      .filter((file) => relative(file).startsWith('src/pipeline/'))
      .flatMap((file) => importsOf(file).map((i) => ({ file: relative(file), target: i.target })))
      .filter((i) => /^src\/(stages|digest|translation)\//.test(i.target));
    expect(offending).toEqual([]);
  });

  it('no file under src/pipeline names a stage', () => {
    const names = STAGES.map((stage) => stage.name);
    const offending = files
      .filter((file) => relative(file).startsWith('src/pipeline/'))
      .flatMap((file) => names.filter((name) => new RegExp(`\\b${name}\\b`, 'i').test(readFileSync(file, 'utf8'))).map((name) => `${relative(file)}: ${name}`));
    expect(offending).toEqual([]);
  });

  it('nothing under src imports from test, bench or tools', () => {
    const offending = files.flatMap((file) => importsOf(file).map((i) => ({ file: relative(file), target: i.target }))).filter((i) => /^(test|bench|tools)\//.test(i.target));
    expect(offending).toEqual([]);
  });
});
