// `handover outbox failed` lists dead letters; `handover outbox retry ID` queues one again.
import type { Command } from 'commander';
import { OutboxStore, type OutboxRow } from '../storage/outbox-store.ts';
import { withDb, type CliDeps } from './deps.ts';

function who(row: OutboxRow): string {
  return 'channel' in row.recipient ? `channel ${row.recipient.channel.channelId}` : row.recipient.personId;
}

export function registerOutboxCommands(program: Command, deps: CliDeps): void {
  const outbox = program.command('outbox').description('Messages waiting to be delivered, and ones that failed');

  outbox
    .command('failed')
    .description('List messages that could not be delivered (dead letters)')
    .action(() => {
      withDb(deps, (db) => {
        const failed = new OutboxStore(db).failed();
        if (failed.length === 0) {
          deps.out('No failed messages.');
          return;
        }
        for (const r of failed) {
          deps.out(
            `#${r.id}  ${r.card.kind.padEnd(14)} ${r.subjectId.padEnd(22)} to ${who(r).padEnd(16)} ${r.attempts} attempt(s)  ${r.lastError ?? ''}`,
          );
        }
        deps.out(`${failed.length} failed message(s). Retry one with: handover outbox retry ID`);
      });
    });

  outbox
    .command('retry')
    .description('Queue a failed message again')
    .argument('<id>', 'the number shown by "outbox failed"')
    .action((id: string, _opts: unknown, command: Command) => {
      const n = Number(id.replace(/^#/, ''));
      if (!Number.isInteger(n) || n <= 0)
        command.error(`"${id}" is not a message number; see "handover outbox failed".`, { exitCode: 1 });
      withDb(deps, (db) => {
        if (!new OutboxStore(db).retry(n, deps.now()))
          command.error(`There is no failed message #${n}; see "handover outbox failed".`, { exitCode: 1 });
        deps.out(`Message #${n} is queued again; the dispatcher will send it at its next run.`);
      });
    });

  outbox
    .command('status')
    .description('How many messages are waiting, sent and failed')
    .action(() => {
      withDb(deps, (db) => {
        const c = new OutboxStore(db).counts();
        deps.out(`waiting ${c.pending}, sending ${c.sending}, sent ${c.sent}, skipped ${c.skipped}, failed ${c.dead}`);
      });
    });
}
