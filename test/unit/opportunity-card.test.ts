import { expect } from 'chai';
import { toAdaptiveCard } from '../../src/cards/adaptive.ts';
import type { Card, CardBlock } from '../../src/cards/model.ts';
import {
  buildChannelDigestCard,
  buildOpportunityCard,
  type OpportunityCardView,
} from '../../src/cards/opportunity-card.ts';
import { OPPORTUNITY_LIMITS } from '../../src/domain/opportunities/new-opportunity.ts';
import { MAX_DIGEST_ITEMS } from '../../src/domain/opportunities/open.ts';
import type { Opportunity } from '../../src/domain/opportunities/types.ts';
import { assertValidAdaptiveCard } from '../support/validate-adaptive.ts';

const LONDON = 'Europe/London';
const NOW = new Date('2026-11-23T10:00:00Z');
/** Slack allows 50 blocks per message; the converter adds a header. */
const SLACK_BLOCKS = 50;

function view(overrides: Partial<Opportunity> = {}, names: Partial<OpportunityCardView> = {}): OpportunityCardView {
  return {
    opportunity: {
      id: 'O-TEST-0001',
      title: 'Barista skills course',
      provider: 'Lambeth College',
      type: 'course',
      summary: 'Six weeks, certificate at the end.',
      dates: 'Tuesdays 10:00-12:00 from 12 January',
      deadline: '2026-12-02T00:00:00.000Z',
      whoFor: 'Adults 19+ out of work',
      howToJoin: 'Introduce a client here',
      postedBy: 'jo',
      contactId: 'sam',
      serviceId: 'svc-college',
      status: 'open',
      createdAt: '2026-11-20T10:00:00.000Z',
      closedAt: null,
      closedBy: null,
      closeReason: null,
      ...overrides,
    },
    contactName: 'Sam Patel',
    contactOrganisation: 'Lambeth College',
    serviceName: 'Back to work courses',
    postedByName: 'Jo Rivers',
    closedByName: null,
    ...names,
  };
}

const texts = (card: Card) =>
  card.blocks.filter((b): b is Extract<CardBlock, { type: 'text' }> => b.type === 'text').map((b) => b.text);
const facts = (card: Card) =>
  Object.fromEntries(card.blocks.flatMap((b) => (b.type === 'facts' ? b.facts : [])).map((f) => [f.label, f.value]));

describe('the opportunity card in a channel', () => {
  it('given an open opportunity, then it shows what, who for, how to join, apply by, and "Introduce a client to this"', () => {
    const card = buildOpportunityCard(view(), { now: NOW, timeZone: LONDON });
    expect(card.title).to.equal('Barista skills course');
    expect(facts(card)).to.include({
      Type: 'Course',
      'Apply by': 'Tue 1 Dec',
      'Who it is for': 'Adults 19+ out of work',
      'Named contact': 'Sam Patel, Lambeth College',
    });
    expect(card.actions).to.deep.equal([
      {
        id: 'introduce_to_opportunity',
        label: 'Introduce a client to this',
        style: 'positive',
        subjectId: 'O-TEST-0001',
      },
    ]);
    assertValidAdaptiveCard(toAdaptiveCard(card), 'opportunity card');
  });

  it('given the deadline has passed but the sweep has not run yet, then it already reads "Closed" with no button', () => {
    const card = buildOpportunityCard(view(), { now: new Date('2026-12-02T00:00:00Z'), timeZone: LONDON });
    expect(card.title).to.equal('Closed: Barista skills course');
    expect(texts(card)[0]).to.equal(
      'Closed: the deadline passed (Tue 1 Dec). You can no longer introduce a client to it.',
    );
    expect(card.actions).to.deep.equal([]);
  });

  it('given a deadline this year, then "Apply by" reads "Tue 1 Dec"; seen from another year, "Tue 1 Dec 2026"', () => {
    expect(facts(buildOpportunityCard(view(), { now: NOW, timeZone: LONDON }))['Apply by']).to.equal('Tue 1 Dec');
    const lastYear = new Date('2025-12-30T10:00:00Z');
    const card = buildOpportunityCard(view(), { now: lastYear, timeZone: LONDON });
    expect(facts(card)['Apply by']).to.equal('Tue 1 Dec 2026');
    expect(card.summary).to.equal('Course: Barista skills course, apply by Tue 1 Dec 2026');
  });

  it('given no directory service, then there is no introduce button and it says to use "How to join"', () => {
    const card = buildOpportunityCard(view({ serviceId: null }, { serviceName: null }), { now: NOW, timeZone: LONDON });
    expect(card.actions).to.deep.equal([]);
    expect(texts(card).join(' ')).to.contain('use "How to join"');
  });

  it('given every field at its limit and hostile text, then it is still a valid Adaptive Card under 28 KB', () => {
    const hostile = '<at>everyone</at> ${name} [link](http://x.example) **bold** \u202Eevil 😀 ';
    const fill = (n: number) => hostile.repeat(Math.ceil(n / hostile.length)).slice(0, n);
    const card = buildOpportunityCard(
      view({
        title: fill(OPPORTUNITY_LIMITS.title),
        provider: fill(OPPORTUNITY_LIMITS.provider),
        summary: fill(OPPORTUNITY_LIMITS.summary),
        dates: fill(OPPORTUNITY_LIMITS.dates),
        whoFor: fill(OPPORTUNITY_LIMITS.whoFor),
        howToJoin: fill(OPPORTUNITY_LIMITS.howToJoin),
      }),
      { now: NOW, timeZone: LONDON },
    );
    assertValidAdaptiveCard(toAdaptiveCard(card), 'opportunity card at its limits');
  });
});

