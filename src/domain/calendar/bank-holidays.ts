// Reads the official UK bank-holidays feed (https://www.gov.uk/bank-holidays.json) into a set of
// local dates (YYYY-MM-DD). Pure: the caller reads the file. Accepts the whole feed (several
// divisions) or a file holding just one division; England & Wales is picked unless told otherwise.
import { z } from 'zod';
import { CalendarError } from './errors.ts';

export const DEFAULT_DIVISION = 'england-and-wales';
export const MAX_EVENT_TITLE_LENGTH = 200;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (so 2026-02-30 is refused). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

const EventSchema = z.object({
  title: z.string({ message: 'must be text' }).trim().min(1, 'must not be empty').max(MAX_EVENT_TITLE_LENGTH),
  date: z
    .string({ message: 'is missing or not text (expected YYYY-MM-DD)' })
    .refine(isIsoDate, { message: 'is not a real date in the form YYYY-MM-DD' }),
  notes: z.string({ message: 'must be text' }).optional(),
  bunting: z.boolean({ message: 'must be true or false' }).optional(),
});

const DivisionSchema = z.object({
  division: z.string({ message: 'is missing (expected the division name)' }),
  events: z.array(EventSchema, { message: 'is missing (expected a list of events)' }).min(1, 'has no events'),
});

export type BankHolidayEvent = z.infer<typeof EventSchema>;

export interface BankHolidaySummary {
  count: number;
  /** Earliest and latest date, or undefined when there are none. */
  first?: string;
  last?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeIssue(division: string, issue: z.core.$ZodIssue, input: unknown): CalendarError {
  const [top, index, field] = issue.path;
  if (top === 'events' && typeof index === 'number') {
    const title = eventTitle(input, index);
    const fieldName = typeof field === 'string' ? field : 'event';
    const bad = fieldName === 'event' ? '' : ` "${fieldName}"`;
    return new CalendarError(
      'BANK_HOLIDAYS_INVALID',
      `Bank holidays for ${division}: event ${index + 1}${title}${bad} ${issue.message}.`,
      { division, eventIndex: index, field: fieldName },
    );
  }
  const fieldName = typeof top === 'string' ? top : 'division';
  return new CalendarError('BANK_HOLIDAYS_INVALID', `Bank holidays for ${division}: "${fieldName}" ${issue.message}.`, {
    division,
    field: fieldName,
  });
}

function eventTitle(input: unknown, index: number): string {
  if (!isRecord(input) || !Array.isArray(input.events)) return '';
  const event: unknown = input.events[index];
  return isRecord(event) && typeof event.title === 'string' && event.title ? ` (${event.title})` : '';
}

function pickDivision(feed: unknown, division: string): unknown {
  if (!isRecord(feed)) {
    throw new CalendarError('BANK_HOLIDAYS_INVALID', 'Bank holidays file must be a JSON object like the gov.uk feed.', {
      field: 'root',
    });
  }
  if (division in feed) return feed[division];
  // A file holding one division on its own: {"division": "...", "events": [...]}.
  if (feed.division === division) return feed;
  const found = Object.keys(feed).join(', ') || 'none';
  throw new CalendarError(
    'BANK_HOLIDAYS_DIVISION_MISSING',
    `Bank holidays file has no "${division}" division (found: ${found}).`,
    { division },
  );
}

/** The events of one division, checked. Throws CalendarError naming the event and field. */
export function parseBankHolidayEvents(feed: unknown, division: string = DEFAULT_DIVISION): BankHolidayEvent[] {
  const raw = pickDivision(feed, division);
  const result = DivisionSchema.safeParse(raw);
  if (!result.success) throw describeIssue(division, result.error.issues[0], raw);
  if (result.data.division !== division) {
    throw new CalendarError(
      'BANK_HOLIDAYS_INVALID',
      `Bank holidays for ${division}: "division" says "${result.data.division}", expected "${division}".`,
      { division, field: 'division' },
    );
  }
  return result.data.events;
}

/** The bank-holiday dates (YYYY-MM-DD, local to the division) of one division of the feed. */
export function parseBankHolidays(feed: unknown, division: string = DEFAULT_DIVISION): Set<string> {
  return new Set(parseBankHolidayEvents(feed, division).map((event) => event.date));
}

/** Same as parseBankHolidays, from the file's text; a JSON syntax error is a coded error too. */
export function parseBankHolidaysText(text: string, division: string = DEFAULT_DIVISION): Set<string> {
  let feed: unknown;
  try {
    feed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CalendarError('BANK_HOLIDAYS_INVALID', `Bank holidays file is not valid JSON: ${reason}`, {
      field: 'root',
    });
  }
  return parseBankHolidays(feed, division);
}

/** How many dates, and the range they cover (for CLI output and "is the data out of date?" checks). */
export function summariseBankHolidays(dates: ReadonlySet<string>): BankHolidaySummary {
  const sorted = [...dates].sort();
  return { count: sorted.length, first: sorted[0], last: sorted[sorted.length - 1] };
}
