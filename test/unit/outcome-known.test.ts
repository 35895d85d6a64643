// "Outcome known within 20 working days": the window ends at the end of the 20th working day after the day an
// introduction was sent, across weekends, Christmas and Easter, exactly where the working-day calendar says.
import { expect } from 'chai';
import { TZDate } from '@date-fns/tz';
import {
  OUTCOME_KNOWN_WITHIN_WORKING_DAYS,
  outcomeKnown,
  type OutcomeRow,
} from '../../src/domain/insight/outcome-known.ts';
import { calendar } from '../support/nudge-world.ts';

const ZONE = 'Europe/London';
const NOW = new Date('2027-12-01T00:00:00Z');

/** The end of the 20th working day after `day`, asked of the calendar directly. */
function expectedEnd(y: number, m: number, d: number): number {
  const last = new TZDate(
    calendar
      .addWorkingDays(new Date(new TZDate(y, m, d, ZONE).getTime()), OUTCOME_KNOWN_WITHIN_WORKING_DAYS, ZONE)
      .getTime(),
    ZONE,
  );
  return new TZDate(last.getFullYear(), last.getMonth(), last.getDate() + 1, ZONE).getTime() - 1;
}

const row = (createdAt: string, knownAt: string | null, unknown = false): OutcomeRow => ({
  serviceId: 's',
  serviceName: 'S',
  organisation: 'O',
  createdAt,
  knownAt,
  unknown,
});

describe('insight: outcome known within 20 working days', () => {
  it('given one introduction sent each day from December to April, then an outcome at the end of its 20th working day counts and a millisecond later does not', () => {
    const rows: OutcomeRow[] = [];
    for (
      let day = new Date(Date.UTC(2026, 11, 1));
      day < new Date(Date.UTC(2027, 4, 1));
      day = new Date(day.getTime() + 86_400_000)
    ) {
      const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()];
      const sent = new Date(new TZDate(y, m, d, 19, 30, ZONE).getTime()).toISOString(); // evenings and weekends too
      const end = expectedEnd(y, m, d);
      rows.push(row(sent, new Date(end).toISOString()), row(sent, new Date(end + 1).toISOString()));
    }
    const r = outcomeKnown(rows, NOW, calendar, ZONE);
    expect(r.overall).to.deep.equal({ due: rows.length, known: rows.length / 2, unknown: 0 });
  });

  it('given introductions still inside their window with no outcome, then they are left out; closed as unknown, they count as due and unknown', () => {
    const now = new Date('2027-03-10T12:00:00Z');
    const r = outcomeKnown(
      [
        row('2027-03-01T10:00:00Z', null),
        row('2027-01-04T10:00:00Z', '2027-01-20T10:00:00Z', true),
        row('2027-01-04T10:00:00Z', null),
      ],
      now,
      calendar,
      ZONE,
    );
    expect(r.overall).to.deep.equal({ due: 2, known: 0, unknown: 1 });
    expect(r.byMonth.map((m) => m.label)).to.deep.equal(['January 2027']);
  });
});
