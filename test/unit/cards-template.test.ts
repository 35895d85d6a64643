// cards/card.template.json (adaptivecards-templating) is the declarative layout; the direct builder used on the
// hot path must give the same JSON for every card the product sends, including hostile text.
import { expect } from 'chai';
import { buildAdaptiveCard } from '../../src/cards/adaptive.ts';
import { expandTemplate } from '../../src/cards/adaptive-template.ts';
import type { Card, CardKind } from '../../src/cards/model.ts';
import { makeCardWorld, type CardWorld } from '../support/card-world.ts';
import { introduceInput } from '../support/make.ts';
import { assertValidAdaptiveCard } from '../support/validate-adaptive.ts';

const KINDS: CardKind[] = ['introduction', 'receipt', 'nudge', 'escalation', 'outcome', 'decline_form', 'pass_form', 'snooze_form', 'note_form'];
const HOSTILE = 'R.T. *bold* [link](https://evil.example) <at>Sam</at> ${title} {{DATE(2026-01-01T00:00:00Z)}} 🙂 مرحبا\n- list\n1. item';

describe('the Adaptive Card template and the direct builder', () => {
  let w: CardWorld;
  beforeEach(() => { w = makeCardWorld(); });
  afterEach(() => w.cleanup());

  it('the template expands to a valid Adaptive Card 1.5', () => {
    const h = w.app.introduce('jo', introduceInput());
    assertValidAdaptiveCard(expandTemplate(w.cards.compose({ kind: 'introduction', subjectId: h.id, viewerId: 'sam' })!), 'template introduction');
  });

  it('give the same JSON for every handover card, viewer and state, with hostile client text', () => {
    const sent = w.app.introduce('jo', introduceInput({ needs: HOSTILE, clientName: 'R.T.' }));
    const accepted = w.app.introduce('jo', introduceInput({ needs: HOSTILE }));
    w.app.act(accepted.id, { type: 'accept', actorId: 'sam' });
    w.app.act(accepted.id, { type: 'add_note', actorId: 'jo', text: HOSTILE });
    let compared = 0;
    for (const id of [sent.id, accepted.id]) {
      for (const kind of KINDS) {
        for (const viewerId of ['jo', 'sam', 'alex', undefined]) {
          const card = w.cards.compose({ kind, subjectId: id, viewerId }) as Card;
          expect(buildAdaptiveCard(card), `${kind} for ${viewerId}`).to.deep.equal(expandTemplate(card));
          compared++;
        }
      }
    }
    expect(compared).to.equal(72);
  });

  it('give the same JSON for forms with every kind of input and a divider', () => {
    const card: Card = {
      kind: 'introduce_form', summary: 's', title: HOSTILE, actions: [{ id: 'introduce_submit', label: 'Send', style: 'positive', subjectId: 'svc', submitsInputs: true }],
      blocks: [
        { type: 'text', text: HOSTILE, style: 'warning' }, { type: 'divider' },
        { type: 'input', input: { type: 'text', id: 'needs', label: 'Needs', required: true, multiline: true, value: HOSTILE, error: 'Too long' } },
        { type: 'input', input: { type: 'choice', id: 'u', label: 'Urgency', options: [{ value: 'a', label: HOSTILE }], value: 'a' } },
        { type: 'input', input: { type: 'toggle', id: 'consent', label: 'Consent', required: true, value: false } },
        { type: 'input', input: { type: 'date', id: 'until', label: 'Until', min: '2026-11-24' } },
        { type: 'timeline', steps: [{ label: 'Sent', at: 'Mon 23 Nov', done: true }, { label: 'Accepted', at: null, done: false }] },
      ],
    };
    expect(buildAdaptiveCard(card)).to.deep.equal(expandTemplate(card));
  });
});
