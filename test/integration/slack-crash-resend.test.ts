// At least once without doubles in Slack: a message whose send was cut short (a crash after Slack got it but
// before the outbox recorded it) is found in the DM's history by its idempotency key after a restart, not posted again.
import { expect } from 'chai';
import { webApi } from '@slack/bolt';
import { Router } from '../../src/app/router.ts';
import { DeliveryError } from '../../src/app/ports.ts';
import { SlackMessenger } from '../../src/platforms/slack/slack-messenger.ts';
import { Dispatcher } from '../../src/scheduler/dispatch.ts';
import { DISPATCH_LEASE, LEASE_TTL_MS, Lease } from '../../src/scheduler/lease.ts';
import { INTERRUPTED } from '../../src/storage/outbox-store.ts';
import { PresenceStore } from '../../src/storage/presence-store.ts';
import { contractCard } from '../contract/messenger-contract.ts';
import { FakeSlackApi, FAKE_TEAM_ID } from '../support/fake-slack-api.ts';
import { stubCompose } from '../support/fake-messenger.ts';
import { introduceInput } from '../support/make.ts';
import { makeNudgeWorld, type NudgeWorld } from '../support/nudge-world.ts';

const SAM = 'U0SAM0001';
const JO = 'U0JO00001';
const SAM_DM = 'D0SAM0001';

describe('Slack after a crash in the middle of a send', () => {
  let api: FakeSlackApi;
  let w: NudgeWorld;
  /** A new SlackMessenger, as after a restart: it remembers no keys. */
  let restartedMessenger: () => SlackMessenger;

  beforeEach(async () => {
    api = new FakeSlackApi();
    const url = await api.start();
    api.addUser({ id: SAM, email: 'sam@example.org' });
    api.addUser({ id: JO, email: 'jo@example.org' });
    restartedMessenger = () =>
      new SlackMessenger(
        new webApi.WebClient('xoxb-test-not-real', {
          slackApiUrl: url,
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
        }),
      );
    w = makeNudgeWorld({ start: '2026-09-07T09:00:00Z', messengers: [restartedMessenger()] });
    w.people.link('sam', { platform: 'slack', tenant: FAKE_TEAM_ID, userId: SAM });
    w.people.link('jo', { platform: 'slack', tenant: FAKE_TEAM_ID, userId: JO });
  });
  afterEach(async () => {
    await w.nudges.stop();
    w.cleanup();
    await api.stop();
  });

  const introductionRow = (handoverId: string) =>
    w.nudges.outbox.bySubject(handoverId).find((r) => r.card.kind === 'introduction')!;

  /** The process dies after Slack answered but before the outbox wrote 'sent' (or the card's ref) down. */
  function crashAfterSlackGotIt(handoverId: string): void {
    const row = introductionRow(handoverId);
    w.db.prepare(`UPDATE outbox SET status = 'sending', sent_at = NULL, platform = NULL WHERE id = ?`).run(row.id);
    if (row.liveKey) w.nudges.outbox.saveRef(row.liveKey, null, w.clock.now());
  }

  /** A second server on the same file: a new dispatcher (a new lease owner once the old lease ran out) and a new messenger. */
  async function restart(): Promise<void> {
    w.clock.advance(LEASE_TTL_MS + 1);
    const dispatcher = new Dispatcher({
      db: w.db,
      outbox: w.nudges.outbox,
      router: new Router(w.people, new PresenceStore(w.db), [restartedMessenger()]),
      compose: stubCompose,
      clock: w.clock,
      lease: new Lease(w.db, DISPATCH_LEASE, 'after-restart'),
      sleep: async (ms) => w.clock.advance(ms),
    });
    await dispatcher.runOnce();
    await dispatcher.stop();
  }

  it('given Sam’s introduction reached Slack just before the crash, then after the restart it is found in his DM, not posted again', async () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    expect(api.conversation(SAM_DM)).to.have.length(1);
    const firstTs = api.conversation(SAM_DM)[0].ts;
    await w.nudges.dispatcher.stop();
    crashAfterSlackGotIt(h.id);

    await restart();

    expect(api.conversation(SAM_DM), 'Sam sees one introduction').to.have.length(1);
    const [look] = api.callsTo('conversations.history');
    expect(look.body).to.include({ channel: SAM_DM });
    expect(String(look.body.include_all_metadata)).to.equal('true');
    const row = introductionRow(h.id);
    expect(row.status).to.equal('sent');
    expect(w.nudges.outbox.liveCard(row.liveKey!)?.ref, 'later changes update the message Sam has').to.deep.include({
      conversationId: SAM_DM,
      messageId: firstTs,
    });
  });

  it('given the crash came before Slack got anything, then after the restart the introduction is posted once', async () => {
    api.failNext('chat.postMessage', { status: 503 });
    const h = w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    w.db
      .prepare(`UPDATE outbox SET status = 'sending', not_before = ? WHERE id = ?`)
      .run(w.clock.now().toISOString(), introductionRow(h.id).id);
    await w.nudges.dispatcher.stop();

    await restart();

    expect(api.callsTo('conversations.history'), 'it looked first').to.have.length(1);
    expect(api.conversation(SAM_DM)).to.have.length(1);
    expect(introductionRow(h.id).status).to.equal('sent');
  });

  it('given a message left half-sent, then the restarted outbox records the cut-short send as an attempt', async () => {
    const h = w.handoverService.introduce('jo', introduceInput());
    await w.nudges.dispatcher.runOnce();
    crashAfterSlackGotIt(h.id);
    expect(w.nudges.outbox.releaseSending()).to.equal(1);
    expect(introductionRow(h.id)).to.include({ status: 'pending', attempts: 1, lastError: INTERRUPTED });
  });
});

