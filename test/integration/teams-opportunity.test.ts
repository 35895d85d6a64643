// Peer groups in Teams, with real Activity JSON against a fake Bot Connector: "opportunity" (1:1 or an @mention in a
// channel) and the message extension open the "Post an opportunity" dialog; submitting posts one card to the chosen
// channel; "Introduce a client to this" on that card opens the introduce dialog privately for whoever clicked and
// never touches the channel; after the deadline the sweep turns the channel card into "Closed" in place.
import { expect } from 'chai';
import type { NudgeSystem } from '../../src/scheduler/wiring.ts';
import { OpportunityStore } from '../../src/storage/opportunity-store.ts';
import { introduceInput } from '../support/make.ts';
import { opportunityInput } from '../support/opportunity-world.ts';
import { activity, TEAMS_USERS, TENANT_ID } from '../fixtures/teams/activities.ts';
import {
  startTeamsWorld,
  teamsNudges,
  unlimitedDispatcher,
  type Reply,
  type TeamsWorld,
  type Who,
} from '../support/teams-world.ts';
import { actionsOf, inputsOf } from '../fixtures/teams/card-parts.ts';

const CHANNEL = '19:peer-group-lambeth@thread.tacv2';
const TEAM_NAME = 'Lambeth employment peers';
const OTHER_TENANT = '5b3c0c6e-0000-4000-8000-0000000000b2';
const OTHER_CHANNEL = '19:somebody-elses-team@thread.tacv2';
/** What Jo types into the dialog (a provider's offer: nothing about a client). */
const OFFER: Record<string, unknown> = { ...opportunityInput(), serviceId: 'svc-mind-lambeth', channels: CHANNEL };
/** The client Kim introduces from the card: none of this may ever reach the channel. */
const CLIENT_WORDS = ['R.T.', 'Feeling anxious about starting work again.', '07700 900123'];

type Json = Record<string, unknown>;
function dialog(reply: { body: Reply | undefined }): { title: string; card: unknown } {
  expect(reply.body!.task!.type, JSON.stringify(reply.body)).to.equal('continue');
  const value = reply.body!.task!.value as { title: string; card: { contentType: string; content: unknown } };
  expect(value.card.contentType).to.equal('application/vnd.microsoft.card.adaptive');
  return { title: value.title, card: value.card.content };
}

/** What Teams sends when the dialog's button is pressed untouched: the button's data and every input's value. */
function submitData(card: unknown): Json {
  const submit = actionsOf(card).find((a) => a.type === 'Action.Submit');
  const values = Object.fromEntries(
    inputsOf(card)
      .filter((i) => i.value !== undefined)
      .map((i) => [i.id, i.value]),
  );
  return { ...(submit!.data ?? {}), ...values };
}

