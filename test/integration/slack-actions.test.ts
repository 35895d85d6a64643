// Slack: the named contact answers from the DM; others can't; the receipt and App Home follow along.
import { expect } from 'chai';
import { FORM, JSON_TYPE, interactionBody, postSigned } from '../support/slack-sign.ts';
import { blockAction, loadPayload, viewSubmission } from '../support/slack-payloads.ts';
import { SLACK_USERS, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';
import { introduceInput } from '../support/make.ts';
import type { RecordedCall } from '../support/fake-slack-api.ts';
import { eventually } from '../support/eventually.ts';

const TEAM = 'T0FAKE001';
const SAM_DM = 'D0SAM0001';
const JO_DM = 'D0JO00001';

function buttons(call: RecordedCall): { action_id: string; value: string }[] {
  const blocks = call.body.blocks as {
    type: string;
    elements?: { type: string; action_id: string; value: string }[];
  }[];
  return blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).filter((e) => e.type === 'button');
}

function button(call: RecordedCall, actionId: string): { s: string; v?: number } {
  const b = buttons(call).find((x) => x.action_id === actionId);
  if (!b) throw new Error(`no ${actionId} button on the card`);
  return JSON.parse(b.value);
}

describe('Slack: answering an introduction', () => {
  let h: SlackHarness;
  let handoverId: string;
  let samCard: RecordedCall;

  beforeEach(async () => {
    h = await startSlackHarness();
    for (const id of ['jo', 'sam', 'pat'] as const)
      h.container.people.link(id, { platform: 'slack', tenant: TEAM, userId: SLACK_USERS[id] });
    handoverId = h.container.handoverService.introduce('jo', introduceInput()).id;
    const posts = await h.api.waitFor('chat.postMessage', 2);
    samCard = posts.find((p) => p.body.channel === SAM_DM)!;
  });
  afterEach(async () => {
    await h.close();
  });

  const click = (user: string, actionId: string, value: { s: string; v?: number }) =>
    postSigned(
      h.eventsUrl,
      interactionBody(blockAction(user, actionId, value, { channel: SAM_DM, ts: String(samCard.response?.ts) })),
      FORM,
    );

  it('given Sam clicks Accept, then the DM updates in place with the contact details and the follow-up buttons', async () => {
    const res = await click(SLACK_USERS.sam, 'accept', button(samCard, 'accept'));
    expect(res.status).to.equal(200);
    const updates = await h.api.waitFor('chat.update');
    const inPlace = updates.find((u) => u.body.channel === SAM_DM && u.body.ts === samCard.response?.ts)!;
    expect(JSON.stringify(inPlace.body.blocks)).to.contain('07700 900123');
    expect(buttons(inPlace).map((b) => b.action_id)).to.include.members([
      'confirm_contact',
      'report_unreachable',
      'snooze',
    ]);
    expect(h.container.handovers.find(handoverId)?.state).to.equal('accepted');
  });

  it('given Jo’s receipt, when Sam accepts, then the receipt is updated in place, not sent again', async () => {
    const receipt = h.api.callsTo('chat.postMessage').find((p) => p.body.channel === JO_DM)!;
    await click(SLACK_USERS.sam, 'accept', button(samCard, 'accept'));
    await h.api.waitFor('chat.update', 2);
    const updated = await eventually(
      () => h.api.callsTo('chat.update').find((u) => u.body.channel === JO_DM),
      'the update of Jo’s receipt',
    );
    expect(updated?.body.ts).to.equal(receipt.response?.ts);
    expect(JSON.stringify(updated?.body.blocks)).to.match(/Accepted/);
    // The receipt is not posted again; the threaded reply that tells Jo what changed sits under it.
    expect(
      h.api.callsTo('chat.postMessage').filter((p) => p.body.channel === JO_DM && !p.body.thread_ts),
    ).to.have.length(1);
  });

  it('given a double click on Accept, then the introduction is accepted once', async () => {
    const value = button(samCard, 'accept');
    const [a, b] = await Promise.all([
      click(SLACK_USERS.sam, 'accept', value),
      click(SLACK_USERS.sam, 'accept', value),
    ]);
    expect([a.status, b.status]).to.deep.equal([200, 200]);
    await h.api.waitFor('chat.update', 2);
    expect(h.container.handovers.audit(handoverId).filter((e) => e.event === 'accepted')).to.have.length(1);
  });

  it('given Pat is not the named contact, when Pat clicks Accept, then only Pat sees "This introduction is for Sam Patel"', async () => {
    await click(SLACK_USERS.pat, 'accept', button(samCard, 'accept'));
    const [ephemeral] = await h.api.waitFor('chat.postEphemeral');
    expect(ephemeral.body.user).to.equal(SLACK_USERS.pat);
    expect(String(ephemeral.body.text)).to.match(/This introduction is for Sam Patel/);
    expect(h.container.handovers.find(handoverId)?.state).to.equal('sent');
  });

  it('given someone Slack knows but the directory does not, when they click Accept, then only they are told how to get added', async () => {
    h.api.addUser({ id: 'U0STRANGE1', email: 'someone@elsewhere.example', teamId: TEAM });
    const res = await click('U0STRANGE1', 'accept', button(samCard, 'accept'));
    expect(res.status).to.equal(200);
    const [ephemeral] = await h.api.waitFor('chat.postEphemeral');
    expect(ephemeral.body).to.deep.include({ user: 'U0STRANGE1', channel: SAM_DM });
    expect(String(ephemeral.body.text)).to.match(/couldn.t match your Slack account/);
    expect(h.container.handovers.find(handoverId)?.state).to.equal('sent');
  });

  it('given a button whose value was not made by us, when Sam clicks it, then only Sam is told it is not valid any more', async () => {
    const body = blockAction(
      SLACK_USERS.sam,
      'accept',
      { s: handoverId },
      { channel: SAM_DM, ts: String(samCard.response?.ts) },
    ) as { actions: { value: string }[] };
    body.actions[0].value = 'not-json{';
    const res = await postSigned(h.eventsUrl, interactionBody(body), FORM);
    expect(res.status).to.equal(200);
    const [ephemeral] = await h.api.waitFor('chat.postEphemeral');
    expect(ephemeral.body.user).to.equal(SLACK_USERS.sam);
    expect(String(ephemeral.body.text)).to.match(/not valid any more/);
    expect(h.container.handovers.find(handoverId)?.state).to.equal('sent');
  });

  it('given the database refuses the change, when Sam clicks Accept, then Slack still gets its 200, Sam is told to try again and nothing changed', async () => {
    h.container.db.exec(
      "CREATE TEMP TRIGGER refuse BEFORE UPDATE ON handovers BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    );
    const res = await click(SLACK_USERS.sam, 'accept', button(samCard, 'accept'));
    expect(res.status).to.equal(200);
    const [ephemeral] = await h.api.waitFor('chat.postEphemeral');
    expect(ephemeral.body.user).to.equal(SLACK_USERS.sam);
    expect(String(ephemeral.body.text)).to.match(/Something went wrong on our side. Please try again/);
    h.container.db.exec('DROP TRIGGER refuse');
    expect(h.container.handovers.find(handoverId)?.state).to.equal('sent');
    expect(h.api.callsTo('chat.update').filter((u) => u.body.channel === SAM_DM)).to.have.length(0);
  });

  it('given Sam clicks Decline, then a modal asks for the reason; without one the error sits on the reason', async () => {
    await click(SLACK_USERS.sam, 'decline', button(samCard, 'decline'));
    const [open] = await h.api.waitFor('views.open');
    const view = open.body.view as { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] };
    expect(view.blocks.map((b) => b.block_id)).to.include('reason');
    const empty = await postSigned(
      h.eventsUrl,
      interactionBody(viewSubmission(SLACK_USERS.sam, view, { note: 'Sorry' }, 'V0DECLINE1')),
      FORM,
    );
    expect((empty.json() as { errors: Record<string, string> }).errors).to.have.property('reason');
    const done = await postSigned(
      h.eventsUrl,
      interactionBody(
        viewSubmission(SLACK_USERS.sam, view, { reason: 'no_capacity', note: 'Full until March' }, 'V0DECLINE1'),
      ),
      FORM,
    );
    expect(done.status).to.equal(200);
    expect(h.container.handovers.find(handoverId)?.state).to.equal('declined');
  });

  it('given Sam opens the App Home, then "Waiting for you" lists the client’s first name with its reply-by date', async () => {
    const res = await postSigned(h.eventsUrl, JSON.stringify(loadPayload('app-home-opened')), JSON_TYPE);
    expect(res.status).to.equal(200);
    const [publish] = await h.api.waitFor('views.publish');
    expect(publish.body.user_id).to.equal(SLACK_USERS.sam);
    const text = JSON.stringify(publish.body.view);
    expect(text).to.contain('Waiting for you').and.contain('R.T. from Jo Rivers').and.contain('reply by');
  });

  it('given Slack retries the App Home event, then it is handled once', async () => {
    const body = JSON.stringify(loadPayload('app-home-opened'));
    await postSigned(h.eventsUrl, body, JSON_TYPE);
    await h.api.waitFor('views.publish');
    await postSigned(h.eventsUrl, body, JSON_TYPE, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    // A later request that surely ran after the retry: by then a second publish would have happened.
    await postSigned(h.eventsUrl, interactionBody(loadPayload('shortcut')), FORM);
    await h.api.waitFor('views.open');
    expect(h.api.callsTo('views.publish')).to.have.length(1);
  });
});
