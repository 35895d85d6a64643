// What the rest of the core needs from the working-day calendar.

export interface WorkingCalendar {
  /** The default time zone (IANA), used when none is given. */
  readonly timeZone: string;
  /** `days` working days after `from` (same local time, moved into working hours), in `timeZone`. */
  addWorkingDays(from: Date, days: number, timeZone?: string): Date;
  /** `from` itself if it is inside working hours on a working day, else the start of the next one. */
  nextWorkingMoment(from: Date, timeZone?: string): Date;
  isWorkingMoment(at: Date, timeZone?: string): boolean;
  isWorkingDay(at: Date, timeZone?: string): boolean;
  /** The same days and holidays with someone's own working hours (local whole hours, start before end). */
  withHours?(start: number, end: number): WorkingCalendar;
}
