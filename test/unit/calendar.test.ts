import { expect } from 'chai';
import fc from 'fast-check';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { CalendarError } from '../../src/domain/calendar/errors.ts';
import { createWorkingCalendar } from '../../src/domain/calendar/working-calendar.ts';
import { loadBankHolidays } from '../../src/storage/bank-holidays-file.ts';

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
const holidays = loadBankHolidays();
const calendar = createWorkingCalendar({ holidays });

/** A moment given as local wall-clock time, e.g. at('2026-03-27 10:00'). */
function at(local: string, zone = LONDON): Date {
  const [date, time] = local.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return new Date(TZDate.tz(zone, y, m - 1, d, h, min).getTime());
}

/** How a person in `zone` would read the moment, e.g. 'Wed 2026-12-30 10:00'. */
function show(moment: Date, zone = LONDON): string {
  return format(new TZDate(moment.getTime(), zone), 'EEE yyyy-MM-dd HH:mm');
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof CalendarError ? error.code : `not a CalendarError: ${String(error)}`;
  }
  return undefined;
}

describe('working-day calendar: weekends and working hours', () => {
  it('given a Monday 10:00 introduction, when 2 working days are added, then the reply-by is Wednesday 10:00', () => {
    expect(show(calendar.addWorkingDays(at('2026-11-23 10:00'), 2))).to.equal('Wed 2026-11-25 10:00');
  });

  it('given a Friday afternoon, when 1 working day is added, then the weekend is skipped', () => {
    expect(show(calendar.addWorkingDays(at('2026-11-27 15:30'), 1))).to.equal('Mon 2026-11-30 15:30');
  });

  it('given Saturday 11:00, when 2 working days are added, then the count starts at Monday 09:00 and ends Wednesday 09:00', () => {
    // Not Tuesday 09:00: that would be earlier than Friday 16:59 + 2 (Tuesday 16:59).
    expect(show(calendar.addWorkingDays(at('2026-11-28 11:00'), 2))).to.equal('Wed 2026-12-02 09:00');
    expect(show(calendar.addWorkingDays(at('2026-11-27 16:59'), 2))).to.equal('Tue 2026-12-01 16:59');
  });

  it('given 0 working days, then the answer is the next working moment', () => {
    expect(show(calendar.addWorkingDays(at('2026-11-28 11:00'), 0))).to.equal('Mon 2026-11-30 09:00');
    expect(show(calendar.addWorkingDays(at('2026-11-24 13:15'), 0))).to.equal('Tue 2026-11-24 13:15');
  });

  it('says Saturday and Sunday are not working days and Monday to Friday are', () => {
    expect(calendar.isWorkingDay(at('2026-11-28 12:00'))).to.equal(false);
    expect(calendar.isWorkingDay(at('2026-11-29 12:00'))).to.equal(false);
    expect(calendar.isWorkingDay(at('2026-11-23 12:00'))).to.equal(true);
    expect(calendar.isWorkingDay(at('2026-11-27 23:59'))).to.equal(true);
  });

  it('given a moment before 09:00 on a working day, then the next working moment is 09:00 that day', () => {
    expect(show(calendar.nextWorkingMoment(at('2026-11-24 07:45')))).to.equal('Tue 2026-11-24 09:00');
    expect(calendar.isWorkingMoment(at('2026-11-24 08:59'))).to.equal(false);
  });

  it('given 09:00 or 16:59 on a working day, then that moment is inside working hours and kept', () => {
    for (const time of ['09:00', '16:59']) {
      const moment = at(`2026-11-24 ${time}`);
      expect(calendar.isWorkingMoment(moment), time).to.equal(true);
      expect(calendar.nextWorkingMoment(moment).getTime(), time).to.equal(moment.getTime());
    }
  });

  it('given 17:00 or later, then the next working moment is 09:00 on the next working day', () => {
    expect(calendar.isWorkingMoment(at('2026-11-24 17:00'))).to.equal(false);
    expect(show(calendar.nextWorkingMoment(at('2026-11-24 17:00')))).to.equal('Wed 2026-11-25 09:00');
    expect(show(calendar.nextWorkingMoment(at('2026-11-27 22:10')))).to.equal('Mon 2026-11-30 09:00');
  });

  it('given a Monday 18:00 introduction, then its reply-by is later than one sent at 16:59 the same day', () => {
    expect(show(calendar.addWorkingDays(at('2026-11-23 18:00'), 2))).to.equal('Thu 2026-11-26 09:00');
    expect(show(calendar.addWorkingDays(at('2026-11-23 16:59'), 2))).to.equal('Wed 2026-11-25 16:59');
  });

  it('honours other working hours when a calendar is made with them', () => {
    const early = createWorkingCalendar({ holidays, workStartHour: 8, workEndHour: 16 });
    expect(early.isWorkingMoment(at('2026-11-24 08:30'))).to.equal(true);
    expect(show(early.nextWorkingMoment(at('2026-11-24 16:00')))).to.equal('Wed 2026-11-25 08:00');
  });
});

