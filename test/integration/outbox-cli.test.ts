import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerNudgesCommands } from '../../src/cli/nudges-command.ts';
import { registerOutboxCommands } from '../../src/cli/outbox-command.ts';
import { registerPurgeCommands } from '../../src/cli/purge-command.ts';
import { DeliveryError } from '../../src/app/ports.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { introduceInput, makeService } from '../support/make.ts';
import { calendar, makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';

describe('the nudges, outbox and purge commands', () => {
  let w: NudgeWorld;
  let lines: string[];
  beforeEach(() => {
    w = makeNudgeWorld({ start: '2026-12-21T10:00:00Z' });
    lines = [];
  });
  afterEach(() => w.cleanup());

  async function run(...args: Array<string | { bankHolidaysPath: string }>): Promise<void> {
    const argv = args.filter((a): a is string => typeof a === 'string');
    const files = args.find((a): a is { bankHolidaysPath: string } => typeof a !== 'string');
    const program = new Command('handover')
      .exitOverride()
      .configureOutput({ writeOut: (s) => lines.push(s), writeErr: (s) => lines.push(s) });
    const deps = {
      openDb: () => openDatabase(w.path),
      now: () => w.clock.now(),
      out: (l: string) => lines.push(l),
      timeZone: 'Europe/London',
      ...(files ? { bankHolidaysPath: files.bankHolidaysPath } : { calendar }),
    };
    registerNudgesCommands(program, deps);
    registerOutboxCommands(program, deps);
    registerPurgeCommands(program, deps);
    await program.parseAsync(argv, { from: 'user' });
  }

  it("given two introductions to Sam on a digest and Alex in Paris, when previewing Christmas week, then each new message is one line in its recipient's time", async () => {
    w.people.setDigest('sam', true);
    w.people.changeSettings('alex', { timeZone: 'Europe/Paris' });
    const a = w.handoverService.introduce('jo', introduceInput({ clientName: 'Ada Lovelace' })); // Monday 21 Dec 10:00: reply by Wed 10:00
    w.clock.set('2026-12-21T14:00:00Z');
    w.handoverService.introduce('pat', introduceInput({ clientName: 'Ben' })); // reply by Wed 14:00
    await w.nudges.dispatcher.runOnce();
    const before = w.nudges.outbox.counts();
    await run('nudges', 'preview', '--from', '2026-12-22 09:00', '--to', '2026-12-31 18:00');
    expect(lines[0]).to.equal('What would be sent from Tue 22 Dec, 09:00 to Thu 31 Dec, 18:00 (Europe/London).');
    expect(lines.slice(2)).to.deep.equal([
      'Thu 24 Dec, 09:00 · Sam Patel · daily digest of 2 introductions',
      '    - reminder: please answer the introduction · Ada · Wellbeing Hub',
      '    - reminder: please answer the introduction · Ben · Wellbeing Hub',
      // Christmas Day and the Boxing Day holiday (Monday 28) are skipped: a working day after the digest is Tuesday.
      'Tue 29 Dec, 10:00 Europe/Paris · Alex Morgan · asked to pick up an introduction nobody answered · Ada · Wellbeing Hub',
      'Tue 29 Dec, 09:00 · Kim Lee · asked to pick up an introduction nobody answered · Ada · Wellbeing Hub',
      'Tue 29 Dec, 09:00 · Jo Rivers · update: no answer, the backup contacts were asked · Ada · Wellbeing Hub',
      'Tue 29 Dec, 09:00 · Sam Patel · reply in the thread: no answer, the backup contacts were asked too · Ada · Wellbeing Hub',
      'Tue 29 Dec, 10:00 Europe/Paris · Alex Morgan · asked to pick up an introduction nobody answered · Ben · Wellbeing Hub',
      'Tue 29 Dec, 09:00 · Kim Lee · asked to pick up an introduction nobody answered · Ben · Wellbeing Hub',
      'Tue 29 Dec, 09:00 · Pat Quinn · update: no answer, the backup contacts were asked · Ben · Wellbeing Hub',
      'Tue 29 Dec, 09:00 · Sam Patel · reply in the thread: no answer, the backup contacts were asked too · Ben · Wellbeing Hub',
      '9 messages in this window. Nothing was sent.',
    ]);
    expect(w.nudges.outbox.counts()).to.deep.equal(before);
    expect(w.handovers.find(a.id)!.escalatedTo).to.deep.equal([]);
    expect(w.nudges.schedule.pendingFor(a.id).map((r) => r.kind)).to.include('reply_nudge');
  });

  it('given a bank holidays file (BANK_HOLIDAYS_PATH) that also closes 23 December, when previewing, then the review requests due that day wait for the 24th', async () => {
    const holidays = join(w.path, '..', 'holidays.json');
    const events = ['2026-12-23', '2026-12-25', '2026-12-28'].map((date) => ({
      title: 'Holiday',
      date,
      notes: '',
      bunting: false,
    }));
    writeFileSync(holidays, JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events } }));
    w.services.upsert(makeService({ lastReviewed: '2025-12-22' }), w.clock.now().toISOString()); // a year old on 23 Dec
    await run('nudges', 'preview', '--from', '2026-12-22 09:00', '--to', '2026-12-24 18:00', {
      bankHolidaysPath: holidays,
    });
    expect(lines.slice(2)).to.deep.equal([
      'Thu 24 Dec, 09:00 · Sam Patel · directory review: is this entry still right? · Wellbeing Hub',
      'Thu 24 Dec, 09:00 · Alex Morgan · directory review: is this entry still right? · Wellbeing Hub',
      'Thu 24 Dec, 09:00 · Kim Lee · directory review: is this entry still right? · Wellbeing Hub',
      '3 messages in this window. Nothing was sent.',
    ]);
  });

  it('given a window before anything is due, when previewing, then it says nothing would be sent', async () => {
    w.handoverService.introduce('jo', introduceInput());
    await run('nudges', 'preview', '--from', '2026-12-21 11:00', '--to', '2026-12-22 18:00');
    expect(lines.slice(-1)).to.deep.equal(['Nothing would be sent in this window.']);
  });

  it('given a time it cannot read, when previewing, then it names the expected form', async () => {
    try {
      await run('nudges', 'preview', '--from', 'Christmas');
      expect.fail('should refuse');
    } catch (err) {
      expect((err as Error).message).to.match(/"2026-12-24 10:00"/);
    }
  });

  it('outbox failed lists dead letters and outbox retry queues one again', async () => {
    w.web.failAlways = new DeliveryError('permanent', 'invalid blocks');
    w.handoverService.introduce('jo', introduceInput());
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
    const h = w.handoverService.introduce('jo', introduceInput());
    w.handoverService.act(h.id, { type: 'withdraw', actorId: 'jo' });
    w.clock.set('2027-04-01T10:00:00Z');
    await run('purge', '--dry-run');
    expect(lines[0]).to.match(new RegExp(`^${h.id}\\s+withdrawn\\s+closed Mon 21 Dec 2026$`));
    expect(w.handovers.find(h.id)!.client).to.not.equal(null);
    await run('purge');
    expect(w.handovers.find(h.id)!.client).to.equal(null);
  });
});
