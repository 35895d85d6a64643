import { expect } from 'chai';
import { formatCalendarDate, formatDate, formatWhen } from '../../src/domain/calendar/date-words.ts';
import { formatDay, formatWhen as cardWhen } from '../../src/cards/format.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

describe('one date style', () => {
  it('given a moment this year, then it reads "Wed 9 Dec, 09:00" in the reader\'s time zone', () => {
    expect(formatWhen('2026-12-09T09:00:00Z', 'Europe/London', NOW)).to.equal('Wed 9 Dec, 09:00');
    expect(formatWhen('2026-12-09T09:00:00Z', 'America/New_York', NOW)).to.equal('Wed 9 Dec, 04:00');
  });

  it('given a moment in another year, then the year is written', () => {
    expect(formatWhen('2027-01-06T09:00:00Z', 'Europe/London', NOW)).to.equal('Wed 6 Jan 2027, 09:00');
    expect(formatDate('2025-11-06T12:00:00Z', 'Europe/London', NOW)).to.equal('Thu 6 Nov 2025');
  });

  it('given a day, then cards write it in the same style ("Mon 14 Dec"), never "Monday 14 December" or "2026-12-14"', () => {
    expect(formatDay('2026-12-14T09:00:00Z', 'Europe/London', NOW)).to.equal('Mon 14 Dec');
    expect(cardWhen('2026-12-14T09:00:00Z', 'Not/AZone', NOW)).to.equal('Mon 14 Dec, 09:00');
  });

  it('given a calendar date kept as "2026-12-14", then pages write it "Mon 14 Dec" in any zone, with the year when it is not this year', () => {
    expect(formatCalendarDate('2026-12-14', 'Pacific/Kiritimati', NOW)).to.equal('Mon 14 Dec');
    expect(formatCalendarDate('2026-12-14', 'America/New_York', NOW)).to.equal('Mon 14 Dec');
    expect(formatCalendarDate('2027-01-12', 'Europe/London', NOW)).to.equal('Tue 12 Jan 2027');
    expect(formatCalendarDate('not a date', 'Europe/London', NOW)).to.equal('not a date');
  });
});
