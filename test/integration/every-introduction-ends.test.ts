// Every introduction ends, on a fixed clock with the real working-day calendar across the August bank holiday
// (Monday 31 Aug 2026). Times are UTC; comments give London time (BST = UTC+1).
import { expect } from 'chai';
import { DAY_MS, introduceInput, makeService } from '../support/make.ts';
import { makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';

const RETENTION_DAYS = 90;

describe('every introduction ends, with a known outcome or an honest "unknown"', () => {
  let w: NudgeWorld;
  afterEach(() => w.cleanup());

  /** Introduced Monday 17 Aug 10:00, accepted by Sam at 11:00: follow-up Monday 24 Aug 11:00. */
  async function acceptedOnMonday17(): Promise<string> {
    w = makeNudgeWorld({ start: '2026-08-17T09:00:00Z', extra: { retentionDays: RETENTION_DAYS } });
    const h = w.handoverService.introduce('jo', introduceInput());
    await w.at('2026-08-17T10:00:00Z');
    w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    return h.id;
  }

  const stateOf = (id: string) => w.handovers.find(id)!;

  async function expectPurgedAfterRetention(id: string): Promise<void> {
    const closedAt = Date.parse(stateOf(id).closedAt!);
    await w.at(new Date(closedAt + RETENTION_DAYS * DAY_MS - 60_000).toISOString());
    expect(stateOf(id).client, 'a minute before the retention limit').to.not.equal(null);
    await w.at(new Date(closedAt + RETENTION_DAYS * DAY_MS).toISOString());
    expect(stateOf(id).client).to.equal(null);
    expect(w.handovers.notes(id)).to.deep.equal([]);
    expect(w.auditOf(id).slice(-1)).to.deep.equal(['purged']);
  }

  it('given Sam accepts and nobody confirms contact, then Sam is nudged on 24 Aug, Jo is asked on 26 Aug, and it closes as unknown on Tue 8 Sep (after the bank holiday), telling both', async () => {
    const id = await acceptedOnMonday17();
    await w.at('2026-08-24T09:59:00Z');
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
    await w.at('2026-08-24T10:00:00Z'); // Monday 11:00: the follow-up date
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:contact_not_confirmed']);

    await w.at('2026-08-26T09:59:00Z');
    expect(w.inbox('jo')).to.deep.equal(['receipt']);
    const updatesBefore = w.web.updates.filter((u) => u.ref.conversationId === 'dm-jo').length;
    await w.at('2026-08-26T10:00:00Z'); // Wednesday 11:00: two working days later, Jo is asked
    expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:outcome_question']);
    expect(
      w.web.updates.filter((u) => u.ref.conversationId === 'dm-jo').length,
      'the receipt is updated to carry the question',
    ).to.be.greaterThan(updatesBefore);
    expect(stateOf(id).outcomeAsks).to.equal(1);

    // Ten working days after the follow-up date, skipping the bank holiday on Monday 31 Aug.
    await w.at('2026-09-08T09:59:00Z');
    expect(stateOf(id).state).to.equal('accepted');
    await w.at('2026-09-08T10:00:00Z'); // Tuesday 8 Sep 11:00
    const closed = stateOf(id);
    expect(closed).to.deep.include({ state: 'closed', outcome: 'unknown', closedAt: '2026-09-08T10:00:00.000Z' });
    expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:outcome_question', 'outcome:closed_unknown']);
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:contact_not_confirmed', 'outcome:closed_unknown']);
    const close = w.handovers.audit(id).find((a) => a.event === 'closed')!;
    expect(close).to.deep.include({ actorId: 'system', fromState: 'accepted', toState: 'closed' });
    expect(close.details).to.deep.equal({ outcome: 'unknown', automatic: true });
    expect(w.nudges.schedule.pendingFor(id)).to.deep.equal([]);

    await expectPurgedAfterRetention(id);
  });

  it('given contact is made with a follow-up still owed and nobody closes it, then it closes itself with outcome contact made five working days later (Fri 4 Sep, after the bank holiday)', async () => {
    const id = await acceptedOnMonday17();
    w.clock.set('2026-08-27T14:00:00Z'); // Thursday 15:00
    w.handoverService.act(id, { type: 'confirm_contact', actorId: 'sam', followUpOwed: true });
    await w.at('2026-09-04T13:59:00Z');
    expect(stateOf(id).state).to.equal('contact_made');
    await w.at('2026-09-04T14:00:00Z'); // 28 Aug, (31 Aug bank holiday), 1, 2, 3, 4 Sep
    expect(stateOf(id)).to.deep.include({
      state: 'closed',
      outcome: 'contact_made',
      closedAt: '2026-09-04T14:00:00.000Z',
    });
    expect(w.inbox('jo'), 'a known outcome needs no extra message').to.deep.equal(['receipt']);
    expect(w.inbox('sam')).to.deep.equal(['introduction']);
    await expectPurgedAfterRetention(id);
  });

  it('given contact is made with a follow-up owed and Sam adds a note, then the close waits five working days from the note', async () => {
    const id = await acceptedOnMonday17();
    w.clock.set('2026-08-27T14:00:00Z');
    w.handoverService.act(id, { type: 'confirm_contact', actorId: 'sam', followUpOwed: true });
    w.clock.set('2026-09-03T10:00:00Z'); // Thursday 3 Sep 11:00
    w.handoverService.act(id, { type: 'add_note', actorId: 'sam', text: 'Second session booked for next week.' });
    await w.at('2026-09-04T14:00:00Z');
    expect(stateOf(id).state).to.equal('contact_made');
    await w.at('2026-09-10T10:00:00Z'); // Thursday 10 Sep 11:00
    expect(stateOf(id)).to.deep.include({ state: 'closed', outcome: 'contact_made' });
  });

  it('given Jo answers "Not yet" twice, then Jo is asked once more after five working days and it closes as unknown seven working days after the last "Not yet"', async () => {
    const id = await acceptedOnMonday17();
    await w.at('2026-08-26T10:00:00Z'); // first question
    w.clock.set('2026-08-27T08:30:00Z'); // Thursday 09:30
    w.handoverService.act(id, { type: 'not_yet', actorId: 'jo' });
    await w.at('2026-09-04T08:29:00Z');
    expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:outcome_question']);
    await w.at('2026-09-04T08:30:00Z'); // 28 Aug, (31 Aug bank holiday), 1, 2, 3, 4 Sep: asked again
    expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:outcome_question', 'outcome:outcome_question']);

    w.clock.set('2026-09-04T09:00:00Z');
    w.handoverService.act(id, { type: 'not_yet', actorId: 'jo' });
    // Without the second "Not yet" it would have closed on Tue 8 Sep; now 5 + 2 working days after it.
    await w.at('2026-09-15T08:59:00Z');
    expect(stateOf(id).state).to.equal('accepted');
    expect(w.inbox('jo'), 'no third question').to.have.length(3);
    await w.at('2026-09-15T09:00:00Z'); // Tuesday 15 Sep 10:00
    expect(stateOf(id)).to.deep.include({
      state: 'closed',
      outcome: 'unknown',
      closedAt: '2026-09-15T09:00:00.000Z',
      notYetCount: 2,
      outcomeAsks: 2,
    });
    expect(w.inbox('jo').slice(-1)).to.deep.equal(['outcome:closed_unknown']);
    expect(w.auditOf(id).filter((e) => e === 'outcome_asked' || e === 'outcome_not_yet')).to.deep.equal([
      'outcome_asked',
      'outcome_not_yet',
      'outcome_asked',
      'outcome_not_yet',
    ]);
    await expectPurgedAfterRetention(id);
  });

  it('given Sam could not reach the client and nobody closes it, then it closes with outcome "could not be reached" five working days later', async () => {
    const id = await acceptedOnMonday17();
    w.clock.set('2026-08-27T14:00:00Z');
    w.handoverService.act(id, { type: 'report_unreachable', actorId: 'sam' });
    await w.at('2026-09-04T13:59:00Z');
    expect(stateOf(id).state).to.equal('unreachable');
    await w.at('2026-09-04T14:00:00Z');
    expect(stateOf(id)).to.deep.include({ state: 'closed', outcome: 'unreachable' });
    await expectPurgedAfterRetention(id);
  });

  it('given a service that waits 6 working days instead of 10, then an unconfirmed introduction closes as unknown 6 working days after its follow-up date', async () => {
    w = makeNudgeWorld({ start: '2026-08-17T09:00:00Z' });
    w.services.upsert(makeService({ outcomeWaitDays: 6 }), w.clock.now().toISOString());
    const h = w.handoverService.introduce('jo', introduceInput());
    w.clock.set('2026-08-17T10:00:00Z');
    w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    await w.at('2026-09-02T09:59:00Z');
    expect(stateOf(h.id).state).to.equal('accepted');
    await w.at('2026-09-02T10:00:00Z'); // follow-up Mon 24 Aug + 6 working days (31 Aug skipped) = Wed 2 Sep
    expect(stateOf(h.id)).to.deep.include({ state: 'closed', outcome: 'unknown' });
  });

  it('given Jo answers "Yes", then it closes at once with outcome contact made and nothing more is sent', async () => {
    const id = await acceptedOnMonday17();
    await w.at('2026-08-26T10:00:00Z');
    w.clock.set('2026-08-26T11:00:00Z');
    w.handoverService.act(id, { type: 'report_outcome', actorId: 'jo', outcome: 'contact_made' });
    expect(stateOf(id)).to.deep.include({ state: 'closed', outcome: 'contact_made' });
    expect(w.handovers.audit(id).find((a) => a.event === 'closed')!.details).to.deep.equal({
      outcome: 'contact_made',
      reportedBy: 'introducer',
    });
    await w.at('2026-10-01T10:00:00Z');
    expect(w.inbox('jo')).to.deep.equal(['receipt', 'outcome:outcome_question']);
    expect(w.inbox('sam')).to.deep.equal(['introduction', 'nudge:contact_not_confirmed']);
  });

  it('given an open introduction sent 180 days ago, then the sweep closes it and its client details are gone, whatever RETENTION_DAYS says', async () => {
    w = makeNudgeWorld({ start: '2026-08-17T09:00:00Z', extra: { retentionDays: 365 } });
    const h = w.handoverService.introduce('jo', introduceInput());
    w.handoverService.act(h.id, { type: 'accept', actorId: 'sam' });
    w.clock.set('2026-09-01T09:00:00Z');
    w.handoverService.act(h.id, { type: 'confirm_contact', actorId: 'sam', followUpOwed: true });
    // Notes keep pushing the close of a "contact made" introduction; the limit does not move.
    for (let day = 2; day < 180; day += 4) {
      w.clock.set(new Date(Date.parse('2026-08-17T09:00:00Z') + day * DAY_MS));
      if (stateOf(h.id).state !== 'contact_made') break;
      w.handoverService.act(h.id, { type: 'add_note', actorId: 'sam', text: `Still meeting, week ${day}.` });
    }
    await w.at(new Date(Date.parse('2026-08-17T09:00:00Z') + 180 * DAY_MS - 60_000).toISOString());
    expect(stateOf(h.id).state).to.equal('contact_made');
    await w.at(new Date(Date.parse('2026-08-17T09:00:00Z') + 180 * DAY_MS).toISOString());
    expect(stateOf(h.id)).to.deep.include({ state: 'closed', outcome: 'contact_made', client: null });
    expect(w.handovers.notes(h.id)).to.deep.equal([]);
  });

  it('given an introduction accepted under an earlier version, with nothing planned to end it, when the reminder service starts, then its end is planned and it closes as unknown on time', async () => {
    const id = await acceptedOnMonday17();
    w.db
      .prepare(
        `UPDATE schedule SET status = 'cancelled' WHERE subject_id = ? AND kind IN ('ask_outcome', 'auto_close')`,
      )
      .run(id);
    expect(w.nudges.schedule.pendingFor(id).map((r) => r.kind)).to.deep.equal(['follow_up_nudge']);
    w.nudges.start();
    await w.nudges.stop();
    expect(w.nudges.schedule.pendingFor(id).map((r) => r.kind)).to.deep.equal([
      'follow_up_nudge',
      'ask_outcome',
      'auto_close',
    ]);
    await w.at('2026-09-08T10:00:00Z');
    expect(stateOf(id)).to.deep.include({ state: 'closed', outcome: 'unknown' });
  });

  it('given Sam can no longer be reached on any platform, when it closes as unknown, then it still closes on time, Jo is told, and nothing is left waiting to be sent', async () => {
    const id = await acceptedOnMonday17();
    w.web.unknownUsers.add('sam');
    await w.at('2026-09-08T10:00:00Z');
    expect(stateOf(id)).to.deep.include({ state: 'closed', outcome: 'unknown' });
    expect(w.inbox('jo')).to.include('outcome:closed_unknown');
    expect(w.inbox('sam')).not.to.include('outcome:closed_unknown');
    expect(w.nudges.outbox.counts()).to.include({ pending: 0, sending: 0 });
  });
});