const count = (w: TeamsWorld, table: string) =>
  (w.container.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('Teams: opportunities in peer-group channels', () => {
  let w: TeamsWorld;
  let nudges: NudgeSystem;

  beforeEach(async () => {
    w = await startTeamsWorld();
    nudges = teamsNudges(w, {
      dispatcher: unlimitedDispatcher(),
      extraJobs: [(now) => w.container.opportunities.closeExpired(now)],
    });
    for (const who of ['jo', 'sam', 'kim'] as const) w.linkTeams(who, true);
    const install = activity('conversation-update-team-install', TEAMS_USERS.jo, w.connector.url, {
      teamId: CHANNEL,
      teamName: TEAM_NAME,
    });
    expect((await w.post(install)).status).to.equal(200);
    w.connector.reset();
  });
  afterEach(async () => {
    await nudges.stop();
    await w.stop();
  });

  const inChannel = (
    name: 'channel-task-fetch' | 'channel-task-submit',
    who: Who,
    data: Json,
    messageId = '1700000000101',
  ) => {
    const a = activity(name, TEAMS_USERS[who], w.connector.url, { channelId: CHANNEL, messageId });
    (a.value as Json).data = data;
    return a;
  };

  /** Jo @mentions the bot with "opportunity" in the channel and opens the dialog from its answer. */
  async function openFromChannel(): Promise<{ title: string; card: unknown }> {
    await w.post(
      activity('channel-message-mention', TEAMS_USERS.jo, w.connector.url, { channelId: CHANNEL, text: 'opportunity' }),
    );
    const answer = w.connector.sent().find((c) => c.conversationId === `${CHANNEL};messageid=1700000000101`)!;
    const button = actionsOf(answer.body.attachments)[0];
    return dialog(await w.post(inChannel('channel-task-fetch', 'jo', button.data!)));
  }

  /** Posts Jo's offer through the dialog and delivers the outbox; returns the channel's one message. */
  async function postOffer(): Promise<{ id: string; body: Json }> {
    const { card } = await openFromChannel();
    const res = await w.post(inChannel('channel-task-submit', 'jo', { ...submitData(card), ...OFFER }));
    expect(res.body!.task!.type, JSON.stringify(res.body)).to.equal('message');
    await nudges.dispatcher.runOnce();
    const posted = w.connector.conversation(CHANNEL);
    expect(posted).to.have.length(1);
    return posted[0];
  }

  it('given Jo @mentions "opportunity" in the channel, then the answer opens the dialog on the shared form with this channel chosen', async () => {
    const { title, card } = await openFromChannel();
    expect(title).to.equal('Post an opportunity');
    const inputs = inputsOf(card);
    expect(inputs.map((i) => i.id)).to.include.members([
      'title',
      'provider',
      'type',
      'deadline',
      'whoFor',
      'howToJoin',
      'serviceId',
      'channels',
    ]);
    const channels = inputs.find((i) => i.id === 'channels')!;
    expect(channels.choices!.map((ch) => ch.value)).to.deep.equal([CHANNEL]);
    expect(channels.value).to.equal(CHANNEL);
    expect(JSON.stringify(card)).not.to.match(/client name|clientName|consent/i);
  });

  it('given Jo says "opportunity" in her 1:1 chat, then she gets a button that opens the same dialog', async () => {
    await w.post({ ...activity('message', TEAMS_USERS.jo, w.connector.url), text: 'opportunity' });
    const [answer] = w.connector.sent();
    expect(answer.conversationId).to.equal(TEAMS_USERS.jo.conversationId);
    const button = actionsOf(answer.body.attachments)[0];
    expect(button.data).to.deep.include({ msteams: { type: 'task/fetch' }, actionId: 'opportunity_start' });
    const fetch = activity('task-fetch', TEAMS_USERS.jo, w.connector.url);
    (fetch.value as Json).data = button.data;
    expect(dialog(await w.post(fetch)).title).to.equal('Post an opportunity');
  });

  it('when the dialog is submitted with a field missing, then the form comes back saying what to fix and nothing is posted', async () => {
    const { card } = await openFromChannel();
    const res = await w.post(inChannel('channel-task-submit', 'jo', { ...submitData(card), ...OFFER, whoFor: '' }));
    const again = dialog(res);
    expect(again.title).to.equal('Post an opportunity');
    expect(JSON.stringify(again.card)).to.match(/who it is for/i);
    expect(inputsOf(again.card).find((i) => i.id === 'title')!.value).to.equal(OFFER.title);
    expect(count(w, 'opportunities')).to.equal(0);
    await nudges.dispatcher.runOnce();
    expect(w.connector.conversation(CHANNEL)).to.deep.equal([]);
  });

  it('when Jo posts through the dialog, then one card goes to the channel conversation, with the offer, an introduce button and no client details', async () => {
    w.container.handoverService.introduce('jo', introduceInput()); // a client exists elsewhere in the system
    const posted = await postOffer();
    const call = w.connector.sent().find((c) => c.conversationId === CHANNEL)!;
    expect(call.method).to.equal('POST');
    expect(call.path).to.match(new RegExp(`^/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`));
    const text = JSON.stringify(posted.body);
    expect(text).to.contain('Confidence and wellbeing group');
    for (const words of CLIENT_WORDS) expect(text).not.to.contain(words);
    const introduce = actionsOf(posted.body.attachments).find((a) => a.title === 'Introduce a client to this')!;
    expect(introduce.type).to.equal('Action.Submit');
    expect(introduce.data).to.deep.include({ msteams: { type: 'task/fetch' }, actionId: 'introduce_to_opportunity' });
  });

  it('when the dialog is submitted twice at once (a double click), then the opportunity is posted once', async () => {
    const { card } = await openFromChannel();
    const submit = inChannel('channel-task-submit', 'jo', { ...submitData(card), ...OFFER });
    const [a, b] = await Promise.all([w.post(submit), w.post(submit)]);
    expect([a.body!.task!.type, b.body!.task!.type]).to.deep.equal(['message', 'message']);
    expect(String(a.body!.task!.value)).to.match(/Opportunity posted/);
    expect(count(w, 'opportunities')).to.equal(1);
    await nudges.dispatcher.runOnce();
    expect(w.connector.conversation(CHANNEL)).to.have.length(1);
  });

  it("a submit naming another tenant's channel or scope is refused: Teams posts only to this tenant's peer groups", async () => {
    new OpportunityStore(w.container.db).registerPeerGroup(
      { platform: 'teams', tenant: OTHER_TENANT, channelId: OTHER_CHANNEL },
      'Not ours',
      null,
      w.clock.now().toISOString(),
    );
    const { card } = await openFromChannel();
    const res = await w.post(
      inChannel('channel-task-submit', 'jo', {
        ...submitData(card),
        ...OFFER,
        subjectId: `teams:${OTHER_TENANT}`,
        channels: OTHER_CHANNEL,
      }),
    );
    expect(JSON.stringify(dialog(res).card)).to.match(/not a peer group here/);
    expect(count(w, 'opportunities')).to.equal(0);
  });

  it('when Kim presses "Introduce a client to this" on the channel card, then the introduce dialog opens for her only and the channel is left as it was', async () => {
    const posted = await postOffer();
    const button = actionsOf(posted.body.attachments).find((a) => a.title === 'Introduce a client to this')!;
    w.connector.reset();

    const opened = dialog(await w.post(inChannel('channel-task-fetch', 'kim', button.data!, posted.id)));
    expect(opened.title).to.equal('Introduce a client');
    const inputs = inputsOf(opened.card);
    expect(inputs.map((i) => i.id)).to.include.members(['opportunityId', 'clientName', 'needs', 'consent']);
    expect(JSON.stringify(opened.card)).to.contain('Sam Patel');
    expect(w.connector.calls, 'nothing is sent to or changed in the channel').to.have.length(0);

    const sent = await w.post(
      inChannel(
        'channel-task-submit',
        'kim',
        { ...submitData(opened.card), ...introduceInput({ consent: 'true' }) },
        posted.id,
      ),
    );
    expect(sent.body!.task!.type).to.equal('message');
    const h = w.container.db.prepare('SELECT introducer_id, contact_id, opportunity_id FROM handovers').get() as Json;
    expect(h).to.deep.include({ introducer_id: 'kim', contact_id: 'sam' });
    expect(h.opportunity_id).to.be.a('string');

    await nudges.dispatcher.runOnce();
    expect(w.connector.calls.filter((c) => (c.conversationId ?? '').startsWith(CHANNEL))).to.have.length(0);
    expect(w.connector.conversation(TEAMS_USERS.sam.conversationId)).to.have.length(1);
    expect(JSON.stringify(w.connector.conversation(CHANNEL))).not.to.contain('R.T.');
  });

  it('when Kim sends the introduction from the card twice at once, then Sam gets one introduction; once closed, the button explains instead', async () => {
    const posted = await postOffer();
    const button = actionsOf(posted.body.attachments).find((a) => a.title === 'Introduce a client to this')!;
    const opened = dialog(await w.post(inChannel('channel-task-fetch', 'kim', button.data!, posted.id)));
    const submit = inChannel(
      'channel-task-submit',
      'kim',
      { ...submitData(opened.card), ...introduceInput({ consent: 'true' }) },
      posted.id,
    );
    await Promise.all([w.post(submit), w.post(submit)]);
    expect(count(w, 'handovers')).to.equal(1);

    w.container.opportunities.close(String(button.data!.subjectId), 'jo');
    const again = await w.post(inChannel('channel-task-fetch', 'kim', button.data!, posted.id));
    expect(again.body!.task!.type).to.equal('message');
    expect(String(again.body!.task!.value)).to.match(/closed/i);
  });

  it('given an old card sends "Introduce a client to this" as Action.Execute, then the person is told it opens privately and the card is not replaced', async () => {
    const posted = await postOffer();
    const opportunityId = String(
      actionsOf(posted.body.attachments).find((a) => a.title === 'Introduce a client to this')!.data!.subjectId,
    );
    const press = activity('invoke-adaptive-card-action', TEAMS_USERS.kim, w.connector.url, {
      verb: 'introduce_to_opportunity',
      subjectId: opportunityId,
    });
    const res = await w.post({
      ...press,
      conversation: {
        isGroup: true,
        conversationType: 'channel',
        tenantId: TENANT_ID,
        id: `${CHANNEL};messageid=${posted.id}`,
      },
    });
    expect(res.body).to.include({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(String(res.body!.value)).to.match(/private dialog/);
  });

  it('after the deadline, the sweep turns the channel card into "Closed" in place (a PUT to the same channel activity)', async () => {
    const posted = await postOffer();
    w.clock.set('2026-12-02T00:00:30Z');
    nudges.sweep();
    await nudges.dispatcher.runOnce();
    const [put] = w.connector.updated();
    expect(put.path).to.equal(`/v3/conversations/${encodeURIComponent(CHANNEL)}/activities/${posted.id}`);
    const text = JSON.stringify(put.body);
    expect(text).to.contain('Closed: Confidence and wellbeing group');
    expect(actionsOf(put.body.attachments)).to.deep.equal([]);
    expect(w.connector.conversation(CHANNEL)).to.have.length(1);
  });

  it('the message extension "Post an opportunity" opens the dialog in the channel and its submit posts the card', async () => {
    const fetched = await w.post(
      activity('compose-extension-channel-fetch-task', TEAMS_USERS.jo, w.connector.url, {
        channelId: CHANNEL,
        commandId: 'postOpportunity',
      }),
    );
    const { title, card } = dialog(fetched);
    expect(title).to.equal('Post an opportunity');
    expect(inputsOf(card).find((i) => i.id === 'channels')!.value).to.equal(CHANNEL);
    const submit = activity('compose-extension-channel-submit-action', TEAMS_USERS.jo, w.connector.url, {
      channelId: CHANNEL,
      commandId: 'postOpportunity',
    });
    (submit.value as Json).data = { ...submitData(card), ...OFFER };
    const res = await w.post(submit);
    expect(res.body!.task!.type).to.equal('message');
    await nudges.dispatcher.runOnce();
    expect(JSON.stringify(w.connector.conversation(CHANNEL))).to.contain('Confidence and wellbeing group');
  });

  it('given a tenant with no peer group yet, then "Post an opportunity" explains how to add the app to a channel', async () => {
    w.container.db.prepare('DELETE FROM peer_groups').run();
    const fetched = await w.post(
      activity('compose-extension-channel-fetch-task', TEAMS_USERS.jo, w.connector.url, {
        channelId: CHANNEL,
        commandId: 'postOpportunity',
      }),
    );
    expect(fetched.body!.task!.type).to.equal('message');
    expect(String(fetched.body!.task!.value)).to.match(/Add Warm Handover to your team/);
  });
});
