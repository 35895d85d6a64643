// The report as labelled tables: one per chart. The page, the CSV downloads, the JSON export and the CLI
// all come from here, so they always agree. Exports hide small counts (1 to 4 become "<5").
import { CATEGORIES } from '../directory/types.ts';
import { DECLINE_REASONS, DECLINE_REASON_LABELS } from '../handover/types.ts';
import { OUTCOME_KNOWN_WITHIN_WORKING_DAYS, type KnownShare } from './outcome-known.ts';
import type { Report } from './report.ts';
import { percent, type DurationSummary } from './stats.ts';

/** Counts from 1 to SMALL_COUNT_LIMIT - 1 are shown as "<5" in anything exported. */
export const SMALL_COUNT_LIMIT = 5;
export const SMALL_COUNT_LABEL = `<${SMALL_COUNT_LIMIT}`;

export const TABLE_NAMES = [
  'summary',
  'declines_by_service',
  'declines_by_category',
  'times',
  'drop_off',
  'follow_up',
  'outcome_known',
  'outcome_known_by_service',
  'most_unanswered',
  'stale',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export type Cell = string | number | null;
export interface Column {
  key: string;
  label: string;
  numeric?: boolean;
}
export interface ReportTable {
  name: TableName;
  title: string;
  caption: string;
  columns: Column[];
  rows: Array<Record<string, Cell>>;
}

/** How counts and figures derived from them are shown: exactly (the signed-in page) or with small counts hidden. */
export interface CountStyle {
  count(n: number): Cell;
  /** A percentage of part in whole, or null when it would reveal a small count. */
  share(part: number, whole: number): Cell;
  /** Median / p90 of a duration summary, or null when based on too few handovers. */
  hours(summary: DurationSummary, which: 'medianHours' | 'p90Hours'): Cell;
}

export const EXACT: CountStyle = {
  count: (n) => n,
  share: (part, whole) => percent(part, whole),
  hours: (s, which) => s[which],
};

const isSmall = (n: number) => n > 0 && n < SMALL_COUNT_LIMIT;

export const SUPPRESSED: CountStyle = {
  count: (n) => (isSmall(n) ? SMALL_COUNT_LABEL : n),
  share: (part, whole) => (isSmall(part) || isSmall(whole) ? null : percent(part, whole)),
  hours: (s, which) => (s.n < SMALL_COUNT_LIMIT ? null : s[which]),
};

const REASON_COLUMNS: Column[] = DECLINE_REASONS.map((r) => ({
  key: r,
  label: DECLINE_REASON_LABELS[r],
  numeric: true,
}));

function summary(r: Report, c: CountStyle): ReportTable {
  const t = r.totals;
  const rows: Array<[string, number]> = [
    ['Introductions sent', t.sent],
    ['Accepted', t.accepted],
    ['Declined', t.declined],
    ['Withdrawn', t.withdrawn],
    ['Expired without an answer', t.expired],
    ['Made contact', t.contactMade],
    ['Client could not be reached', t.unreachable],
    ['Named contact could not be reached', t.notReached],
    ['Still waiting for an answer', t.awaitingAnswer],
    ['Closed with outcome unknown', t.outcomeUnknown],
  ];
  return {
    name: 'summary',
    title: 'Introductions',
    caption: 'Introductions sent in the period and where they ended up',
    columns: [
      { key: 'measure', label: 'Measure' },
      { key: 'count', label: 'Introductions', numeric: true },
    ],
    rows: rows.map(([measure, n]) => ({ measure, count: c.count(n) })),
  };
}

function declinesByService(r: Report, c: CountStyle): ReportTable {
  return {
    name: 'declines_by_service',
    title: 'Declines by reason, per service',
    caption: 'Why introductions were declined, per receiving service: where capacity runs short',
    columns: [
      { key: 'service', label: 'Service' },
      { key: 'organisation', label: 'Organisation' },
      ...REASON_COLUMNS,
      { key: 'total', label: 'All declines', numeric: true },
      { key: 'sent', label: 'Introductions sent', numeric: true },
    ],
    rows: r.declinesByService.map((s) => ({
      service: s.serviceName,
      organisation: s.organisation,
      ...Object.fromEntries(DECLINE_REASONS.map((k) => [k, c.count(s.byReason[k])])),
      total: c.count(s.total),
      sent: c.count(s.sent),
    })),
  };
}

function declinesByCategory(r: Report, c: CountStyle): ReportTable {
  return {
    name: 'declines_by_category',
    title: 'Declines by reason, per category of need',
    caption: 'Why introductions were declined, per category of need (a service with several categories counts in each)',
    columns: [
      { key: 'category', label: 'Category of need' },
      ...REASON_COLUMNS,
      { key: 'total', label: 'All declines', numeric: true },
      { key: 'sent', label: 'Introductions sent', numeric: true },
    ],
    rows: r.declinesByCategory.map((s) => ({
      category: s.label,
      ...Object.fromEntries(DECLINE_REASONS.map((k) => [k, c.count(s.byReason[k])])),
      total: c.count(s.total),
      sent: c.count(s.sent),
    })),
  };
}

function times(r: Report, c: CountStyle): ReportTable {
  const row = (measure: string, s: DurationSummary) => ({
    measure,
    n: c.count(s.n),
    median: c.hours(s, 'medianHours'),
    p90: c.hours(s, 'p90Hours'),
  });
  return {
    name: 'times',
    title: 'Time to answer and to first contact',
    caption:
      'Time to answer: introduced to accepted or declined. Time to first contact: accepted to made contact. Elapsed hours (clock time, including nights, weekends and bank holidays).',
    columns: [
      { key: 'measure', label: 'Measure' },
      { key: 'n', label: 'Introductions measured', numeric: true },
      { key: 'median', label: 'Median (hours)', numeric: true },
      { key: 'p90', label: '90th percentile (hours)', numeric: true },
    ],
    rows: [row('Time to answer', r.times.toAnswer), row('Time to first contact', r.times.toFirstContact)],
  };
}

function dropOff(r: Report, c: CountStyle): ReportTable {
  const d = r.dropOff;
  const rows: Array<[string, number]> = [
    ['No answer: expired', d.expired],
    ['No answer yet, reply-by date passed', d.overdue],
    ['Named contact could not be reached', d.notReached],
    ['Client could not be reached', d.unreachable],
    ['Withdrawn by the introducer', d.withdrawn],
  ];
  return {
    name: 'drop_off',
    title: 'Drop-off',
    caption: 'Introductions that did not reach the service, and their share of all sent',
    columns: [
      { key: 'stage', label: 'Where it stopped' },
      { key: 'count', label: 'Introductions', numeric: true },
      { key: 'share', label: 'Share of sent (%)', numeric: true },
    ],
    rows: rows.map(([stage, n]) => ({ stage, count: c.count(n), share: c.share(n, r.totals.sent) })),
  };
}

function followUp(r: Report, c: CountStyle): ReportTable {
  const { due, known } = r.followUp;
  return {
    name: 'follow_up',
    title: 'Outcome known by the follow-up date',
    caption: 'Accepted introductions whose follow-up date has passed: was the outcome known by then?',
    columns: [
      { key: 'answer', label: 'Outcome by the follow-up date' },
      { key: 'count', label: 'Introductions', numeric: true },
      { key: 'share', label: 'Share (%)', numeric: true },
    ],
    rows: [
      { answer: 'Known (made contact, could not reach, or closed)', count: c.count(known), share: c.share(known, due) },
      { answer: 'Not known', count: c.count(due - known), share: c.share(due - known, due) },
    ],
  };
}

const KNOWN_COLUMNS: Column[] = [
  { key: 'due', label: 'Introductions old enough to say', numeric: true },
  { key: 'known', label: `Outcome known within ${OUTCOME_KNOWN_WITHIN_WORKING_DAYS} working days`, numeric: true },
  { key: 'knownShare', label: 'Known (%)', numeric: true },
  { key: 'unknown', label: 'Closed with outcome unknown', numeric: true },
  { key: 'unknownShare', label: 'Unknown (%)', numeric: true },
];
const KNOWN_CAPTION =
  `Of the introductions sent at least ${OUTCOME_KNOWN_WITHIN_WORKING_DAYS} working days ago (or with an outcome already), ` +
  'how many had a known outcome (made contact, could not reach, declined, withdrawn, expired) within ' +
  `${OUTCOME_KNOWN_WITHIN_WORKING_DAYS} working days, and how many closed with the outcome unknown`;

function knownCells(k: KnownShare, c: CountStyle): Record<string, Cell> {
  return {
    due: c.count(k.due),
    known: c.count(k.known),
    knownShare: c.share(k.known, k.due),
    unknown: c.count(k.unknown),
    unknownShare: c.share(k.unknown, k.due),
  };
}

function outcomeKnown(r: Report, c: CountStyle): ReportTable {
  const o = r.outcomeKnown;
  return {
    name: 'outcome_known',
    title: `Outcome known within ${OUTCOME_KNOWN_WITHIN_WORKING_DAYS} working days`,
    caption: `${KNOWN_CAPTION}: overall and by month sent`,
    columns: [{ key: 'sent', label: 'Introductions sent' }, ...KNOWN_COLUMNS],
    rows: [
      { sent: 'All', ...knownCells(o.overall, c) },
      ...o.byMonth.map((m) => ({ sent: m.label, ...knownCells(m, c) })),
    ],
  };
}

function outcomeKnownByService(r: Report, c: CountStyle): ReportTable {
  return {
    name: 'outcome_known_by_service',
    title: `Outcome known within ${OUTCOME_KNOWN_WITHIN_WORKING_DAYS} working days, per service`,
    caption: `${KNOWN_CAPTION}, per receiving service`,
    columns: [{ key: 'service', label: 'Service' }, { key: 'organisation', label: 'Organisation' }, ...KNOWN_COLUMNS],
    rows: r.outcomeKnown.byService.map((s) => ({
      service: s.serviceName,
      organisation: s.organisation,
      ...knownCells(s, c),
    })),
  };
}

function mostUnanswered(r: Report, c: CountStyle): ReportTable {
  return {
    name: 'most_unanswered',
    title: 'Services with most unanswered introductions',
    caption: 'No answer by the reply-by date (expired, or still waiting after it)',
    columns: [
      { key: 'service', label: 'Service' },
      { key: 'organisation', label: 'Organisation' },
      { key: 'unanswered', label: 'Unanswered', numeric: true },
      { key: 'sent', label: 'Introductions sent', numeric: true },
    ],
    rows: r.mostUnanswered.map((s) => ({
      service: s.serviceName,
      organisation: s.organisation,
      unanswered: c.count(s.unanswered),
      sent: c.count(s.sent),
    })),
  };
}

function stale(r: Report): ReportTable {
  const why = (s: Report['stale'][number]) =>
    s.staleSince
      ? `Review request unanswered since ${s.staleSince.slice(0, 10)}`
      : s.lastReviewed
        ? `Not reviewed in the last ${r.staleAfterMonths} months`
        : 'Never reviewed';
  return {
    name: 'stale',
    title: 'Stale directory entries',
    caption: 'Services due a review, so nobody is sent to a programme that no longer exists',
    columns: [
      { key: 'service', label: 'Service' },
      { key: 'organisation', label: 'Organisation' },
      { key: 'lastReviewed', label: 'Last reviewed' },
      { key: 'why', label: 'Why it is stale' },
    ],
    rows: r.stale.map((s) => ({
      service: s.serviceName,
      organisation: s.organisation,
      lastReviewed: s.lastReviewed ?? 'never',
      why: why(s),
    })),
  };
}

/** Every table of the report, in page order. */
export function reportTables(report: Report, style: CountStyle): ReportTable[] {
  return [
    summary(report, style),
    declinesByService(report, style),
    declinesByCategory(report, style),
    times(report, style),
    dropOff(report, style),
    followUp(report, style),
    outcomeKnown(report, style),
    outcomeKnownByService(report, style),
    mostUnanswered(report, style),
    stale(report),
  ];
}

export function categoryLabel(id: string): string {
  return CATEGORIES.find((c) => c.id === id)?.label ?? id;
}
