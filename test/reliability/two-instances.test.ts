// Two servers on one database file (as during a rolling restart): both serve, one dispatches at a time,
// and when the dispatching one dies the other takes over (its lease expired by hand here; the bench waits).
import { expect } from 'chai';
import { twoInstancesRun, type TwoReport } from '../support/load/runs.ts';

describe('two instances on one database file', function () {
  this.timeout(120_000);
  let report: TwoReport;
  before(async () => {
    report = await twoInstancesRun({
      rate: 50,
      seconds: 4,
      nudgesPerContact: 4,
      drainLimitMs: 60_000,
      waitForLease: false,
    });
  });

  it('both instances answer requests, with no server errors and nothing acknowledged lost', () => {
    expect(report.served[0]).to.be.greaterThan(10);
    expect(report.served[1]).to.be.greaterThan(10);
    for (const k of report.kinds) expect(k.c5xx, `${k.kind} 5xx`).to.equal(0);
    expect(report.actions).to.include({ lost: 0, lostIntroductions: 0, duplicateAudit: 0 });
  });

  it('never do both hold the dispatcher lease, and the survivor takes it over when the holder is killed', () => {
    expect(report.samples).to.be.greaterThan(10);
    expect(report.bothHeld).to.equal(0);
    expect(report.takeoverMs, 'the survivor took the lease over').to.be.at.least(0);
    expect(report.holders).to.equal('0+1');
  });

  it('every nudge is delivered by whichever instance held the lease; only a message in flight at the kill can arrive twice', () => {
    expect(report.nudges.nudges).to.be.greaterThan(50);
    expect(report.nudges).to.include({ lost: 0, pending: 0 });
    expect(report.nudges.duplicateSends).to.be.at.most(report.inFlightAtKill);
    expect(report.integrity).to.equal('ok');
  });
});
