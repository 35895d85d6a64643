// Issue 24: where "move time forward" lands, in working-day terms, and the clock that only moves forward.
import { expect } from 'chai';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { createShiftableClock } from '../../src/app/shiftable-clock.ts';
import { movedTime } from '../../src/domain/calendar/time-moves.ts';
import { createWorkingCalendar } from '../../src/domain/calendar/working-calendar.ts';
import { loadBankHolidays } from '../../src/storage/bank-holidays-file.ts';

const LONDON = 'Europe/London';
const calendar = createWorkingCalendar({ holidays: loadBankHolidays() });

function at(local: string): Date {
  const [date, time] = local.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return new Date(TZDate.tz(LONDON, y, m - 1, d, h, min).getTime());
}
const show = (d: Date) => format(new TZDate(d.getTime(), LONDON), 'EEE yyyy-MM-dd HH:mm');

describe('moving time forward in the playground (issue 24)', () => {
  it('given Monday 10:00, when moved an hour, a working morning or a working day, then it is 11:00, Tuesday 09:00 or Tuesday 10:00', () => {
    const monday = at('2026-12-07 10:00');
    expect(show(movedTime(monday, 'hour', calendar, LONDON))).to.equal('Mon 2026-12-07 11:00');
    expect(show(movedTime(monday, 'morning', calendar, LONDON))).to.equal('Tue 2026-12-08 09:00');
    expect(show(movedTime(monday, 'day', calendar, LONDON))).to.equal('Tue 2026-12-08 10:00');
  });

  it('given Christmas Eve afternoon, when moved to the next working morning, then the bank holidays and the weekend are skipped', () => {
    expect(show(movedTime(at('2026-12-24 16:00'), 'morning', calendar, LONDON))).to.equal('Tue 2026-12-29 09:00');
    expect(show(movedTime(at('2026-12-24 16:00'), 'day', calendar, LONDON))).to.equal('Tue 2026-12-29 16:00');
  });

  it('given an early Monday morning or a Friday evening, when moved to the next working morning, then it is Monday 09:00', () => {
    expect(show(movedTime(at('2026-12-07 06:30'), 'morning', calendar, LONDON))).to.equal('Mon 2026-12-07 09:00');
    expect(show(movedTime(at('2026-12-04 18:30'), 'morning', calendar, LONDON))).to.equal('Mon 2026-12-07 09:00');
  });

  it('given a moved clock, when it is moved back in time it refuses, and reset returns to the real time', () => {
    const real = at('2026-12-07 10:00');
    const clock = createShiftableClock({ now: () => real });
    clock.moveTo(at('2026-12-09 10:00'));
    expect(show(clock.now())).to.equal('Wed 2026-12-09 10:00');
    expect(() => clock.moveTo(at('2026-12-08 10:00'))).to.throw(RangeError, /only moves forward/);
    expect(clock.offsetMs()).to.equal(2 * 24 * 3_600_000);
    clock.reset();
    expect(clock.now().getTime()).to.equal(real.getTime());
  });
});
