import { expect } from 'chai';
import { makeService, introduceInput, PEOPLE } from '../support/make.ts';
import { makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';

// Times are UTC; the comments give London time (BST = UTC+1 until 25 Oct 2026).
describe('nudge timelines with the real working-day calendar', () => {
  let w: NudgeWorld;
  afterEach(() => w.cleanup());

  describe('introduced Friday 16:55 before the August bank holiday', () => {
    beforeEach(() => {
      w = makeNudgeWorld({ start: '2026-08-28T15:55:00Z' });
    });

    it('then Sam is nudged on Wednesday 16:55, backups get it Thursday, and Jo is told', async () => {
      const h = w.handoverService.introduce('jo', introduceInput());
      await w.at('2026-08-28T15:56:00Z');
      expect(w.inbox('sam')).to.deep.equal(['introduction']);
      expect(w.inbox('jo')).to.deep.equal(['receipt']);

      await w.at('2026-08-31T09:00:00Z'); // bank holiday Monday 10:00
      await w.at('2026-09-02T15:54:00Z'); // Wednesday 16:54, one minute early
      expect(w.inbox('sam')).to.deep.equal(['introduction']);

      await w.at('2026-09-02T15:55:00Z'); // Wednesday 16:55
      expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:reply_overdue']);
      expect(w.auditOf(h.id)).to.include('nudged');

      await w.at('2026-09-03T15:54:00Z');
      expect(w.inbox('alex')).to.deep.equal([]);
      await w.at('2026-09-03T15:55:00Z'); // Thursday 16:55: one working day later
      expect(w.inbox('alex')).to.deep.equal(['escalation']);
      expect(w.inbox('kim')).to.deep.equal(['escalation']);
      expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:escalated']);
      expect(w.handovers.find(h.id)!.escalatedTo).to.deep.equal(['alex', 'kim']);
      expect(w.auditOf(h.id)).to.include('escalated');
    });

    it("when a backup accepts after escalation, everyone's card is updated and nothing more is sent", async () => {
      const h = w.handoverService.introduce('jo', introduceInput());
      await w.at('2026-09-03T16:00:00Z');
      const before = w.web.updates.length;
      w.handoverService.act(h.id, { type: 'accept', actorId: 'alex' });
      await w.nudges.dispatcher.runOnce();
      const updated = w.web.updates
        .slice(before)
        .map((u) => u.ref.conversationId)
        .sort();
      expect(updated).to.deep.equal(['dm-alex', 'dm-jo', 'dm-kim', 'dm-sam']);
      const sentBefore = w.web.sent.length;
      await w.at('2026-09-14T16:00:00Z'); // past the expiry: it no longer expires
      expect(w.handovers.find(h.id)!.state).to.equal('accepted');
      expect(w.web.sent.slice(sentBefore).map((d) => `${d.to}:${d.card.title}`)).to.deep.equal([
        'alex:nudge:contact_not_confirmed',
      ]);
    });
  });

  it('across the October clock change, the reply-by keeps its local time (Tuesday 16:30 GMT)', async () => {
    w = makeNudgeWorld({ start: '2026-10-23T15:30:00Z' }); // Friday 16:30 BST
    w.handoverService.introduce('jo', introduceInput());
    await w.at('2026-10-27T15:30:00Z'); // 15:30 GMT: 48 working hours in UTC, but not yet 16:30 local
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
    await w.at('2026-10-27T16:30:00Z');
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:reply_overdue']);
  });

  it('a contact in New York is nudged at 09:00 their time, not at 05:00', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' }); // Monday 10:00 London
    w.people.upsert({
      ...PEOPLE.sam,
      timeZone: 'America/New_York',
      identities: [{ platform: 'web', tenant: '', userId: 'sam' }],
    });
    w.handoverService.introduce('jo', introduceInput());
    await w.at('2026-09-09T09:00:00Z'); // reply-by: 10:00 London = 05:00 New York
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
    await w.at('2026-09-09T13:00:00Z'); // 09:00 New York
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:reply_overdue']);
  });

  describe('snooze', () => {
    it('given backups, nudges wait until Sam is back but the escalation still happens on time', async () => {
      w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
      const h = w.handoverService.introduce('jo', introduceInput());
      w.handoverService.act(h.id, { type: 'snooze', actorId: 'sam', until: '2026-09-14T08:00:00Z' }); // back Monday 09:00
      await w.at('2026-09-09T09:30:00Z');
      expect(w.inbox('sam')).to.deep.equal(['introduction']);
      await w.at('2026-09-10T09:00:00Z');
      expect(w.inbox('alex')).to.deep.equal(['escalation']);
      expect(w.inbox('sam')).to.deep.equal(['introduction']);
      await w.at('2026-09-14T08:00:00Z');
      expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:reply_overdue']);
    });

    it('given no backups, Jo is told one working day after Sam is back, not while Sam is away', async () => {
      w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
      w.services.upsert(makeService({ contacts: [{ personId: 'sam', role: 'primary' }] }), w.clock.now().toISOString());
      const h = w.handoverService.introduce('jo', introduceInput());
      w.handoverService.act(h.id, { type: 'snooze', actorId: 'sam', until: '2026-09-14T08:00:00Z' });
      await w.at('2026-09-10T09:00:00Z');
      expect(w.inbox('jo')).to.deep.equal(['receipt']);
      await w.at('2026-09-14T08:00:00Z');
      expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:reply_overdue']);
      await w.at('2026-09-15T08:00:00Z');
      expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:escalated']);
    });
  });

  describe('escalation', () => {
    it('given no backups but a service channel, the channel gets a card without client details and Jo is told', async () => {
      w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
      const channel = { platform: 'web', tenant: '', channelId: 'mind-lambeth-team' };
      w.services.upsert(
        makeService({ contacts: [{ personId: 'sam', role: 'primary' }], channel }),
        w.clock.now().toISOString(),
      );
      const h = w.handoverService.introduce('jo', introduceInput());
      await w.at('2026-09-10T09:00:00Z');
      const post = w.web.sent.find((d) => d.to === 'mind-lambeth-team')!;
      expect(post.card.kind).to.equal('escalation');
      expect(w.nudges.outbox.bySubject(h.id).find((r) => 'channel' in r.recipient)!.card.viewerId).to.equal(undefined);
      expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:escalated']);
    });

    it('given no backups and no channel, Jo is told and the introduction expires after ten working days', async () => {
      w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
      w.services.upsert(makeService({ contacts: [{ personId: 'sam', role: 'primary' }] }), w.clock.now().toISOString());
      const h = w.handoverService.introduce('jo', introduceInput());
      await w.at('2026-09-10T09:00:00Z');
      expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:escalated']);
      await w.at('2026-09-21T08:59:00Z');
      expect(w.handovers.find(h.id)!.state).to.equal('sent');
      await w.at('2026-09-21T09:00:00Z'); // Monday 10:00, ten working days on
      expect(w.handovers.find(h.id)!.state).to.equal('expired');
      expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:escalated', 'outcome:expired']);
      expect(w.auditOf(h.id).slice(-1)).to.deep.equal(['expired']);
      expect(w.nudges.schedule.pendingFor(h.id)).to.deep.equal([]);
    });
  });

  it('a person who chose a digest gets one message the next working morning listing both introductions', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    w.people.setDigest('sam', true);
    const a = w.handoverService.introduce('jo', introduceInput());
    w.clock.set('2026-09-07T13:00:00Z');
    const b = w.handoverService.introduce('pat', introduceInput());
    await w.at('2026-09-09T13:30:00Z'); // both reply-by times (Wed 10:00 and 14:00) have passed
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'introduction']);
    await w.at('2026-09-10T08:00:00Z'); // Thursday 09:00
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'introduction', 'digest']);
    const digest = w.web.sent.find((d) => d.card.kind === 'digest')!;
    expect(digest.card.blocks[0]).to.deep.include({ text: JSON.stringify({ handoverIds: `${a.id},${b.id}` }) });
    expect(w.auditOf(a.id)).to.include('nudged');
    expect(w.auditOf(b.id)).to.include('nudged');
  });

  it("given Sam chose a digest, when his nudge waits for Thursday's digest, then the backups are asked only a working day after it", async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' }); // Monday 10:00: reply by Wednesday 10:00
    w.people.setDigest('sam', true);
    w.handoverService.introduce('jo', introduceInput());
    await w.at('2026-09-09T09:00:00Z'); // Wednesday 10:00: the nudge is folded into Thursday's digest
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
    await w.at('2026-09-10T08:00:00Z'); // Thursday 09:00
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'digest']);
    await w.at('2026-09-10T09:00:00Z'); // Thursday 10:00: one hour after the digest, too soon
    await w.at('2026-09-11T07:59:00Z');
    expect(w.inbox('alex')).to.deep.equal([]);
    await w.at('2026-09-11T08:00:00Z'); // Friday 09:00: one working day after the digest
    expect(w.inbox('alex')).to.deep.equal(['escalation']);
  });

  it('given Sam works 11:00 to 19:00, when his reply-by passes at 10:00, then he is nudged when his day starts at 11:00', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' }); // Monday 10:00: reply by Wednesday 10:00
    w.people.changeSettings('sam', { workingHours: { start: 11, end: 19 } });
    w.handoverService.introduce('jo', introduceInput());
    await w.at('2026-09-09T09:59:00Z'); // Wednesday 10:59
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
    await w.at('2026-09-09T10:00:00Z'); // Wednesday 11:00
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:reply_overdue']);
  });

  it('given Sam changes his hours to 11:00-19:00 after being introduced, when his reply-by passes at 10:00, then the nudge waits for 11:00', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' }); // Monday 10:00: reply by Wednesday 10:00
    w.handoverService.introduce('jo', introduceInput());
    w.people.changeSettings('sam', { workingHours: { start: 11, end: 19 } }); // e.g. "settings hours 11:00-19:00" in chat
    await w.at('2026-09-09T09:00:00Z'); // Wednesday 10:00
    await w.at('2026-09-09T09:59:00Z');
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
    await w.at('2026-09-09T10:00:00Z'); // Wednesday 11:00
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:reply_overdue']);
  });

  it('accepted but contact never made: Sam is nudged at the follow-up date and Jo is asked two working days later', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    const h = w.handoverService.introduce('jo', introduceInput());
    w.clock.set('2026-09-07T10:00:00Z');
    w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' }); // follow-up: Monday 14 Sep 11:00
    await w.at('2026-09-14T09:59:00Z');
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
    await w.at('2026-09-14T10:00:00Z');
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:contact_not_confirmed']);
    await w.at('2026-09-16T09:59:00Z');
    expect(w.inbox('jo')).to.deep.equal(['receipt']);
    await w.at('2026-09-16T10:00:00Z');
    expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:outcome_question']);
  });

  it('once contact is made with a follow-up owed, only its own close is scheduled and no reminder is sent', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    const h = w.handoverService.introduce('jo', introduceInput());
    w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    w.handoverService.act(h.id, { type: 'confirm_contact', actorId: 'sam', followUpOwed: true });
    expect(w.nudges.schedule.pendingFor(h.id).map((r) => r.kind)).to.deep.equal(['auto_close']);
    await w.at('2026-10-30T10:00:00Z');
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
  });

  it('a decline tells Jo with an outcome card, and sweeping twice never sends anything twice', async () => {
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z' });
    const h = w.handoverService.introduce('jo', introduceInput());
    w.handoverService.act(h.id, { type: 'decline', actorId: 'sam', reason: 'no_capacity' });
    await w.at('2026-09-07T09:01:00Z');
    await w.at('2026-09-07T09:02:00Z');
    expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:declined']);
    expect(w.nudges.schedule.pendingFor(h.id)).to.deep.equal([]);
  });
});
