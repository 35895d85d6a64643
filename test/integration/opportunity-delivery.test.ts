// Opportunities through the real sweep, outbox and dispatcher to a fake Slack: posted once per channel,
// updated in place to "Closed" at the deadline, and a weekly digest from Monday 09:00 London.
import { expect } from 'chai';
import { OpportunityService } from '../../src/app/opportunity-service.ts';
import { OpportunityStore } from '../../src/storage/opportunity-store.ts';
import { FakeMessenger, stubCompose } from '../support/fake-messenger.ts';
import { makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';
import { opportunityInput, PEER_GROUP } from '../support/opportunity-world.ts';

describe('opportunity cards delivered to a channel', () => {
  let w: NudgeWorld;
  let slack: FakeMessenger;
  let opportunities: OpportunityService;

  beforeEach(() => {
    slack = new FakeMessenger('slack');
    let service: OpportunityService | undefined;
    w = makeNudgeWorld({
      start: '2026-11-23T10:00:00Z',
      messengers: [slack],
      extra: {
        compose: (req) => service?.composeCard(req) ?? stubCompose(req),
        extraJobs: [(now) => service?.closeExpired(now), (now) => service?.weeklyDigest(now)],
      },
    });
    service = new OpportunityService({
      db: w.db,
      clock: w.clock,
      timeZone: 'Europe/London',
      store: new OpportunityStore(w.db),
      people: w.people,
      services: w.services,
      outbox: w.nudges.outbox,
    });
    opportunities = service;
  });
  afterEach(() => w.cleanup());

  it('given a post, then the channel gets the card once; at the deadline the same message changes to "Closed"', async () => {
    const o = opportunities.postOpportunity('sam', opportunityInput(), [PEER_GROUP]);
    await w.nudges.dispatcher.runOnce();
    expect(slack.sent.map((s) => [s.to, s.card.kind, s.card.title])).to.deep.equal([
      ['C0EMPLOY', 'opportunity', 'Confidence and wellbeing group'],
    ]);
    expect(slack.sent[0].card.actions.map((a) => a.id)).to.deep.equal(['introduce_to_opportunity']);

    await w.at('2026-12-02T00:00:30Z');
    expect(slack.sent.filter((s) => s.card.kind === 'opportunity')).to.have.length(1);
    expect(slack.updates.map((u) => [u.ref.messageId, u.card.title])).to.deep.equal([
      [slack.sent[0].ref.messageId, 'Closed: Confidence and wellbeing group'],
    ]);
    expect(opportunities.get(o.id).status).to.equal('closed');
  });

  it('given Monday 09:00 London, then the channel gets one digest that week, and none before', async () => {
    opportunities.postOpportunity('sam', opportunityInput({ deadline: '2026-12-20' }), [PEER_GROUP]);
    await w.at('2026-11-30T08:59:00Z');
    expect(slack.sent.map((s) => s.card.kind)).to.deep.equal(['opportunity']);
    await w.at('2026-11-30T09:00:00Z');
    await w.at('2026-11-30T09:01:00Z');
    await w.at('2026-12-02T09:00:00Z');
    const digests = slack.sent.filter((s) => s.card.kind === 'digest');
    expect(digests.map((d) => [d.to, d.card.title])).to.deep.equal([
      ['C0EMPLOY', 'Opportunities still open this week'],
    ]);
    await w.at('2026-12-07T09:00:00Z');
    expect(slack.sent.filter((s) => s.card.kind === 'digest')).to.have.length(2);
  });
});
