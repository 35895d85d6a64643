// Slack as people live in it: a click changes its message once, a status change notifies the right person in the
// thread of their card, the fallback text says where things stand.
import { expect } from 'chai';
import { FORM, JSON_TYPE, commandBody, interactionBody, postSigned } from '../support/slack-sign.ts';
import { blockAction, loadPayload, slashCommand, viewBlockAction } from '../support/slack-payloads.ts';
import { SLACK_USERS, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';
import { introduceInput } from '../support/make.ts';
import type { RecordedCall } from '../support/fake-slack-api.ts';
import { OutboxStore } from '../../src/storage/outbox-store.ts';
import { eventually } from '../support/eventually.ts';

const TEAM = 'T0FAKE001';
const SAM_DM = 'D0SAM0001';
const JO_DM = 'D0JO00001';

function button(call: RecordedCall, actionId: string): { s: string; v?: number } {
  const blocks = call.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
  const b = blocks
    .flatMap((x) => (x.type === 'actions' ? (x.elements ?? []) : []))
    .find((e) => e.action_id === actionId);
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
    for (const id of ['jo', 'sam', 'alex'] as const)
      h.container.people.link(id, { platform: 'slack', tenant: TEAM, userId: SLACK_USERS[id] });
    handoverId = h.container.handoverService.introduce('jo', introduceInput()).id;
    const posts = await h.api.waitFor('chat.postMessage', 2);
    samCard = posts.find((p) => p.body.channel === SAM_DM)!;
    joReceipt = posts.find((p) => p.body.channel === JO_DM)!;
    // Both live cards have their message recorded before anyone clicks.
    await settled();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Every queued message has been delivered or skipped. */
  function settled() {
    const outbox = new OutboxStore(h.container.db);
    return eventually(() => {
      const c = outbox.counts();
      return c.pending === 0 && c.sending === 0;
    }, 'the outbox to empty');
  }

  const clickOnSamCard = (actionId: string) =>
    postSigned(
      h.eventsUrl,
      interactionBody(
        blockAction(SLACK_USERS.sam, actionId, button(samCard, actionId), {
          channel: SAM_DM,
          ts: String(samCard.response?.ts),
        }),
      ),
      FORM,
    );

  const threadReplies = (channel: string, parent: RecordedCall) =>
    h.api
      .callsTo('chat.postMessage')
      .filter((p) => p.body.channel === channel && p.body.thread_ts === parent.response?.ts);

  it('given Sam clicks Accept on his card, then that message is updated exactly once and Jo gets one threaded reply under her receipt', async () => {
    await clickOnSamCard('accept');
    const reply = await eventually(() => threadReplies(JO_DM, joReceipt)[0], 'a reply in the thread of Jo’s receipt');
    await eventually(() => h.api.callsTo('chat.update').some((u) => u.body.channel === SAM_DM), 'the click’s update');
    await settled();
    const clicked = h.api
      .callsTo('chat.update')
      .filter((u) => u.body.channel === SAM_DM && u.body.ts === samCard.response?.ts);
    expect(clicked).to.have.length(1);
    expect(String(reply.body.text)).to.match(
      /^Sam Patel accepted your introduction to Wellbeing Hub\. Follow-up by .+\.$/,
    );
    expect(JSON.stringify(reply.body)).not.to.contain('R.T.');
    expect(threadReplies(JO_DM, joReceipt)).to.have.length(1);
    expect(
      h.api.callsTo('chat.update').filter((u) => u.body.channel === JO_DM && u.body.ts === joReceipt.response?.ts),
    ).to.have.length(1);
    expect(
      h.api.callsTo('chat.postMessage').filter((p) => p.body.channel === SAM_DM && p.body.thread_ts),
    ).to.have.length(0);
  });

  it('given Sam accepted, when Jo withdraws the introduction, then Sam is told in the thread of his card and his card says it was withdrawn', async () => {
    await clickOnSamCard('accept');
    await settled();
    const withdraw = { s: handoverId, v: h.container.handovers.find(handoverId)!.version };
    await postSigned(
      h.eventsUrl,
      interactionBody(
        blockAction(SLACK_USERS.jo, 'withdraw_confirmed', withdraw, {
          channel: JO_DM,
          ts: String(joReceipt.response?.ts),
        }),
      ),
      FORM,
    );
    const reply = await eventually(() => threadReplies(SAM_DM, samCard)[0], 'a reply in the thread of Sam’s card');
    expect(String(reply.body.text)).to.match(/Jo Rivers withdrew/);
    await settled();
    const samUpdates = h.api.callsTo('chat.update').filter((u) => u.body.channel === SAM_DM);
    expect(String(samUpdates.at(-1)!.body.text)).to.match(/withdrawn/i);
  });

  it('given Sam never answered, when the introduction is escalated to his backup, then Sam is told in the thread of his card', async () => {
    h.container.handoverService.act(handoverId, { type: 'escalate', actorId: 'system', backupIds: ['alex'] });
    const reply = await eventually(() => threadReplies(SAM_DM, samCard)[0], 'a reply in the thread of Sam’s card');
    expect(String(reply.body.text)).to.match(/backup contacts/);
  });

  it('given Sam accepts, then the fallback text of his card says it was accepted, not that it was just sent', async () => {
    expect(String(samCard.body.text)).to.equal('Introduction from Jo Rivers to Wellbeing Hub');
    await clickOnSamCard('accept');
    const update = await eventually(
      () => h.api.callsTo('chat.update').find((u) => u.body.channel === SAM_DM),
      'the update of Sam’s card',
    );
    expect(String(update.body.text)).to.match(/accepted by you/i);
  });
});

