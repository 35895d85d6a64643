// "Outcome known within 20 working days" for a fixture spring (March–May 2027, Easter 26 and 29 March), on /reports
// over a real HTTP server, in the CSV download and in `handover report`: overall, by month and by service, with the
// unknown share beside it and counts under 5 suppressed in exports.
import { expect } from 'chai';
import { Command } from 'commander';
import { registerReportCommands } from '../../src/cli/report-command.ts';
import type { Command as HandoverCommand } from '../../src/domain/handover/commands.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { introduceInput, makeService, seedWorld } from '../support/make.ts';
import { calendar } from '../support/nudge-world.ts';
import { startReportsServer, type ReportsServer } from '../support/reports-server.ts';

const NOW = '2027-05-10T10:00:00.000Z';
const SPRING = 'from=2027-03-01&to=2027-05-31';

/** Each introduction: when it was sent, to which service, and what was pressed when. */
const FIXTURE: Array<{
  sent: string;
  service?: 'debt';
  steps: Array<
    [string, 'accept' | 'confirm' | 'decline' | 'withdraw' | 'unreachable' | 'yes' | 'auto_close' | 'expire']
  >;
}> = [
  {
    sent: '2027-03-01T10:00:00Z',
    steps: [
      ['2027-03-02T10:00:00Z', 'accept'],
      ['2027-03-03T10:00:00Z', 'confirm'],
    ],
  },
  { sent: '2027-03-01T10:00:00Z', steps: [['2027-03-02T10:00:00Z', 'decline']] },
  // Contact made on 25 Mar: 18 working days after 1 Mar (24 calendar days), so known in time.
  {
    sent: '2027-03-01T10:00:00Z',
    steps: [
      ['2027-03-02T10:00:00Z', 'accept'],
      ['2027-03-25T10:00:00Z', 'confirm'],
    ],
  },
  // Contact made on 6 Apr: after the window (it ended Wed 31 Mar, past Easter).
  {
    sent: '2027-03-01T10:00:00Z',
    steps: [
      ['2027-03-02T10:00:00Z', 'accept'],
      ['2027-04-06T10:00:00Z', 'confirm'],
    ],
  },
  {
    sent: '2027-03-01T10:00:00Z',
    steps: [
      ['2027-03-02T10:00:00Z', 'accept'],
      ['2027-04-08T10:00:00Z', 'auto_close'],
    ],
  },
  {
    sent: '2027-03-01T10:00:00Z',
    steps: [
      ['2027-03-02T10:00:00Z', 'accept'],
      ['2027-03-10T10:00:00Z', 'unreachable'],
      ['2027-03-17T10:00:00Z', 'auto_close'],
    ],
  },
  { sent: '2027-03-01T10:00:00Z', steps: [['2027-03-04T10:00:00Z', 'withdraw']] },
  {
    sent: '2027-03-01T10:00:00Z',
    steps: [
      ['2027-03-02T10:00:00Z', 'accept'],
      ['2027-03-30T10:00:00Z', 'yes'],
    ],
  },
  { sent: '2027-03-15T10:00:00Z', service: 'debt', steps: [['2027-03-29T10:00:00Z', 'expire']] },
  {
    sent: '2027-03-15T10:00:00Z',
    service: 'debt',
    steps: [
      ['2027-03-16T10:00:00Z', 'accept'],
      ['2027-04-20T10:00:00Z', 'auto_close'],
    ],
  },
  { sent: '2027-03-29T10:00:00Z', service: 'debt', steps: [['2027-03-30T10:00:00Z', 'accept']] },
  {
    sent: '2027-04-01T09:00:00Z',
    steps: [
      ['2027-04-01T10:00:00Z', 'accept'],
      ['2027-04-02T10:00:00Z', 'confirm'],
    ],
  },
  // Sent 5 May: still inside its window with no outcome, so too early to count.
  { sent: '2027-05-05T09:00:00Z', steps: [] },
];

