import { expect } from 'chai';
import {
  describeDeadline,
  isoWeekOf,
  parseDeadline,
  weeklyDigestMoment,
} from '../../src/domain/opportunities/deadline.ts';
import { OpportunityInputError } from '../../src/domain/opportunities/errors.ts';
import {
  MAX_DEADLINE_DAYS,
  OPPORTUNITY_LIMITS,
  parseNewOpportunity,
} from '../../src/domain/opportunities/new-opportunity.ts';
import { isExpired, isOpen, selectForDigest } from '../../src/domain/opportunities/open.ts';

const LONDON = 'Europe/London';
const NOW = new Date('2026-11-23T10:00:00Z'); // Monday

function input(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Barista skills course',
    provider: 'Lambeth College',
    type: 'course',
    dates: 'Tuesdays 10:00-12:00 from 12 January',
    deadline: '2026-12-01',
    whoFor: 'Adults 19+ out of work, Lambeth residents',
    howToJoin: 'Introduce a client or call 020 7946 0000',
    ...overrides,
  };
}

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(OpportunityInputError);
    return (err as OpportunityInputError).fields;
  }
  expect.fail('expected the opportunity to be refused');
}

describe('posting an opportunity: what is accepted', () => {
  it('given a complete form, then it is accepted and a date deadline closes at the end of that day in London', () => {
    const o = parseNewOpportunity(input(), NOW, LONDON);
    expect(o).to.include({ title: 'Barista skills course', type: 'course', provider: 'Lambeth College' });
    expect(o.deadline).to.equal('2026-12-02T00:00:00.000Z');
  });

  it('given a summer date, then "end of the day" is London time, not UTC', () => {
    const summer = new Date('2026-05-01T10:00:00Z');
    expect(parseNewOpportunity(input({ deadline: '2026-06-01' }), summer, LONDON).deadline).to.equal(
      '2026-06-01T23:00:00.000Z',
    );
  });

  it('given a local date and time, then it closes at that London time', () => {
    expect(parseNewOpportunity(input({ deadline: '2026-12-01T17:00' }), NOW, LONDON).deadline).to.equal(
      '2026-12-01T17:00:00.000Z',
    );
  });

  it('given empty required fields, then each field gets its own message at once', () => {
    const fields = fieldsOf(() =>
      parseNewOpportunity(
        input({ title: ' ', provider: '', whoFor: undefined, howToJoin: '', type: 'party', deadline: '' }),
        NOW,
        LONDON,
      ),
    );
    expect(fields.title).to.equal('The title is required.');
    expect(fields.provider).to.equal('Who runs it is required.');
    expect(fields.whoFor).to.equal('Who it is for is required.');
    expect(fields.howToJoin).to.equal('How to join is required.');
    expect(fields.type).to.match(/course, job, volunteering, group or event/);
    expect(fields.deadline).to.equal('The deadline is required.');
  });

  it('given text over the limits, then the message names the limit', () => {
    const fields = fieldsOf(() =>
      parseNewOpportunity(
        input({ title: 'x'.repeat(OPPORTUNITY_LIMITS.title + 1), whoFor: 'y'.repeat(OPPORTUNITY_LIMITS.whoFor + 1) }),
        NOW,
        LONDON,
      ),
    );
    expect(fields.title).to.equal(`The title must be ${OPPORTUNITY_LIMITS.title} characters or fewer.`);
    expect(fields.whoFor).to.equal(`Who it is for must be ${OPPORTUNITY_LIMITS.whoFor} characters or fewer.`);
  });

  it('given a deadline that has passed, or is right now, then it is refused as not in the future', () => {
    expect(fieldsOf(() => parseNewOpportunity(input({ deadline: '2026-11-22' }), NOW, LONDON)).deadline).to.equal(
      'The deadline must be in the future.',
    );
    expect(fieldsOf(() => parseNewOpportunity(input({ deadline: NOW.toISOString() }), NOW, LONDON)).deadline).to.equal(
      'The deadline must be in the future.',
    );
  });

  it('given today as the deadline, then it is accepted (open until midnight)', () => {
    expect(parseNewOpportunity(input({ deadline: '2026-11-23' }), NOW, LONDON).deadline).to.equal(
      '2026-11-24T00:00:00.000Z',
    );
  });

  it('given a deadline more than a year ahead or not a real date, then the message says what to do', () => {
    expect(fieldsOf(() => parseNewOpportunity(input({ deadline: '2028-01-01' }), NOW, LONDON)).deadline).to.contain(
      `within ${MAX_DEADLINE_DAYS} days`,
    );
    expect(fieldsOf(() => parseNewOpportunity(input({ deadline: '2026-02-31' }), NOW, LONDON)).deadline).to.match(
      /for example 2026-12-01/,
    );
    expect(fieldsOf(() => parseNewOpportunity(input({ deadline: 'next Friday' }), NOW, LONDON)).deadline).to.match(
      /for example/,
    );
  });
});

