// `handover purge` also removes client details from an introduction sent 180 days ago that is somehow still open
// (e.g. left by an earlier version before the reminder service started), and says so.
import { expect } from 'chai';
import { Command } from 'commander';
import { registerPurgeCommands } from '../../src/cli/purge-command.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { createNudgeSystem } from '../../src/scheduler/wiring.ts';
import { stubCompose } from '../support/fake-messenger.ts';
import { DAY_MS, everyDayCalendar, introduceInput, makeWorld, type World } from '../support/make.ts';

describe('handover purge: the 180-day limit', () => {
  let w: World;
  let lines: string[];
  beforeEach(() => {
    w = makeWorld();
    lines = [];
  });
  afterEach(() => w.cleanup());

  async function run(...argv: string[]): Promise<void> {
    const program = new Command('handover')
      .exitOverride()
      .configureOutput({ writeOut: (s) => lines.push(s), writeErr: (s) => lines.push(s) });
    registerPurgeCommands(program, {
      openDb: () => openDatabase(w.path),
      now: () => w.clock.now(),
      out: (l: string) => lines.push(l),
      retentionDays: 90,
    });
    await program.parseAsync(argv, { from: 'user' });
  }

  it('given an accepted introduction sent 180 days ago and never closed, when purge runs, then its client details and notes are gone and the listing says it was over the limit', async () => {
    const sentAt = w.clock.now().getTime();
    const h = w.handoverService.introduce('jo', introduceInput());
    w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    w.handoverService.act(h.id, { type: 'add_note', actorId: 'jo', text: 'R.T. moved flat.' });
    w.clock.set(new Date(sentAt + 180 * DAY_MS - 60_000));
    await run('purge', '--dry-run');
    expect(lines[0]).to.match(/^0 introduction\(s\)/);
    w.clock.set(new Date(sentAt + 180 * DAY_MS));
    lines = [];
    await run('purge');
    expect(lines[0]).to.match(new RegExp(`^${h.id}\\s+accepted\\s+sent over the limit$`));
    expect(lines[1]).to.equal(
      '1 introduction(s) closed more than 90 days ago, or sent more than 180 days ago, purged.',
    );
    expect(w.handovers.find(h.id)!.client).to.equal(null);
    expect(w.handovers.notes(h.id)).to.deep.equal([]);
    expect(w.handovers.audit(h.id).slice(-1)[0].details).to.include({ open: true });
  });

  it('given an open introduction purged by the limit, when the reminder service next starts, then it closes as unknown', async () => {
    const sentAt = w.clock.now().getTime();
    const h = w.handoverService.introduce('jo', introduceInput());
    w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    w.clock.set(new Date(sentAt + 181 * DAY_MS));
    await run('purge');
    w.cleanup = ((cleanup) => () => {
      void nudges.stop();
      cleanup();
    })(w.cleanup);
    const nudges = createNudgeSystem({
      db: w.db,
      clock: w.clock,
      calendar: everyDayCalendar,
      timeZone: 'Europe/London',
      handoverService: w.handoverService,
      handovers: w.handovers,
      people: w.people,
      services: w.services,
      compose: stubCompose,
      messengers: [],
      sweepIntervalMs: 3_600_000,
      dispatchIntervalMs: 3_600_000,
    });
    nudges.start();
    nudges.sweep();
    expect(w.handovers.find(h.id)).to.deep.include({ state: 'closed', outcome: 'unknown', client: null });
  });
});
