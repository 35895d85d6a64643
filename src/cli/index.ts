// `npx handover …`: the coordinator's command line. One file per command group.
import { Command, CommanderError } from 'commander';
import { registerBackupCommand } from './backup-command.ts';
import { registerCalendarCommands } from './calendar-command.ts';
import { registerDbCommands } from './db-command.ts';
import { registerDirectoryCommands } from './directory-command.ts';
import { registerNudgesCommands } from './nudges-command.ts';
import { registerOpportunityCommands } from './opportunity-command.ts';
import { registerOutboxCommands } from './outbox-command.ts';
import { registerPeopleCommands } from './people-command.ts';
import { registerPurgeCommands } from './purge-command.ts';
import { registerReportCommands } from './report-command.ts';
import { registerTeamsCommands } from './teams-command.ts';
import { defaultCliDeps, type CliDeps } from './deps.ts';

export function buildProgram(deps: CliDeps): Command {
  const program = new Command('handover')
    .description('Warm Handover: manage the directory, nudges and records from the command line')
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.out(s.trimEnd()), writeErr: (s) => deps.out(s.trimEnd()) });
  registerDbCommands(program, deps);
  registerBackupCommand(program, deps);
  registerDirectoryCommands(program, deps);
  registerPeopleCommands(program, deps);
  registerReportCommands(program, deps);
  registerCalendarCommands(program, { bankHolidaysPath: deps.bankHolidaysPath, write: deps.out });
  registerTeamsCommands(program, deps);
  registerNudgesCommands(program, deps);
  registerOutboxCommands(program, deps);
  registerPurgeCommands(program, deps);
  registerOpportunityCommands(program, deps);
  return program;
}

/** Runs the CLI; returns the exit code. Errors become one plain sentence, never a stack trace. */
export async function runCli(argv: string[], deps: CliDeps = defaultCliDeps()): Promise<number> {
  try {
    await buildProgram(deps).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    deps.out(`Error: ${(err as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.env.HANDOVER_CLI === '1') {
  process.exitCode = await runCli(process.argv.slice(2));
}
