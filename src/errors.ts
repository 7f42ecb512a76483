/**
 * Typed errors with a stable `code`. Messages say what was expected, what arrived and what to do;
 * the original error, when there is one, is kept as `cause`.
 */
export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'INPUT_NOT_FOUND'
  | 'INPUT_EMPTY'
  | 'INPUT_BINARY'
  | 'INPUT_DECODE'
  | 'INPUT_TOO_LARGE'
  | 'INPUT_UNREADABLE'
  | 'INPUT_METADATA'
  | 'ID_COLLISION'
  | 'CACHE_MISSING_UPSTREAM'
  | 'MODEL_MISSING'
  | 'MODEL_CORRUPT'
  | 'MODEL_LOAD_FAILED'
  | 'MODEL_DOWNLOAD_FAILED'
  | 'TRANSLATION_FAILED'
  | 'OUTPUT_WRITE_FAILED'
  | 'CACHE_WRITE_FAILED'
  | 'LOCKED'
  | 'INTERRUPTED';

export class WartaError extends Error {
  override readonly name = 'WartaError';
  readonly code: ErrorCode;
  /** What the user should do next, printed after the message. */
  readonly hint: string | undefined;
  /** The file the error is about, when there is one. */
  readonly file: string | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; hint?: string; file?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.file = options.file;
  }
}

export function isWartaError(error: unknown, code?: ErrorCode): error is WartaError {
  return error instanceof WartaError && (code === undefined || error.code === code);
}

/** One line for the user: never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof WartaError) return error.hint ? `${error.message}\n  → ${error.hint}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Work ended because the run was interrupted (Ctrl-C, SIGTERM): not a failure of the article. */
export function interruptedError(cause?: unknown): WartaError {
  return new WartaError('INTERRUPTED', 'The run was interrupted before this work finished.', { ...(cause === undefined ? {} : { cause }), hint: 'Run the same command again: work already done is cached.' });
}
