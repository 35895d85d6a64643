// Named contacts who have never opened the app in Slack: found by e-mail in delivery, or reached another way.
import { expect } from 'chai';
import { FakeMessenger } from '../support/fake-messenger.ts';
import { loadPayload } from '../support/slack-payloads.ts';
import { JSON_TYPE, postSigned } from '../support/slack-sign.ts';
import { introduceInput } from '../support/make.ts';
import { SLACK_USERS, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';
import { eventually } from '../support/eventually.ts';

const DAY_AND_A_MINUTE_MS = 24 * 60 * 60 * 1000 + 60_000;

describe('Slack: reaching a named contact who has never used the app', () => {
  let h: SlackHarness;
  let email: FakeMessenger;
  beforeEach(async () => {
    h = await startSlackHarness({ delivery: false });
    email = new FakeMessenger('email');
    h.nudges.router.register(email);
  });
  afterEach(async () => {
    await h.close();
  });

  const dmsTo = (channel: string) => h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);

  it('given Sam has never used the app, when Jo introduces a client to him, then Sam is found by e-mail, gets the DM, and is remembered', async () => {
    h.container.handoverService.introduce('jo', introduceInput());
    await h.nudges.dispatcher.runOnce();
    expect(h.api.callsTo('users.lookupByEmail').map((c) => c.body.email)).to.include('sam@example.org');
    expect(dmsTo('D0SAM0001')).to.have.length(1);
    expect(email.sent).to.have.length(0);
    expect(h.container.people.findByIdentity('slack', 'T0FAKE001', SLACK_USERS.sam)?.id).to.equal('sam');
    expect(JSON.stringify(h.api.conversation('D0JO00001'))).to.contain('Sent to Sam Patel in Slack');
    h.container.handoverService.introduce('jo', introduceInput());
    await h.nudges.dispatcher.runOnce();
    expect(h.api.callsTo('users.lookupByEmail').filter((c) => c.body.email === 'sam@example.org')).to.have.length(1);
    expect(dmsTo('D0SAM0001')).to.have.length(2);
  });

  it('given Sam is not in the workspace (users_not_found), then he gets the introduction by e-mail, and Slack is not asked again for a day', async () => {
    h.api.users.delete(SLACK_USERS.sam);
    h.container.handoverService.introduce('jo', introduceInput());
    await h.nudges.dispatcher.runOnce();
    expect(email.sent.map((d) => `${d.to}:${d.card.kind}`)).to.deep.equal(['sam@example.org:introduction']);
    expect(JSON.stringify(h.api.conversation('D0JO00001'))).to.contain(
      "Sent to Sam Patel by e-mail: Sam hasn't used Warm Handover yet",
    );
    h.container.handoverService.introduce('jo', introduceInput());
    await h.nudges.dispatcher.runOnce();
    expect(h.api.callsTo('users.lookupByEmail').filter((c) => c.body.email === 'sam@example.org')).to.have.length(1);
    expect(email.sent).to.have.length(2);
    h.clock.advance(DAY_AND_A_MINUTE_MS);
    h.container.handoverService.introduce('jo', introduceInput());
    await h.nudges.dispatcher.runOnce();
    expect(h.api.callsTo('users.lookupByEmail').filter((c) => c.body.email === 'sam@example.org')).to.have.length(2);
  });

  it("given Sam's Slack account was deactivated (account_inactive), then the introduction goes by e-mail", async () => {
    h.api.addUser({ id: SLACK_USERS.sam, email: 'sam@example.org', teamId: 'T0FAKE001', deleted: true });
    h.container.handoverService.introduce('jo', introduceInput());
    await h.nudges.dispatcher.runOnce();
    expect(dmsTo('D0SAM0001')).to.have.length(0);
    expect(email.sent.map((d) => d.to)).to.deep.equal(['sam@example.org']);
  });

  it('given Slack answers the look-up with ratelimited, then the introduction waits for Retry-After and then reaches Sam in Slack', async () => {
    h.api.failNext('users.lookupByEmail', { status: 429, retryAfter: 30 });
    h.container.handoverService.introduce('jo', introduceInput());
    await h.nudges.dispatcher.runOnce();
    expect(dmsTo('D0SAM0001')).to.have.length(0);
    expect(email.sent).to.have.length(0);
    h.clock.advance(30_000);
    await h.nudges.dispatcher.runOnce();
    await eventually(() => dmsTo('D0SAM0001').length === 1, 'the DM to Sam after the rate limit');
    expect(email.sent).to.have.length(0);
  });

  it('given Sam was in no workspace and got nothing (e-mail off), when he first opens the app in Slack, then the waiting introduction reaches him there once', async () => {
    h.api.users.delete(SLACK_USERS.sam);
    email.unknownUsers.add('sam@example.org');
    const intro = h.container.handoverService.introduce('jo', introduceInput());
    await h.nudges.dispatcher.runOnce();
    expect(dmsTo('D0SAM0001')).to.have.length(0);
    expect(h.container.handovers.find(intro.id)?.state).to.equal('sent');
    h.api.addUser({ id: SLACK_USERS.sam, email: 'sam@example.org', teamId: 'T0FAKE001' });
    const opened = await postSigned(h.eventsUrl, JSON.stringify(loadPayload('app-home-opened')), JSON_TYPE);
    expect(opened.status).to.equal(200);
    await eventually(
      () => h.container.people.findByIdentity('slack', 'T0FAKE001', SLACK_USERS.sam),
      'Sam linked on opening App Home',
    );
    await h.nudges.dispatcher.runOnce();
    await h.nudges.dispatcher.runOnce();
    const toSam = dmsTo('D0SAM0001');
    expect(toSam).to.have.length(1);
    expect((toSam[0].body.metadata as { event_payload: { kind: string } }).event_payload.kind).to.equal('introduction');
  });
});
