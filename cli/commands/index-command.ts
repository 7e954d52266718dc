import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { isQuireError, QuireError, type IndexSummary } from '../../src/index.js';
import { interruptSignal, openConfiguredIndex, printJson, type CommonOptions } from '../context.js';
import { IndexProgressBar } from '../progress.js';

interface IndexOptions extends CommonOptions {
  rebuild?: boolean;
  progress?: boolean;
}

/** `quire index <paths...>`: index files and folders incrementally. */
export function registerIndexCommand(program: Command): void {
  program
    .command('index')
    .description('index files and folders (incremental: unchanged files are skipped)')
    .argument('<paths...>', 'files or folders to index')
    .option('--rebuild', 'drop the index and re-embed everything (needed to change embedders)')
    .option('--max-file-size <size>', 'skip files larger than this (e.g. 10MB)')
    .option('--chunk-tokens <n>', 'target chunk size in tokens (default 512)')
    .option('--chunk-overlap <n>', 'tokens repeated between chunks (default 64)')
    .option('--no-progress', 'do not show the progress bar')
    .action(async (paths: string[], options: IndexOptions, command: Command) => {
      const merged = { ...command.optsWithGlobals(), ...options } as IndexOptions;
      // Check the paths before opening, so a typo does not leave an empty index file behind.
      for (const target of paths) {
        if (!fs.existsSync(target)) throw new QuireError('PATH_NOT_FOUND', `no such file or folder: ${path.resolve(target)}`);
      }
      const index = openConfiguredIndex(merged, { rebuild: merged.rebuild });
      const bar = new IndexProgressBar(merged.progress !== false);
      const warnings: string[] = [];
      try {
        const summary = await runInterruptible(() => index.indexPath(paths, {
          signal: interruptSignal(),
          onProgress: (progress) => bar.update(progress),
          onWarning: (message) => {
            warnings.push(message);
            if (merged.verbose) process.stderr.write(`warning: ${message}\n`);
          },
        }));
        bar.stop();
        if (!merged.verbose) for (const message of warnings.slice(0, 20)) process.stderr.write(`warning: ${message}\n`);
        if (!merged.verbose && warnings.length > 20) process.stderr.write(`… and ${warnings.length - 20} more warnings (--verbose shows all)\n`);
        if (merged.json) {
          const { skippedByReason, ...contract } = summary;
          printJson({ ...contract, skippedByReason });
        } else process.stdout.write(formatSummary(summary));
      } finally {
        bar.stop();
        index.close();
      }
    });
}

/** Re-throws an interruption with what the user needs to know: nothing is lost. */
async function runInterruptible<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isQuireError(error, 'ABORTED')) {
      throw new QuireError('ABORTED', 'interrupted', { hint: 'everything indexed so far is saved; run the same command again to finish', cause: error });
    }
    throw error;
  }
}

/** The human summary: counts, then skipped files by reason. */
export function formatSummary(summary: IndexSummary): string {
  const reasons = Object.entries(summary.skippedByReason)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  return (
    `added ${summary.added}, updated ${summary.updated}, removed ${summary.removed}, unchanged ${summary.unchanged}, ` +
    `skipped ${summary.skipped}${reasons ? ` (${reasons})` : ''}; embedded ${summary.chunksEmbedded} chunks in ${summary.seconds.toFixed(2)}s\n`
  );
}
