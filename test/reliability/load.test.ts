// The real server in a child process under mixed traffic (Slack clicks, Teams invokes, playground actions and
// introductions, directory searches) with the fakes in another process. Short version of bench/load-bench.ts.
import { expect } from 'chai';
import { loadRun, type LoadReport } from '../support/load/runs.ts';

describe('the server under steady mixed load', function () {
  this.timeout(120_000);
  let report: LoadReport;
  before(async () => {
    report = await loadRun({ rate: 50, seconds: 4, nudgesPerContact: 3, drainLimitMs: 60_000 });
  });

  it('given 50 requests a second for 4 seconds, no request is answered with a server error', () => {
    const served = report.kinds.reduce((n, k) => n + k.ok, 0);
    expect(served, 'requests answered 2xx').to.be.greaterThan(100);
    for (const k of report.kinds) expect(k.c5xx, `${k.kind} 5xx`).to.equal(0);
  });

  it('every click and introduction that was acknowledged is in the handovers and once in the audit trail', () => {
    expect(report.actions.acknowledged).to.be.greaterThan(80);
    expect(report.actions.lostExamples).to.deep.equal([]);
    expect(report.actions).to.include({ lost: 0, lostIntroductions: 0, duplicateAudit: 0 });
  });

  it('every reply nudge that came due reached its person exactly once, and the file is intact', () => {
    expect(report.nudges.nudges).to.be.greaterThan(50);
    expect(report.nudges).to.include({ lost: 0, sentTwice: 0, pending: 0, duplicateSends: 0 });
    expect(report.integrity).to.equal('ok');
  });
});