describe('working-day calendar: England & Wales bank holidays', () => {
  it('given Christmas Eve 2026, when 1 working day is added, then Christmas Day and the Boxing Day substitute (Mon 28) are skipped', () => {
    expect(calendar.isWorkingDay(at('2026-12-25 12:00'))).to.equal(false);
    expect(calendar.isWorkingDay(at('2026-12-28 12:00'))).to.equal(false);
    expect(show(calendar.addWorkingDays(at('2026-12-24 10:00'), 1))).to.equal('Tue 2026-12-29 10:00');
  });

  it('given New Year’s Eve 2026, when 1 working day is added, then New Year’s Day and the weekend are skipped', () => {
    expect(show(calendar.addWorkingDays(at('2026-12-31 15:00'), 1))).to.equal('Mon 2027-01-04 15:00');
  });

  it('given an introduction on Christmas Day morning, then the next working moment is Tuesday 29 December 09:00', () => {
    expect(show(calendar.nextWorkingMoment(at('2026-12-25 10:00')))).to.equal('Tue 2026-12-29 09:00');
  });

  it('given the Thursday before Easter 2026, when 1 working day is added, then Good Friday (3 Apr) and Easter Monday (6 Apr) are skipped', () => {
    expect(calendar.isWorkingDay(at('2026-04-03 12:00'))).to.equal(false);
    expect(calendar.isWorkingDay(at('2026-04-06 12:00'))).to.equal(false);
    expect(show(calendar.addWorkingDays(at('2026-04-02 12:00'), 1))).to.equal('Tue 2026-04-07 12:00');
  });

  it('given Friday 16:55 before the early May bank holiday, when 1 working day is added, then it is Tuesday 16:55', () => {
    expect(show(calendar.addWorkingDays(at('2026-05-01 16:55'), 1))).to.equal('Tue 2026-05-05 16:55');
  });

  it('given the Friday before the spring bank holiday, when 2 working days are added, then it is Wednesday', () => {
    expect(calendar.isWorkingDay(at('2026-05-25 12:00'))).to.equal(false);
    expect(show(calendar.addWorkingDays(at('2026-05-22 10:00'), 2))).to.equal('Wed 2026-05-27 10:00');
  });

  it('given Friday 16:55 before the August bank holiday, when 1 working day is added, then it is Tuesday 1 September 16:55', () => {
    expect(show(calendar.addWorkingDays(at('2026-08-28 16:55'), 1))).to.equal('Tue 2026-09-01 16:55');
  });

  it('given a calendar without holidays, then a bank holiday is an ordinary working day', () => {
    const plain = createWorkingCalendar({ holidays: new Set() });
    expect(plain.isWorkingDay(at('2026-12-25 12:00'))).to.equal(true);
  });
});

describe('working-day calendar: clock changes', () => {
  it('given Friday 10:00 GMT before the clocks go forward (29 Mar 2026), when 1 working day is added, then it is Monday 10:00 BST', () => {
    const due = calendar.addWorkingDays(at('2026-03-27 10:00'), 1);
    expect(show(due)).to.equal('Mon 2026-03-30 10:00');
    expect(due.toISOString()).to.equal('2026-03-30T09:00:00.000Z');
  });

  it('given an hour before and an hour after the clocks go forward, then both wait until Monday 09:00 BST', () => {
    for (const iso of ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z']) {
      expect(calendar.nextWorkingMoment(new Date(iso)).toISOString(), iso).to.equal('2026-03-30T08:00:00.000Z');
    }
  });

  it('given Friday 10:00 BST before the clocks go back (25 Oct 2026), when 1 working day is added, then it is Monday 10:00 GMT', () => {
    const due = calendar.addWorkingDays(at('2026-10-23 10:00'), 1);
    expect(show(due)).to.equal('Mon 2026-10-26 10:00');
    expect(due.toISOString()).to.equal('2026-10-26T10:00:00.000Z');
  });

  it('given an hour before and an hour after the clocks go back, then both wait until Monday 09:00 GMT', () => {
    for (const iso of ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']) {
      expect(calendar.nextWorkingMoment(new Date(iso)).toISOString(), iso).to.equal('2026-10-26T09:00:00.000Z');
    }
  });

  it('given a week that spans the spring change, then 10:00 stays 10:00 local on every working day', () => {
    const start = at('2026-03-26 10:00');
    const days = [1, 2, 3].map((n) => show(calendar.addWorkingDays(start, n)));
    expect(days).to.deep.equal(['Fri 2026-03-27 10:00', 'Mon 2026-03-30 10:00', 'Tue 2026-03-31 10:00']);
  });

  it('given 08:30 UTC on the Monday after the spring change, then it is 09:30 BST and inside working hours', () => {
    expect(calendar.isWorkingMoment(new Date('2026-03-30T08:30:00Z'))).to.equal(true);
    expect(calendar.isWorkingMoment(new Date('2026-03-27T08:30:00Z'))).to.equal(false);
  });
});

