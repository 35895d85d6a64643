// Where "move time forward" in the playground lands: an hour later, the next working morning, or one working
// day later, always in working-day terms of the given calendar and zone. Pure: the same moment gives the same answer.
import { TZDate } from '@date-fns/tz';
import type { WorkingCalendar } from './types.ts';

export const TIME_MOVES = ['hour', 'morning', 'day'] as const;
export type TimeMove = (typeof TIME_MOVES)[number];

const HOUR_MS = 3_600_000;

/** The next start of working hours: today's when it is still to come, else the next working day's. */
export function nextWorkingMorning(now: Date, calendar: WorkingCalendar, timeZone: string): Date {
  if (!calendar.isWorkingMoment(now, timeZone)) return calendar.nextWorkingMoment(now, timeZone);
  const tomorrow = new TZDate(now.getTime(), timeZone);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(0, 0, 0, 0);
  return calendar.nextWorkingMoment(new Date(tomorrow.getTime()), timeZone);
}

/** The moment one move after `now`; always later than `now`. */
export function movedTime(now: Date, move: TimeMove, calendar: WorkingCalendar, timeZone: string): Date {
  switch (move) {
    case 'hour':
      return new Date(now.getTime() + HOUR_MS);
    case 'morning':
      return nextWorkingMorning(now, calendar, timeZone);
    case 'day': {
      const next = calendar.addWorkingDays(now, 1, timeZone);
      return next.getTime() > now.getTime() ? next : new Date(now.getTime() + HOUR_MS);
    }
  }
}
