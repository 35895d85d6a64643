import { expect } from 'chai';
import { Command } from 'commander';
import { registerNudgesCommands } from '../../src/cli/nudges-command.ts';
import { registerOutboxCommands } from '../../src/cli/outbox-command.ts';
import { registerPurgeCommands } from '../../src/cli/purge-command.ts';
import { DeliveryError } from '../../src/app/ports.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { introduceInput } from '../support/make.ts';
import { calendar, makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';

describe('the nudges, outbox and purge commands', () => {
  let w: NudgeWorld;
  let lines: string[];
  beforeEach(() => { w = makeNudgeWorld({ start: '2026-12-21T10:00:00Z' }); lines = []; });
  afterEach(() => w.cleanup());

  async function run(...argv: string[]): Promise<void> {
    const program = new Command('handover').exitOverride().configureOutput({ writeOut: (s) => lines.push(s), writeErr: (s) => lines.push(s) });
    const deps = { openDb: () => openDatabase(w.path), now: () => w.clock.now(), out: (l: string) => lines.push(l), calendar, timeZone: 'Europe/London' };
    registerNudgesCommands(program, deps);
    registerOutboxCommands(program, deps);
    registerPurgeCommands(program, deps);
    await program.parseAsync(argv, { from: 'user' });
  }

  it('preview on Christmas Eve shows the nudge to Sam due that morning, and sends and keeps nothing', async () => {
    const h = w.app.introduce('jo', introduceInput()); // Monday 21 Dec 10:00: reply by Wednesday 23 Dec 10:00
    await w.nudges.dispatcher.runOnce();
    const before = w.nudges.outbox.counts();
    await run('nudges', 'preview', '--at', '2026-12-24 10:00');
    expect(lines.join('\n')).to.match(new RegExp(`nudge \\(reply overdue\\)\\s+${h.id}\\s+to Sam Patel`));
    expect(lines.join('\n')).to.match(/escalation/);
    expect(w.nudges.outbox.counts()).to.deep.equal(before);
    expect(w.handovers.find(h.id)!.escalatedTo).to.deep.equal([]);
    expect(w.nudges.schedule.pendingFor(h.id).map((r) => r.kind)).to.include('reply_nudge');
  });

  it('preview before anything is due says nothing would be sent', async () => {
    w.app.introduce('jo', introduceInput());
    await run('nudges', 'preview', '--at', '2026-12-22 10:00');
    expect(lines.slice(-1)).to.deep.equal(['Nothing would be sent.']);
  });

  it('preview refuses a time it cannot read, naming the expected form', async () => {
    try { await run('nudges', 'preview', '--at', 'Christmas'); expect.fail('should refuse'); } catch (err) {
      expect((err as Error).message).to.match(/"2026-12-24 10:00"/);
    }
  });

  it('outbox failed lists dead letters and outbox retry queues one again', async () => {
    w.web.failAlways = new DeliveryError('permanent', 'invalid blocks');
    w.app.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    await run('outbox', 'failed');
    // The introduction and the receipt, then what the refused introduction led to (the backups asked, Jo told).
    const failed = w.nudges.outbox.failed();
    expect(failed.slice(0, 2).map((r) => r.card.kind)).to.deep.equal(['introduction', 'receipt']);
    expect(lines.filter((l) => l.startsWith('#'))).to.have.length(failed.length);
    expect(lines.join('\n')).to.match(/permanent: invalid blocks/);
    const id = w.nudges.outbox.failed()[0].id;
    await run('outbox', 'retry', String(id));
    expect(w.nudges.outbox.get(id)!.status).to.equal('pending');
  });

  it('purge --dry-run lists what would go and changes nothing', async () => {
    const h = w.app.introduce('jo', introduceInput());
    w.app.act(h.id, { type: 'withdraw', actorId: 'jo' });
    w.clock.set('2027-04-01T10:00:00Z');
    await run('purge', '--dry-run');
    expect(lines[0]).to.match(new RegExp(`^${h.id}\\s+withdrawn`));
    expect(w.handovers.find(h.id)!.client).to.not.equal(null);
    await run('purge');
    expect(w.handovers.find(h.id)!.client).to.equal(null);
  });
});
