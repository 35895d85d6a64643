// "Outcome known within 20 working days": of the introductions old enough to say, how many had a known outcome
// (contact made, could not reach, declined, withdrawn, expired) within 20 working days of being sent, and how many
// closed with the outcome unknown. Overall, by receiving service and by month sent. Pure: rows in, counts out.
import { TZDate } from '@date-fns/tz';
import type { WorkingCalendar } from '../calendar/types.ts';

/** The window in which an introducer should know what happened. */
export const OUTCOME_KNOWN_WITHIN_WORKING_DAYS = 20;

export interface OutcomeRow {
  serviceId: string;
  serviceName: string;
  organisation: string;
  createdAt: string;
  /** When the outcome became known (contact made, reported unreachable, closed with a known outcome); null: not yet or never. */
  knownAt: string | null;
  /** Closed with the outcome unknown. */
  unknown: boolean;
}

export interface KnownShare {
  /** Introductions whose window has ended, or whose outcome was known within it. */
  due: number;
  /** Of those, outcome known within the window. */
  known: number;
  /** Of those, closed with the outcome unknown. */
  unknown: number;
}

export interface ServiceKnownShare extends KnownShare {
  serviceId: string;
  serviceName: string;
  organisation: string;
}
export interface MonthKnownShare extends KnownShare {
  month: string;
  label: string;
}

export interface OutcomeKnown {
  overall: KnownShare;
  byService: ServiceKnownShare[];
  byMonth: MonthKnownShare[];
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The local calendar day of an instant, YYYY-MM-DD (one formatter per report: much cheaper than a TZDate per row). */
function localDayOf(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (iso) => {
    const [day, month, year] = format.format(new Date(iso)).split('/');
    return `${year}-${month}-${day}`;
  };
}

function monthOf(day: string): { month: string; label: string } {
  const [year, month] = day.split('-');
  return { month: `${year}-${month}`, label: `${MONTH_NAMES[Number(month) - 1]} ${year}` };
}

const empty = (): KnownShare => ({ due: 0, known: 0, unknown: 0 });

/** Calendar days (YYYY-MM-DD) are walked in UTC arithmetic: only the working-day test needs the time zone. */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function endOfLocalDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new TZDate(y, m - 1, d + 1, timeZone).getTime() - 1;
}

/**
 * The end of the window for introductions sent on each local day: the end of the 20th working day after the first
 * working day on or after it. One pass over the calendar days of the report (a report covers up to two years), not
 * one calendar walk per introduction.
 */
function windowEnds(days: readonly string[], calendar: WorkingCalendar, timeZone: string): Map<string, number> {
  const ends = new Map<string, number>();
  if (days.length === 0) return ends;
  const sorted = [...days].sort();
  const last = sorted[sorted.length - 1];
  const working: string[] = [];
  const firstWorkingIndex = new Map<string, number>();
  const pending: string[] = [];
  for (
    let day = sorted[0];
    day <= last || working.length <= (firstWorkingIndex.get(last) ?? Infinity) + OUTCOME_KNOWN_WITHIN_WORKING_DAYS;
    day = nextDay(day)
  ) {
    const [y, m, d] = day.split('-').map(Number);
    if (day <= last) pending.push(day);
    if (!calendar.isWorkingDay(new Date(new TZDate(y, m - 1, d, 12, timeZone).getTime()), timeZone)) continue;
    for (const waiting of pending) firstWorkingIndex.set(waiting, working.length);
    pending.length = 0;
    working.push(day);
  }
  for (const day of days)
    ends.set(day, endOfLocalDay(working[firstWorkingIndex.get(day)! + OUTCOME_KNOWN_WITHIN_WORKING_DAYS], timeZone));
  return ends;
}

function add(into: KnownShare, knownInTime: boolean, unknown: boolean): void {
  into.due++;
  if (knownInTime) into.known++;
  if (unknown) into.unknown++;
}

/** Counts rows at `now`: a row still inside its window (to the end of the 20th working day after the day it was sent)
 * with no outcome yet is left out (too early to say). */
export function outcomeKnown(
  rows: readonly OutcomeRow[],
  now: Date,
  calendar: WorkingCalendar,
  timeZone: string,
): OutcomeKnown {
  const overall = empty();
  const services = new Map<string, ServiceKnownShare>();
  const months = new Map<string, MonthKnownShare>();
  const dayOf = localDayOf(timeZone);
  const sentOn = rows.map((r) => dayOf(r.createdAt));
  const windowEnd = windowEnds([...new Set(sentOn)], calendar, timeZone);
  rows.forEach((r, i) => {
    const day = sentOn[i];
    const deadline = windowEnd.get(day)!;
    const knownInTime = r.knownAt !== null && !r.unknown && Date.parse(r.knownAt) <= deadline;
    if (!knownInTime && now.getTime() <= deadline) return;
    add(overall, knownInTime, r.unknown);
    const s = services.get(r.serviceId) ?? {
      serviceId: r.serviceId,
      serviceName: r.serviceName,
      organisation: r.organisation,
      ...empty(),
    };
    add(s, knownInTime, r.unknown);
    services.set(r.serviceId, s);
    const m = monthOf(day);
    const entry = months.get(m.month) ?? { ...m, ...empty() };
    add(entry, knownInTime, r.unknown);
    months.set(m.month, entry);
  });
  return {
    overall,
    byService: [...services.values()].sort((a, b) => a.serviceName.localeCompare(b.serviceName)),
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
  };
}
