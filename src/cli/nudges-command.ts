// `handover nudges preview --at "2026-12-24 10:00"`: what would be sent at that moment, without sending.
import type { Command } from 'commander';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import { DEFAULT_TIME_ZONE, createWorkingCalendar } from '../domain/calendar/working-calendar.ts';
import { previewSweep } from '../scheduler/preview.ts';
import { loadBankHolidays } from '../storage/bank-holidays-file.ts';
import { formatLocal, parseLocalTime } from './cli-time.ts';
import type { CliDeps } from './deps.ts';

export interface NudgesCliDeps extends CliDeps {
  /** Defaults: Europe/London and the shipped England & Wales bank holidays. */
  timeZone?: string;
  calendar?: WorkingCalendar;
}

export function registerNudgesCommands(program: Command, deps: NudgesCliDeps): void {
  const nudges = program.command('nudges').description('Reminders, escalations and expiries');
  nudges
    .command('preview')
    .description('Show which nudges, escalations and expiries would be sent at a moment, without sending anything')
    .option('--at <time>', 'the moment, e.g. "2026-12-24 10:00" (local time); default now')
    .action((opts: { at?: string }) => {
      const timeZone = deps.timeZone ?? DEFAULT_TIME_ZONE;
      const calendar = deps.calendar ?? createWorkingCalendar({ timeZone, holidays: loadBankHolidays() });
      const at = opts.at ? parseLocalTime(opts.at, timeZone) : deps.now();
      const db = deps.openDb();
      try {
        const { result, messages } = previewSweep(db, at, calendar, timeZone);
        deps.out(`At ${formatLocal(at, timeZone)} (${timeZone}):`);
        if (messages.length === 0 && result.escalated === 0 && result.expired === 0) {
          deps.out('Nothing would be sent.');
          return;
        }
        for (const m of messages) {
          const what = m.reason ? `${m.cardKind} (${m.reason.replaceAll('_', ' ')})` : m.cardKind;
          deps.out(`  ${what.padEnd(40)} ${m.subjectId.padEnd(24)} to ${m.recipient}`);
        }
        deps.out(`${messages.length} message(s); ${result.nudges} nudge(s), ${result.folded} folded into digests, ` +
          `${result.escalated} escalation(s), ${result.expired} expiry(ies). Nothing was sent.`);
      } finally {
        db.close();
      }
    });
}
