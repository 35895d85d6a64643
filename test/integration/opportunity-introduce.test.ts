// "Introduce a client to this": the private form for the opportunity, then the introduction to its named contact.
import { expect } from 'chai';
import { toAdaptiveCard } from '../../src/cards/adaptive.ts';
import { createCardComposerParts } from '../../src/app/card-composer.ts';
import type { CardBlock, CardInput } from '../../src/cards/model.ts';
import {
  buildOpportunityIntroduceForm,
  openOpportunityIntroduction,
  OPPORTUNITY_INPUT_ID,
  withOpportunity,
  type OpportunityActionDeps,
} from '../../src/app/actions/opportunity-actions.ts';
import { OpportunityError } from '../../src/domain/opportunities/errors.ts';
import {
  makeOpportunityWorld,
  opportunityInput,
  PEER_GROUP,
  type OpportunityWorld,
} from '../support/opportunity-world.ts';
import { assertValidAdaptiveCard } from '../support/validate-adaptive.ts';

const inputsOf = (blocks: CardBlock[]): CardInput[] => blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));

describe('introducing a client from an opportunity card', () => {
  let w: OpportunityWorld;
  let deps: OpportunityActionDeps;
  beforeEach(() => {
    w = makeOpportunityWorld();
    deps = {
      opportunities: w.opportunities,
      cards: createCardComposerParts({
        db: w.db,
        clock: w.clock,
        handovers: w.handovers,
        people: w.people,
        services: w.services,
      }),
    };
  });
  afterEach(() => w.cleanup());

  it('given Pat clicks "Introduce a client to this", then the form names the opportunity and only its named contact', () => {
    const o = w.opportunities.postOpportunity('jo', opportunityInput({ contactId: 'alex' }), [PEER_GROUP]);
    const result = openOpportunityIntroduction(deps, 'pat', o.id);
    expect(result.kind).to.equal('form');
    const form = (result as { card: import('../../src/cards/model.ts').Card }).card;
    const inputs = inputsOf(form.blocks);
    expect(inputs[0]).to.deep.include({ id: OPPORTUNITY_INPUT_ID, value: o.id, required: true });
    const contact = inputs.find((i) => i.id === 'contactId') as Extract<CardInput, { type: 'choice' }>;
    expect(contact.options.map((c) => c.value)).to.deep.equal(['alex']);
    assertValidAdaptiveCard(toAdaptiveCard(form), 'introduce form for an opportunity');
  });

  it("given the form is sent, then the introduction goes to the opportunity's contact and records the opportunity", () => {
    const o = w.opportunities.postOpportunity('jo', opportunityInput({ contactId: 'alex' }), [PEER_GROUP]);
    const inputs = {
      [OPPORTUNITY_INPUT_ID]: o.id,
      contactId: 'sam',
      clientName: 'R.T.',
      needs: 'Meet people',
      reasonForService: 'Group suits them',
      contactMethod: 'Phone',
      consent: true,
    };
    const h = w.handoverService.introduce(
      'pat',
      withOpportunity(deps, 'pat', { ...inputs, serviceId: 'svc-mind-lambeth' }, inputs),
    );
    expect(h).to.include({ contactId: 'alex', opportunityId: o.id, introducerId: 'pat' });
  });

  it('given a plain introduction (no opportunity on the form), then its input is left as it is', () => {
    const input = { serviceId: 'svc-mind-lambeth', clientName: 'R.T.' };
    expect(withOpportunity(deps, 'pat', input)).to.equal(input);
  });

  it('given the opportunity closed while the form was open, then sending is refused with a clear message', () => {
    const o = w.opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP]);
    buildOpportunityIntroduceForm(deps, 'pat', o.id);
    w.opportunities.close(o.id, 'sam');
    expect(() => withOpportunity(deps, 'pat', { [OPPORTUNITY_INPUT_ID]: o.id })).to.throw(
      OpportunityError,
      /has closed/,
    );
    expect(openOpportunityIntroduction(deps, 'pat', o.id)).to.deep.include({ kind: 'error' });
  });
});
