// Report queries over SQLite. Reads counts and timestamps only: never handovers.client, never handover_notes.
import type { WorkingCalendar } from '../../domain/calendar/types.ts';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.ts';
import { staleCutoff, DEFAULT_STALE_AFTER_MONTHS } from '../../domain/directory/staleness.ts';
import type { CategoryId } from '../../domain/directory/types.ts';
import { DECLINE_REASONS, type DeclineReason } from '../../domain/handover/types.ts';
import {
  emptyReasonCounts,
  MOST_UNANSWERED_LIMIT,
  rangeInstants,
  type CategoryDeclines,
  type Report,
  type ReportFilter,
  type ServiceDeclines,
  type StaleEntry,
  type Totals,
  type UnansweredEntry,
} from '../../domain/insight/report.ts';
import { outcomeKnown, type OutcomeRow } from '../../domain/insight/outcome-known.ts';
import { hoursBetween, summariseHours } from '../../domain/insight/stats.ts';
import { loadBankHolidays } from '../../storage/bank-holidays-file.ts';
import { categoryLabel } from '../../domain/insight/tables.ts';
import type { Db } from '../../storage/sqlite.ts';

export interface ReportOptions {
  /** The time zone the filter's days are in (config.timeZone). */
  timeZone?: string;
  staleAfterMonths?: number;
  /** Working days for "outcome known within 20 working days"; default: the shipped bank holidays in timeZone. */
  calendar?: WorkingCalendar;
}

interface Params {
  start: string;
  end: string;
  now: string;
  serviceId: string | null;
  organisation: string | null;
  category: string | null;
}

/** The handovers the filter selects: introduced in the date range, for matching services. Named columns only. */
const COHORT = `WITH cohort AS (
  SELECT h.id, h.state, h.service_id, h.outcome, h.decline_reason, h.created_at, h.answered_at, h.accepted_at,
         h.contact_made_at, h.closed_at, h.follow_up_at, h.reply_by
  FROM handovers h JOIN services s ON s.id = h.service_id
  WHERE h.created_at >= @start AND h.created_at < @end
    AND (@serviceId IS NULL OR h.service_id = @serviceId)
    AND (@organisation IS NULL OR s.organisation = @organisation)
    AND (@category IS NULL OR EXISTS (SELECT 1 FROM json_each(s.categories) WHERE value = @category))
)`;

/** Could not reach the client, and contact was never made afterwards. */
export const UNREACHABLE_SQL = `(contact_made_at IS NULL AND (state = 'unreachable' OR (state = 'closed' AND outcome = 'unreachable')))`;
/** No answer by the reply-by date: expired, or still waiting after it. */
export const UNANSWERED_SQL = `(answered_at IS NULL AND (state = 'expired' OR (state = 'sent' AND reply_by < @now)))`;

function totals(db: Db, p: Params): Totals & { overdue: number } {
  const row = db
    .prepare(`${COHORT} SELECT count(*) AS sent,
      coalesce(sum(accepted_at IS NOT NULL), 0) AS accepted, coalesce(sum(state = 'declined'), 0) AS declined,
      coalesce(sum(state = 'withdrawn'), 0) AS withdrawn, coalesce(sum(state = 'expired'), 0) AS expired,
      coalesce(sum(contact_made_at IS NOT NULL OR outcome = 'contact_made'), 0) AS contactMade, coalesce(sum(${UNREACHABLE_SQL}), 0) AS unreachable,
      coalesce(sum(state = 'not_reached'), 0) AS notReached, coalesce(sum(state = 'sent'), 0) AS awaitingAnswer, coalesce(sum(state = 'sent' AND reply_by < @now), 0) AS overdue,
      coalesce(sum(state = 'closed' AND outcome = 'unknown'), 0) AS outcomeUnknown
    FROM cohort`)
    .get(p) as Totals & { overdue: number };
  return row;
}

