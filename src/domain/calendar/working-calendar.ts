// The working-day calendar: when is someone at work, and what is "n working days from now".
//
// Semantics (all in the person's time zone, default Europe/London; date-fns + @date-fns/tz do the
// zone arithmetic, so clock changes are handled by the time-zone database, never by hand):
// - A working day is Monday to Friday whose local date is not a bank holiday. The holiday set is the
//   calendar's (England & Wales by default) and is applied to the person's local date, also for a
//   person in another zone; give such a person a calendar with their own holidays if that matters.
// - Working hours are workStartHour:00 (inclusive) to workEndHour:00 (exclusive), local time:
//   09:00 is inside, 16:59:59 is inside, 17:00 is outside.
// - nextWorkingMoment(from): `from` itself when it is inside working hours on a working day; the
//   same day's start when it is a working day before the start; otherwise the start of the next
//   working day.
// - addWorkingDays(from, n): begin at nextWorkingMoment(from), then step forward n working days
//   keeping that local time of day. Mon 10:00 + 2 = Wed 10:00; Fri 16:55 + 1 before a bank-holiday
//   Monday = Tue 16:55; Sat 11:00 + 2 = Mon 09:00 + 2 = Wed 09:00. n = 0 gives nextWorkingMoment.
//   Because the start moment is inside working hours, so is the result, and a later `from` never
//   gives an earlier answer.
// - workingDaysBetween(from, to): how many working days after the local date of
//   nextWorkingMoment(from) up to and including the local date of `to` (0 if `to` is not later).
//   For a working moment a, workingDaysBetween(a, addWorkingDays(a, n)) === n.
import { TZDate } from '@date-fns/tz';
// One module per function: the package root loads all of date-fns (about 20 MB of memory).
import { addDays } from 'date-fns/addDays';
import { set } from 'date-fns/set';
import { CalendarError } from './errors.ts';
import { isIsoDate } from './bank-holidays.ts';
import type { WorkingCalendar } from './types.ts';

export const DEFAULT_TIME_ZONE = 'Europe/London';
export const DEFAULT_WORK_START_HOUR = 9;
export const DEFAULT_WORK_END_HOUR = 17;
/** The largest n addWorkingDays accepts (about ten years). */
export const MAX_WORKING_DAYS = 2600;
/** The longest run of non-working days we look through before giving up (a bad holiday list). */
export const MAX_DAYS_WITHOUT_WORK = 366;

export interface WorkingCalendarOptions {
  timeZone?: string;
  holidays: ReadonlySet<string>;
  workStartHour?: number;
  workEndHour?: number;
}

export interface ZonedWorkingCalendar extends WorkingCalendar {
  readonly workStartHour: number;
  readonly workEndHour: number;
  workingDaysBetween(from: Date, to: Date, timeZone?: string): number;
}

interface Hours {
  start: number;
  end: number;
}

function checkHours(start: number, end: number): Hours {
  const isHour = (h: number) => Number.isInteger(h) && h >= 0 && h <= 24;
  if (!isHour(start) || !isHour(end) || start >= end) {
    throw new CalendarError(
      'CALENDAR_INVALID_INPUT',
      `Working hours must be whole hours between 0 and 24 with the start before the end (got ${start} to ${end}).`,
      { field: 'workStartHour' },
    );
  }
  return { start, end };
}

function checkHolidays(holidays: ReadonlySet<string>): ReadonlySet<string> {
  for (const date of holidays) {
    if (!isIsoDate(date)) {
      throw new CalendarError(
        'CALENDAR_INVALID_INPUT',
        `Bank holiday "${date}" is not a date in the form YYYY-MM-DD.`,
        {
          field: 'holidays',
        },
      );
    }
  }
  return new Set(holidays);
}

const knownZones = new Set<string>();

/** Throws a coded error for a time zone the time-zone database does not know. */
export function checkTimeZone(timeZone: string): string {
  if (knownZones.has(timeZone)) return timeZone;
  if (!timeZone || Number.isNaN(new TZDate(0, timeZone).getTime())) {
    throw new CalendarError(
      'CALENDAR_UNKNOWN_TIME_ZONE',
      `"${timeZone}" is not a time zone we know. Use a name like Europe/London or America/New_York.`,
      { field: 'timeZone' },
    );
  }
  knownZones.add(timeZone);
  return timeZone;
}

