/**
 * `npm run cli -- <command>`: the command line users script against (DESIGN.md §6). Every command prints a
 * one-line summary (or JSON with --json) on stdout, logs go to stderr, and the exit code says whether it worked.
 * Commands live in `<area>.commands.ts` files and register themselves on the program below.
 */
import { Command, CommanderError } from 'commander';
import { registerDbCommands } from './db.commands.ts';
import { registerDisputeCommands } from './dispute.commands.ts';
import { registerEvaluationCommands } from './evaluation.commands.ts';
import { registerJobCommands } from './job.commands.ts';
import { registerImportCommands } from './import.commands.ts';
import { registerMetricsCommands } from './metrics.commands.ts';
import { registerNoticeCommands } from './notice.commands.ts';
import { registerReportCommands } from './report.commands.ts';
import { registerUnitCommands } from './unit.commands.ts';
import { registerUserCommands } from './user.commands.ts';
import { CliError } from './context.ts';

const program = new Command('shuangjiang')
  .description('双降 — administrative litigation analytics (see README.md)')
  .exitOverride()
  .showHelpAfterError()
  // A command's options come after its name (`evaluation --year …` and `evaluation rules --year …` each their own).
  .enablePositionalOptions();

registerDbCommands(program);
registerDisputeCommands(program);
registerEvaluationCommands(program);
registerJobCommands(program);
registerImportCommands(program);
registerMetricsCommands(program);
registerNoticeCommands(program);
registerReportCommands(program);
registerUnitCommands(program);
registerUserCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`错误 / error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof CliError ? err.exitCode : 1;
  }
}
