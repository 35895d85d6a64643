// Peer groups on Slack: the bot joining a channel makes it a peer group; /opportunity opens the shared form as a modal;
// submitting posts the card to the channel (never any client data); "Introduce a client to this" opens the introduce
// modal privately for the person who clicked, and sending it leaves the channel message as it was.
import { expect } from 'chai';
import { FAKE_BOT_USER, FAKE_TEAM_ID } from '../support/fake-slack-api.ts';
import { blockAction, loadPayload, slashCommand } from '../support/slack-payloads.ts';
import { SLACK_USERS, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';
import { commandBody, FORM, interactionBody, JSON_TYPE, postSigned } from '../support/slack-sign.ts';
import { eventually } from '../support/eventually.ts';

type Json = Record<string, unknown>;
interface View {
  callback_id: string;
  private_metadata: string;
  blocks: Json[];
  title: { text: string };
}

const PEERS = 'C0PEERS01';
/** A safety net while work after the ack finishes (10 ms apart), not a timing assertion. */
const SELECTS = new Set(['type', 'serviceId', 'contactId', 'urgency', 'consentHow', 'opportunityId']);

/** state.values as Slack sends them for the inputs of our modals. */
function stateOf(values: Record<string, string | string[] | boolean>): Record<string, Record<string, Json>> {
  const out: Record<string, Record<string, Json>> = {};
  for (const [id, v] of Object.entries(values)) {
    let entry: Json;
    if (typeof v === 'boolean') entry = { type: 'checkboxes', selected_options: v ? [{ value: 'yes' }] : [] };
    else if (Array.isArray(v)) entry = { type: 'multi_static_select', selected_options: v.map((value) => ({ value })) };
    else if (id === 'deadline') entry = { type: 'datepicker', selected_date: v };
    else if (SELECTS.has(id)) entry = { type: 'static_select', selected_option: { value: v } };
    else entry = { type: 'plain_text_input', value: v };
    out[id] = { [id]: entry };
  }
  return out;
}

function submission(
  userId: string,
  view: View,
  values: Record<string, string | string[] | boolean>,
  viewId: string,
): Json {
  const p = loadPayload('view-submission') as Json & { user: Json; view: Json };
  p.user = { ...p.user, id: userId };
  p.view = {
    ...p.view,
    id: viewId,
    root_view_id: viewId,
    callback_id: view.callback_id,
    private_metadata: view.private_metadata,
    blocks: view.blocks,
    state: { values: stateOf(values) },
  };
  return p;
}

const COURSE = {
  title: 'Confidence and CV course',
  provider: 'Southwark Works',
  type: 'course',
  deadline: '2026-12-01',
  whoFor: 'Adults looking for work',
  howToJoin: 'Introduce them here',
  serviceId: 'svc-mind-lambeth',
  channels: [PEERS],
};

async function openedView(h: SlackHarness, nth: number): Promise<View> {
  const opens = await h.api.waitFor('views.open', nth);
  return opens[nth - 1].body.view as View;
}

describe('Slack: opportunities in peer-group channels', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  /** The bot joins PEERS; resolves once the channel is registered (that happens after Slack's ack). */
  const joinChannel = async () => {
    const res = await postSigned(h.eventsUrl, JSON.stringify(loadPayload('member-joined-channel')), JSON_TYPE);
    expect(res.status).to.equal(200);
    await eventually(
      () => h.container.opportunities.peerGroups('slack').length > 0,
      'the channel registered as a peer group',
    );
  };

  it('given the bot is added to a channel, then the channel becomes a peer group; someone else joining changes nothing', async () => {
    const other = loadPayload('member-joined-channel') as Json & { event: Json };
    other.event = { ...other.event, user: SLACK_USERS.pat, channel: 'C0OTHER01' };
    other.event_id = 'Ev0FAKE0008';
    await postSigned(h.eventsUrl, JSON.stringify(other), JSON_TYPE);
    await joinChannel();
    const groups = h.container.opportunities.peerGroups('slack');
    expect(groups.map((g) => [g.tenant, g.channelId])).to.deep.equal([[FAKE_TEAM_ID, PEERS]]);
    expect(FAKE_BOT_USER).to.equal((loadPayload('member-joined-channel').event as Json).user);
  });

  it('given /opportunity in a peer-group channel, then the form opens as a modal with that channel chosen', async () => {
    await joinChannel();
    const res = await postSigned(
      h.eventsUrl,
      commandBody(slashCommand({ command: '/opportunity', channel_id: PEERS })),
      FORM,
    );
    expect(res.status).to.equal(200);
    const view = await openedView(h, 1);
    expect(view.title.text).to.equal('Post an opportunity');
    const ids = view.blocks.map((b) => b.block_id);
    expect(ids).to.include.members([
      'title',
      'provider',
      'type',
      'deadline',
      'whoFor',
      'howToJoin',
      'serviceId',
      'channels',
    ]);
    const channels = view.blocks.find((b) => b.block_id === 'channels')!.element as {
      initial_options: { value: string }[];
    };
    expect(channels.initial_options.map((o) => o.value)).to.deep.equal([PEERS]);
  });

  it('given /opportunity where there is no peer group yet, then the modal says how to add the app to a channel', async () => {
    await postSigned(
      h.eventsUrl,
      commandBody(slashCommand({ command: '/opportunity', channel_id: 'D0JO00001' })),
      FORM,
    );
    const view = await openedView(h, 1);
    expect(JSON.stringify(view.blocks)).to.contain('/invite @Warm Handover');
  });

  it('given the modal is sent half-filled, then Slack shows the errors on the fields and nothing is posted', async () => {
    await joinChannel();
    await postSigned(h.eventsUrl, commandBody(slashCommand({ command: '/opportunity', channel_id: PEERS })), FORM);
    const view = await openedView(h, 1);
    const res = await postSigned(
      h.eventsUrl,
      interactionBody(submission(SLACK_USERS.jo, view, { title: 'Job club', channels: [PEERS] }, 'V0OPP0001')),
      FORM,
    );
    const reply = res.json() as { response_action: string; errors: Record<string, string> };
    expect(reply.response_action).to.equal('errors');
    expect(reply.errors).to.have.keys('provider', 'type', 'deadline', 'whoFor', 'howToJoin');
    expect(h.count('opportunities')).to.equal(0);
  });

  it('given the modal is sent, then the card is posted to the channel once, with "Introduce a client to this" and no client data', async () => {
    await joinChannel();
    await postSigned(h.eventsUrl, commandBody(slashCommand({ command: '/opportunity', channel_id: PEERS })), FORM);
    const view = await openedView(h, 1);
    const body = interactionBody(submission(SLACK_USERS.jo, view, COURSE, 'V0OPP0002'));
    const res = await postSigned(h.eventsUrl, body, FORM);
    const reply = res.json() as { response_action: string; view: View };
    expect(reply.response_action).to.equal('update');
    expect(JSON.stringify(reply.view)).to.contain('Opportunity posted').and.to.contain('is posted to');
    expect(
      (reply.view as unknown as { close: { text: string } }).close.text,
      'the close button after success',
    ).to.equal('Done');
    await postSigned(h.eventsUrl, body, FORM, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(h.count('opportunities'), 'a retried submission posts nothing more').to.equal(1);

    const [post] = await h.api.waitFor('chat.postMessage');
    expect(post.body.channel).to.equal(PEERS);
    const text = JSON.stringify(post.body);
    expect(text).to.contain('Confidence and CV course').and.to.contain('Introduce a client to this');
  });

  it('given Kim clicks "Introduce a client to this" in the channel, then the introduce modal opens for Kim, and sending it never touches the channel message', async () => {
    await joinChannel();
    await postSigned(h.eventsUrl, commandBody(slashCommand({ command: '/opportunity', channel_id: PEERS })), FORM);
    await postSigned(
      h.eventsUrl,
      interactionBody(submission(SLACK_USERS.jo, await openedView(h, 1), COURSE, 'V0OPP0003')),
      FORM,
    );
    const [post] = await h.api.waitFor('chat.postMessage');
    const [o] = h.container.opportunities.list();

    const click = blockAction(
      SLACK_USERS.kim,
      'introduce_to_opportunity',
      { s: o.id },
      { channel: PEERS, ts: String(post.response!.ts) },
    );
    await postSigned(h.eventsUrl, interactionBody(click), FORM);
    const form = await openedView(h, 2);
    expect(h.api.callsTo('views.open')[1].body.trigger_id).to.equal(click.trigger_id);
    expect(form.blocks.map((b) => b.block_id)).to.include.members(['opportunityId', 'clientName', 'needs', 'consent']);
    expect(JSON.parse(form.private_metadata)).not.to.have.any.keys('c', 't');

    const answers = {
      opportunityId: o.id,
      clientName: 'R.T.',
      needs: 'Wants to rebuild confidence',
      reasonForService: 'Course fits',
      contactMethod: 'Phone',
      contactDetails: '07700 900123',
      consent: true,
    };
    const sent = await postSigned(
      h.eventsUrl,
      interactionBody(submission(SLACK_USERS.kim, form, answers, 'V0INTRO01')),
      FORM,
    );
    expect(JSON.stringify(sent.json())).to.contain('Introduction sent');
    expect(h.count('handovers')).to.equal(1);
    await h.nudges.dispatcher.runOnce();
    const channel = JSON.stringify(h.api.conversation(PEERS));
    expect(channel).to.contain('Confidence and CV course');
    expect(channel).not.to.contain('R.T.').and.not.to.contain('07700 900123');
    expect(h.api.callsTo('chat.update').filter((c) => c.body.channel === PEERS)).to.have.length(0);
  });
});
