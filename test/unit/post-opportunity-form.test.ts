// The "Post an opportunity" form: one card model, valid as an Adaptive Card (web, Teams) and as a Slack modal.
import { expect } from 'chai';
import { buildPostOpportunityForm, parseScope, scopeId } from '../../src/cards/post-opportunity-form.ts';
import { chosenChannels } from '../../src/app/actions/post-opportunity-actions.ts';
import { toAdaptiveCard } from '../../src/cards/adaptive.ts';
import type { CardInput } from '../../src/cards/model.ts';
import { BLOCK_KIT_LIMITS, cardToModal } from '../../src/platforms/slack/blocks.ts';
import { assertValidAdaptiveCard } from '../support/validate-adaptive.ts';

const HOSTILE = '*bold* <at>Sam</at> <https://evil.example|click> ${title} ‮right-to-left';

function form(extra: Partial<Parameters<typeof buildPostOpportunityForm>[0]> = {}) {
  return buildPostOpportunityForm({
    scope: { platform: 'slack', tenant: 'T1' },
    today: '2026-11-23',
    channels: [
      { value: 'C1', label: '#peers' },
      { value: 'C2', label: '#employment' },
    ],
    services: [{ value: 'svc-1', label: 'Wellbeing support, Mind in Lambeth' }],
    ...extra,
  });
}

const inputs = (card: ReturnType<typeof form>): CardInput[] =>
  card.blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));

describe('the "Post an opportunity" form', () => {
  it('given a form with typed hostile text and field errors, then it is a valid Adaptive Card that keeps the text as typed', () => {
    const card = form({
      values: { title: HOSTILE, channels: 'C1,C2' },
      errors: { title: 'The title is required.' },
      message: 'Please check: The title is required.',
    });
    const json = toAdaptiveCard(card);
    assertValidAdaptiveCard(json, 'post opportunity form');
    expect(JSON.stringify(json)).to.contain('The title is required.');
    expect(inputs(card).find((i) => i.id === 'channels')?.value).to.equal('C1,C2');
  });

  it('given Slack, then the modal fits Block Kit limits, carries the submit action and preselects the chosen channels', () => {
    const modal = cardToModal(form({ values: { channels: 'C2' } }));
    expect([...modal.title.text].length).to.be.at.most(BLOCK_KIT_LIMITS.modalTitle);
    expect(JSON.parse(modal.private_metadata)).to.include({ a: 'opportunity_submit', s: 'slack:T1' });
    const channels = modal.blocks.find((b) => b.block_id === 'channels')!.element as {
      type: string;
      initial_options: { value: string }[];
    };
    expect(channels.type).to.equal('multi_static_select');
    expect(channels.initial_options.map((o) => o.value)).to.deep.equal(['C2']);
  });

  it('given no peer group and no service yet, then those choices are left out and the form says what to do', () => {
    const card = form({ channels: [], services: [] });
    expect(inputs(card).map((i) => i.id))
      .not.to.include.members(['channels'])
      .and.not.to.include('serviceId');
    expect(JSON.stringify(card.blocks)).to.contain('/invite @Warm Handover');
  });

  it('reads the scope and the chosen channels the way each platform sends them', () => {
    expect(parseScope('slack:T1')).to.deep.equal({ platform: 'slack', tenant: 'T1' });
    expect(parseScope('web')).to.deep.equal({ platform: 'web' });
    expect(parseScope('fax:1')).to.equal(null);
    expect(scopeId({ platform: 'teams', tenant: 'tid' })).to.equal('teams:tid');
    expect(chosenChannels('C1, C2,,C1')).to.deep.equal(['C1', 'C2']);
    expect(chosenChannels(['C1', 3, 'C3'])).to.deep.equal(['C1', 'C3']);
    expect(chosenChannels(undefined)).to.deep.equal([]);
  });
});
