// One answer per press through the shared handler: a repeat of a key gets the first answer and changes nothing;
// re-introduce is offered after a decline, an expiry, "couldn't reach" and a contact who never answered.
import { expect } from 'chai';
import { handleAction, type ActionDeps, type ActionResult } from '../../src/app/actions/handle-action.ts';
import type { Card } from '../../src/cards/model.ts';
import { actionDepsOf, makeCardWorld, type CardWorld } from '../support/card-world.ts';
import { DAY_MS, introduceInput } from '../support/make.ts';
import { ActionKeyStore } from '../../src/storage/action-key-store.ts';

describe('one answer per press (shared handler)', () => {
  let w: CardWorld;
  let deps: ActionDeps;
  const act = (
    actorId: string,
    actionId: string,
    subjectId: string,
    extra: { version?: number; inputs?: Record<string, unknown>; key?: string } = {},
  ): ActionResult => handleAction(deps, { actorId, actionId, subjectId, ...extra });
  const rows = (table: string) => (w.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  beforeEach(() => {
    w = makeCardWorld();
    deps = actionDepsOf(w);
  });
  afterEach(() => w.cleanup());

  it('given an introduce form sent, when the same form (same key) is sent again, then the answer is the first receipt and there is one introduction', () => {
    const inputs = { ...introduceInput(), consent: 'true', key: 'form-1' };
    const first = act('jo', 'introduce_submit', 'svc-mind-lambeth', { inputs }) as { kind: 'card'; card: Card };
    w.clock.advance(1000);
    const again = act('jo', 'introduce_submit', 'svc-mind-lambeth', { inputs }) as { kind: 'card'; card: Card };
    expect(again.kind).to.equal('card');
    expect(again.card.subjectId).to.equal(first.card.subjectId);
    expect(rows('handovers')).to.equal(1);
    w.people.upsert({
      id: 'pat',
      name: 'Pat Quinn',
      email: 'pat@example.org',
      organisation: 'Southwark Council',
      role: 'Housing officer',
    });
    act('pat', 'introduce_submit', 'svc-mind-lambeth', { inputs });
    expect(rows('handovers'), "keys are per person: the same key from Pat is Pat's own introduction").to.equal(2);
  });

  it('given a note added from a card, when the same press arrives again (a retry of the same version), then there is one note', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    act('jo', 'add_note_submit', h.id, { version: 1, inputs: { text: 'New phone number: ask me.' } });
    const again = act('jo', 'add_note_submit', h.id, { version: 1, inputs: { text: 'New phone number: ask me.' } });
    expect(again.kind).to.equal('card');
    expect(w.handovers.notes(h.id)).to.have.length(1);
    expect(
      act('sam', 'accept', h.id, { version: 1 }).kind,
      'only a note changed, so the old card still means the same',
    ).to.equal('card');
    expect(w.handovers.find(h.id)!.state).to.equal('accepted');
  });

  it('given keys of presses from eight days and one hour ago, when old keys are forgotten, then only the recent one is kept', () => {
    const keys = new ActionKeyStore(w.db);
    const h = w.handoverService.introduce('jo', introduceInput());
    keys.claim({
      key: 'old',
      actorId: 'jo',
      actionId: 'add_note_submit',
      handoverId: h.id,
      at: new Date(w.clock.now().getTime() - 8 * DAY_MS).toISOString(),
    });
    keys.claim({
      key: 'recent',
      actorId: 'jo',
      actionId: 'add_note_submit',
      handoverId: h.id,
      at: new Date(w.clock.now().getTime() - 3_600_000).toISOString(),
    });
    expect(keys.forgetOld(w.clock.now())).to.equal(1);
    expect([keys.find('old'), keys.find('recent')?.key]).to.deep.equal([undefined, 'recent']);
  });

  const offered = (id: string, reason: string) => {
    const card = w.cards.compose({ kind: 'outcome', subjectId: id, viewerId: 'jo', params: { reason } })!;
    return card.blocks
      .flatMap((b) => (b.type === 'actions' ? b.actions : []))
      .filter((a) => a.id === 'reintroduce')
      .map((a) => a.label);
  };

  it('given an expiry, a client nobody could reach, or a contact who never answered, then the introducer is offered "Introduce to" other services', () => {
    const expired = w.handoverService.introduce('jo', introduceInput()).id;
    w.handoverService.act(expired, { type: 'expire', actorId: 'system' });
    const unreachable = w.handoverService.introduce('jo', introduceInput()).id;
    w.handoverService.act(unreachable, { type: 'accept', actorId: 'sam' });
    w.handoverService.act(unreachable, { type: 'report_unreachable', actorId: 'sam' });
    const silent = w.handoverService.introduce('jo', introduceInput()).id;
    w.handoverService.act(silent, { type: 'escalate', actorId: 'system', backupIds: ['alex'] });
    for (const [id, reason] of [
      [expired, 'expired'],
      [unreachable, 'unreachable'],
      [silent, 'escalated'],
    ]) {
      expect(offered(id, reason), reason).to.include.members([
        'Introduce to Peer Support Circle',
        'Introduce to Talking Therapies',
      ]);
    }
    const form = act('jo', 'reintroduce', `${unreachable}~svc-talk`);
    expect(form.kind).to.equal('form');
  });

  it('given an introduction still going ahead, when someone presses re-introduce on it, then it is refused; only the introducer may', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    expect(act('jo', 'reintroduce', `${h.id}~svc-talk`)).to.deep.include({ kind: 'error' });
    w.handoverService.act(h.id, { type: 'decline', actorId: 'sam', reason: 'no_capacity' });
    expect((act('sam', 'reintroduce', `${h.id}~svc-talk`) as { message: string }).message).to.contain('Only Jo Rivers');
    expect(rows('handovers')).to.equal(1);
  });
});