describe('Slack in use: the App Home and "/handover status" work', () => {
  let h: SlackHarness;
  let handoverId: string;

  beforeEach(async () => {
    h = await startSlackHarness();
    for (const id of ['jo', 'sam', 'alex'] as const)
      h.container.people.link(id, { platform: 'slack', tenant: TEAM, userId: SLACK_USERS[id] });
    handoverId = h.container.handoverService.introduce('jo', introduceInput()).id;
    await h.api.waitFor('chat.postMessage', 2);
  });
  afterEach(async () => {
    await h.close();
  });

  type HomeBlock = { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] };
  const blocksOf = (call: RecordedCall) => (call.body.view as { blocks: HomeBlock[] }).blocks;
  const buttonIds = (call: RecordedCall) =>
    blocksOf(call)
      .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
      .map((e) => e.action_id);
  const openHome = () => postSigned(h.eventsUrl, JSON.stringify(loadPayload('app-home-opened')), JSON_TYPE);
  const homeClick = (actionId: string, value: { s: string; v?: number }) =>
    postSigned(
      h.eventsUrl,
      interactionBody(viewBlockAction(SLACK_USERS.sam, actionId, value, { id: 'V0HOME0001', type: 'home' })),
      FORM,
    );

  it('given Sam opens the App Home, then the introduction waiting for him shows the client’s first name with Accept, Decline and Pass, and the start buttons', async () => {
    await openHome();
    const [publish] = await h.api.waitFor('views.publish');
    const text = blocksOf(publish)
      .map((b) => b.text?.text ?? '')
      .join('\n');
    expect(text).to.contain('R.T. from Jo Rivers').and.not.contain(handoverId);
    expect(buttonIds(publish)).to.include.members([
      'accept',
      'decline',
      'pass',
      'introduce_start',
      'opportunity_start',
    ]);
  });

  it('given Sam has opened the App Home, when he accepts from it, then the tab is published again without Accept and the accepted card opens in a modal that closes with "Done"', async () => {
    await openHome();
    const [first] = await h.api.waitFor('views.publish');
    const accept = blocksOf(first)
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'accept')!;
    await homeClick('accept', JSON.parse(accept.value));
    const [, again] = await h.api.waitFor('views.publish', 2);
    expect(again.body.user_id).to.equal(SLACK_USERS.sam);
    expect(buttonIds(again)).not.to.include('accept');
    const [modal] = await h.api.waitFor('views.open');
    const view = modal.body.view as { title: { text: string }; close: { text: string } };
    expect(view.close.text).to.equal('Done');
    expect(view.title.text).to.equal('Introduction');
    expect(h.container.handovers.find(handoverId)?.state).to.equal('accepted');
  });

  it('given the App Home, when Sam presses "Introduce a client", then the introduce modal opens on the directory search', async () => {
    await homeClick('introduce_start', { s: 'directory' });
    const [open] = await h.api.waitFor('views.open');
    expect((open.body.view as { callback_id: string }).callback_id).to.equal('introduce');
  });

  it('given Jo types "/handover status", then a modal lists what she introduced with Open, and it closes with "Done"', async () => {
    await postSigned(h.eventsUrl, commandBody(slashCommand({ text: 'status' })), FORM);
    const [open] = await h.api.waitFor('views.open');
    const view = open.body.view as { title: { text: string }; close: { text: string }; blocks: HomeBlock[] };
    expect(view.title.text).to.equal('My introductions');
    expect(view.close.text).to.equal('Done');
    expect(JSON.stringify(view.blocks)).to.contain('R.T. to Sam Patel at Wellbeing Hub');
    expect(view.blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id)).to.include('open_handover');
  });

  it('given Sam clicks Decline, then the modal title is written to fit ("Decline"), not cut', async () => {
    const card = h.api.callsTo('chat.postMessage').find((p) => p.body.channel === SAM_DM)!;
    await postSigned(
      h.eventsUrl,
      interactionBody(
        blockAction(SLACK_USERS.sam, 'decline', button(card, 'decline'), {
          channel: SAM_DM,
          ts: String(card.response?.ts),
        }),
      ),
      FORM,
    );
    const [open] = await h.api.waitFor('views.open');
    expect((open.body.view as { title: { text: string } }).title.text).to.equal('Decline');
  });
});

