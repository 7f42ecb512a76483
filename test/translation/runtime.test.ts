import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..', '..');
const encoder = path.join(repo, 'test/fixtures/models/opus-mt-copy/onnx/encoder_model_quantized.onnx');

/** Threads of a fresh process after it created one session with `threads` intra-op threads. */
function threadsAfterSession(threads: number): number {
  const script = `
    import { readdirSync } from 'node:fs';
    import { createSession } from './src/translation/onnx/runtime.ts';
    await createSession(${JSON.stringify(encoder)}, { threads: ${threads}, memoryArena: true });
    console.log(readdirSync('/proc/self/task').length);
  `;
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8' });
  return Number(output.trim().split('\n').at(-1));
}

describe.skipIf(!existsSync('/proc/self/task'))("warta's onnxruntime sessions", () => {
  it('honour the intra-op thread count (onnxruntime-node 1.14 ignored it for models given as bytes)', () => {
    const one = threadsAfterSession(1);
    const three = threadsAfterSession(3);
    expect(three - one).toBe(2);
  }, 60_000);
});
