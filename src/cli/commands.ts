/**
 * The commands and their flags, in one table: parsing, the check that a flag belongs to its
 * command, and the usage text all come from it.
 */
import { parseArgs } from 'node:util';
import type { ConfigOverrides } from '../config/load.ts';
import { WartaError } from '../errors.ts';
import { STAGE_NAMES } from '../stages/index.ts';

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** What the value is, in the usage text (string flags only). */
  value?: string;
  /** The usage text; a second line continues it. */
  help: string;
  /** The config override the flag sets, if it is one. */
  override?: keyof ConfigOverrides;
}

export type CommandName = 'run' | 'status' | 'fetch-model';

export interface CommandSpec {
  name: CommandName;
  usage: string;
  summary: string;
  flags: Record<string, FlagSpec>;
  /** Lines after the flags in the usage text. */
  notes?: readonly string[];
}

const CONFIG_FLAG: Record<string, FlagSpec> = {
  config: { type: 'string', value: 'FILE', help: 'config file (default: ./pipeline.yaml if present)' },
};

const PATH_FLAGS: Record<string, FlagSpec> = {
  input: { type: 'string', value: 'DIR', help: 'input folder of .txt/.md/.html articles (overrides `input`)', override: 'input' },
  output: { type: 'string', value: 'DIR', help: 'output folder (overrides `output`)', override: 'output' },
  cache: { type: 'string', value: 'DIR', help: 'cache folder (overrides `cache`)', override: 'cache' },
};

const MODEL_FOLDER_FLAG: Record<string, FlagSpec> = {
  model: { type: 'string', value: 'DIR|ID', help: 'model folder path, or a model id under models/ (overrides `model.id`)', override: 'model' },
};

const FOLLOW_SYMLINKS_FLAG: Record<string, FlagSpec> = {
  'follow-symlinks': { type: 'boolean', help: 'follow symlinks that lead outside the input folder (sets `follow_symlinks: true`)', override: 'followSymlinks' },
};

const KEEP_BOILERPLATE_FLAG: Record<string, FlagSpec> = {
  'keep-boilerplate': {
    type: 'boolean',
    help: 'keep boilerplate lines in the text; they are still listed as removed\n(sets `clean.keep_boilerplate: true`)',
    override: 'keepBoilerplate',
  },
};

const GLOSSARY_FLAG: Record<string, FlagSpec> = {
  glossary: { type: 'string', value: 'FILE', help: 'glossary of terms the translation must use (.tsv, .csv or .yaml;\noverrides `translate.glossary`)', override: 'glossary' },
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    usage: 'warta run [options]',
    summary: `run ${STAGE_NAMES.join(' → ')} over the input folder`,
    flags: {
      ...CONFIG_FLAG,
      ...PATH_FLAGS,
      ...MODEL_FOLDER_FLAG,
      only: { type: 'string', value: 'STAGE', help: 'run only STAGE; earlier results are read from the cache. The outputs are not\nupdated: the run ends with the command that does (`warta run --from NEXT`)' },
      from: { type: 'string', value: 'STAGE', help: 'run STAGE and every later stage, outputs included; earlier results come from the cache' },
      force: { type: 'boolean', help: 'ignore cached results of the stages that run' },
      ...KEEP_BOILERPLATE_FLAG,
      ...FOLLOW_SYMLINKS_FLAG,
      ...GLOSSARY_FLAG,
      offline: { type: 'boolean', help: 'never touch the network, whatever `model.download` says', override: 'offline' },
      concurrency: { type: 'string', value: 'N', help: 'articles processed at once (overrides `concurrency`)', override: 'concurrency' },
      shard: { type: 'string', value: 'I/N', help: 'process only shard I of N (0-based, by article id hash) into the shared cache;\nthen run `warta run --only render` once to write the outputs of all shards' },
    },
    notes: [`STAGE is one of ${STAGE_NAMES.join(', ')}.`, 'A missing model is downloaded first, after a line saying what, how large and from where;\n  `--offline` or `model.download: false` forbid it. No article text is ever sent.', 'Ctrl-C (SIGINT) or SIGTERM ends the run within a second: work done so far stays cached, exit 130 or 143.'],
  },
  {
    name: 'status',
    usage: 'warta status [options]',
    summary: 'per stage: articles cached, stale (input, config, code or model changed), missing',
    flags: { ...CONFIG_FLAG, ...PATH_FLAGS, ...MODEL_FOLDER_FLAG, ...KEEP_BOILERPLATE_FLAG, ...FOLLOW_SYMLINKS_FLAG, ...GLOSSARY_FLAG },
    notes: ['Give the flags the run was given (such as --model): they change the cache keys status checks.', 'It never loads the model.'],
  },
  {
    name: 'fetch-model',
    usage: 'warta fetch-model [options]',
    summary: 'download the translation model into models/ (needs network)',
    flags: {
      ...CONFIG_FLAG,
      model: { type: 'string', value: 'ID', help: 'hub model id (default: model.id from the config)', override: 'model' },
      revision: { type: 'string', value: 'REV', help: 'branch, tag or commit (default: model.revision)' },
      quantized: { type: 'boolean', help: 'fetch the int8 quantized files (the default; overrides model.dtype: fp32)' },
      fp32: { type: 'boolean', help: 'fetch the fp32 files instead of the int8 quantized ones' },
    },
    notes: ['Files go to model.dir (default models/); HF_ENDPOINT or model.endpoint sets the hub URL.', 'Partial downloads resume; every file is checked by size and sha256, and a bad one is deleted.'],
  },
];

