import type { Command } from 'commander';
import { openConfiguredIndex, printJson, type CommonOptions } from '../context.js';

/** `quire status`: what the index holds and how it was built. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show what the index holds and how it was built')
    .action(async (options: CommonOptions, command: Command) => {
      const merged = { ...command.optsWithGlobals(), ...options } as CommonOptions;
      const index = openConfiguredIndex(merged, { mustExist: true });
      try {
        const stats = index.stats();
        if (merged.json) return printJson(stats);
        const formats = Object.entries(stats.formats).map(([format, n]) => `${format} ${n}`).join(', ');
        process.stdout.write(
          [
            `index      ${stats.db} (${(stats.bytes / 1024 / 1024).toFixed(1)} MiB)`,
            `documents  ${stats.documents}${formats ? ` (${formats})` : ''}`,
            `chunks     ${stats.chunks}`,
            `embedder   ${stats.embedder ?? 'none yet'}${stats.dimensions ? `, ${stats.dimensions} dims` : ''}`,
            `chunker    ${stats.chunkerVersion ?? '-'}, schema v${stats.schemaVersion}`,
            `updated    ${stats.lastIndexedAt ?? 'never'}`,
          ].join('\n') + '\n',
        );
      } finally {
        index.close();
      }
    });
}
