// The outcome question on the introducer's receipt: "Did R.T. get in touch with Mind in Lambeth?" Yes / Couldn't
// reach / Not yet, answered through the one action handler every platform uses, with real cards.
import { expect } from 'chai';
import { handleAction, type ActionDeps, type ActionResult } from '../../src/app/actions/handle-action.ts';
import type { Card } from '../../src/cards/model.ts';
import { actionDepsOf, makeCardWorld, type CardWorld } from '../support/card-world.ts';
import { introduceInput } from '../support/make.ts';

function text(card: Card): string {
  return [
    card.title,
    ...card.blocks.flatMap((b) =>
      b.type === 'text'
        ? [b.text]
        : b.type === 'facts'
          ? b.facts.map((f) => f.value)
          : b.type === 'timeline'
            ? b.steps.map((s) => s.label)
            : [],
    ),
  ].join('\n');
}

const QUESTION = 'Did R.T. get in touch with Mind in Lambeth?';

describe('the outcome question on the receipt', () => {
  let w: CardWorld;
  let deps: ActionDeps;
  let id: string;
  const press = (actorId: string, actionId: string): ActionResult =>
    handleAction(deps, { actorId, actionId, subjectId: id, version: w.handovers.find(id)!.version });
  const receipt = () => w.cards.compose({ kind: 'receipt', subjectId: id, viewerId: 'jo' })!;
  const cardOf = (r: ActionResult) => {
    expect(r.kind, JSON.stringify(r)).to.equal('card');
    return (r as { card: Card }).card;
  };

  beforeEach(() => {
    w = makeCardWorld();
    deps = actionDepsOf(w);
    id = w.handoverService.introduce('jo', introduceInput()).id;
    w.handoverService.act(id, { type: 'accept', actorId: 'sam' });
  });
  afterEach(() => w.cleanup());

  it("given Sam accepted, when nobody has asked yet, then Jo's receipt carries no question", () => {
    expect(text(receipt())).not.to.contain(QUESTION);
    expect(receipt().actions.map((a) => a.id)).to.deep.equal(['withdraw', 'add_note']);
    expect(press('jo', 'outcome_not_yet')).to.deep.include({ kind: 'error' });
  });

  it("given Jo was asked, then the receipt and the message ask the question with Yes / Couldn't reach / Not yet, each carrying only its action, the id and the version", () => {
    w.handoverService.act(id, { type: 'ask_outcome', actorId: 'system' });
    const card = receipt();
    expect(text(card)).to.contain(QUESTION);
    expect(card.actions.map((a) => [a.id, a.label])).to.deep.equal([
      ['outcome_yes', 'Yes'],
      ['outcome_unreachable', "Couldn't reach"],
      ['outcome_not_yet', 'Not yet'],
      ['withdraw', 'Withdraw'],
      ['add_note', 'Add note'],
    ]);
    // Withdraw also says how to ask "are you sure?" (a dialog's words, not state).
    for (const a of card.actions) {
      const allowed = ['id', 'label', 'style', 'subjectId', 'version', ...(a.id === 'withdraw' ? ['confirm'] : [])];
      expect(
        Object.keys(a).filter((k) => !allowed.includes(k)),
        a.id,
      ).to.deep.equal([]);
    }
    const message = w.cards.compose({
      kind: 'outcome',
      subjectId: id,
      viewerId: 'jo',
      params: { reason: 'outcome_question' },
    })!;
    expect(message.title).to.equal(QUESTION);
    expect(message.actions.slice(0, 3).map((a) => a.id)).to.deep.equal([
      'outcome_yes',
      'outcome_unreachable',
      'outcome_not_yet',
    ]);
    expect(
      text(w.cards.compose({ kind: 'receipt', subjectId: id, viewerId: 'pat' })!),
      'someone else sees no client and no question',
    ).not.to.contain('R.T.');
  });

  it('when Jo presses "Yes", then it closes with outcome contact made, and a second press changes nothing', () => {
    w.handoverService.act(id, { type: 'ask_outcome', actorId: 'system' });
    const card = cardOf(press('jo', 'outcome_yes'));
    expect(w.handovers.find(id)).to.deep.include({ state: 'closed', outcome: 'contact_made' });
    expect(text(card)).to.contain('Jo Rivers said: Contact made');
    expect(card.actions.map((a) => a.id)).to.deep.equal([]);
    const version = w.handovers.find(id)!.version;
    expect(press('jo', 'outcome_yes').kind).to.equal('card');
    expect(w.handovers.find(id)!.version).to.equal(version);
  });

  it('when Jo presses "Couldn\'t reach", then it closes with outcome "client could not be reached", never "unknown"', () => {
    w.handoverService.act(id, { type: 'ask_outcome', actorId: 'system' });
    cardOf(press('jo', 'outcome_unreachable'));
    expect(w.handovers.find(id)).to.deep.include({ state: 'closed', outcome: 'unreachable' });
    expect(text(receipt())).to.contain('Client could not be reached');
  });

  it('when Jo presses "Not yet" (twice, as a retry), then the question goes away until asked again and is counted once', () => {
    w.handoverService.act(id, { type: 'ask_outcome', actorId: 'system' });
    const card = cardOf(press('jo', 'outcome_not_yet'));
    expect(card.actions.map((a) => a.id)).to.deep.equal(['withdraw', 'add_note']);
    expect(text(card)).to.contain('Jo Rivers answered "Not yet"');
    press('jo', 'outcome_not_yet');
    expect(w.handovers.find(id)!.notYetCount).to.equal(1);
    w.handoverService.act(id, { type: 'ask_outcome', actorId: 'system' });
    expect(text(receipt())).to.contain('We will not ask again');
  });

  it("when Sam or anyone else presses Jo's buttons, then they are told only Jo can answer", () => {
    w.handoverService.act(id, { type: 'ask_outcome', actorId: 'system' });
    expect(press('sam', 'outcome_yes')).to.deep.include({
      kind: 'error',
      message: 'Only Jo Rivers, who made this introduction, can do that.',
    });
    expect(press('pat', 'outcome_not_yet')).to.deep.include({ kind: 'error' });
    expect(w.handovers.find(id)!.state).to.equal('accepted');
  });

  it('given it closed as unknown, then Jo and Sam each get a message saying so, and the receipt says "outcome unknown", not expired or unreachable', () => {
    w.handoverService.act(id, { type: 'auto_close', actorId: 'system' });
    const forJo = w.cards.compose({
      kind: 'outcome',
      subjectId: id,
      viewerId: 'jo',
      params: { reason: 'closed_unknown' },
    })!;
    const forSam = w.cards.compose({
      kind: 'outcome',
      subjectId: id,
      viewerId: 'sam',
      params: { reason: 'closed_unknown' },
    })!;
    expect(forJo.title).to.equal('Closed: outcome unknown for R.T.');
    expect(forSam.title).to.equal('Closed: outcome unknown for the introduction from Jo Rivers');
    expect(text(receipt())).to.contain('outcome unknown').and.to.contain('Closed automatically: Outcome unknown');
    expect(text(receipt())).not.to.match(/expired|could not be reached/i);
  });
});
