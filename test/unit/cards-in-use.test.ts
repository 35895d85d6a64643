// The cards that start something or say what changed: valid Adaptive Cards with fallback text, inside Slack's limits.
import { expect } from 'chai';
import { toAdaptiveCard } from '../../src/cards/adaptive.ts';
import type { Card } from '../../src/cards/model.ts';
import { buildMyIntroductionsCard, type MyIntroduction } from '../../src/cards/my-introductions-card.ts';
import { buildChannelWelcomeCard, buildPersonalWelcomeCard } from '../../src/cards/welcome-card.ts';
import { startCardJson } from '../../src/platforms/teams/start-cards.ts';
import { BLOCK_KIT_LIMITS, cardToMessage, cardToModal } from '../../src/platforms/slack/blocks.ts';
import { assertValidAdaptiveCard } from '../support/validate-adaptive.ts';

const ZONE = 'Europe/London';

function item(i: number, state: MyIntroduction['state']): MyIntroduction {
  return {
    handoverId: `H-${i}`,
    version: 2,
    state,
    clientName: `C${i}.`,
    serviceName: 'Wellbeing Hub',
    otherName: 'Jo Rivers',
    replyBy: state === 'sent' ? '2026-12-09T17:00:00Z' : null,
    followUpAt: null,
    updatedAt: '2026-12-07T10:05:00Z',
  };
}

const many = {
  waiting: Array.from({ length: 10 }, (_, i) => item(i, 'sent')),
  introduced: Array.from({ length: 10 }, (_, i) => item(i + 10, 'accepted')),
  moreWaiting: 4,
  moreIntroduced: 30,
};

const CARDS: Record<string, Card> = {
  'personal welcome with waiting introductions': buildPersonalWelcomeCard({
    name: 'Sam Patel',
    my: many,
    timeZone: ZONE,
    opportunityScope: 'teams:t1',
  }),
  'welcome for someone the directory does not know': buildPersonalWelcomeCard({
    timeZone: ZONE,
    opportunityScope: 'teams:t1',
  }),
  'channel welcome': buildChannelWelcomeCard({ peerGroup: true, opportunityScope: 'teams:t1' }),
  'my introductions, full lists': buildMyIntroductionsCard(many, ZONE),
  'my introductions, nothing yet': buildMyIntroductionsCard(
    { waiting: [], introduced: [], moreWaiting: 0, moreIntroduced: 0 },
    ZONE,
  ),
};

describe('cards for welcomes and "My introductions"', () => {
  for (const [label, card] of Object.entries(CARDS)) {
    it(`given the ${label} card, then Teams gets a valid Adaptive Card with fallbackText, and Slack a message within 50 blocks with its buttons`, () => {
      const teams = startCardJson(card);
      assertValidAdaptiveCard(teams, label);
      assertValidAdaptiveCard(toAdaptiveCard(card), `${label} (web)`);
      expect(String(teams.fallbackText)).to.have.length.greaterThan(0);
      const slack = cardToMessage(card);
      expect(slack.text).to.equal(card.summary);
      expect(slack.blocks.length).to.be.at.most(BLOCK_KIT_LIMITS.blocksPerMessage);
      expect(JSON.stringify(slack.blocks)).not.to.contain('Some details are not shown here');
    });
  }

  it('given a full "My introductions", then client first names show and every waiting one can be answered from the card', () => {
    const text = JSON.stringify(toAdaptiveCard(CARDS['my introductions, full lists']!));
    expect(text).to.contain('C0. from Jo Rivers').and.contain('And 4 more.').and.contain('And 30 more.');
    expect((text.match(/"actionId":"accept"/g) ?? []).length).to.equal(10);
  });

  it('given a welcome in Teams, then "Introduce a client" and "Post an opportunity" open a private dialog', () => {
    const teams = startCardJson(CARDS['personal welcome with waiting introductions']!) as {
      actions: { type: string; title: string; data: Record<string, unknown> }[];
    };
    for (const title of ['Introduce a client', 'Post an opportunity']) {
      const action = teams.actions.find((a) => a.title === title)!;
      expect(action.type, title).to.equal('Action.Submit');
      expect(action.data.msteams, title).to.deep.equal({ type: 'task/fetch' });
    }
  });

  it('given any card kind shown in a Slack modal, then its title is written within 24 characters, not cut', () => {
    for (const card of Object.values(CARDS)) {
      const title = cardToModal(card).title.text;
      expect([...title].length).to.be.at.most(BLOCK_KIT_LIMITS.modalTitle);
      expect(title).not.to.contain('…');
    }
    const decline: Card = {
      kind: 'decline_form',
      title: 'Decline the introduction of R.T.',
      summary: '',
      blocks: [],
      actions: [{ id: 'decline_submit', label: 'Decline', subjectId: 'H-1', submitsInputs: true }],
    };
    expect(cardToModal(decline).title.text).to.equal('Decline');
  });
});