describe('Slack messenger: looking before sending again', () => {
  let api: FakeSlackApi;
  let fresh: () => SlackMessenger;
  const sam = { platform: 'slack' as const, tenant: FAKE_TEAM_ID, userId: SAM };

  beforeEach(async () => {
    api = new FakeSlackApi();
    const url = await api.start();
    api.addUser({ id: SAM, email: 'sam@example.org' });
    fresh = () =>
      new SlackMessenger(
        new webApi.WebClient('xoxb-test-not-real', {
          slackApiUrl: url,
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
        }),
      );
  });
  afterEach(() => api.stop());

  it('given the key is in the DM and the card changed since, then the same message is updated to the new card', async () => {
    const first = await fresh().sendToPerson(sam, contractCard('Waiting for Sam'), { idempotencyKey: 'k-1' });
    const again = await fresh().sendToPerson(sam, contractCard('Accepted by Sam'), {
      idempotencyKey: 'k-1',
      maybeSent: true,
    });
    expect(again).to.deep.equal(first);
    expect(api.callsTo('chat.postMessage')).to.have.length(1);
    expect(api.conversation(SAM_DM)[0].text).to.contain('Accepted by Sam');
  });

  it('given only other keys are in the DM, then the message is posted', async () => {
    await fresh().sendToPerson(sam, contractCard('Another'), { idempotencyKey: 'k-other' });
    await fresh().sendToPerson(sam, contractCard('This one'), { idempotencyKey: 'k-2', maybeSent: true });
    expect(api.conversation(SAM_DM)).to.have.length(2);
  });

  it('given no hint that it may have been sent, then Slack’s history is not read', async () => {
    await fresh().sendToPerson(sam, contractCard('Plain'), { idempotencyKey: 'k-3' });
    expect(api.callsTo('conversations.history')).to.have.length(0);
  });

  it('given an install without im:history, then the message is sent anyway (at least once)', async () => {
    api.failNext('conversations.history', { error: 'missing_scope' });
    await fresh().sendToPerson(sam, contractCard('Old install'), { idempotencyKey: 'k-4', maybeSent: true });
    expect(api.conversation(SAM_DM)).to.have.length(1);
  });

  it('given Slack rate-limits the look-up, then nothing is posted and the outbox is told to wait', async () => {
    api.failNext('conversations.history', { status: 429, retryAfter: 3 });
    const err = await fresh()
      .sendToPerson(sam, contractCard('Later'), { idempotencyKey: 'k-5', maybeSent: true })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).to.be.instanceOf(DeliveryError);
    expect((err as DeliveryError).kind).to.equal('rate_limited');
    expect(api.callsTo('chat.postMessage')).to.have.length(0);
  });
});
