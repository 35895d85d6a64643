import { expect } from 'chai';
import { Command } from 'commander';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerReportCommands } from '../../src/cli/report-command.ts';
import { median, percentile } from '../../src/domain/insight/stats.ts';
import { buildReport } from '../../src/app/insight/build-report.ts';
import { longCsv, reportJson, tableCsv } from '../../src/app/insight/export-report.ts';
import { openDatabase, type Db } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';
import { CLIENT_MARKER, seedMonth, type Fate, type SeededHandover } from '../support/seed-month.ts';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };

function countFates(made: SeededHandover[], fates: Fate[], serviceIds?: string[]): number {
  return made.filter((h) => h.inMonth && fates.includes(h.fate) && (!serviceIds || serviceIds.includes(h.serviceId)))
    .length;
}

function hours(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 3_600_000;
}

describe('reports: figures for a seeded month', () => {
  let db: Db;
  let made: SeededHandover[];
  let tmp: ReturnType<typeof tempDir>;
  before(() => {
    tmp = tempDir();
    db = openDatabase(join(tmp.dir, 'handover.db'));
    made = seedMonth(db);
  });
  after(() => {
    db.close();
    tmp.cleanup();
  });

  it('given October, the totals match what happened to each introduction, and days outside October are left out', () => {
    const t = buildReport(db, OCTOBER, NOW).totals;
    expect(made.filter((h) => !h.inMonth)).to.have.length.greaterThan(0);
    expect(t).to.deep.equal({
      sent: made.filter((h) => h.inMonth).length,
      accepted: countFates(made, ['closed_contact', 'contact_made', 'unreachable', 'accepted_open']),
      declined: countFates(made, ['declined']),
      withdrawn: countFates(made, ['withdrawn']),
      expired: countFates(made, ['expired']),
      contactMade: countFates(made, ['closed_contact', 'contact_made']),
      unreachable: countFates(made, ['unreachable']),
      notReached: 0,
      awaitingAnswer: countFates(made, ['pending']),
      outcomeUnknown: 0,
    });
  });

  it('given a category, only services in it count (a service with two categories counts in both)', () => {
    const lonely = buildReport(db, { ...OCTOBER, category: 'loneliness' }, NOW);
    expect(lonely.totals.sent).to.equal(
      countFates(
        made,
        [
          'closed_contact',
          'contact_made',
          'unreachable',
          'accepted_open',
          'declined',
          'withdrawn',
          'expired',
          'pending',
        ],
        ['svc-wellbeing', 'svc-walk'],
      ),
    );
    expect(lonely.declinesByCategory.map((c) => c.category)).to.deep.equal(['loneliness']);
  });

  it('given an organisation or a service, only its introductions count', () => {
    const council = buildReport(db, { ...OCTOBER, organisation: 'Lambeth Council' }, NOW);
    expect(council.totals.declined).to.equal(countFates(made, ['declined'], ['svc-housing', 'svc-jobs']));
    const debt = buildReport(db, { ...OCTOBER, serviceId: 'svc-debt' }, NOW);
    expect(debt.declinesByService.map((s) => s.serviceId)).to.deep.equal(['svc-debt']);
    expect(debt.declinesByService[0].total).to.equal(countFates(made, ['declined'], ['svc-debt']));
  });

  it('declines by reason add up to all declines, per service and overall: the capacity-gap picture', () => {
    const r = buildReport(db, OCTOBER, NOW);
    const fromRows = db
      .prepare(`SELECT service_id, decline_reason, count(*) n FROM handovers
      WHERE state = 'declined' AND created_at >= '2026-09-30T23:00:00.000Z' AND created_at < '2026-11-01T00:00:00.000Z' GROUP BY 1, 2`)
      .all() as Array<{ service_id: string; decline_reason: string; n: number }>;
    for (const row of fromRows) {
      const svc = r.declinesByService.find((s) => s.serviceId === row.service_id)!;
      expect(svc.byReason[row.decline_reason as 'no_capacity'], `${row.service_id} ${row.decline_reason}`).to.equal(
        row.n,
      );
    }
    expect(r.declinesByService.reduce((sum, s) => sum + s.total, 0)).to.equal(r.totals.declined);
    expect(r.declinesByService[0].serviceId, 'the service short of capacity comes first').to.be.oneOf([
      'svc-debt',
      'svc-housing',
    ]);
  });

  it('median and 90th percentile times agree with the timestamps', () => {
    const r = buildReport(db, OCTOBER, NOW);
    const rows = db
      .prepare(`SELECT created_at, answered_at, accepted_at, contact_made_at FROM handovers
      WHERE created_at >= '2026-09-30T23:00:00.000Z' AND created_at < '2026-11-01T00:00:00.000Z'`)
      .all() as Array<Record<string, string | null>>;
    const answer = rows.filter((x) => x.answered_at).map((x) => hours(x.created_at!, x.answered_at!));
    const contact = rows.filter((x) => x.contact_made_at).map((x) => hours(x.accepted_at!, x.contact_made_at!));
    expect(r.times.toAnswer.n).to.equal(r.totals.accepted + r.totals.declined);
    expect(r.times.toAnswer.medianHours).to.be.closeTo(median(answer)!, 0.05);
    expect(r.times.toAnswer.p90Hours).to.be.closeTo(percentile(answer, 90)!, 0.05);
    expect(r.times.toFirstContact.n).to.equal(r.totals.contactMade);
    expect(r.times.toFirstContact.medianHours).to.be.closeTo(median(contact)!, 0.05);
  });

  it('outcome known by the follow-up date counts contact made, could-not-reach and closures before it', () => {
    const r = buildReport(db, OCTOBER, NOW);
    const accepted = db
      .prepare(`SELECT id, follow_up_at, contact_made_at, closed_at FROM handovers WHERE accepted_at IS NOT NULL
      AND created_at >= '2026-09-30T23:00:00.000Z' AND created_at < '2026-11-01T00:00:00.000Z'`)
      .all() as Array<{ id: string; follow_up_at: string; contact_made_at: string | null; closed_at: string | null }>;
    const unreachableAt = db.prepare(`SELECT min(at) at FROM audit WHERE handover_id = ? AND event = 'unreachable'`);
    const known = accepted.filter((h) =>
      [h.contact_made_at, h.closed_at, (unreachableAt.get(h.id) as { at: string | null }).at].some(
        (at) => at !== null && at <= h.follow_up_at,
      ),
    );
    expect(r.followUp.due).to.equal(accepted.length);
    expect(r.followUp.known).to.equal(known.length);
    expect(r.followUp.known).to.be.greaterThan(0).and.lessThan(r.followUp.due);
  });

  it('stale entries and services with most unanswered introductions are listed', () => {
    const r = buildReport(db, OCTOBER, NOW);
    expect(r.stale.map((s) => s.serviceId).sort()).to.deep.equal(['svc-food', 'svc-housing', 'svc-walk']);
    const unanswered = r.mostUnanswered.reduce((sum, s) => sum + s.unanswered, 0);
    expect(unanswered).to.equal(countFates(made, ['expired', 'pending']));
    expect(r.mostUnanswered.map((s) => s.unanswered)).to.deep.equal(
      [...r.mostUnanswered.map((s) => s.unanswered)].sort((a, b) => b - a),
    );
  });

  it('no export contains client details, and small counts read "<5"', () => {
    const r = buildReport(db, OCTOBER, NOW);
    const all = [JSON.stringify(reportJson(r)), longCsv(r), tableCsv(r, 'declines_by_service')].join('\n');
    expect(all).not.to.contain(CLIENT_MARKER);
    expect(all).not.to.contain('Q.Z.');
    expect(all).to.contain('<5');
    const json = reportJson(r);
    for (const row of json.tables.declines_by_service.rows) {
      for (const key of ['no_capacity', 'not_eligible', 'not_right_service', 'already_known', 'other']) {
        const v = row[key];
        expect(v === '<5' || v === 0 || (typeof v === 'number' && v >= 5), `${key}=${String(v)}`).to.equal(true);
      }
    }
  });

  it('the report code never reads client details or notes', () => {
    const dir = join(import.meta.dirname, '../../src/app/insight');
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), 'utf8')
        .replace(/^\s*\/\/.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '');
      expect(source, file).not.to.match(/handover_notes|\bh\.client\b|SELECT \*|\bclient\s*(,|FROM)/);
    }
  });

  describe('the CLI: handover report', () => {
    function run(args: string[]): { code: number; out: string } {
      const lines: string[] = [];
      const program = new Command('handover')
        .exitOverride()
        .configureOutput({ writeOut: (s) => lines.push(s), writeErr: (s) => lines.push(s) });
      registerReportCommands(program, {
        openDb: () => openDatabase(join(tmp.dir, 'handover.db')),
        now: () => NOW,
        out: (l) => lines.push(l),
      });
      try {
        program.parse(args, { from: 'user' });
        return { code: 0, out: lines.join('\n') };
      } catch (err) {
        return { code: 1, out: `${lines.join('\n')}\n${(err as Error).message}` };
      }
    }

    it('given --format csv --table summary, it prints the same figures as the page with small counts hidden', () => {
      const { code, out } = run([
        'report',
        '--from',
        '2026-10-01',
        '--to',
        '2026-10-31',
        '--format',
        'csv',
        '--table',
        'summary',
      ]);
      expect(code).to.equal(0);
      const sent = made.filter((h) => h.inMonth).length;
      expect(out.split('\n')[0]).to.equal('Measure,Introductions');
      expect(out).to.contain(`Introductions sent,${sent}`);
    });

    it('given --format json and a category, it prints the filtered report', () => {
      const { code, out } = run([
        'report',
        '--from',
        '2026-10-01',
        '--to',
        '2026-10-31',
        '--category',
        'money',
        '--format',
        'json',
      ]);
      expect(code).to.equal(0);
      const json = JSON.parse(out);
      expect(json.filter).to.deep.equal({ ...OCTOBER, category: 'money' });
      expect(json.tables.declines_by_category.rows.map((r: { category: string }) => r.category)).to.deep.equal([
        'Money advice',
      ]);
    });

    it('given a bad format or reversed dates, it says what is wrong', () => {
      expect(run(['report', '--from', '2026-10-01', '--to', '2026-10-31', '--format', 'xml']).out).to.contain(
        'csv, json',
      );
      expect(run(['report', '--from', '2026-10-31', '--to', '2026-10-01']).out).to.contain('on or before');
    });
  });
});