function toLocal(at: Date, timeZone: string): TZDate {
  const time = at instanceof Date ? at.getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    throw new CalendarError(
      'CALENDAR_INVALID_DATE',
      'The calendar was given a date that is not a real moment in time.',
      {
        field: 'date',
      },
    );
  }
  return new TZDate(time, timeZone);
}

function localDateKey(day: TZDate): string {
  const month = String(day.getMonth() + 1).padStart(2, '0');
  const date = String(day.getDate()).padStart(2, '0');
  return `${day.getFullYear()}-${month}-${date}`;
}

function atHour(day: TZDate, hour: number): TZDate {
  return set(day, { hours: hour, minutes: 0, seconds: 0, milliseconds: 0 });
}

const SATURDAY = 6;
const SUNDAY = 0;

interface DayRules {
  isWorkingLocalDay(day: TZDate): boolean;
  /** The same local time on the next working day after `day`. */
  nextWorkingDay(day: TZDate): TZDate;
  nextWorkingLocal(local: TZDate): TZDate;
}

function dayRules(holidays: ReadonlySet<string>, hours: Hours): DayRules {
  const isWorkingLocalDay = (day: TZDate): boolean => {
    const weekday = day.getDay();
    return weekday !== SATURDAY && weekday !== SUNDAY && !holidays.has(localDateKey(day));
  };
  const nextWorkingDay = (day: TZDate): TZDate => {
    for (let step = 1; step <= MAX_DAYS_WITHOUT_WORK; step += 1) {
      const candidate = addDays(day, step);
      if (isWorkingLocalDay(candidate)) return candidate;
    }
    throw new CalendarError(
      'CALENDAR_NO_WORKING_DAY',
      `There is no working day in the ${MAX_DAYS_WITHOUT_WORK} days after ${localDateKey(day)}; check the bank holidays file.`,
    );
  };
  const nextWorkingLocal = (local: TZDate): TZDate => {
    if (isWorkingLocalDay(local)) {
      const start = atHour(local, hours.start);
      if (local.getTime() < start.getTime()) return start;
      if (local.getTime() < atHour(local, hours.end).getTime()) return local;
    }
    return atHour(nextWorkingDay(local), hours.start);
  };
  return { isWorkingLocalDay, nextWorkingDay, nextWorkingLocal };
}

function addWorkingDaysLocal(rules: DayRules, from: TZDate, days: number): Date {
  if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
    throw new CalendarError(
      'CALENDAR_INVALID_INPUT',
      `The number of working days must be a whole number from 0 to ${MAX_WORKING_DAYS} (got ${days}).`,
      { field: 'days' },
    );
  }
  let moment = rules.nextWorkingLocal(from);
  for (let counted = 0; counted < days; counted += 1) moment = rules.nextWorkingDay(moment);
  return new Date(moment.getTime());
}

function workingDaysBetweenLocal(rules: DayRules, from: TZDate, to: TZDate): number {
  const lastKey = localDateKey(to);
  let day = rules.nextWorkingLocal(from);
  let count = 0;
  for (;;) {
    day = addDays(day, 1);
    if (localDateKey(day) > lastKey) return count;
    if (rules.isWorkingLocalDay(day)) count += 1;
  }
}

export function createWorkingCalendar(options: WorkingCalendarOptions): ZonedWorkingCalendar {
  const timeZone = checkTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
  const hours = checkHours(
    options.workStartHour ?? DEFAULT_WORK_START_HOUR,
    options.workEndHour ?? DEFAULT_WORK_END_HOUR,
  );
  const rules = dayRules(checkHolidays(options.holidays), hours);
  const local = (at: Date, zone?: string) => toLocal(at, zone === undefined ? timeZone : checkTimeZone(zone));

  return {
    timeZone,
    workStartHour: hours.start,
    workEndHour: hours.end,
    isWorkingDay: (at, zone) => rules.isWorkingLocalDay(local(at, zone)),
    isWorkingMoment(at, zone) {
      const here = local(at, zone);
      return rules.nextWorkingLocal(here).getTime() === here.getTime();
    },
    nextWorkingMoment: (from, zone) => new Date(rules.nextWorkingLocal(local(from, zone)).getTime()),
    addWorkingDays: (from, days, zone) => addWorkingDaysLocal(rules, local(from, zone), days),
    workingDaysBetween: (from, to, zone) => workingDaysBetweenLocal(rules, local(from, zone), local(to, zone)),
    withHours: (start, end) => createWorkingCalendar({ ...options, workStartHour: start, workEndHour: end }),
  };
}