/** When each introduction's outcome became known: contact made, first "couldn't reach", or a close that says what happened. */
function outcomeRows(db: Db, p: Params): OutcomeRow[] {
  const rows = db
    .prepare(`${COHORT} SELECT c.service_id AS serviceId, s.name AS serviceName, s.organisation, c.created_at AS createdAt,
      coalesce(c.contact_made_at,
        (SELECT min(a.at) FROM audit a WHERE a.handover_id = c.id AND a.event = 'unreachable'),
        CASE WHEN c.closed_at IS NOT NULL AND coalesce(c.outcome, '') <> 'unknown' THEN c.closed_at END) AS knownAt,
      (c.state = 'closed' AND c.outcome = 'unknown') AS unknown
    FROM cohort c JOIN services s ON s.id = c.service_id`)
    .all(p) as Array<Omit<OutcomeRow, 'unknown'> & { unknown: number }>;
  return rows.map((r) => ({ ...r, unknown: r.unknown === 1 }));
}

function asReason(value: string | null): DeclineReason {
  return (DECLINE_REASONS as readonly string[]).includes(value ?? '') ? (value as DeclineReason) : 'other';
}

/** Adds one row of the cohort (a state, a reason and how many) to a service's or category's decline counts. */
function countDeclines(
  entry: Pick<ServiceDeclines, 'sent' | 'byReason' | 'total'>,
  r: { state: string; reason: string | null; n: number },
): void {
  entry.sent += r.n;
  if (r.state === 'declined') {
    entry.byReason[asReason(r.reason)] += r.n;
    entry.total += r.n;
  }
}

function declinesByService(db: Db, p: Params): ServiceDeclines[] {
  const rows = db
    .prepare(`${COHORT} SELECT c.service_id AS id, s.name, s.organisation, c.state, c.decline_reason AS reason, count(*) AS n
    FROM cohort c JOIN services s ON s.id = c.service_id GROUP BY c.service_id, c.state, c.decline_reason`)
    .all(p) as Array<{
    id: string;
    name: string;
    organisation: string;
    state: string;
    reason: string | null;
    n: number;
  }>;
  const byId = new Map<string, ServiceDeclines>();
  for (const r of rows) {
    const entry = byId.get(r.id) ?? {
      serviceId: r.id,
      serviceName: r.name,
      organisation: r.organisation,
      sent: 0,
      byReason: emptyReasonCounts(),
      total: 0,
    };
    countDeclines(entry, r);
    byId.set(r.id, entry);
  }
  return [...byId.values()].sort((a, b) => b.total - a.total || a.serviceName.localeCompare(b.serviceName));
}

