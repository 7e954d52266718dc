import { openIndex, resolveConfig, type ConfigFlags, type QuireIndex } from '../src/index.js';

/** Options every command accepts. */
export interface CommonOptions extends ConfigFlags {
  json?: boolean;
  verbose?: boolean;
}

/** Opens the configured index. Read commands pass mustExist so they never create an empty file. */
export function openConfiguredIndex(options: CommonOptions, extra: { mustExist?: boolean; rebuild?: boolean } = {}): QuireIndex {
  const config = resolveConfig(options);
  return openIndex({
    db: config.db,
    chunk: {
      ...(config.chunkTokens !== undefined ? { maxTokens: config.chunkTokens } : {}),
      ...(config.chunkOverlap !== undefined ? { overlapTokens: config.chunkOverlap } : {}),
    },
    maxFileBytes: config.maxFileBytes,
    search: { fusion: config.fusion, weights: config.weights },
    mustExist: extra.mustExist,
    rebuild: extra.rebuild,
  });
}

/** Writes one JSON document to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** An AbortSignal that fires on Ctrl-C (SIGINT) or SIGTERM, so long work stops cleanly. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    // The handlers are `once`: a second Ctrl-C gets Node's default and quits at once.
    process.stderr.write('\nquire: stopping after the current batch…\n');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
