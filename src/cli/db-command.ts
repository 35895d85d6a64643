// `handover db migrate` and `handover audit show ID`.
import type { Command } from 'commander';
import { HandoverStore } from '../storage/handover-store.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { latestSchemaVersion, schemaVersion } from '../storage/sqlite.ts';
import { withDb, type CliDeps } from './deps.ts';

export function registerDbCommands(program: Command, deps: CliDeps): void {
  const db = program.command('db').description('The SQLite database');
  db.command('migrate')
    .description('Bring the database schema up to date (also done at every start)')
    .action(() => {
      withDb(deps, (conn) => deps.out(`Schema version ${schemaVersion(conn)} (latest ${latestSchemaVersion()}).`));
    });

  const audit = program.command('audit').description('The audit trail');
  audit
    .command('show <handoverId>')
    .description('Every step of one introduction: who, when, from → to (no client details)')
    .action((id: string) => {
      withDb(deps, (conn) => {
        const people = new PeopleStore(conn);
        const entries = new HandoverStore(conn).audit(id);
        if (entries.length === 0) throw new Error(`No audit entries for introduction ${id}.`);
        for (const e of entries) {
          const states = e.fromState ? `${e.fromState} → ${e.toState}` : `→ ${e.toState}`;
          deps.out(
            `${e.at}  ${e.event.padEnd(14)} ${states.padEnd(26)} by ${people.nameOf(e.actorId)}  ${JSON.stringify(e.details)}`,
          );
        }
      });
    });
}
