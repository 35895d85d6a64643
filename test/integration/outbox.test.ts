import { expect } from 'chai';
import { OutboxStore } from '../../src/storage/outbox-store.ts';
import { makeWorld, type World } from '../support/make.ts';
import { introduceInput } from '../support/make.ts';
import { makeNudgeWorld } from '../support/nudge-world.ts';

describe('the outbox', () => {
  let w: World;
  afterEach(() => w.cleanup());

  it('given the same idempotency key twice, the message is queued once', () => {
    w = makeWorld();
    const outbox = new OutboxStore(w.db);
    const req = {
      idempotencyKey: 'H-1/nudge/x/sam',
      recipient: { personId: 'sam' },
      card: { kind: 'nudge' as const, subjectId: 'H-1' },
      mode: 'new' as const,
    };
    expect(outbox.enqueue(req, w.clock.now())).to.equal(true);
    expect(outbox.enqueue(req, w.clock.now())).to.equal(false);
    expect(outbox.counts().pending).to.equal(1);
  });

  it("given an introduction, the contact's card and the introducer's receipt are queued in the same transaction", () => {
    const nw = makeNudgeWorld();
    w = nw;
    const h = nw.handoverService.introduce('jo', introduceInput());
    const rows = nw.nudges.outbox.bySubject(h.id);
    expect(rows.map((r) => [r.card.kind, 'personId' in r.recipient ? r.recipient.personId : '', r.mode])).to.deep.equal(
      [
        ['introduction', 'sam', 'live'],
        ['receipt', 'jo', 'live'],
      ],
    );
    expect(JSON.stringify(rows)).not.to.contain('R.T.');
  });

  it('given an introduction that fails validation, nothing is queued', () => {
    const nw = makeNudgeWorld();
    w = nw;
    expect(() => nw.handoverService.introduce('jo', introduceInput({ consent: false }))).to.throw();
    expect(nw.nudges.outbox.counts().pending).to.equal(0);
  });

  it('given a pass to a colleague, the new contact gets their own introduction card and the old one is updated', async () => {
    const nw = makeNudgeWorld();
    w = nw;
    const h = nw.handoverService.introduce('jo', introduceInput());
    await nw.nudges.dispatcher.runOnce();
    nw.handoverService.act(h.id, { type: 'pass', actorId: 'sam', toPersonId: 'alex' });
    await nw.nudges.dispatcher.runOnce();
    expect(nw.inbox('alex')).to.deep.equal(['introduction']);
    expect(nw.web.updates.map((u) => u.ref.conversationId).sort()).to.deep.equal(['dm-jo', 'dm-sam']);
  });
});
