// Dates and small phrases as people read them, in the viewer's own time zone.
import { TZDate } from '@date-fns/tz';
import { formatDate, formatWhen as formatWhenWords } from '../domain/calendar/date-words.ts';

export const DEFAULT_TIME_ZONE = 'Europe/London';

/** Building an Intl.DateTimeFormat costs far more than using one (and holds native memory until collected),
 * so each (time zone, layout) pair is built once. Time zones are few: one per person at most. */
const MAX_CACHED_FORMATS = 500;
const knownZones = new Map<string, string>();

function safeZone(timeZone: string): string {
  const known = knownZones.get(timeZone);
  if (known) return known;
  let zone = DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    zone = timeZone;
  } catch {
    /* unknown zone: fall back to the default */
  }
  if (knownZones.size >= MAX_CACHED_FORMATS) knownZones.clear();
  knownZones.set(timeZone, zone);
  return zone;
}

/** "Wed 25 Nov, 10:00" (with the year when it is not `now`'s year): the one date style, see date-words.ts. */
export function formatWhen(iso: string, timeZone: string, now?: Date): string {
  return formatWhenWords(iso, safeZone(timeZone), now);
}

/** "Wed 25 Nov": the same style for a day. */
export function formatDay(iso: string, timeZone: string, now?: Date): string {
  return formatDate(iso, safeZone(timeZone), now);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone, for date inputs. */
export function localDate(iso: string | Date, timeZone: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const z = new TZDate(d.getTime(), safeZone(timeZone));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}`;
}

export const START_OF_WORKING_DAY_HOUR = 9;

/** A YYYY-MM-DD picked in a form → the start of that working day in the person's time zone (ISO). */
export function dateInputToInstant(date: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return null;
  const z = new TZDate(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    START_OF_WORKING_DAY_HOUR,
    0,
    0,
    safeZone(timeZone),
  );
  return Number.isNaN(z.getTime()) ? null : new Date(z.getTime()).toISOString();
}

export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
