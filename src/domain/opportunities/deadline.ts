// Deadlines and weeks as people mean them: "apply by 1 December" closes at the end of that day in their time zone.
import { TZDate, tz } from '@date-fns/tz';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { setHours } from 'date-fns/setHours';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { formatDate, formatWhen } from '../calendar/date-words.ts';

/** The weekly digest goes out on Monday from this hour (local time). */
export const WEEKLY_DIGEST_HOUR = 9;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function local(y: number, m: number, d: number, h: number, min: number, s: number, timeZone: string): Date | null {
  if (h > 23 || min > 59 || s > 59) return null;
  const z = new TZDate(y, m - 1, d, h, min, s, timeZone);
  // Reject 2026-02-31 and the like: the local date must come back as typed.
  if (z.getFullYear() !== y || z.getMonth() !== m - 1 || z.getDate() !== d) return null;
  return Number.isNaN(z.getTime()) ? null : new Date(z.getTime());
}

/**
 * What a form sends → the instant the opportunity closes.
 * "2026-12-01" → the end of 1 December in `timeZone`; "2026-12-01T17:00" → 17:00 local; an ISO time with Z or offset as is.
 */
export function parseDeadline(value: string, timeZone: string): Date | null {
  const text = value.trim();
  const day = DATE_ONLY.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (!local(y, m, d, 0, 0, 0, timeZone)) return null;
    return new Date(new TZDate(y, m - 1, d + 1, 0, 0, 0, timeZone).getTime());
  }
  const dt = LOCAL_DATE_TIME.exec(text);
  if (dt)
    return local(
      Number(dt[1]),
      Number(dt[2]),
      Number(dt[3]),
      Number(dt[4]),
      Number(dt[5]),
      Number(dt[6] ?? 0),
      timeZone,
    );
  if (WITH_OFFSET.test(text)) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  return null;
}

/** "Tue 1 Dec" when it closes at midnight (the day before it closes), else "Tue 1 Dec, 17:00"; the year is added
 * when it is not `now`'s year (see date-words.ts, the one date style). */
export function describeDeadline(deadlineIso: string, timeZone: string, now?: Date): string {
  const at = new TZDate(new Date(deadlineIso).getTime(), timeZone);
  if (Number.isNaN(at.getTime())) return deadlineIso;
  const midnight = at.getHours() === 0 && at.getMinutes() === 0;
  return midnight
    ? formatDate(new Date(at.getTime() - 1), timeZone, now)
    : formatWhen(new Date(at.getTime()), timeZone, now);
}

/** The ISO week of an instant in a time zone, e.g. "2026-W48". */
export function isoWeekOf(at: Date, timeZone: string): string {
  const zone = tz(timeZone);
  return `${getISOWeekYear(at, { in: zone })}-W${String(getISOWeek(at, { in: zone })).padStart(2, '0')}`;
}

/** Monday 09:00 (local) of the ISO week `at` falls in: the weekly digest is due from then. */
export function weeklyDigestMoment(at: Date, timeZone: string): Date {
  const monday = startOfISOWeek(at, { in: tz(timeZone) });
  return new Date(setHours(monday, WEEKLY_DIGEST_HOUR).getTime());
}
