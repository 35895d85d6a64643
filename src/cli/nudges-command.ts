// `handover nudges preview --from "2026-12-21 09:00" --to "2026-12-31 18:00"`: what would be sent in that window,
// one line per new message, without sending anything.
import { relative } from 'node:path';
import type { Command } from 'commander';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import { DEFAULT_TIME_ZONE, createWorkingCalendar } from '../domain/calendar/working-calendar.ts';
import { previewTimeline } from '../scheduler/preview.ts';
import { formatTimelineLine } from '../scheduler/preview-words.ts';
import { DEFAULT_BANK_HOLIDAYS_PATH, loadBankHolidays } from '../storage/bank-holidays-file.ts';
import { formatLocal, parseLocalTime } from '../domain/calendar/local-time.ts';
import { withDb, type CliDeps } from './deps.ts';

/** The window when --to is left out. */
export const DEFAULT_PREVIEW_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface NudgesCliDeps extends CliDeps {
  /** Defaults: Europe/London and the bank holidays file (BANK_HOLIDAYS_PATH, else the shipped one). */
  timeZone?: string;
  calendar?: WorkingCalendar;
}

export function registerNudgesCommands(program: Command, deps: NudgesCliDeps): void {
  const nudges = program.command('nudges').description('Reminders, escalations and expiries');
  nudges
    .command('preview')
    .description('List what would be sent in a window of time, one line per new message, without sending anything')
    .option('--from <time>', 'start of the window, e.g. "2026-12-21 09:00" (local time); default now')
    .option(
      '--to <time>',
      `end of the window, e.g. "2026-12-31 18:00"; default ${DEFAULT_PREVIEW_DAYS} days after the start`,
    )
    .action((opts: { from?: string; to?: string }) => {
      const timeZone = deps.timeZone ?? DEFAULT_TIME_ZONE;
      const holidaysPath = deps.bankHolidaysPath ?? DEFAULT_BANK_HOLIDAYS_PATH;
      const calendar = deps.calendar ?? createWorkingCalendar({ timeZone, holidays: loadBankHolidays(holidaysPath) });
      const from = opts.from ? parseLocalTime(opts.from, timeZone) : deps.now();
      const to = opts.to ? parseLocalTime(opts.to, timeZone) : new Date(from.getTime() + DEFAULT_PREVIEW_DAYS * DAY_MS);
      withDb(deps, (db) => {
        const lines = previewTimeline(db, from, to, calendar, timeZone);
        deps.out(
          `What would be sent from ${formatLocal(from, timeZone, deps.now())} to ${formatLocal(to, timeZone, deps.now())} (${timeZone}).`,
        );
        const shown = relative(process.cwd(), holidaysPath).startsWith('..')
          ? holidaysPath
          : relative(process.cwd(), holidaysPath);
        deps.out(
          `Times are in each recipient's own time zone; working days skip the bank holidays in ${shown}. Card updates are left out.`,
        );
        if (lines.length === 0) {
          deps.out('Nothing would be sent in this window.');
          return;
        }
        for (const line of lines) for (const text of formatTimelineLine(line, timeZone, deps.now())) deps.out(text);
        deps.out(`${lines.length} message${lines.length === 1 ? '' : 's'} in this window. Nothing was sent.`);
      });
    });
}
