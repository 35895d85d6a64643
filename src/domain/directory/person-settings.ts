// A person's own settings: the time zone and working hours their nudges respect, and whether nudges come one by
// one or folded into one daily digest. Written the same way in files, on the command line and in chat.
import { z } from 'zod';

export const DIGEST_CHOICES = ['off', 'daily'] as const;
export type DigestChoice = (typeof DIGEST_CHOICES)[number];

/** Local whole hours: the working day starts at `start` and ends before `end`. */
export interface WorkingHours {
  start: number;
  end: number;
}

export interface PersonSettings {
  timeZone?: string;
  workingHours?: WorkingHours;
  digest?: DigestChoice;
}

const HOURS = /^(\d{1,2})(?::00)?\s*[-–to ]+\s*(\d{1,2})(?::00)?$/;
const LAST_HOUR = 24;

/** True for an IANA time zone such as Europe/London. */
export function isTimeZone(value: string): boolean {
  if (!value.includes('/') && value !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** "09:00-17:00" or "9-17" → { start: 9, end: 17 }; null when it is not whole hours with the start first. */
export function parseWorkingHours(text: string): WorkingHours | null {
  const m = HOURS.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return start >= 0 && end <= LAST_HOUR && start < end ? { start, end } : null;
}

export function formatWorkingHours(h: WorkingHours): string {
  const two = (n: number) => `${String(n).padStart(2, '0')}:00`;
  return `${two(h.start)}-${two(h.end)}`;
}

export const TIME_ZONE_MESSAGE = (v: string) => `"${v}" is not a time zone; write it like Europe/London.`;
export const HOURS_MESSAGE = (v: string) => `"${v}" are not working hours; write whole hours like 09:00-17:00.`;
export const DIGEST_MESSAGE = (v: string) => `"${v}" is not a digest choice; use off or daily.`;

export const TimeZoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, { error: (i) => TIME_ZONE_MESSAGE(String(i.input)) });
export const WorkingHoursSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const hours = parseWorkingHours(text);
    if (!hours) ctx.addIssue({ code: 'custom', message: HOURS_MESSAGE(text) });
    return hours ?? { start: 0, end: LAST_HOUR };
  });
export const DigestSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(DIGEST_CHOICES, { error: (i) => DIGEST_MESSAGE(String(i.input)) }));

/** Settings as typed (every field optional, blank means "leave as it is"). */
export const PersonSettingsSchema = z.object({
  timeZone: TimeZoneSchema.optional(),
  workingHours: WorkingHoursSchema.optional(),
  digest: DigestSchema.optional(),
});

export type SettingsResult = { ok: true; settings: PersonSettings } | { ok: false; reasons: string[] };

/** Validates typed settings; blank fields are left out. */
export function readPersonSettings(input: {
  timeZone?: string;
  workingHours?: string;
  digest?: string;
}): SettingsResult {
  const present = Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
  const parsed = PersonSettingsSchema.safeParse(present);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, reasons: [...new Set(parsed.error.issues.map((i) => i.message))] };
}

/** One sentence a person can read back. */
export function describeSettings(s: { timeZone: string; workingHours: WorkingHours; digest: boolean }): string {
  return (
    `Time zone ${s.timeZone}; working hours ${formatWorkingHours(s.workingHours)}; ` +
    `${s.digest ? 'reminders folded into one daily digest' : 'reminders sent one by one (digest off)'}.`
  );
}
