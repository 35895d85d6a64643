import { expect } from 'chai';
import { toAdaptiveCard } from '../../src/cards/adaptive.ts';
import type { Card, CardBlock, CardKind } from '../../src/cards/model.ts';
import type { CardRequest } from '../../src/app/ports.ts';
import type { Command } from '../../src/domain/handover/commands.ts';
import { makeCardWorld, type CardWorld } from '../support/card-world.ts';
import { introduceInput } from '../support/make.ts';
import { assertValidAdaptiveCard } from '../support/validate-adaptive.ts';
import { followOf } from '../../src/cards/follow-subject.ts';

type Step = (id: string) => Command;
const STATES: Record<string, Step[]> = {
  sent: [],
  escalated: [() => ({ type: 'escalate', actorId: 'system', backupIds: ['alex'] })],
  snoozed: [() => ({ type: 'snooze', actorId: 'sam', until: '2026-11-30T09:00:00Z' })],
  accepted: [() => ({ type: 'accept', actorId: 'sam' })],
  unreachable: [() => ({ type: 'accept', actorId: 'sam' }), () => ({ type: 'report_unreachable', actorId: 'sam' })],
  contact_made: [
    () => ({ type: 'accept', actorId: 'sam' }),
    () => ({ type: 'add_note', actorId: 'jo', text: 'Thanks!' }),
    () => ({ type: 'confirm_contact', actorId: 'sam', followUpOwed: true }),
  ],
  closed: [() => ({ type: 'accept', actorId: 'sam' }), () => ({ type: 'confirm_contact', actorId: 'sam' })],
  declined: [() => ({ type: 'decline', actorId: 'sam', reason: 'no_capacity', note: 'Full until January.' })],
  passed: [() => ({ type: 'pass', actorId: 'sam', toPersonId: 'kim' })],
  withdrawn: [() => ({ type: 'withdraw', actorId: 'jo' })],
  expired: [() => ({ type: 'expire', actorId: 'system' })],
};
const HANDOVER_KINDS: CardKind[] = [
  'introduction',
  'accepted',
  'receipt',
  'nudge',
  'escalation',
  'outcome',
  'decline_form',
  'pass_form',
  'snooze_form',
  'note_form',
  'withdraw_form',
];
const VIEWERS = ['jo', 'sam', 'alex', 'kim', 'pat', undefined];

function handoverIn(w: CardWorld, state: string): string {
  const h = w.handoverService.introduce('jo', introduceInput());
  for (const step of STATES[state]) {
    w.clock.advance(60_000);
    w.handoverService.act(h.id, step(h.id));
  }
  return h.id;
}

function texts(card: Card): string {
  const one = (b: CardBlock): string[] => {
    if (b.type === 'text') return [b.text];
    if (b.type === 'facts') return b.facts.flatMap((f) => [f.label, f.value]);
    if (b.type === 'timeline') return b.steps.flatMap((s) => [s.label, s.at ?? '']);
    return [];
  };
  return [card.title, ...card.blocks.flatMap(one)].join('\n');
}

