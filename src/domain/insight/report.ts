// What a coordinator's report holds: counts and times only, never anything that identifies a client.
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { CATEGORY_IDS, type CategoryId } from '../directory/types.ts';
import { DECLINE_REASONS, type DeclineReason } from '../handover/types.ts';
import type { OutcomeKnown } from './outcome-known.ts';
import type { DurationSummary } from './stats.ts';

/** The longest date range one report may cover (two years), so a typo cannot scan everything forever. */
export const MAX_RANGE_DAYS = 731;
/** How many services the "most unanswered" list shows. */
export const MOST_UNANSWERED_LIMIT = 10;

export interface ReportFilter {
  /** First day, YYYY-MM-DD, inclusive, in the report's time zone. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  to: string;
  serviceId?: string;
  /** The receiving service's organisation. */
  organisation?: string;
  category?: CategoryId;
}

export type ReasonCounts = Record<DeclineReason, number>;

export interface Totals {
  sent: number;
  accepted: number;
  declined: number;
  withdrawn: number;
  expired: number;
  contactMade: number;
  unreachable: number;
  /** Nobody at the service (named contact, backups, channel) could be reached on any switched-on route. */
  notReached: number;
  awaitingAnswer: number;
  /** Closed by the reminder service because nobody confirmed what happened. */
  outcomeUnknown: number;
}

export interface ServiceDeclines {
  serviceId: string;
  serviceName: string;
  organisation: string;
  sent: number;
  byReason: ReasonCounts;
  total: number;
}
export interface CategoryDeclines {
  category: CategoryId;
  label: string;
  sent: number;
  byReason: ReasonCounts;
  total: number;
}

export interface DropOff {
  /** No answer by the reply-by date, and the introduction expired. */
  expired: number;
  /** Still no answer although the reply-by date has passed. */
  overdue: number;
  unreachable: number;
  /** The named contact and any backup could not be reached on any route. */
  notReached: number;
  withdrawn: number;
}

export interface FollowUpShare {
  /** Accepted introductions whose follow-up date has passed. */
  due: number;
  /** Of those, how many had an outcome (made contact, could not reach, closed, withdrawn) by the follow-up date. */
  known: number;
}

export interface StaleEntry {
  serviceId: string;
  serviceName: string;
  organisation: string;
  lastReviewed: string | null;
  staleSince: string | null;
}
export interface UnansweredEntry {
  serviceId: string;
  serviceName: string;
  organisation: string;
  unanswered: number;
  sent: number;
}

export interface Report {
  filter: ReportFilter;
  timeZone: string;
  generatedAt: string;
  /** A directory entry is stale when not reviewed for this many months. */
  staleAfterMonths: number;
  totals: Totals;
  declinesByService: ServiceDeclines[];
  declinesByCategory: CategoryDeclines[];
  times: { toAnswer: DurationSummary; toFirstContact: DurationSummary };
  dropOff: DropOff;
  followUp: FollowUpShare;
  outcomeKnown: OutcomeKnown;
  stale: StaleEntry[];
  mostUnanswered: UnansweredEntry[];
}

export function emptyReasonCounts(): ReasonCounts {
  return Object.fromEntries(DECLINE_REASONS.map((r) => [r, 0])) as ReasonCounts;
}

export class ReportFilterError extends Error {
  readonly code = 'REPORT_FILTER_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ReportFilterError';
  }
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Dates look like 2026-10-31.' })
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { message: 'That date does not exist.' },
  );
const optional = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((s) => (s ? s : undefined));

const FilterSchema = z.object({
  from: isoDay,
  to: isoDay,
  serviceId: optional,
  organisation: optional,
  category: z
    .union([z.enum(CATEGORY_IDS, { message: 'Choose a category from the list.' }), z.literal('')])
    .optional()
    .transform((s) => (s ? s : undefined)),
});

/** Checks a filter typed by a person (form, query string or CLI). Throws ReportFilterError with a sentence. */
export function parseReportFilter(input: Record<string, unknown>): ReportFilter {
  const parsed = FilterSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReportFilterError(`${String(issue.path[0] ?? 'filter')}: ${issue.message}`);
  }
  const f = parsed.data;
  if (f.from > f.to) throw new ReportFilterError('The "from" date must be on or before the "to" date.');
  const days = (Date.parse(`${f.to}T00:00:00Z`) - Date.parse(`${f.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_RANGE_DAYS) throw new ReportFilterError(`A report can cover at most ${MAX_RANGE_DAYS} days.`);
  const out: ReportFilter = { from: f.from, to: f.to };
  if (f.serviceId) out.serviceId = f.serviceId;
  if (f.organisation) out.organisation = f.organisation;
  if (f.category) out.category = f.category;
  return out;
}

function startOfDay(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime()).toISOString();
}

/** The UTC instants [start, end) covering the filter's whole days in the given time zone. */
export function rangeInstants(
  filter: Pick<ReportFilter, 'from' | 'to'>,
  timeZone: string,
): { start: string; end: string } {
  const next = new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { start: startOfDay(filter.from, timeZone), end: startOfDay(next, timeZone) };
}

/** The local calendar day (YYYY-MM-DD) of an instant, and a day `days` before it: the page's default range. */
export function defaultRange(now: Date, timeZone: string, days = 30): { from: string; to: string } {
  const local = new TZDate(now.getTime(), timeZone);
  const day = (d: TZDate) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const start = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - (days - 1), timeZone);
  return { from: day(start), to: day(local) };
}
