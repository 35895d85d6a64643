import { expect } from 'chai';
import {
  defaultRange,
  parseReportFilter,
  rangeInstants,
  ReportFilterError,
  type Report,
} from '../../src/domain/insight/report.ts';
import { EXACT, reportTables, SUPPRESSED } from '../../src/domain/insight/tables.ts';

function report(overrides: Partial<Report> = {}): Report {
  const reasons = { no_capacity: 3, not_eligible: 0, not_right_service: 7, already_known: 0, other: 1 };
  return {
    filter: { from: '2026-10-01', to: '2026-10-31' },
    timeZone: 'Europe/London',
    generatedAt: '2026-11-23T10:00:00.000Z',
    staleAfterMonths: 12,
    totals: {
      sent: 40,
      accepted: 20,
      declined: 11,
      withdrawn: 2,
      expired: 5,
      contactMade: 15,
      unreachable: 4,
      notReached: 0,
      awaitingAnswer: 2,
      outcomeUnknown: 3,
    },
    declinesByService: [
      { serviceId: 's1', serviceName: 'Debt Advice Line', organisation: 'CA', sent: 40, byReason: reasons, total: 11 },
    ],
    declinesByCategory: [{ category: 'money', label: 'Money advice', sent: 40, byReason: reasons, total: 11 }],
    times: {
      toAnswer: { n: 31, medianHours: 5.5, p90Hours: 40 },
      toFirstContact: { n: 3, medianHours: 20, p90Hours: 30 },
    },
    dropOff: { expired: 5, overdue: 1, unreachable: 4, notReached: 0, withdrawn: 2 },
    followUp: { due: 18, known: 14 },
    outcomeKnown: {
      overall: { due: 30, known: 24, unknown: 3 },
      byService: [
        { serviceId: 's1', serviceName: 'Debt Advice Line', organisation: 'CA', due: 30, known: 24, unknown: 3 },
      ],
      byMonth: [{ month: '2026-10', label: 'October 2026', due: 30, known: 24, unknown: 3 }],
    },
    stale: [
      {
        serviceId: 's2',
        serviceName: 'Housing Options',
        organisation: 'Council',
        lastReviewed: '2024-03-01',
        staleSince: null,
      },
    ],
    mostUnanswered: [{ serviceId: 's1', serviceName: 'Debt Advice Line', organisation: 'CA', unanswered: 6, sent: 40 }],
    ...overrides,
  };
}

describe('insight: report filters', () => {
  it('given a month, the range covers whole London days, across the end of British Summer Time', () => {
    expect(rangeInstants({ from: '2026-10-01', to: '2026-10-31' }, 'Europe/London')).to.deep.equal({
      start: '2026-09-30T23:00:00.000Z',
      end: '2026-11-01T00:00:00.000Z',
    });
  });

  it('given dates the wrong way round, a sentence says so', () => {
    expect(() => parseReportFilter({ from: '2026-10-31', to: '2026-10-01' })).to.throw(
      ReportFilterError,
      /on or before/,
    );
  });

  it('given a date that does not exist or an unknown category, the filter is refused', () => {
    expect(() => parseReportFilter({ from: '2026-02-30', to: '2026-03-01' })).to.throw(
      ReportFilterError,
      /does not exist/,
    );
    expect(() => parseReportFilter({ from: '2026-10-01', to: '2026-10-31', category: 'pizza' })).to.throw(
      ReportFilterError,
      /category/,
    );
  });

  it('empty optional filters mean "all"', () => {
    expect(
      parseReportFilter({ from: '2026-10-01', to: '2026-10-31', serviceId: '', organisation: ' ', category: '' }),
    ).to.deep.equal({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('without dates, the page shows the last 30 days up to today in London', () => {
    expect(defaultRange(new Date('2026-11-23T23:30:00Z'), 'Europe/London')).to.deep.equal({
      from: '2026-10-25',
      to: '2026-11-23',
    });
  });
});

describe('insight: tables shown and exported', () => {
  it('given the signed-in page, exact numbers are shown, small ones too', () => {
    const summary = reportTables(report(), EXACT).find((t) => t.name === 'summary')!;
    expect(summary.rows.find((r) => r.measure === 'Withdrawn')!.count).to.equal(2);
  });

  it('given an export, counts from 1 to 4 read "<5", zero and 5+ are exact', () => {
    const byService = reportTables(report(), SUPPRESSED).find((t) => t.name === 'declines_by_service')!;
    expect(byService.rows[0]).to.include({
      no_capacity: '<5',
      not_eligible: 0,
      not_right_service: 7,
      other: '<5',
      total: 11,
    });
  });

  it('given an export, a median based on fewer than 5 introductions is left blank', () => {
    const times = reportTables(report(), SUPPRESSED).find((t) => t.name === 'times')!;
    expect(times.rows[0]).to.include({ n: 31, median: 5.5, p90: 40 });
    expect(times.rows[1]).to.include({ n: '<5', median: null, p90: null });
  });

  it('given an export, a share that would reveal a small count is left blank', () => {
    const drop = reportTables(report(), SUPPRESSED).find((t) => t.name === 'drop_off')!;
    expect(drop.rows.find((r) => r.stage === 'Withdrawn by the introducer')).to.include({ count: '<5', share: null });
    expect(drop.rows.find((r) => r.stage === 'No answer: expired')).to.include({ count: 5, share: 13 });
  });

  it('outcome known by the follow-up date is split into known and not known', () => {
    const follow = reportTables(report(), EXACT).find((t) => t.name === 'follow_up')!;
    expect(follow.rows.map((r) => [r.count, r.share])).to.deep.equal([
      [14, 78],
      [4, 22],
    ]);
  });

  it('a stale entry says why it is stale', () => {
    const stale = reportTables(report(), EXACT).find((t) => t.name === 'stale')!;
    expect(stale.rows[0]).to.include({ service: 'Housing Options', why: 'Not reviewed in the last 12 months' });
  });
});
