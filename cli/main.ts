import { Command, CommanderError } from 'commander';
import { registerEvalCommand } from './commands/eval-command.js';
import { registerGetCommand } from './commands/get-command.js';
import { registerIndexCommand } from './commands/index-command.js';
import { registerSearchCommand } from './commands/search-command.js';
import { registerStatusCommand } from './commands/status-command.js';
import { reportError } from './errors.js';

const program = new Command()
  .name('quire')
  .description('index folders of documents into one SQLite file and search them')
  .version('0.1.0')
  .option('--db <file>', 'index file (default .quire/index.db)')
  .option('--json', 'print machine-readable JSON on stdout')
  .option('-v, --verbose', 'show warnings as they happen and error details')
  .exitOverride();

for (const command of [registerIndexCommand, registerSearchCommand, registerGetCommand, registerStatusCommand, registerEvalCommand]) {
  command(program);
}
for (const sub of program.commands) sub.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // commander already printed its message; help and version are not failures.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.exitCode = reportError(error, process.argv.includes('--verbose') || process.argv.includes('-v'));
  }
}
