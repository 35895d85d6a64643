// The one way dates are written for people: "Wed 9 Dec, 09:00", or "Wed 9 Dec" for a day; the year is added when
// it is not the year of `now` (callers pass the current moment; without it no year is written).

export const DEFAULT_TIME_ZONE = 'Europe/London';

/** Building an Intl.DateTimeFormat costs far more than using one (and holds native memory until collected),
 * so each time zone's formatter is built once. Time zones are few: one per person at most. */
const MAX_CACHED_FORMATS = 500;
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    if (timeZone === DEFAULT_TIME_ZONE)
      throw new Error(`The time zone ${DEFAULT_TIME_ZONE} is not known to this system.`);
    return formatter(DEFAULT_TIME_ZONE);
  }
  if (formats.size >= MAX_CACHED_FORMATS) formats.clear();
  formats.set(timeZone, f);
  return f;
}

interface Parts {
  weekday: string;
  day: string;
  month: string;
  year: string;
  time: string;
}

function partsOf(d: Date, timeZone: string): Parts {
  const parts = formatter(timeZone).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: get('weekday'),
    day: get('day'),
    month: get('month'),
    year: get('year'),
    time: `${get('hour')}:${get('minute')}`,
  };
}

function dayWords(d: Date, timeZone: string, now: Date | undefined): { day: string; time: string } | null {
  if (Number.isNaN(d.getTime())) return null;
  const p = partsOf(d, timeZone);
  const sameYear = now === undefined || Number.isNaN(now.getTime()) || partsOf(now, timeZone).year === p.year;
  return { day: `${p.weekday} ${p.day} ${p.month}${sameYear ? '' : ` ${p.year}`}`, time: p.time };
}

/** "Wed 9 Dec, 09:00"; "Wed 9 Dec 2027, 09:00" when `now` is in another year. */
export function formatWhen(iso: string | Date, timeZone: string, now?: Date): string {
  const w = dayWords(typeof iso === 'string' ? new Date(iso) : iso, timeZone, now);
  return w ? `${w.day}, ${w.time}` : String(iso);
}

/** "Wed 9 Dec": the same style for a day without a time. */
export function formatDate(iso: string | Date, timeZone: string, now?: Date): string {
  const w = dayWords(typeof iso === 'string' ? new Date(iso) : iso, timeZone, now);
  return w ? w.day : String(iso);
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "Wed 9 Dec" for a calendar date kept as "2026-12-09" (a day, not an instant: no zone moves it); the year is
 * added when it is not the year of `now` in `timeZone`. Anything else is read as an instant, as formatDate does. */
export function formatCalendarDate(value: string, timeZone: string, now?: Date): string {
  if (!CALENDAR_DATE.test(value)) return formatDate(value, timeZone, now);
  const d = new Date(`${value}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return value;
  const p = partsOf(d, 'UTC');
  const sameYear = now === undefined || Number.isNaN(now.getTime()) || partsOf(now, timeZone).year === p.year;
  return `${p.weekday} ${p.day} ${p.month}${sameYear ? '' : ` ${p.year}`}`;
}