const GLOBAL_FLAGS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type FlagValues = Record<string, string | boolean | undefined>;

export type CommandLine = { kind: 'help'; command: CommandSpec | null } | { kind: 'version' } | { kind: 'command'; command: CommandSpec; values: FlagValues };

const commandNamed = (name: string) => COMMANDS.find((command) => command.name === name);

/** The command, its flags' values, or a request for help; an unknown or misplaced flag is a usage error naming it and the command. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const named = argv[0] !== undefined && !argv[0].startsWith('-');
  const command = named ? commandNamed(argv[0]!) : commandNamed('run')!;
  if (!command) throw new WartaError('USAGE', `Unknown command "${argv[0]}".`, { hint: `Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Run \`warta --help\`.` });
  const args = named ? argv.slice(1) : [...argv];
  checkFlagsBelong(command, args);
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...command.flags, ...GLOBAL_FLAGS }, strict: true, allowPositionals: false });
  } catch (cause) {
    throw new WartaError('USAGE', `${(cause as Error).message.split('\n')[0]} (\`warta ${command.name}\`)`, { cause, hint: `\`warta ${command.name} --help\` lists its flags.` });
  }
  const { help, version, ...values } = parsed.values as FlagValues;
  if (help) return { kind: 'help', command: named ? command : null };
  if (version) return { kind: 'version' };
  return { kind: 'command', command, values };
}

function checkFlagsBelong(command: CommandSpec, args: string[]): void {
  const { tokens } = parseArgs({ args, options: { ...command.flags, ...GLOBAL_FLAGS }, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      throw new WartaError('USAGE', `Unexpected argument "${token.value}" for \`warta ${command.name}\`.`, { hint: `\`warta ${command.name} --help\` lists its flags.` });
    }
    if (token.kind !== 'option' || token.name in command.flags || token.name in GLOBAL_FLAGS || token.rawName === '-h' || token.rawName === '-v') continue;
    const owners = COMMANDS.filter((other) => token.name in other.flags).map((other) => `warta ${other.name}`);
    const belongs = owners.length > 0 ? ` (it is a flag of ${owners.map((owner) => `\`${owner}\``).join(' and ')})` : '';
    throw new WartaError('USAGE', `${token.rawName} is not a flag of \`warta ${command.name}\`${belongs}.`, { hint: `\`warta ${command.name} --help\` lists its flags.` });
  }
}

/** The config overrides the given flags set. */
export function overridesOf(command: CommandSpec, values: FlagValues): ConfigOverrides {
  const overrides: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(command.flags)) {
    if (spec.override && values[name] !== undefined && values[name] !== false) overrides[spec.override] = values[name];
  }
  return overrides as ConfigOverrides;
}

const FLAG_COLUMN = 21;

function flagLines(command: CommandSpec): string[] {
  return Object.entries(command.flags).flatMap(([name, spec]) => {
    const [first, ...more] = spec.help.split('\n');
    const label = `  --${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [`${label.length < FLAG_COLUMN ? label.padEnd(FLAG_COLUMN) : `${label} `}${first}`, ...more.map((line) => `${' '.repeat(FLAG_COLUMN)}${line}`)];
  });
}

/** One command's usage text: its flags and notes. */
export function commandHelp(command: CommandSpec): string {
  return [`${command.usage}: ${command.summary}`, '', `Options for ${command.name}`, ...flagLines(command), ...(command.notes ?? []).map((note) => `  ${note}`)].join('\n');
}

const EXAMPLES = [
  ['npm start', '= warta run with ./pipeline.yaml'],
  ['npx warta run --input ~/news/today --output ~/news/today-en', ''],
  ['npx warta run --from summarize', 're-summarize from cached translations, outputs included'],
  ['npx warta run --model test/fixtures/models/opus-mt-copy --input input/', ''],
  ['npx warta status --model test/fixtures/models/opus-mt-copy', ''],
];

/** The whole usage text. */
export function fullHelp(): string {
  const usageWidth = Math.max(...COMMANDS.map((command) => command.usage.length)) + 2;
  return [
    'warta: Indonesian news in, English translations, bilingual summaries and a digest out. Runs locally.',
    '',
    'Usage',
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(usageWidth)}${command.summary}`),
    `  ${'warta COMMAND --help'.padEnd(usageWidth)}the flags of one command`,
    '  warta --help | --version',
    ...COMMANDS.flatMap((command) => ['', `Options for ${command.name}`, ...flagLines(command), ...(command.notes ?? []).map((note) => `  ${note}`)]),
    '',
    'Each command accepts only its own flags; any other flag is a usage error (exit 2).',
    '',
    'Examples',
    ...EXAMPLES.map(([example, comment]) => `  ${example!.padEnd(49)}${comment ? `# ${comment}` : ''}`.trimEnd()),
    '',
    'Exit codes: 0 success · 1 some articles failed (the rest are written) or the run stopped · 2 usage or config error · 130/143 interrupted (SIGINT/SIGTERM)',
  ].join('\n');
}