describe('working-day calendar: a person in another time zone', () => {
  it('given 19:00 in London (15:00 in New York), then it is working time for the New York person only', () => {
    const moment = new Date('2026-03-10T19:00:00Z');
    expect(calendar.isWorkingMoment(moment)).to.equal(false);
    expect(calendar.isWorkingMoment(moment, NEW_YORK)).to.equal(true);
    expect(show(calendar.nextWorkingMoment(moment))).to.equal('Wed 2026-03-11 09:00');
  });

  it('given Friday 16:30 in New York before the US clocks change (8 Mar 2026), when 1 working day is added, then it is Monday 16:30 New York time', () => {
    const due = calendar.addWorkingDays(at('2026-03-06 16:30', NEW_YORK), 1, NEW_YORK);
    expect(show(due, NEW_YORK)).to.equal('Mon 2026-03-09 16:30');
    expect(due.toISOString()).to.equal('2026-03-09T20:30:00.000Z');
  });

  it('given Sunday evening in New York, then bank holidays apply to the local date (Mon 28 Dec 2026 is skipped)', () => {
    const sundayEvening = new Date('2026-12-28T02:00:00Z'); // Sun 27 Dec 21:00 in New York
    expect(show(calendar.nextWorkingMoment(sundayEvening, NEW_YORK), NEW_YORK)).to.equal('Tue 2026-12-29 09:00');
  });

  it('given a calendar made for New York, then its own zone is the default', () => {
    const nyCalendar = createWorkingCalendar({ holidays, timeZone: NEW_YORK });
    expect(nyCalendar.timeZone).to.equal(NEW_YORK);
    expect(nyCalendar.isWorkingMoment(new Date('2026-03-10T19:00:00Z'))).to.equal(true);
  });
});

describe('working-day calendar: counting and bad input', () => {
  it('counts the working days between two moments for reports', () => {
    expect(calendar.workingDaysBetween(at('2026-11-23 10:00'), at('2026-11-25 10:00'))).to.equal(2);
    expect(calendar.workingDaysBetween(at('2026-12-24 10:00'), at('2026-12-29 09:30'))).to.equal(1);
    expect(calendar.workingDaysBetween(at('2026-11-28 11:00'), at('2026-12-02 09:00'))).to.equal(2);
    expect(calendar.workingDaysBetween(at('2026-11-25 10:00'), at('2026-11-23 10:00'))).to.equal(0);
  });

  it('given any moment and n, then the answer is a working moment n working days on, and a later start never gives an earlier answer', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    const end = Date.parse('2028-12-01T00:00:00Z');
    const zones = fc.constantFrom(LONDON, NEW_YORK);
    fc.assert(
      fc.property(
        fc.integer({ min: start, max: end }),
        fc.nat(60 * 60 * 1000 * 72),
        fc.nat(15),
        zones,
        (t, gap, n, zone) => {
          const from = new Date(t);
          const due = calendar.addWorkingDays(from, n, zone);
          expect(calendar.isWorkingMoment(due, zone)).to.equal(true);
          expect(calendar.workingDaysBetween(from, due, zone)).to.equal(n);
          expect(calendar.addWorkingDays(new Date(t + gap), n, zone).getTime()).to.be.at.least(due.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses an unknown time zone with a clear error', () => {
    expect(codeOf(() => createWorkingCalendar({ holidays, timeZone: 'Europe/Londn' }))).to.equal(
      'CALENDAR_UNKNOWN_TIME_ZONE',
    );
    expect(codeOf(() => calendar.isWorkingDay(at('2026-11-23 10:00'), 'Mars/Olympus'))).to.equal(
      'CALENDAR_UNKNOWN_TIME_ZONE',
    );
  });

  it('refuses a negative or fractional number of working days, an invalid date and impossible working hours', () => {
    expect(codeOf(() => calendar.addWorkingDays(at('2026-11-23 10:00'), -1))).to.equal('CALENDAR_INVALID_INPUT');
    expect(codeOf(() => calendar.addWorkingDays(at('2026-11-23 10:00'), 1.5))).to.equal('CALENDAR_INVALID_INPUT');
    expect(codeOf(() => calendar.nextWorkingMoment(new Date('not a date')))).to.equal('CALENDAR_INVALID_DATE');
    expect(codeOf(() => createWorkingCalendar({ holidays, workStartHour: 17, workEndHour: 9 }))).to.equal(
      'CALENDAR_INVALID_INPUT',
    );
    expect(codeOf(() => createWorkingCalendar({ holidays: new Set(['25/12/2026']) }))).to.equal(
      'CALENDAR_INVALID_INPUT',
    );
  });
});
