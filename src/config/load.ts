import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { refuseFoldersInsideInput } from './folders.ts';
import { WartaError } from '../errors.ts';
import type { ModelDtype } from '../translation/engine.ts';
import { configSchema, type PipelineConfig, type ResolvedConfig } from './schema.ts';

export const DEFAULT_CONFIG_FILE = 'pipeline.yaml';

/** Values given on the command line; they win over the file. */
export interface ConfigOverrides {
  input?: string;
  output?: string;
  cache?: string;
  model?: string;
  /** A number, or the flag's text (checked as the number it spells). */
  concurrency?: number | string;
  offline?: boolean;
  /** `--keep-boilerplate`: sets `clean.keep_boilerplate: true`. */
  keepBoilerplate?: boolean;
  /** `--follow-symlinks`: sets `follow_symlinks: true`. */
  followSymlinks?: boolean;
  /** `--glossary FILE`: sets `translate.glossary`. */
  glossary?: string;
}

interface LoadOptions {
  /** Explicit config file. When absent, `./pipeline.yaml` is used if it exists, else defaults. */
  file?: string;
  overrides?: ConfigOverrides;
  cwd?: string;
}

/** Each override as the config key it sets: the flag's value is checked by the same schema as the file's. */
const OVERRIDE_KEYS: Record<Exclude<keyof ConfigOverrides, 'offline'>, { key: string[]; flag: string; value: (given: never) => unknown }> = {
  input: { key: ['input'], flag: '--input', value: (given: string) => given },
  output: { key: ['output'], flag: '--output', value: (given: string) => given },
  cache: { key: ['cache'], flag: '--cache', value: (given: string) => given },
  model: { key: ['model', 'id'], flag: '--model', value: (given: string) => given },
  concurrency: { key: ['concurrency'], flag: '--concurrency', value: (given: number | string) => (typeof given === 'string' && /^\s*\d+\s*$/.test(given) ? Number(given) : given) },
  keepBoilerplate: { key: ['clean', 'keep_boilerplate'], flag: '--keep-boilerplate', value: (given: boolean) => given },
  followSymlinks: { key: ['follow_symlinks'], flag: '--follow-symlinks', value: (given: boolean) => given },
  glossary: { key: ['translate', 'glossary'], flag: '--glossary', value: (given: string) => given },
};

export function loadConfig({ file, overrides = {}, cwd = process.cwd() }: LoadOptions = {}): ResolvedConfig {
  const configPath = file ? path.resolve(cwd, file) : path.resolve(cwd, DEFAULT_CONFIG_FILE);
  if (file && !existsSync(configPath)) {
    throw new WartaError('CONFIG_NOT_FOUND', `Config file not found: ${configPath}`, {
      file: configPath,
      hint: 'Check the --config path, or leave --config out to use ./pipeline.yaml.',
    });
  }
  const hasFile = existsSync(configPath);
  const fromFile = hasFile ? parseConfigFile(configPath) : configSchema.parse({});
  const baseDir = hasFile ? path.dirname(configPath) : cwd;
  const resolved = applyOverrides(fromFile, overrides);
  // A relative path is relative to where it was written: the config file's folder, or for a flag the working directory.
  const inFile = (given: string | undefined, value: string) => (given === undefined ? path.resolve(baseDir, value) : path.resolve(cwd, value));
  const modelFolderBase = overrides.model === undefined ? baseDir : cwd;
  const { quantized, dtype, ...model } = resolved.model;
  const folders = { output: inFile(overrides.output, resolved.output), cache: inFile(overrides.cache, resolved.cache) };
  for (const [key, folder] of Object.entries(folders)) refuseFile(folder, key, overrides[key as keyof typeof folders] === undefined ? (hasFile ? configPath : null) : null);
  return refuseFoldersInsideInput({
    ...resolved,
    input: inFile(overrides.input, resolved.input),
    ...folders,
    translate: { ...resolved.translate, ...(resolved.translate.glossary === undefined ? {} : { glossary: inFile(overrides.glossary, resolved.translate.glossary) }) },
    model: {
      ...model,
      id: looksLikeFolder(model.id, modelFolderBase) ? path.resolve(modelFolderBase, model.id) : model.id,
      dir: path.resolve(baseDir, model.dir),
      dtype: settleDtype(dtype, quantized, hasFile ? configPath : 'the config'),
    },
    notices: quantized === undefined ? [] : [`${hasFile ? configPath : 'config'}: \`model.quantized\` is deprecated; write \`model.dtype: ${quantized ? 'q8' : 'fp32'}\` instead.`],
    file: hasFile ? configPath : null,
    offline: overrides.offline ?? false,
  });
}