function seedSpring(s: ReportsServer): void {
  const c = s.container;
  seedWorld(c.db, s.clock);
  c.services.upsert(
    makeService({
      id: 'svc-debt',
      name: 'Debt Advice Line',
      organisation: 'Citizens Advice Lambeth',
      contacts: [{ personId: 'pat', role: 'primary' }],
    }),
    NOW,
  );
  for (const f of FIXTURE) {
    s.clock.set(f.sent);
    const h = c.handoverService.introduce(
      'jo',
      introduceInput({ serviceId: f.service === 'debt' ? 'svc-debt' : 'svc-mind-lambeth' }),
    );
    const contact = h.contactId;
    const commands: Record<string, HandoverCommand> = {
      accept: { type: 'accept', actorId: contact },
      confirm: { type: 'confirm_contact', actorId: contact },
      decline: { type: 'decline', actorId: contact, reason: 'no_capacity' },
      withdraw: { type: 'withdraw', actorId: 'jo' },
      unreachable: { type: 'report_unreachable', actorId: contact },
      yes: { type: 'report_outcome', actorId: 'jo', outcome: 'contact_made' },
      auto_close: { type: 'auto_close', actorId: 'system' },
      expire: { type: 'expire', actorId: 'system' },
    };
    for (const [at, step] of f.steps) {
      s.clock.set(at);
      c.handoverService.act(h.id, commands[step]);
    }
  }
  s.clock.set(NOW);
}

/** The cells of the row labelled `label` in table `id` of the page. */
function rowOf(html: string, id: string, label: string): string[] {
  const table = html.slice(html.indexOf(`<table id="table-${id}">`));
  const body = table.slice(0, table.indexOf('</table>'));
  const row = body.split('<tr>').find((r) => r.startsWith(`<th scope="row">${label}</th>`));
  if (!row) return [];
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
}

describe('reports: outcome known within 20 working days, for a fixture spring', () => {
  let s: ReportsServer;
  before(async () => {
    s = await startReportsServer({}, { seed: false, calendar, now: NOW });
    seedSpring(s);
  });
  after(() => s.stop());

  it('given the spring, when a coordinator opens /reports, then the known share and the unknown share show overall and per month, counting working days past Easter', async () => {
    const html = await (await fetch(`${s.url}/reports?${SPRING}`)).text();
    expect(html).to.contain('Outcome known within 20 working days');
    // due, known, known %, closed as unknown, unknown %
    expect(rowOf(html, 'outcome_known', 'All')).to.deep.equal(['12', '8', '67', '2', '17']);
    expect(rowOf(html, 'outcome_known', 'March 2027')).to.deep.equal(['11', '7', '64', '2', '18']);
    expect(rowOf(html, 'outcome_known', 'April 2027')).to.deep.equal(['1', '1', '100', '0', '0']);
    expect(rowOf(html, 'outcome_known', 'May 2027'), 'too early to say').to.deep.equal([]);
    expect(rowOf(html, 'summary', 'Closed with outcome unknown')).to.deep.equal(['2']);
  });

  it('given the spring, then the page shows the share per service', async () => {
    const html = await (await fetch(`${s.url}/reports?${SPRING}`)).text();
    expect(rowOf(html, 'outcome_known_by_service', 'Wellbeing Hub')).to.deep.equal([
      'Mind in Lambeth',
      '9',
      '7',
      '78',
      '1',
      '11',
    ]);
    expect(rowOf(html, 'outcome_known_by_service', 'Debt Advice Line')).to.deep.equal([
      'Citizens Advice Lambeth',
      '3',
      '1',
      '33',
      '1',
      '33',
    ]);
  });

  it('when the figures are downloaded as CSV, then counts under 5 read "<5" and shares based on them are left blank', async () => {
    const csv = await (await fetch(`${s.url}/reports/export.csv?table=outcome_known_by_service&${SPRING}`)).text();
    expect(csv.split('\n')[0]).to.equal(
      'Service,Organisation,Introductions old enough to say,Outcome known within 20 working days,Known (%),Closed with outcome unknown,Unknown (%)',
    );
    expect(csv).to.contain('Wellbeing Hub,Mind in Lambeth,9,7,78,<5,');
    expect(csv).to.contain('Debt Advice Line,Citizens Advice Lambeth,<5,<5,,<5,');
    const overall = await (await fetch(`${s.url}/reports/export.csv?table=outcome_known&${SPRING}`)).text();
    expect(overall).to.contain('All,12,8,67,<5,');
  });

  it('when `handover report` is run for the spring, then it prints the same figures', () => {
    const lines: string[] = [];
    const program = new Command('handover')
      .exitOverride()
      .configureOutput({ writeOut: (l) => lines.push(l), writeErr: (l) => lines.push(l) });
    registerReportCommands(program, {
      openDb: () => openDatabase(s.container.config.databasePath),
      now: () => new Date(NOW),
      out: (l) => lines.push(l),
    });
    program.parse(
      ['node', 'handover', 'report', '--from', '2027-03-01', '--to', '2027-05-31', '--table', 'outcome_known'],
      { from: 'node' },
    );
    expect(lines.join('\n')).to.contain('All,12,8,67,<5,').and.to.contain('March 2027,11,7,64,<5,');
  });
});
