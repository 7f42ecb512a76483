import type { Reporter } from '../pipeline/reporter.ts';

const EXIT_BY_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
type Interruption = keyof typeof EXIT_BY_SIGNAL;

/**
 * How long an interrupted process may take to end before it is ended regardless. The run itself
 * returns within its in-flight grace; this is for a run whose event loop stays blocked (a model load
 * in progress), so it must be long enough not to cut the normal ending (run.json, the lock) short.
 */
const EXIT_DEADLINE_MS = 5_000;

export interface InterruptWatch {
  readonly signal: AbortSignal;
  /** The exit code the interruption asks for, or null if none came. */
  exitCode(): number | null;
  /** Ends the process promptly once the run has returned: work cut short must not keep it alive. */
  exitSoon(): void;
  dispose(): void;
}

/**
 * The first SIGINT or SIGTERM aborts the run (which stops queuing work, lets the writes in flight
 * finish and releases its lock); a second one ends the process at once.
 */
export function watchInterruptions(reporter: Pick<Reporter, 'info'>): InterruptWatch {
  const controller = new AbortController();
  let received: Interruption | null = null;
  const code = () => (received ? EXIT_BY_SIGNAL[received] : null);
  const onSignal = (name: Interruption) => {
    if (received) process.exit(code()!);
    received = name;
    reporter.info(`Interrupted (${name}): finishing the writes in flight; everything done so far stays cached.`);
    controller.abort();
    setTimeout(() => process.exit(code()!), EXIT_DEADLINE_MS).unref();
  };
  const handlers = { SIGINT: () => onSignal('SIGINT'), SIGTERM: () => onSignal('SIGTERM') };
  for (const [name, handler] of Object.entries(handlers)) process.on(name, handler);
  return {
    signal: controller.signal,
    exitCode: code,
    exitSoon() {
      const exitCode = code();
      if (exitCode !== null) setTimeout(() => process.exit(exitCode), 50).unref();
    },
    dispose() {
      for (const [name, handler] of Object.entries(handlers)) process.off(name, handler);
    },
  };
}