describe('Slack in use: a card with many notes', () => {
  let h: SlackHarness;
  let handoverId: string;

  beforeEach(async () => {
    h = await startSlackHarness();
    for (const id of ['jo', 'sam'] as const)
      h.container.people.link(id, { platform: 'slack', tenant: TEAM, userId: SLACK_USERS[id] });
    handoverId = h.container.handoverService.introduce('jo', introduceInput()).id;
    await h.api.waitFor('chat.postMessage', 2);
    h.container.handoverService.act(handoverId, { type: 'accept', actorId: 'sam' });
    for (let i = 1; i <= 60; i++)
      h.container.handoverService.act(handoverId, {
        type: 'add_note',
        actorId: i % 2 ? 'jo' : 'sam',
        text: `Note number ${i}`,
      });
  });
  afterEach(async () => {
    await h.close();
  });

  it('given 60 notes, then Sam’s card stays within 50 blocks, shows the newest note first and offers "All notes", which opens every note in a modal closed with "Done"', async () => {
    const update = await eventually(
      () =>
        h.api
          .callsTo('chat.update')
          .find((u) => u.body.channel === SAM_DM && JSON.stringify(u.body.blocks).includes('Note number 60')),
      'Sam’s card with the newest note',
    );
    const blocks = update.body.blocks as {
      type: string;
      text?: { text: string };
      elements?: { action_id: string; value: string }[];
    }[];
    expect(blocks.length).to.be.at.most(50);
    const text = blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(text.indexOf('Note number 60')).to.be.lessThan(text.indexOf('Note number 59'));
    expect(text).not.to.contain('Some details are not shown here');
    const all = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'all_notes')!;
    await postSigned(
      h.eventsUrl,
      interactionBody(
        blockAction(SLACK_USERS.sam, 'all_notes', JSON.parse(all.value), {
          channel: SAM_DM,
          ts: String(update.body.ts),
        }),
      ),
      FORM,
    );
    const [open] = await h.api.waitFor('views.open');
    const view = open.body.view as {
      title: { text: string };
      close: { text: string };
      blocks: { text?: { text: string } }[];
    };
    const notes = view.blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(view.title.text).to.equal('All notes');
    expect(view.close.text).to.equal('Done');
    expect(notes.match(/Note number \d+/g)).to.have.length(60);
    expect(notes.indexOf('Note number 60')).to.be.lessThan(notes.indexOf('Note number 2\n'));
  });
});
