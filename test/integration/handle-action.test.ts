import { expect } from 'chai';
import { handleAction, type ActionDeps, type ActionResult } from '../../src/app/actions/handle-action.ts';
import type { Card } from '../../src/cards/model.ts';
import { actionDepsOf, makeCardWorld, type CardWorld } from '../support/card-world.ts';
import { introduceInput } from '../support/make.ts';

function text(card: Card): string {
  return [
    card.title,
    ...card.blocks.flatMap((b) =>
      b.type === 'text' ? [b.text] : b.type === 'facts' ? b.facts.map((f) => f.value) : [],
    ),
  ].join('\n');
}

describe('the shared action handler', () => {
  let w: CardWorld;
  let deps: ActionDeps;
  const act = (
    actorId: string,
    actionId: string,
    subjectId: string,
    inputs: Record<string, unknown> = {},
  ): ActionResult =>
    handleAction(deps, { actorId, actionId, subjectId, version: w.handovers.find(subjectId)?.version ?? 1, inputs });

  beforeEach(() => {
    w = makeCardWorld();
    deps = actionDepsOf(w);
  });
  afterEach(() => w.cleanup());

  it('Accept by the named contact returns the accepted card with the client contact details', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    const r = act('sam', 'accept', h.id);
    expect(r.kind).to.equal('card');
    expect(text((r as { card: Card }).card)).to.contain('07700 900123');
    expect(w.handovers.find(h.id)!.state).to.equal('accepted');
  });

  it('someone who is not the named contact is told whose introduction it is', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    const r = act('pat', 'accept', h.id);
    expect(r).to.deep.include({ kind: 'error', message: 'This introduction is for Sam Patel at Wellbeing Hub.' });
    expect(act('pat', 'decline', h.id)).to.deep.include({
      kind: 'error',
      message: 'This introduction is for Sam Patel at Wellbeing Hub.',
    });
  });

  it('Decline opens the form; submitting without a reason gives the form back with the message beside the reason', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    expect(act('sam', 'decline', h.id).kind).to.equal('form');
    const r = act('sam', 'decline_submit', h.id, { note: 'typed note' });
    expect(r.kind).to.equal('error');
    if (r.kind !== 'error') return;
    expect(r.fields.reason).to.equal('Choose a reason for declining.');
    const reason = r.form!.blocks.find((b) => b.type === 'input' && b.input.id === 'reason');
    expect(reason && reason.type === 'input' && reason.input.error).to.equal('Choose a reason for declining.');
    const note = r.form!.blocks.find((b) => b.type === 'input' && b.input.id === 'note');
    expect(note && note.type === 'input' && note.input.value).to.equal('typed note');
    expect(w.handovers.find(h.id)!.state).to.equal('sent');
  });

  it('Decline with "no capacity" closes the introduction with that reason', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    const r = act('sam', 'decline_submit', h.id, { reason: 'no_capacity' });
    expect(r.kind).to.equal('card');
    expect(w.handovers.find(h.id)!).to.deep.include({ state: 'declined', declineReason: 'no_capacity' });
  });

  it('introduce without consent is refused, with the form kept, and nothing is stored', () => {
    const inputs = { ...introduceInput(), consent: 'false' };
    const r = act('jo', 'introduce_submit', 'svc-mind-lambeth', inputs);
    expect(r.kind).to.equal('error');
    if (r.kind !== 'error') return;
    expect(r.message).to.contain('confirm that the client agreed');
    expect(r.fields.consent).to.be.a('string');
    expect(r.form?.kind).to.equal('introduce_form');
    expect((w.db.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n).to.equal(0);
  });

  it('introduce with consent (as a form sends it: strings) creates the introduction and returns the receipt', () => {
    const r = act('jo', 'introduce_submit', 'svc-mind-lambeth', {
      ...introduceInput(),
      consent: 'true',
      interpreter: 'true',
    });
    expect(r.kind).to.equal('card');
    if (r.kind !== 'card') return;
    expect(r.card.kind).to.equal('receipt');
    expect(w.handovers.find(r.card.subjectId!)!.client!.accessNeeds.interpreter).to.equal(true);
  });

  it('snooze takes a date and waits until the morning of that day in the contact’s time zone', () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    expect(act('sam', 'snooze', h.id).kind).to.equal('form');
    expect(act('sam', 'snooze_submit', h.id, { until: '2026-11-30' }).kind).to.equal('card');
    expect(w.handovers.find(h.id)!.snoozedUntil).to.equal('2026-11-30T09:00:00.000Z');
  });

  it('search, start and the whole contact path work through the same handler', () => {
    const search = act('jo', 'introduce_search', 'directory', { q: 'anxiety' });
    expect(search.kind).to.equal('form');
    expect(text((search as { card: Card }).card)).to.contain('Wellbeing Hub');
    expect(act('jo', 'introduce_start', 'svc-mind-lambeth').kind).to.equal('form');
    const h = w.handoverService.introduce('jo', introduceInput());
    for (const a of ['accept', 'report_unreachable', 'confirm_contact'])
      expect(act('sam', a, h.id).kind, a).to.equal('card');
    expect(w.handovers.find(h.id)!).to.deep.include({ state: 'closed', outcome: 'contact_made' });
  });

  it('unknown people, buttons and subjects get a clear message instead of a crash', () => {
    expect(act('nobody', 'accept', 'H-1')).to.deep.include({ kind: 'error' });
    expect((act('jo', 'explode', 'H-1') as { message: string }).message).to.contain('not known');
    expect((act('sam', 'accept', 'H-missing') as { message: string }).message).to.contain("couldn't find");
  });
});
