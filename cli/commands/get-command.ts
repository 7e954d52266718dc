import type { Command } from 'commander';
import { QuireError } from '../../src/index.js';
import { openConfiguredIndex, printJson, type CommonOptions } from '../context.js';

/** Splits `path:line` (a trailing `:N`); plain paths, ids and Windows drive letters pass through. */
export function parseTarget(target: string): { id: string; line?: number } {
  const match = /^(.*):(\d+)$/.exec(target);
  if (match && match[1] !== '') return { id: match[1], line: Number(match[2]) };
  return { id: target };
}

/** `quire get <path>[:line]`: print an indexed document, or the chunk holding a line. */
export function registerGetCommand(program: Command): void {
  program
    .command('get')
    .description('print an indexed document (its extracted text), or with :LINE the passage holding that line')
    .argument('<target>', 'file path or record id, optionally followed by :LINE')
    .action(async (target: string, options: CommonOptions, command: Command) => {
      const merged = { ...command.optsWithGlobals(), ...options } as CommonOptions;
      const index = openConfiguredIndex(merged, { mustExist: true });
      try {
        let { id, line } = parseTarget(target);
        let document = index.get(id);
        if (!document && line !== undefined) {
          document = index.get(target); // a record id may itself end in :digits
          if (document) ({ id, line } = { id: target, line: undefined });
        }
        if (!document) throw new QuireError('NOT_FOUND', `${id} is not in the index`, { hint: 'run `quire status` to see what is indexed' });
        const chunks = line === undefined ? document.chunks : document.chunks.filter((c) => c.startLine <= line! && c.endLine >= line!);
        if (line !== undefined && chunks.length === 0) {
          throw new QuireError('NOT_FOUND', `${document.path} has no indexed text at line ${line}`);
        }
        if (merged.json) {
          printJson(line === undefined ? document : { ...document, text: undefined, chunks });
          return;
        }
        if (line === undefined) {
          process.stdout.write(`${document.text}${document.text.endsWith('\n') ? '' : '\n'}`);
        } else {
          const chunk = chunks[0];
          process.stderr.write(`${document.path}:${chunk.startLine}-${chunk.endLine}${chunk.headingPath.length ? `  ${chunk.headingPath.join(' > ')}` : ''}\n`);
          process.stdout.write(`${chunk.text}${chunk.text.endsWith('\n') ? '' : '\n'}`);
        }
      } finally {
        index.close();
      }
    });
}