describe('cards', () => {
  let w: CardWorld;
  beforeEach(() => {
    w = makeCardWorld();
  });
  afterEach(() => w.cleanup());

  it('every handover card, in every state and for every viewer, is a valid Adaptive Card 1.5 under 28 KB', () => {
    let rendered = 0;
    for (const state of Object.keys(STATES)) {
      const id = handoverIn(w, state);
      for (const kind of HANDOVER_KINDS) {
        for (const viewerId of VIEWERS) {
          const card = w.cards.compose({ kind, subjectId: id, viewerId });
          expect(card, `${kind} ${state} ${viewerId}`).to.not.equal(null);
          assertValidAdaptiveCard(toAdaptiveCard(card!), `${kind} in ${state} for ${viewerId ?? 'a channel'}`);
          rendered++;
        }
      }
    }
    expect(rendered).to.equal(Object.keys(STATES).length * HANDOVER_KINDS.length * VIEWERS.length);
  });

  it('the other card kinds (introduce form, search results, digest, review request, notice) are valid too', () => {
    handoverIn(w, 'sent');
    const requests: CardRequest[] = [
      { kind: 'introduce_form', subjectId: 'directory', viewerId: 'jo' },
      {
        kind: 'introduce_form',
        subjectId: 'directory',
        viewerId: 'jo',
        params: { q: 'anxiety', area: 'SE11', age: '30' },
      },
      { kind: 'introduce_form', subjectId: 'directory', viewerId: 'jo', params: { q: 'zzzz-nothing' } },
      { kind: 'introduce_form', subjectId: 'svc-mind-lambeth', viewerId: 'jo' },
      { kind: 'digest', subjectId: 'digest:sam:2026-11-23', viewerId: 'sam' },
      { kind: 'digest', subjectId: 'digest:pat:2026-11-23', viewerId: 'pat' },
      { kind: 'review_request', subjectId: 'svc-mind-lambeth', viewerId: 'sam' },
      { kind: 'notice', subjectId: 'x', params: { title: 'Hello', text: 'World' } },
    ];
    for (const r of requests)
      assertValidAdaptiveCard(toAdaptiveCard(w.cards.compose(r)!), `${r.kind} ${JSON.stringify(r.params ?? {})}`);
    const results = w.cards.compose(requests[1])!;
    expect(texts(results)).to.contain('Wellbeing Hub');
  });

  it('the named contact sees the client contact details only after accepting', () => {
    const id = handoverIn(w, 'sent');
    const before = w.cards.compose({ kind: 'introduction', subjectId: id, viewerId: 'sam' })!;
    expect(texts(before)).to.contain('Feeling anxious').and.not.contain('07700 900123');
    expect(texts(before)).to.contain('Please reply by Wed 25 Nov, 10:00');
    expect(before.actions.map((a) => a.id)).to.deep.equal(['accept', 'decline', 'pass']);
    w.handoverService.act(id, { type: 'accept', actorId: 'sam' });
    const after = w.cards.compose({ kind: 'introduction', subjectId: id, viewerId: 'sam' })!;
    expect(texts(after)).to.contain('07700 900123').and.contain('make contact by');
    expect(after.actions.map((a) => a.id)).to.deep.equal([
      'confirm_contact',
      'report_unreachable',
      'snooze',
      'add_note',
    ]);
  });

  it('someone who is not part of the introduction sees its status only, never client details', () => {
    const id = handoverIn(w, 'accepted');
    for (const kind of ['introduction', 'receipt', 'decline_form', 'outcome'] as CardKind[]) {
      const card = w.cards.compose({ kind, subjectId: id, viewerId: 'pat' })!;
      expect(texts(card), kind)
        .to.contain('This introduction is for Sam Patel')
        .and.not.contain('R.T.')
        .and.not.contain('anxious');
      expect(card.actions, kind).to.deep.equal([]);
    }
  });

  it('a backup sees the introduction with its buttons after escalation, and the introducer is told', () => {
    const id = handoverIn(w, 'escalated');
    const backup = w.cards.compose({ kind: 'escalation', subjectId: id, viewerId: 'alex' })!;
    expect(texts(backup)).to.contain("Sam Patel hasn't answered yet");
    expect(backup.actions.map((a) => a.id)).to.include('accept');
    const told = w.cards.compose({ kind: 'outcome', subjectId: id, viewerId: 'jo', params: { reason: 'escalated' } })!;
    expect(texts(told)).to.contain('Alex Morgan');
  });

  it('the receipt shows each step with its time and offers Withdraw and Add note while it is open', () => {
    const id = handoverIn(w, 'contact_made');
    const receipt = w.cards.compose({ kind: 'receipt', subjectId: id, viewerId: 'jo' })!;
    const timeline = receipt.blocks.find((b) => b.type === 'timeline');
    expect(timeline && timeline.type === 'timeline' && timeline.steps.map((s) => `${s.label} @ ${s.at}`)).to.deep.equal(
      [
        'Introduced by Jo Rivers @ Mon 23 Nov, 10:00',
        'Accepted by Sam Patel @ Mon 23 Nov, 10:01',
        'Note added by Jo Rivers @ Mon 23 Nov, 10:02',
        'Contact made @ Mon 23 Nov, 10:03',
      ],
    );
    expect(texts(receipt)).to.contain('Contact made on Mon 23 Nov, 10:03').and.contain('Thanks!');
    expect(receipt.actions.map((a) => a.id)).to.deep.equal(['add_note']);
  });

  it('after a decline the introducer sees the reason, the note and up to three open alternatives', () => {
    const id = handoverIn(w, 'declined');
    const card = w.cards.compose({ kind: 'outcome', subjectId: id, viewerId: 'jo' })!;
    const all = texts(card);
    expect(all).to.contain('No capacity right now').and.contain('Full until January.');
    expect(all).to.contain('Talking Therapies').and.contain('Peer Support Circle').and.not.contain('Closed Clinic');
    const starts = card.blocks
      .flatMap((b) => (b.type === 'actions' ? b.actions : []))
      .map((a) => followOf(a.subjectId)?.serviceId);
    expect(starts).to.have.members(['svc-talk', 'svc-peer']);
  });

  it('dates are shown in the viewer’s own time zone', () => {
    w.people.upsert({
      id: 'sam',
      name: 'Sam Patel',
      email: 'sam@example.org',
      organisation: 'Mind in Lambeth',
      role: 'Wellbeing lead',
      timeZone: 'America/New_York',
    });
    const id = handoverIn(w, 'sent');
    const card = w.cards.compose({ kind: 'introduction', subjectId: id, viewerId: 'sam' })!;
    expect(texts(card)).to.contain('Please reply by Wed 25 Nov, 05:00');
  });

  it("given a reply-by date next year, then the card writes the year, and this year's dates without it", () => {
    w.clock.set('2026-12-30T10:00:00Z');
    const id = handoverIn(w, 'sent');
    const card = w.cards.compose({ kind: 'introduction', subjectId: id, viewerId: 'sam' })!;
    expect(texts(card)).to.contain('Please reply by Fri 1 Jan 2027, 10:00');
    const receipt = w.cards.compose({ kind: 'receipt', subjectId: id, viewerId: 'jo' })!;
    expect(texts(receipt))
      .to.contain('Introduced by Jo Rivers')
      .and.contain('Wed 30 Dec, 10:00')
      .and.not.contain('30 Dec 2026');
  });

  it('buttons carry only the action, the subject and the version', () => {
    const id = handoverIn(w, 'sent');
    const json = JSON.stringify(
      toAdaptiveCard(w.cards.compose({ kind: 'introduction', subjectId: id, viewerId: 'sam' })!),
    );
    const datas = [...json.matchAll(/"data":(\{[^}]*\})/g)].map((m) => JSON.parse(m[1]));
    expect(datas).to.have.length(3);
    for (const d of datas) expect(d).to.deep.equal({ actionId: d.actionId, subjectId: id, version: 1 });
  });

  it('a handover that does not exist composes to nothing', () => {
    expect(w.cards.compose({ kind: 'introduction', subjectId: 'H-missing', viewerId: 'sam' })).to.equal(null);
  });
});
