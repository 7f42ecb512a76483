import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCtranslate2Python, PYTHON_ENV_VAR } from '../../bench/peers/ctranslate2/find-python.ts';
import { peersText } from '../../bench/peers.ts';
import { tempDir } from '../helpers/temp.ts';

/** An executable that answers `-c '…import ctranslate2…'` as an interpreter with (or without) the module would. */
function fakeInterpreter(file: string, behaviour: { version: string } | { missing: true }): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const body =
    'version' in behaviour
      ? `echo ${behaviour.version}`
      : `echo "ModuleNotFoundError: No module named 'ctranslate2'" >&2\nexit 1`;
  writeFileSync(file, `#!/bin/sh\ncase "$2" in *"import ctranslate2"*) ;; *) exit 2;; esac\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('finding a Python that imports ctranslate2', () => {
  const dir = tempDir('warta-ct2-python-');
  const noVenv = path.join(dir, 'no-venv');
  let closedIndex: string;
  let silentIndex: string;
  const silent = createServer(() => {
    // Never answers: the bench must give up on it quickly.
  });

  beforeAll(async () => {
    const closed = createServer();
    closedIndex = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    silentIndex = await listen(silent);
  });
  afterAll(() => {
    silent.closeAllConnections();
    silent.close();
  });

  it('uses the interpreter the environment variable names when it imports ctranslate2', async () => {
    const python = fakeInterpreter(path.join(dir, 'named', 'python'), { version: '4.8.1' });
    const found = await findCtranslate2Python({ env: { [PYTHON_ENV_VAR]: python }, venvDir: noVenv });
    expect(found).toEqual({ available: true, python, version: '4.8.1', source: 'env' });
  });

  it('reports the named interpreter unavailable, with its error and a hint, instead of looking elsewhere', async () => {
    const python = fakeInterpreter(path.join(dir, 'without', 'python'), { missing: true });
    const venv = path.join(dir, 'good-venv');
    fakeInterpreter(path.join(venv, 'bin', 'python'), { version: '4.8.1' });
    const found = await findCtranslate2Python({ env: { [PYTHON_ENV_VAR]: python }, venvDir: venv });
    expect(found.available).toBe(false);
    if (found.available) return;
    expect(found.reason).toContain(`${PYTHON_ENV_VAR}=${python} cannot import ctranslate2`);
    expect(found.reason).toContain("No module named 'ctranslate2'");
    expect(found.hint).toContain(PYTHON_ENV_VAR);
  });

  it('says when the named interpreter does not exist', async () => {
    const found = await findCtranslate2Python({ env: { [PYTHON_ENV_VAR]: path.join(dir, 'nowhere', 'python') }, venvDir: noVenv });
    expect(found).toMatchObject({ available: false, reason: expect.stringContaining('no such interpreter') });
  });

  it("falls back to the bench's venv", async () => {
    const venv = path.join(dir, 'venv');
    const python = fakeInterpreter(path.join(venv, 'bin', 'python'), { version: '4.7.0' });
    expect(await findCtranslate2Python({ env: {}, venvDir: venv })).toEqual({ available: true, python, version: '4.7.0', source: 'venv' });
  });

  it('is unavailable, with the reason, when no interpreter imports it and the package index refuses connections', async () => {
    const venv = path.join(dir, 'broken-venv');
    fakeInterpreter(path.join(venv, 'bin', 'python'), { missing: true });
    const found = await findCtranslate2Python({ env: { PIP_INDEX_URL: closedIndex }, venvDir: venv, systemPython: path.join(dir, 'nowhere', 'python3') });
    expect(found.available).toBe(false);
    if (found.available) return;
    expect(found.reason).toContain(`${closedIndex} is not reachable`);
    expect(found.reason).toContain('ECONNREFUSED');
    expect(peersText(found)).toContain(found.reason);
  });

  it('gives up on a package index that does not answer within the timeout', async () => {
    const started = performance.now();
    const found = await findCtranslate2Python({ env: { PIP_INDEX_URL: silentIndex }, venvDir: noVenv, reachTimeoutMs: 300 });
    expect(found).toMatchObject({ available: false, reason: expect.stringContaining('no answer within 300 ms') });
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