/** A folder warta writes into must not be an existing file: say so before anything is written. */
function refuseFile(folder: string, key: string, configFile: string | null): void {
  let isFile = false;
  try {
    isFile = !statSync(folder).isDirectory();
  } catch {
    return; // missing: it is created when first written
  }
  if (!isFile) return;
  const where = configFile ? `${configFile}: \`${key}\`` : `--${key}`;
  throw new WartaError(configFile ? 'CONFIG_INVALID' : 'USAGE', `${where}: ${folder} is a file, not a folder.`, {
    file: folder,
    hint: `Give \`${key}\` a folder path (it is created if missing), or move the file away.`,
  });
}

/** A model id that names a folder: an explicit relative or absolute path, or a folder with a config.json. */
function looksLikeFolder(id: string, base: string): boolean {
  return /^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(id) || existsSync(path.join(path.resolve(base, id), 'config.json'));
}

function settleDtype(dtype: ModelDtype | undefined, quantized: boolean | undefined, fileLabel: string): ModelDtype {
  const implied: ModelDtype | undefined = quantized === undefined ? undefined : quantized ? 'q8' : 'fp32';
  if (dtype && implied && dtype !== implied) {
    throw new WartaError('CONFIG_INVALID', `${fileLabel}: \`model.dtype: ${dtype}\` contradicts the deprecated \`model.quantized: ${String(quantized)}\`.`, {
      file: fileLabel,
      hint: 'Remove `model.quantized`; `model.dtype` (q8 or fp32) replaces it.',
    });
  }
  return dtype ?? implied ?? 'q8';
}

export function parseConfigFile(configPath: string): PipelineConfig {
  let bytes: Buffer;
  try {
    bytes = readFileSync(configPath);
  } catch (cause) {
    throw new WartaError('CONFIG_NOT_FOUND', `Cannot read config file ${configPath}`, { cause, file: configPath });
  }
  return parseConfigText(decodeConfig(bytes, configPath), configPath);
}

/** The config's text; bytes that are not UTF-8 would become U+FFFD in folder names, so they stop the run. */
function decodeConfig(bytes: Buffer, configPath: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    const lossy = bytes.toString('utf8');
    const line = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD'))).split('\n').length;
    throw new WartaError('CONFIG_INVALID', `${configPath}:${line}: the file is not valid UTF-8.`, { cause, file: configPath, hint: 'Save the config as UTF-8.' });
  }
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
  const tags = doc.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (tags.length > 0) {
    const problems = tags.map((w) => `  ${fileLabel}:${lineOf(w.pos[0])}: ${w.message.split(' at line')[0]}`);
    throw new WartaError('CONFIG_INVALID', `${fileLabel} uses YAML tags warta does not read:\n${problems.join('\n')}`, {
      file: fileLabel,
      hint: 'Remove the tag (such as `!!js/function`): every key takes a plain value.',
    });
  }
  const value = toPlainValue(doc, fileLabel);
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

/** The document as plain data; an alias bomb (aliases that expand without bound) is refused, not expanded. */
function toPlainValue(doc: Document, fileLabel: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) ?? {};
  } catch (cause) {
    if (!(cause instanceof ReferenceError)) throw cause;
    throw new WartaError('CONFIG_INVALID', `${fileLabel}: its YAML aliases expand too far (${cause.message}).`, {
      cause,
      file: fileLabel,
      hint: 'Write the values out instead of repeating aliases (`*name`); no key needs them.',
    });
  }
}

const MAX_ALIAS_EXPANSION = 100;

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

function applyOverrides(config: PipelineConfig, overrides: ConfigOverrides): PipelineConfig {
  const next = structuredClone(config) as unknown as Record<string, unknown>;
  const flagOf = new Map<string, string>();
  for (const [name, { key, flag, value }] of Object.entries(OVERRIDE_KEYS)) {
    const given = overrides[name as keyof typeof OVERRIDE_KEYS];
    if (given === undefined || given === false) continue;
    let parent = next;
    for (const part of key.slice(0, -1)) parent = parent[part] as Record<string, unknown>;
    parent[key.at(-1)!] = value(given as never);
    flagOf.set(key.join('.'), flag);
  }
  const result = configSchema.safeParse(next);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const keyPath = issue.path.join('.');
  const flag = flagOf.get(keyPath) ?? keyPath;
  throw new WartaError('USAGE', `${flag}: expected ${expectedAt(issue.path.filter((k): k is PathKey => typeof k !== 'symbol')) ?? issue.message}, got ${describeValue(valueAt(next, issue.path))}`, {
    hint: 'Run `warta --help` for the flags and their values.',
  });
}

function valueAt(root: unknown, keyPath: readonly PropertyKey[]): unknown {
  return keyPath.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], root);
}
