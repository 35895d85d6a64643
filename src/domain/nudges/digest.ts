// A person who chose a daily digest gets one message at the start of their working day listing everything
// waiting for them, instead of a nudge for each introduction.
import { TZDate } from '@date-fns/tz';
import type { WorkingCalendar } from '../calendar/types.ts';

const LAST_HOUR = 23;
const LAST_MINUTE = 59;

/** The key of one person's digest for one local day, e.g. `digest:sam:2026-09-01`. */
export function digestKey(personId: string, at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  const month = String(local.getMonth() + 1).padStart(2, '0');
  const day = String(local.getDate()).padStart(2, '0');
  return `digest:${personId}:${local.getFullYear()}-${month}-${day}`;
}

/** The start of the working day on which a nudge due at `due` is delivered as part of a digest. */
export function digestMoment(due: Date, calendar: WorkingCalendar, timeZone: string): Date {
  const candidate = calendar.nextWorkingMoment(due, timeZone);
  const local = new TZDate(candidate.getTime(), timeZone);
  const startOfDay = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 0, 0, 0, timeZone);
  const dayStart = calendar.nextWorkingMoment(new Date(startOfDay.getTime()), timeZone);
  if (dayStart.getTime() === candidate.getTime()) return candidate;
  const endOfDay = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate(),
    LAST_HOUR,
    LAST_MINUTE,
    0,
    timeZone,
  );
  return calendar.nextWorkingMoment(new Date(endOfDay.getTime()), timeZone);
}
