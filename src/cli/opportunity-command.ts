// `handover opportunity …`: the opportunities posted in peer groups.
//   handover opportunity list [--open]
//   handover opportunity close ID
//   handover opportunity groups
import type { Command } from 'commander';
import { OpportunityService, type OutboxSink } from '../app/opportunity-service.ts';
import { describeDeadline } from '../domain/opportunities/deadline.ts';
import { OPPORTUNITY_TYPE_LABELS, type Opportunity } from '../domain/opportunities/types.ts';
import { OpportunityStore } from '../storage/opportunity-store.ts';
import { OutboxStore } from '../storage/outbox-store.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';
import { withDb, type CliDeps } from './deps.ts';

export const DEFAULT_OPPORTUNITY_TIME_ZONE = 'Europe/London';

export interface OpportunityCliDeps extends CliDeps {
  /** config.timeZone; Europe/London when absent. */
  timeZone?: string;
  /** Where "Closed" card updates are queued; the outbox in the same database when absent. */
  outboxFor?: (db: Db) => OutboxSink;
}

function withService<T>(deps: OpportunityCliDeps, fn: (service: OpportunityService, store: OpportunityStore) => T): T {
  return withDb(deps, (db) => {
    const store = new OpportunityStore(db);
    const service = new OpportunityService({
      db,
      clock: { now: () => deps.now() },
      timeZone: deps.timeZone ?? DEFAULT_OPPORTUNITY_TIME_ZONE,
      store,
      people: new PeopleStore(db, () => deps.now()),
      services: new ServiceStore(db),
      outbox: deps.outboxFor ? deps.outboxFor(db) : new OutboxStore(db),
    });
    return fn(service, store);
  });
}

function line(o: Opportunity, channels: number, timeZone: string, now: Date): string {
  const where = channels === 1 ? '1 channel' : `${channels} channels`;
  return `${o.id}  ${o.status.padEnd(6)}  ${OPPORTUNITY_TYPE_LABELS[o.type].padEnd(12)}  apply by ${describeDeadline(o.deadline, timeZone, now)}  ${o.title} (${o.provider}), ${where}`;
}

export function registerOpportunityCommands(program: Command, deps: OpportunityCliDeps): void {
  const zone = deps.timeZone ?? DEFAULT_OPPORTUNITY_TIME_ZONE;
  const opportunity = program.command('opportunity').description('Opportunities shared in peer-group channels');

  opportunity
    .command('list')
    .description('Opportunities, newest first; with --open only those still open, soonest deadline first')
    .option('--open', 'only those still open')
    .action((opts: { open?: boolean }) =>
      withService(deps, (service, store) => {
        const list = service.list({ open: Boolean(opts.open) });
        if (list.length === 0)
          deps.out(opts.open ? 'No opportunities are open.' : 'No opportunities have been posted yet.');
        for (const o of list) deps.out(line(o, store.posts(o.id).length, zone, deps.now()));
      }),
    );

  opportunity
    .command('close <id>')
    .description('Close an opportunity now; its posted cards update to "Closed"')
    .action((id: string) =>
      withService(deps, (service, store) => {
        const { opportunity: o, noop } = service.close(id, 'system');
        if (noop) {
          deps.out(
            `${o.id} (${o.title}) was already closed${o.closedAt ? ` (${describeDeadline(o.closedAt, zone, deps.now())})` : ''}.`,
          );
          return;
        }
        const n = store.posts(o.id).length;
        deps.out(
          `Closed ${o.id} (${o.title}). ${n === 1 ? 'Its card in 1 channel' : `Its cards in ${n} channels`} will show "Closed".`,
        );
      }),
    );

  opportunity
    .command('groups')
    .description('Channels registered as peer groups')
    .action(() =>
      withService(deps, (_service, store) => {
        const groups = store.peerGroups();
        if (groups.length === 0)
          deps.out('No peer groups yet: one is added the first time an opportunity is posted to a channel.');
        for (const g of groups) deps.out(`${g.name}  (${g.platform}${g.tenant ? ` ${g.tenant}` : ''} ${g.channelId})`);
      }),
    );
}
