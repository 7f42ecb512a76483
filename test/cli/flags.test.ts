/** Each command accepts its own flags only, and its usage text is made from the same table. */
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandHelp, fullHelp, parseCommandLine } from '../../src/cli/commands.ts';
import { main } from '../../src/cli/main.ts';
import { COPY_MODEL, FIXTURE_ARTICLES, warta } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (text) => void (out += `${text}\n`), err: (text) => void (err += `${text}\n`), stderr: { isTTY: false } as NodeJS.WriteStream });
  return { code, out, err };
}

describe('per-command flags', () => {
  it.each([
    ['status', '--fp32', ' (it is a flag of `warta fetch-model`)'],
    ['status', '--shard', ' (it is a flag of `warta run`)'],
    ['status', '--force', ' (it is a flag of `warta run`)'],
    ['status', '--offline', ' (it is a flag of `warta run`)'],
    ['fetch-model', '--offline', ' (it is a flag of `warta run`)'],
    ['fetch-model', '--input', ' (it is a flag of `warta run` and `warta status`)'],
    ['run', '--revision', ' (it is a flag of `warta fetch-model`)'],
    ['run', '--bogus', ''],
  ])('warta %s %s is a usage error naming the flag and the command', async (command, flag, owner) => {
    const result = await cli([command, flag, ...(flag === '--shard' || flag === '--input' ? ['x'] : [])]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`warta: ${flag} is not a flag of \`warta ${command}\`${owner}.`);
    expect(result.err).toContain(`\`warta ${command} --help\` lists its flags.`);
  });

  it('a leftover argument, a flag without its value and a value given to a switch are usage errors', async () => {
    expect(await cli(['run', 'input/'])).toMatchObject({ code: 2, err: expect.stringContaining('Unexpected argument "input/" for `warta run`.') });
    expect(await cli(['status', '--input'])).toMatchObject({ code: 2, err: expect.stringContaining("Option '--input <value>' argument missing (`warta status`)") });
    expect(await cli(['run', '--force=yes'])).toMatchObject({ code: 2, err: expect.stringContaining("Option '--force' does not take an argument (`warta run`)") });
    expect(await cli(['publish'])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command "publish".') });
  });

  it('without a command word the flags are run\'s', () => {
    expect(parseCommandLine(['--only', 'translate'])).toMatchObject({ kind: 'command', command: { name: 'run' }, values: { only: 'translate' } });
    expect(() => parseCommandLine(['--fp32'])).toThrow('--fp32 is not a flag of `warta run`');
  });

  it('a missing input folder is a usage error (exit 2)', async () => {
    const dir = tempDir();
    const result = await cli(['run', '--input', path.join(dir, 'nope'), '--output', path.join(dir, 'out'), '--cache', path.join(dir, 'cache')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`Input folder not found: ${path.join(dir, 'nope')}`);
  });
});

describe('the usage text comes from the flag table', () => {
  it('lists every flag of every command under that command, and only there', async () => {
    const help = fullHelp();
    for (const command of COMMANDS) {
      const own = commandHelp(command);
      const section = help.slice(help.indexOf(`Options for ${command.name}`)).split('\n\n')[0]!;
      for (const [name, spec] of Object.entries(command.flags)) {
        const label = `--${name}${spec.value ? ` ${spec.value}` : ''}`;
        expect(own).toContain(label);
        expect(section).toContain(label);
      }
      expect(section.match(/^ {2}--[\w-]+/gm)!.map((flag) => flag.trim())).toEqual(Object.keys(command.flags).map((name) => `--${name}`));
    }
    expect((await cli(['--help'])).out.trimEnd()).toBe(help);
    expect((await cli(['status', '--help'])).out).toContain('--model DIR|ID');
  });
});

describe('warta status takes the flags that change its answer', () => {
  it('with the --model the run was given, every stage is cached; without it, it cannot check translate', async () => {
    const dir = tempDir('warta-status-flags-');
    cpSync(FIXTURE_ARTICLES, path.join(dir, 'input'), { recursive: true });
    writeFileSync(path.join(dir, 'pipeline.yaml'), 'concurrency: 2\n');
    expect((await warta(['run', '--model', COPY_MODEL], dir)).code).toBe(0);
    const withModel = await warta(['status', '--model', COPY_MODEL], dir);
    expect(withModel.code).toBe(0);
    for (const stage of ['ingest', 'clean', 'segment', 'translate', 'summarize', 'render']) expect(withModel.stdout).toMatch(new RegExp(`${stage}\\s+5\\s+0\\s+0`));
    const withoutModel = await warta(['status'], dir);
    expect(withoutModel.stdout).toMatch(/translate\s+0\s+5\s+0\s+cannot check: Translation model not available/);
    // Not "input changed": what depends on an unchecked stage is unchecked too.
    expect(withoutModel.stdout).toMatch(/summarize\s+0\s+5\s+0\s+cannot check: it depends on translate, which cannot be checked/);
    expect(withoutModel.stdout).not.toContain('input changed');
    const otherOutput = await warta(['status', '--model', COPY_MODEL, '--output', path.join(dir, 'elsewhere')], dir);
    expect(otherOutput.stdout).toMatch(/render\s+0\s+5\s+0\s+config changed: 5/);
  }, 120_000);
});
