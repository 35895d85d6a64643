// kill -9 of the real server in the middle of mixed load, restarted on the same file and port at once.
// The dead instance's dispatcher lease is expired by hand instead of waiting for it (the bench waits).
import { expect } from 'chai';
import { crashRun, type CrashReport } from '../support/load/runs.ts';

describe('a server killed with SIGKILL under load and restarted', function () {
  this.timeout(120_000);
  let report: CrashReport;
  before(async () => {
    report = await crashRun({ rate: 50, seconds: 6, nudgesPerContact: 6, drainLimitMs: 60_000, waitForLease: false });
  });

  it('given the kill, the database file passes the integrity check before and after the restart', () => {
    expect(report.signal).to.equal('SIGKILL');
    expect(report.integrity).to.equal('ok');
    expect(report.integrityAfter).to.equal('ok');
  });

  it('every action acknowledged before the kill is still there after it', () => {
    expect(report.beforeKill.acknowledged).to.be.greaterThan(50);
    expect(report.beforeKill.lostExamples).to.deep.equal([]);
    expect(report.beforeKill).to.include({ lost: 0, lostIntroductions: 0, duplicateAudit: 0 });
  });

  it('the restarted server takes the rest of the load without server errors and loses nothing acknowledged', () => {
    for (const k of report.kinds) expect(k.c5xx, `${k.kind} 5xx`).to.equal(0);
    expect(report.actions).to.include({ lost: 0, lostIntroductions: 0, duplicateAudit: 0 });
  });

  it('every nudge due around the crash reaches its person, and only one that was in flight at the kill can arrive twice', () => {
    expect(report.nudges.nudges).to.be.greaterThan(100);
    expect(report.nudges).to.include({ lost: 0, pending: 0 });
    // At least once: Slack and Teams cannot be asked whether a message whose send was under way arrived.
    expect(report.nudges.sentTwice).to.be.at.most(report.inFlightAtKill);
    expect(report.nudges.duplicateSends, 'any message sent twice').to.be.at.most(report.inFlightAtKill);
  });
});
