/** Stable machine-readable error codes. The CLI maps each to an exit code and a one-line message. */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_CONFIG'
  | 'NOT_FOUND'
  | 'PATH_NOT_FOUND'
  | 'DB_OPEN_FAILED'
  | 'DB_WRITE_FAILED'
  | 'DB_CORRUPT'
  | 'DB_LOCKED'
  | 'DB_SCHEMA_TOO_NEW'
  | 'EMBEDDER_MISMATCH'
  | 'DIMENSION_MISMATCH'
  | 'PARSE_FAILED'
  | 'ABORTED'
  | 'EVAL_DATA_INVALID'
  | 'INTERNAL';

/** The one error class quire throws. `code` is stable; `hint` says what to do about it. */
export class QuireError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QuireError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** True when `error` is a QuireError, optionally with the given code. */
export function isQuireError(error: unknown, code?: ErrorCode): error is QuireError {
  return error instanceof QuireError && (code === undefined || error.code === code);
}

/** Throws ABORTED when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new QuireError('ABORTED', 'operation aborted', { cause: signal.reason });
}
