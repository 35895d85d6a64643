// Reading local times people type ("2026-12-24 10:00") in a time zone, and printing them in the one date style
// ("Thu 24 Dec, 10:00"), for the command line and the coordinator pages.
import { TZDate } from '@date-fns/tz';
import { formatWhen } from './date-words.ts';

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/;

/** A time a person typed that we could not read; the message says the form we expect. */
export class LocalTimeError extends Error {
  readonly code = 'INVALID_LOCAL_TIME';
}

/** "2026-12-24 10:00" (local time in `timeZone`), "2026-12-24", or a full ISO time with a zone. */
export function parseLocalTime(text: string, timeZone: string): Date {
  const m = LOCAL_TIME.exec(text.trim());
  if (m) {
    const [, y, mo, d, h = '09', mi = '00'] = m;
    const local = new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), 0, timeZone);
    if (!Number.isNaN(local.getTime()) && local.getDate() === Number(d)) return new Date(local.getTime());
  } else if (/[zZ]|[+-]\d{2}:\d{2}$/.test(text)) {
    const at = new Date(text);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new LocalTimeError(
    `"${text}" is not a time we understand. Use the form "2026-12-24 10:00" (${timeZone} time).`,
  );
}

/** A time printed for a person: "Tue 29 Dec, 09:00" in `timeZone`, with the year when it is not `now`'s year
 * (the one date style, date-words.ts). */
export function formatLocal(iso: string | Date, timeZone: string, now: Date): string {
  return formatWhen(iso, timeZone, now);
}
