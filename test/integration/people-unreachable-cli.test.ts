// `handover people unreachable`: the coordinator's list of named contacts nobody could reach.
import { expect } from 'chai';
import { Command } from 'commander';
import { registerPeopleCommands } from '../../src/cli/people-command.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { FakeMessenger } from '../support/fake-messenger.ts';
import { introduceInput } from '../support/make.ts';
import { makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';

describe('the people unreachable command', () => {
  let w: NudgeWorld;
  let lines: string[];
  beforeEach(() => {
    w = makeNudgeWorld({ start: '2026-12-21T10:00:00Z' });
    lines = [];
  });
  afterEach(() => w.cleanup());

  async function run(...argv: string[]): Promise<string> {
    lines = [];
    const program = new Command('handover').exitOverride();
    registerPeopleCommands(program, {
      openDb: () => openDatabase(w.path),
      now: () => w.clock.now(),
      out: (l) => lines.push(l),
    });
    await program.parseAsync(argv, { from: 'user' });
    return lines.join('\n');
  }

  it('given nobody at the service could be reached, then the coordinator sees the named contact and the backups, and not the introducer', async () => {
    for (const id of ['sam', 'alex', 'kim']) w.web.unknownUsers.add(id);
    const h = w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    await w.nudges.dispatcher.runOnce();
    expect(w.handovers.find(h.id)?.state).to.equal('not_reached');
    const out = await run('people', 'unreachable');
    expect(out).to.contain('Sam Patel <sam@example.org>').and.contain('Alex Morgan').and.contain('Kim Lee');
    expect(out).to.contain('every platform refused');
    expect(out).not.to.contain('Jo Rivers');
  });

  it('given Sam could not be reached once but a later introduction reached him, then he is no longer listed', async () => {
    w.web.unknownUsers.add('sam');
    w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    expect(await run('people', 'unreachable')).to.contain('Sam Patel');
    w.clock.advance(60_000);
    w.web.unknownUsers.delete('sam');
    w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    expect(await run('people', 'unreachable')).to.equal('No named contact is unreachable right now.');
  });

  it('given Sam was unreachable, when the coordinator links his Slack account with people link, then the waiting introduction reaches him there once', async () => {
    const slack = new FakeMessenger('slack');
    w.nudges.router.register(slack);
    w.web.unknownUsers.add('sam');
    const h = w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    expect(slack.sent).to.have.length(0);
    await run(
      'people',
      'link',
      '--email',
      'sam@example.org',
      '--platform',
      'slack',
      '--tenant',
      'T1',
      '--user',
      'U0SAM',
    );
    await w.nudges.dispatcher.runOnce();
    await w.nudges.dispatcher.runOnce();
    expect(slack.sent.map((d) => `${d.to}:${d.card.kind}:${d.card.subjectId}`)).to.deep.equal([
      `U0SAM:introduction:${h.id}`,
    ]);
  });
});
