// Slack as people live in it: a click changes its message once, a status change notifies the right person in the
// thread of their card, the fallback text says where things stand.
import { expect } from 'chai';
import { FORM, interactionBody, postSigned } from '../fixtures/slack-sign.ts';
import { blockAction } from '../fixtures/slack-payloads.ts';
import { SLACK_USERS, startSlackHarness, type SlackHarness } from '../fixtures/slack-harness.ts';
import { introduceInput } from '../fixtures/make.ts';
import type { RecordedCall } from '../fixtures/fake-slack-api.ts';
import { OutboxStore } from '../../src/storage/outbox-store.ts';
import { eventually } from '../support/eventually.ts';

const TEAM = 'T0FAKE001';
const SAM_DM = 'D0SAM0001';
const JO_DM = 'D0JO00001';

function button(call: RecordedCall, actionId: string): { s: string; v?: number } {
  const blocks = call.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
  const b = blocks.flatMap((x) => (x.type === 'actions' ? x.elements ?? [] : [])).find((e) => e.action_id === actionId);
  if (!b) throw new Error(`no ${actionId} button on the card`);
  return JSON.parse(b.value);
}

describe('Slack in use: people notice what changed', () => {
  let h: SlackHarness;
  let handoverId: string;
  let samCard: RecordedCall;
  let joReceipt: RecordedCall;

  beforeEach(async () => {
    h = await startSlackHarness();
    for (const id of ['jo', 'sam', 'alex'] as const) h.container.people.link(id, { platform: 'slack', tenant: TEAM, userId: SLACK_USERS[id] });
    handoverId = h.container.app.introduce('jo', introduceInput()).id;
    const posts = await h.api.waitFor('chat.postMessage', 2);
    samCard = posts.find((p) => p.body.channel === SAM_DM)!;
    joReceipt = posts.find((p) => p.body.channel === JO_DM)!;
    // Both live cards have their message recorded before anyone clicks.
    await settled();
  });
  afterEach(async () => { await h.close(); });

  /** Every queued message has been delivered or skipped. */
  function settled() {
    const outbox = new OutboxStore(h.container.db);
    return eventually(() => { const c = outbox.counts(); return c.pending === 0 && c.sending === 0; }, 'the outbox to empty');
  }

  const clickOnSamCard = (actionId: string) =>
    postSigned(h.eventsUrl, interactionBody(blockAction(SLACK_USERS.sam, actionId, button(samCard, actionId), { channel: SAM_DM, ts: String(samCard.response?.ts) })), FORM);

  const threadReplies = (channel: string, parent: RecordedCall) =>
    h.api.callsTo('chat.postMessage').filter((p) => p.body.channel === channel && p.body.thread_ts === parent.response?.ts);

  it('given Sam clicks Accept on his card, then that message is updated exactly once and Jo gets one threaded reply under her receipt', async () => {
    await clickOnSamCard('accept');
    const reply = await eventually(() => threadReplies(JO_DM, joReceipt)[0], 'a reply in the thread of Jo’s receipt');
    await eventually(() => h.api.callsTo('chat.update').some((u) => u.body.channel === SAM_DM), 'the click’s update');
    await settled();
    const clicked = h.api.callsTo('chat.update').filter((u) => u.body.channel === SAM_DM && u.body.ts === samCard.response?.ts);
    expect(clicked).to.have.length(1);
    expect(String(reply.body.text)).to.match(/Sam Patel accepted your introduction/);
    expect(threadReplies(JO_DM, joReceipt)).to.have.length(1);
    expect(h.api.callsTo('chat.update').filter((u) => u.body.channel === JO_DM && u.body.ts === joReceipt.response?.ts)).to.have.length(1);
    expect(h.api.callsTo('chat.postMessage').filter((p) => p.body.channel === SAM_DM && p.body.thread_ts)).to.have.length(0);
  });

  it('given Sam accepted, when Jo withdraws the introduction, then Sam is told in the thread of his card and his card says it was withdrawn', async () => {
    await clickOnSamCard('accept');
    await settled();
    const withdraw = { s: handoverId, v: h.container.handovers.find(handoverId)!.version };
    await postSigned(h.eventsUrl, interactionBody(blockAction(SLACK_USERS.jo, 'withdraw', withdraw, { channel: JO_DM, ts: String(joReceipt.response?.ts) })), FORM);
    const reply = await eventually(() => threadReplies(SAM_DM, samCard)[0], 'a reply in the thread of Sam’s card');
    expect(String(reply.body.text)).to.match(/Jo Rivers withdrew/);
    await settled();
    const samUpdates = h.api.callsTo('chat.update').filter((u) => u.body.channel === SAM_DM);
    expect(String(samUpdates.at(-1)!.body.text)).to.match(/withdrawn/i);
  });

  it('given Sam never answered, when the introduction is escalated to his backup, then Sam is told in the thread of his card', async () => {
    h.container.app.act(handoverId, { type: 'escalate', actorId: 'system', backupIds: ['alex'] });
    const reply = await eventually(() => threadReplies(SAM_DM, samCard)[0], 'a reply in the thread of Sam’s card');
    expect(String(reply.body.text)).to.match(/backup contacts/);
  });

  it('given Sam accepts, then the fallback text of his card says it was accepted, not that it was just sent', async () => {
    expect(String(samCard.body.text)).to.match(/waiting for your answer/i);
    await clickOnSamCard('accept');
    const update = await eventually(() => h.api.callsTo('chat.update').find((u) => u.body.channel === SAM_DM), 'the update of Sam’s card');
    expect(String(update.body.text)).to.match(/accepted by you/i);
  });
});
