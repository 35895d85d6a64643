// Coded errors for the working-day calendar and bank-holiday data, with a sentence for a person.

export type CalendarErrorCode =
  | 'CALENDAR_UNKNOWN_TIME_ZONE'
  | 'CALENDAR_INVALID_DATE'
  | 'CALENDAR_INVALID_INPUT'
  | 'CALENDAR_NO_WORKING_DAY'
  | 'BANK_HOLIDAYS_INVALID'
  | 'BANK_HOLIDAYS_DIVISION_MISSING'
  | 'BANK_HOLIDAYS_UNREADABLE';

export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
