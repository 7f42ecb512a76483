/**
 * One contender of the lock race test, in its own process (a lock is per process: threads share a pid).
 * For each message it waits for the shared start instant, takes the lock, proves it is alone in it by
 * creating a marker file with O_EXCL, holds it a moment, and releases it.
 */
import { openSync, closeSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { acquireLock } from '../../src/pipeline/lock.ts';

interface Trial {
  dir: string;
  goAt: number;
  holdMs: number;
}

process.on('message', (message: Trial) => {
  void contend(message).then((result) => process.send!(result));
});

async function contend({ dir, goAt, holdMs }: Trial): Promise<{ acquired: boolean; alone: boolean; error?: string }> {
  while (Date.now() < goAt) {
    // Spin to the shared instant: both contenders then see the stale lock at the same moment.
  }
  try {
    const lock = await acquireLock(dir, { pollMs: 5, timeoutMs: 10_000 });
    const marker = path.join(dir, 'holder');
    let alone = true;
    try {
      closeSync(openSync(marker, 'wx'));
    } catch {
      alone = false;
    }
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    if (alone) unlinkSync(marker);
    await lock.release();
    return { acquired: true, alone };
  } catch (error) {
    return { acquired: false, alone: false, error: String(error) };
  }
}
