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

function monthOf(iso: string, timeZone: string): { month: string; label: string } {
  const local = new TZDate(Date.parse(iso), timeZone);
  return {
    month: `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`,
    label: `${MONTH_NAMES[local.getMonth()]} ${local.getFullYear()}`,
  };
}

const empty = (): KnownShare => ({ due: 0, known: 0, unknown: 0 });

function add(into: KnownShare, knownInTime: boolean, unknown: boolean): void {
  into.due++;
  if (knownInTime) into.known++;
  if (unknown) into.unknown++;
}

/** Counts rows at `now`: a row still inside its window with no outcome yet is left out (too early to say). */
export function outcomeKnown(
  rows: readonly OutcomeRow[],
  now: Date,
  calendar: WorkingCalendar,
  timeZone: string,
): OutcomeKnown {
  const overall = empty();
  const services = new Map<string, ServiceKnownShare>();
  const months = new Map<string, MonthKnownShare>();
  for (const r of rows) {
    const deadline = calendar.addWorkingDays(new Date(r.createdAt), OUTCOME_KNOWN_WITHIN_WORKING_DAYS, timeZone);
    const knownInTime = r.knownAt !== null && !r.unknown && Date.parse(r.knownAt) <= deadline.getTime();
    if (!knownInTime && now.getTime() < deadline.getTime()) continue;
    add(overall, knownInTime, r.unknown);
    const s = services.get(r.serviceId) ?? {
      serviceId: r.serviceId,
      serviceName: r.serviceName,
      organisation: r.organisation,
      ...empty(),
    };
    add(s, knownInTime, r.unknown);
    services.set(r.serviceId, s);
    const m = monthOf(r.createdAt, timeZone);
    const entry = months.get(m.month) ?? { ...m, ...empty() };
    add(entry, knownInTime, r.unknown);
    months.set(m.month, entry);
  }
  return {
    overall,
    byService: [...services.values()].sort((a, b) => a.serviceName.localeCompare(b.serviceName)),
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
  };
}
