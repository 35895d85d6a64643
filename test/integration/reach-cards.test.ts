// What the introducer reads when a named contact could not be reached.
import { expect } from 'chai';
import { createCardComposer } from '../../src/app/card-composer.ts';
import type { Card } from '../../src/cards/model.ts';
import { introduceInput } from '../support/make.ts';
import { makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';

const textOf = (card: Card | null) => JSON.stringify(card);

describe('cards about a named contact nobody could reach', () => {
  let w: NudgeWorld;
  beforeEach(() => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
  });
  afterEach(() => w.cleanup());

  it('given Sam and both backups could not be reached, then Jo reads who was tried, where, and other services to try, and the receipt says so', async () => {
    for (const id of ['sam', 'alex', 'kim']) w.web.unknownUsers.add(id);
    const h = w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    await w.nudges.dispatcher.runOnce();
    const compose = createCardComposer({
      db: w.db,
      clock: w.clock,
      handovers: w.handovers,
      people: w.people,
      services: w.services,
    });
    const outcome = compose({ kind: 'outcome', subjectId: h.id, viewerId: 'jo', params: { reason: 'not_reached' } });
    expect(outcome?.title).to.equal("We couldn't reach Sam Patel or a backup");
    expect(textOf(outcome)).to.contain(
      "We couldn't reach Sam Patel or a backup (Alex Morgan, Kim Lee) on the playground",
    );
    expect(textOf(outcome)).to.match(/Other services you could try|We found no other service/);
    const receipt = compose({ kind: 'receipt', subjectId: h.id, viewerId: 'jo' });
    expect(receipt?.summary).to.equal("Your introduction to Wellbeing Hub: couldn't reach the named contact");
    expect(textOf(receipt)).to.contain("Couldn't reach Sam Patel or a backup");
    const notice = compose({
      kind: 'notice',
      subjectId: h.id,
      viewerId: 'jo',
      params: { reason: 'recipient_unreachable', personId: 'sam' },
    });
    expect(notice?.title).to.equal("We couldn't reach Sam Patel");
    expect(textOf(notice)).to.contain('could not reach Sam Patel on any route that is switched on');
  });
});
