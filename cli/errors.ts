import { isQuireError, type ErrorCode } from '../src/index.js';

/** Exit codes by error code: 2 usage/config, 3 missing input, 4 database, 5 embedder, 130 interrupted. */
const EXIT_CODES: Partial<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 2,
  INVALID_CONFIG: 2,
  NOT_FOUND: 3,
  PATH_NOT_FOUND: 3,
  EVAL_DATA_INVALID: 3,
  DB_OPEN_FAILED: 4,
  DB_WRITE_FAILED: 4,
  DB_CORRUPT: 4,
  DB_LOCKED: 4,
  DB_SCHEMA_TOO_NEW: 4,
  EMBEDDER_MISMATCH: 5,
  DIMENSION_MISMATCH: 5,
  ABORTED: 130,
};

/** Prints an error as one line on stderr (message and hint; code and cause with --verbose); returns the exit code. */
export function reportError(error: unknown, verbose: boolean): number {
  if (isQuireError(error)) {
    process.stderr.write(`quire: ${error.message}${error.hint ? ` (${error.hint})` : ''}\n`);
    if (verbose) {
      process.stderr.write(`code: ${error.code}\n`);
      if (error.cause) process.stderr.write(`cause: ${error.cause instanceof Error ? error.cause.stack : String(error.cause)}\n`);
    }
    return EXIT_CODES[error.code] ?? 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`quire: unexpected error: ${message}${verbose ? '' : ' (re-run with --verbose for details)'}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}