describe('deadlines and weeks as people read them', () => {
  it('a midnight deadline reads as the last day, a timed one with its time', () => {
    expect(describeDeadline('2026-12-02T00:00:00.000Z', LONDON, NOW)).to.equal('Tue 1 Dec');
    expect(describeDeadline('2026-12-01T17:00:00.000Z', LONDON, NOW)).to.equal('Tue 1 Dec, 17:00');
  });

  it('given a deadline in another year than now, then it reads with the year ("Fri 1 Jan 2027"), never "Friday 1 January 2027"', () => {
    expect(describeDeadline('2027-01-02T00:00:00.000Z', LONDON, NOW)).to.equal('Fri 1 Jan 2027');
    expect(describeDeadline('2027-01-01T17:00:00.000Z', LONDON, NOW)).to.equal('Fri 1 Jan 2027, 17:00');
  });

  it('the ISO week is counted in London: late Sunday night is still the old week', () => {
    expect(isoWeekOf(new Date('2026-11-29T23:30:00Z'), LONDON)).to.equal('2026-W48');
    expect(isoWeekOf(new Date('2027-01-03T12:00:00Z'), LONDON)).to.equal('2026-W53');
    expect(isoWeekOf(new Date('2027-01-04T12:00:00Z'), LONDON)).to.equal('2027-W01');
  });

  it('the weekly digest is due from Monday 09:00 London, in summer time too', () => {
    expect(weeklyDigestMoment(new Date('2026-11-26T15:00:00Z'), LONDON).toISOString()).to.equal(
      '2026-11-23T09:00:00.000Z',
    );
    expect(weeklyDigestMoment(new Date('2026-06-04T15:00:00Z'), LONDON).toISOString()).to.equal(
      '2026-06-01T08:00:00.000Z',
    );
  });

  it('parseDeadline refuses an impossible time', () => {
    expect(parseDeadline('2026-12-01T25:00', LONDON)).to.equal(null);
  });
});

describe('which opportunities are open', () => {
  const o = (title: string, deadline: string, status: 'open' | 'closed' = 'open') => ({ title, deadline, status });

  it('is open until the deadline, then not; a closed one is never open', () => {
    const course = o('Course', '2026-12-02T00:00:00.000Z');
    expect(isOpen(course, new Date('2026-12-01T23:59:59Z'))).to.equal(true);
    expect(isOpen(course, new Date('2026-12-02T00:00:00Z'))).to.equal(false);
    expect(isExpired(course, new Date('2026-12-02T00:00:00Z'))).to.equal(true);
    expect(isOpen(o('Course', '2026-12-02T00:00:00.000Z', 'closed'), NOW)).to.equal(false);
  });

  it('the digest keeps only open ones, soonest deadline first, then by title', () => {
    const list = [
      o('Later job', '2026-12-20T00:00:00.000Z'),
      o('Closed group', '2026-12-10T00:00:00.000Z', 'closed'),
      o('Passed event', '2026-11-20T00:00:00.000Z'),
      o('B course', '2026-12-05T00:00:00.000Z'),
      o('A course', '2026-12-05T00:00:00.000Z'),
    ];
    expect(selectForDigest(list, NOW).map((x) => x.title)).to.deep.equal(['A course', 'B course', 'Later job']);
  });
});
