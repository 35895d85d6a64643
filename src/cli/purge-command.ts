// `handover purge [--dry-run] [--days N]`: remove client details from introductions closed long enough ago.
import { DEFAULT_TIME_ZONE, formatCalendarDate } from '../domain/calendar/date-words.ts';
import type { Command } from 'commander';
import { MAX_DAYS_AFTER_SENT } from '../domain/handover/endings.ts';
import { DEFAULT_RETENTION_DAYS, purgeCandidates, purgeClosed } from '../scheduler/purge.ts';
import { reclaimFreedSpace } from '../storage/scrub.ts';
import { withDb, type CliDeps } from './deps.ts';

export interface PurgeCliDeps extends CliDeps {
  /** RETENTION_DAYS from the configuration. */
  retentionDays?: number;
}

export function registerPurgeCommands(program: Command, deps: PurgeCliDeps): void {
  const fallback = deps.retentionDays ?? DEFAULT_RETENTION_DAYS;
  program
    .command('purge')
    .description(
      `Remove client details and notes from introductions closed more than N days ago or sent more than ${MAX_DAYS_AFTER_SENT} days ago (statistics and audit stay)`,
    )
    .option('--dry-run', 'only list what would be purged')
    .option('--days <n>', `days after closure (default ${fallback}, RETENTION_DAYS)`)
    .action((opts: { dryRun?: boolean; days?: string }, command: Command) => {
      const days = opts.days === undefined ? fallback : Number(opts.days);
      if (!Number.isInteger(days) || days < 1)
        command.error(`--days must be a whole number of days, 1 or more (got "${opts.days}").`, { exitCode: 1 });
      withDb(deps, (db) => {
        const list = opts.dryRun ? purgeCandidates(db, deps.now(), days) : purgeClosed(db, deps.now(), days);
        if (!opts.dryRun && list.length) reclaimFreedSpace(db);
        for (const c of list)
          deps.out(
            `${c.id}  ${c.state.padEnd(10)} ${c.closedAt ? `closed ${formatCalendarDate(c.closedAt, deps.timeZone ?? DEFAULT_TIME_ZONE, deps.now())}` : 'sent over the limit'}`,
          );
        const verb = opts.dryRun ? 'would be purged (dry run: nothing changed)' : 'purged';
        deps.out(
          `${list.length} introduction(s) closed more than ${days} days ago, or sent more than ${MAX_DAYS_AFTER_SENT} days ago, ${verb}.`,
        );
      });
    });
}