function declinesByCategory(db: Db, p: Params): CategoryDeclines[] {
  const rows = db
    .prepare(`${COHORT} SELECT j.value AS category, c.state, c.decline_reason AS reason, count(*) AS n
    FROM cohort c JOIN services s ON s.id = c.service_id, json_each(s.categories) j
    WHERE @category IS NULL OR j.value = @category GROUP BY j.value, c.state, c.decline_reason`)
    .all(p) as Array<{ category: string; state: string; reason: string | null; n: number }>;
  const byId = new Map<string, CategoryDeclines>();
  for (const r of rows) {
    const entry = byId.get(r.category) ?? {
      category: r.category as CategoryId,
      label: categoryLabel(r.category),
      sent: 0,
      byReason: emptyReasonCounts(),
      total: 0,
    };
    countDeclines(entry, r);
    byId.set(r.category, entry);
  }
  return [...byId.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
}

function times(db: Db, p: Params): Report['times'] {
  const answered = db
    .prepare(`${COHORT} SELECT created_at AS a, answered_at AS b FROM cohort WHERE answered_at IS NOT NULL`)
    .all(p) as Array<{ a: string; b: string }>;
  const contacted = db
    .prepare(`${COHORT} SELECT accepted_at AS a, contact_made_at AS b FROM cohort
    WHERE accepted_at IS NOT NULL AND contact_made_at IS NOT NULL`)
    .all(p) as Array<{ a: string; b: string }>;
  return {
    toAnswer: summariseHours(answered.map((r) => hoursBetween(r.a, r.b))),
    toFirstContact: summariseHours(contacted.map((r) => hoursBetween(r.a, r.b))),
  };
}

function followUp(db: Db, p: Params): Report['followUp'] {
  return db
    .prepare(`${COHORT} SELECT count(*) AS due, coalesce(sum(
      (contact_made_at IS NOT NULL AND contact_made_at <= follow_up_at)
      OR (closed_at IS NOT NULL AND closed_at <= follow_up_at)
      OR EXISTS (SELECT 1 FROM audit a WHERE a.handover_id = c.id AND a.event = 'unreachable' AND a.at <= c.follow_up_at)
    ), 0) AS known
    FROM cohort c WHERE accepted_at IS NOT NULL AND follow_up_at IS NOT NULL AND follow_up_at <= @now`)
    .get(p) as Report['followUp'];
}

function mostUnanswered(db: Db, p: Params): UnansweredEntry[] {
  return db
    .prepare(`${COHORT} SELECT c.service_id AS serviceId, s.name AS serviceName, s.organisation, count(*) AS sent,
      coalesce(sum(${UNANSWERED_SQL}), 0) AS unanswered
    FROM cohort c JOIN services s ON s.id = c.service_id GROUP BY c.service_id
    HAVING unanswered > 0 ORDER BY unanswered DESC, s.name LIMIT ${MOST_UNANSWERED_LIMIT}`)
    .all(p) as UnansweredEntry[];
}

function stale(db: Db, p: Params, cutoff: string): StaleEntry[] {
  return db
    .prepare(`SELECT s.id AS serviceId, s.name AS serviceName, s.organisation, s.last_reviewed AS lastReviewed, s.stale_since AS staleSince
    FROM services s
    WHERE (s.stale_since IS NOT NULL OR s.last_reviewed IS NULL OR s.last_reviewed < @cutoff)
      AND (@serviceId IS NULL OR s.id = @serviceId)
      AND (@organisation IS NULL OR s.organisation = @organisation)
      AND (@category IS NULL OR EXISTS (SELECT 1 FROM json_each(s.categories) WHERE value = @category))
    ORDER BY s.organisation, s.name`)
    .all({ serviceId: p.serviceId, organisation: p.organisation, category: p.category, cutoff }) as StaleEntry[];
}

/** Builds the whole report for a filter at a moment (`now` decides what is overdue, due and stale). */
export function buildReport(db: Db, filter: ReportFilter, now: Date, options: ReportOptions = {}): Report {
  const timeZone = options.timeZone ?? 'Europe/London';
  const calendar = options.calendar ?? createWorkingCalendar({ timeZone, holidays: loadBankHolidays() });
  const staleAfterMonths = options.staleAfterMonths ?? DEFAULT_STALE_AFTER_MONTHS;
  const { start, end } = rangeInstants(filter, timeZone);
  const p: Params = {
    start,
    end,
    now: now.toISOString(),
    serviceId: filter.serviceId ?? null,
    organisation: filter.organisation ?? null,
    category: filter.category ?? null,
  };
  const read = db.transaction(() => {
    const { overdue, ...t } = totals(db, p);
    return {
      filter,
      timeZone,
      generatedAt: p.now,
      staleAfterMonths,
      totals: t,
      declinesByService: declinesByService(db, p),
      declinesByCategory: declinesByCategory(db, p),
      times: times(db, p),
      dropOff: {
        expired: t.expired,
        overdue,
        unreachable: t.unreachable,
        notReached: t.notReached,
        withdrawn: t.withdrawn,
      },
      followUp: followUp(db, p),
      outcomeKnown: outcomeKnown(outcomeRows(db, p), now, calendar, timeZone),
      stale: stale(db, p, staleCutoff(now, staleAfterMonths)),
      mostUnanswered: mostUnanswered(db, p),
    } satisfies Report;
  });
  return read();
}

export interface FilterOptions {
  services: Array<{ id: string; name: string; organisation: string }>;
  organisations: string[];
}

/** What the page's filter lists offer: every service and organisation in the directory. */
export function listFilterOptions(db: Db): FilterOptions {
  const services = db
    .prepare('SELECT id, name, organisation FROM services ORDER BY name')
    .all() as FilterOptions['services'];
  const organisations = (
    db.prepare('SELECT DISTINCT organisation FROM services ORDER BY organisation').all() as Array<{
      organisation: string;
    }>
  ).map((r) => r.organisation);
  return { services, organisations };
}
