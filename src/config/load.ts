import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { WartaError } from '../errors.ts';
import { configSchema, type PipelineConfig, type ResolvedConfig } from './schema.ts';

export const DEFAULT_CONFIG_FILE = 'pipeline.yaml';

/** Values given on the command line; they win over the file. */
export interface ConfigOverrides {
  input?: string;
  output?: string;
  cache?: string;
  model?: string;
  concurrency?: number;
  offline?: boolean;
  /** `--keep-boilerplate`: sets `clean.keep_boilerplate: true`. */
  keepBoilerplate?: boolean;
}

interface LoadOptions {
  /** Explicit config file. When absent, `./pipeline.yaml` is used if it exists, else defaults. */
  file?: string;
  overrides?: ConfigOverrides;
  cwd?: string;
}

export function loadConfig({ file, overrides = {}, cwd = process.cwd() }: LoadOptions = {}): ResolvedConfig {
  const configPath = file ? path.resolve(cwd, file) : path.resolve(cwd, DEFAULT_CONFIG_FILE);
  if (file && !existsSync(configPath)) {
    throw new WartaError('CONFIG_NOT_FOUND', `Config file not found: ${configPath}`, {
      file: configPath,
      hint: 'Check the --config path, or leave --config out to use ./pipeline.yaml.',
    });
  }
  const hasFile = existsSync(configPath);
  const parsed = hasFile ? parseConfigFile(configPath) : configSchema.parse({});
  const baseDir = hasFile ? path.dirname(configPath) : cwd;
  const resolved = applyOverrides(parsed, overrides, cwd);
  return {
    ...resolved,
    input: overrides.input ? resolved.input : path.resolve(baseDir, resolved.input),
    output: overrides.output ? resolved.output : path.resolve(baseDir, resolved.output),
    cache: overrides.cache ? resolved.cache : path.resolve(baseDir, resolved.cache),
    model: { ...resolved.model, dir: path.resolve(baseDir, resolved.model.dir) },
    file: hasFile ? configPath : null,
    offline: overrides.offline ?? false,
  };
}

export function parseConfigFile(configPath: string): PipelineConfig {
  let source: string;
  try {
    source = readFileSync(configPath, 'utf8');
  } catch (cause) {
    throw new WartaError('CONFIG_NOT_FOUND', `Cannot read config file ${configPath}`, { cause, file: configPath });
  }
  return parseConfigText(source, configPath);
}

export function parseConfigText(source: string, fileLabel: string): PipelineConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);

  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => `  ${fileLabel}:${lineOf(e.pos[0])}: ${e.message.split('\n')[0]}`);
    throw new WartaError('CONFIG_INVALID', `${fileLabel} is not valid YAML:\n${problems.join('\n')}`, {
      file: fileLabel,
      hint: 'Fix the YAML syntax at the line shown (indentation and `key: value` pairs).',
    });
  }
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new WartaError('CONFIG_INVALID', `${fileLabel}:1: expected a mapping of keys (such as \`input: input\`), got ${describeValue(value)}`, {
      file: fileLabel,
      hint: 'See the documented keys in the README.',
    });
  }
  const result = configSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .flatMap((issue) => describeIssue(issue, doc, lineOf, fileLabel))
    .sort((a, b) => a.line - b.line)
    .map((problem) => problem.text);
  throw new WartaError('CONFIG_INVALID', `${fileLabel} has ${problems.length === 1 ? 'an invalid key' : `${problems.length} invalid keys`}:\n${problems.join('\n')}`, {
    file: fileLabel,
    hint: 'Fix the keys listed; every key and its allowed values are documented in pipeline.yaml and the README.',
  });
}

type PathKey = string | number;

interface Problem {
  line: number;
  text: string;
}

function describeIssue(issue: z.core.$ZodIssue, doc: Document, lineOf: (offset: number | undefined) => number, fileLabel: string): Problem[] {
  const issuePath = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(issuePath);
    return issue.keys.map((key) => {
      const keyPath = [...issuePath, key].join('.');
      const line = lineOf(keyNodeOffset(doc, issuePath, key));
      return { line, text: `  ${fileLabel}:${line}: unknown key \`${keyPath}\`; allowed keys here: ${allowed.join(', ')}` };
    });
  }
  const node = doc.getIn(issuePath, true) as Node | undefined;
  const keyPath = issuePath.join('.');
  const expected = expectedAt(issuePath) ?? issue.message;
  const got = describeValue(isScalar(node) ? node.value : (node as { toJSON?: () => unknown } | undefined)?.toJSON?.());
  const line = lineOf(node?.range?.[0]);
  return [{ line, text: `  ${fileLabel}:${line}: \`${keyPath}\`: expected ${expected}, got ${got}` }];
}

function keyNodeOffset(doc: Document, parentPath: PathKey[], key: string): number | undefined {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/** Walk the schema to the key at `keyPath`, looking through defaults and optionals. */
function schemaAt(keyPath: PathKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = configSchema;
  for (const key of keyPath) {
    const object = unwrap(current) as { shape?: Record<string, z.ZodType> } | undefined;
    current = object?.shape?.[String(key)];
  }
  return current;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema as (z.ZodType & { unwrap?: () => z.ZodType }) | undefined;
  while (current && typeof current.unwrap === 'function' && !('shape' in current)) current = current.unwrap() as typeof current;
  return current;
}

function expectedAt(keyPath: PathKey[]): string | undefined {
  const schema = schemaAt(keyPath);
  if (!schema) return undefined;
  if (schema.description) return schema.description;
  if ('shape' in (unwrap(schema) ?? {})) return `a mapping with keys ${allowedKeys(keyPath).join(', ')}`;
  return undefined;
}

function allowedKeys(keyPath: PathKey[]): string[] {
  const object = unwrap(schemaAt(keyPath)) as { shape?: Record<string, unknown> } | undefined;
  return Object.keys(object?.shape ?? {});
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function applyOverrides(config: PipelineConfig, overrides: ConfigOverrides, cwd: string): PipelineConfig {
  const next: PipelineConfig = structuredClone(config);
  if (overrides.input) next.input = path.resolve(cwd, overrides.input);
  if (overrides.output) next.output = path.resolve(cwd, overrides.output);
  if (overrides.cache) next.cache = path.resolve(cwd, overrides.cache);
  if (overrides.model) next.model.id = overrides.model;
  if (overrides.keepBoilerplate) next.clean.keep_boilerplate = true;
  if (overrides.concurrency !== undefined) {
    if (!Number.isInteger(overrides.concurrency) || overrides.concurrency < 1 || overrides.concurrency > 64) {
      throw new WartaError('USAGE', `--concurrency: expected an integer from 1 to 64, got ${String(overrides.concurrency)}`);
    }
    next.concurrency = overrides.concurrency;
  }
  return next;
}