describe('the weekly digest in a channel', () => {
  const item = (i: number, long = false) =>
    view({
      id: `O-TEST-${String(i).padStart(4, '0')}`,
      title: long ? `${i} ${'T'.repeat(OPPORTUNITY_LIMITS.title - 3)}` : `Opportunity ${i}`,
      whoFor: long ? 'W'.repeat(OPPORTUNITY_LIMITS.whoFor) : 'Anyone',
      howToJoin: long ? 'H'.repeat(OPPORTUNITY_LIMITS.howToJoin) : 'Ask Sam',
      serviceId: i % 2 === 0 ? 'svc-college' : null,
    });

  it('lists each one with its own introduce button where there is a service', () => {
    const card = buildChannelDigestCard([item(1), item(2)], {
      now: NOW,
      timeZone: LONDON,
      digestKey: 'channel:slack:C1:2026-W48',
      channelName: 'Lambeth employment network',
    });
    expect(card).to.include({
      kind: 'digest',
      subjectId: 'channel:slack:C1:2026-W48',
      summary: '2 opportunities are still open in Lambeth employment network',
    });
    const buttons = card.blocks.flatMap((b) => (b.type === 'actions' ? b.actions.map((a) => a.subjectId) : []));
    expect(buttons).to.deep.equal(['O-TEST-0002']);
    assertValidAdaptiveCard(toAdaptiveCard(card), 'digest');
  });

  it(`given more than ${MAX_DIGEST_ITEMS} long ones, then it shows ${MAX_DIGEST_ITEMS}, counts the rest, and fits Teams and Slack limits`, () => {
    const items = Array.from({ length: MAX_DIGEST_ITEMS + 5 }, (_, i) => item(i, true));
    const card = buildChannelDigestCard(items, {
      now: NOW,
      timeZone: LONDON,
      digestKey: 'channel:teams:19:x@thread.tacv2:2026-W48',
    });
    expect(texts(card).filter((t) => /^\d+ T+$/.test(t))).to.have.length(MAX_DIGEST_ITEMS);
    expect(texts(card)).to.include('And 5 more still open: see the earlier posts in this channel.');
    const slackBlocks = 1 + card.blocks.length; // header + one Slack block per neutral block (facts ≤ 10 fields)
    expect(slackBlocks).to.be.at.most(SLACK_BLOCKS);
    assertValidAdaptiveCard(toAdaptiveCard(card), 'full digest');
  });
});
