// Slack end to end on a real server: signed requests in Slack's shapes, a fake Slack Web API, real SQLite.
import { expect } from 'chai';
import { introduceModal } from '../../src/platforms/slack/introduce-modal.ts';
import { FORM, interactionBody, commandBody, postSigned, nowSeconds } from '../support/slack-sign.ts';
import { loadPayload, slashCommand, viewSubmission } from '../support/slack-payloads.ts';
import { SLACK_USERS, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';

const FIVE_MINUTES_AND_A_BIT = 6 * 60;
const AN_HOUR = 60 * 60;
const A_MINUTE = 60;

const answers = {
  serviceId: 'svc-mind-lambeth',
  clientName: 'R.T.',
  needs: 'Anxious about starting work <@U0PAT0001> & <https://evil.example|click>',
  reasonForService: 'Local one-to-one support.',
  contactMethod: 'Phone, afternoons',
  contactDetails: '07700 900123',
  urgency: 'routine',
  consent: true,
  consentHow: 'in_person',
};

describe('Slack: introducing a client', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('given a signed /handover, then Slack gets a quick 200 and the introduce modal opens with the trigger id', async () => {
    const res = await postSigned(h.eventsUrl, commandBody(slashCommand()), FORM);
    expect(res.status).to.equal(200);
    const [open] = await h.api.waitFor('views.open');
    expect(open.body.trigger_id).to.equal(slashCommand().trigger_id);
    const view = open.body.view as { callback_id: string; blocks: { block_id?: string }[] };
    expect(view.callback_id).to.equal('introduce');
    expect(view.blocks.map((b) => b.block_id)).to.include.members([
      'serviceId',
      'contactId',
      'clientName',
      'needs',
      'consent',
    ]);
  });

  it('given /handover with text, then the needs are prefilled with it, and the next ones without text open empty', async () => {
    type OpenedView = { blocks: { block_id?: string; element?: { initial_value?: string } }[] };
    const needsOf = (view: unknown) =>
      (view as OpenedView).blocks.find((b) => b.block_id === 'needs')?.element?.initial_value;
    await postSigned(
      h.eventsUrl,
      commandBody(slashCommand({ text: 'Rent arrears, wants debt advice’s first step' })),
      FORM,
    );
    await h.api.waitFor('views.open', 1);
    for (const n of [2, 3]) {
      await postSigned(h.eventsUrl, commandBody(slashCommand()), FORM);
      await h.api.waitFor('views.open', n);
    }
    const [prefilled, plain, again] = h.api.callsTo('views.open');
    expect(needsOf(prefilled.body.view)).to.equal('Rent arrears, wants debt advice’s first step');
    expect(needsOf(plain.body.view)).to.equal(undefined);
    expect(again.body.view).to.deep.equal(plain.body.view);
  });

  it('given a bad signature, missing headers or a stale timestamp, then 401 and nothing is stored', async () => {
    const body = interactionBody(viewSubmission(SLACK_USERS.jo, introduceModal(), answers));
    const bad = await postSigned(h.eventsUrl, body, FORM, { secret: 'wrong-secret' });
    const missing = await postSigned(h.eventsUrl, body, FORM, {
      headers: { 'x-slack-signature': undefined, 'x-slack-request-timestamp': undefined },
    });
    const stale = await postSigned(h.eventsUrl, body, FORM, { timestamp: nowSeconds() - FIVE_MINUTES_AND_A_BIT });
    expect([bad.status, missing.status, stale.status]).to.deep.equal([401, 401, 401]);
    expect(h.count('handovers')).to.equal(0);
    expect(h.api.callsTo('users.info')).to.have.length(0);
  });

  it('given a correctly signed request dated an hour ahead, then 401 and nothing is stored; one dated a minute ahead is served', async () => {
    const body = interactionBody(viewSubmission(SLACK_USERS.jo, introduceModal(), answers));
    const ahead = await postSigned(h.eventsUrl, body, FORM, { timestamp: nowSeconds() + AN_HOUR });
    expect(ahead.status).to.equal(401);
    expect(h.count('handovers')).to.equal(0);
    const skewed = await postSigned(h.eventsUrl, body, FORM, { timestamp: nowSeconds() + A_MINUTE });
    expect(skewed.status).to.equal(200);
    expect(h.count('handovers')).to.equal(1);
  });

  it('given a complete modal, when Jo sends it, then one introduction is stored, Sam gets a DM and Jo a receipt', async () => {
    h.container.people.link('sam', { platform: 'slack', tenant: 'T0FAKE001', userId: SLACK_USERS.sam });
    const res = await postSigned(
      h.eventsUrl,
      interactionBody(viewSubmission(SLACK_USERS.jo, introduceModal(), answers)),
      FORM,
    );
    expect(res.status).to.equal(200);
    const reply = res.json() as { response_action: string; view: { title: { text: string } } };
    expect(reply.response_action).to.equal('update');
    expect(JSON.stringify(reply.view)).to.contain('Sam Patel');
    expect(h.count('handovers')).to.equal(1);
    expect(h.container.people.findByIdentity('slack', 'T0FAKE001', SLACK_USERS.jo)?.id).to.equal('jo');

    const posts = await h.api.waitFor('chat.postMessage', 2);
    const channels = posts.map((p) => p.body.channel);
    expect(channels).to.include.members(['D0SAM0001', 'D0JO00001']);
    const toSam = posts.find((p) => p.body.channel === 'D0SAM0001')!;
    const text = JSON.stringify(toSam.body.blocks);
    expect(text).to.contain('&lt;@U0PAT0001&gt;').and.not.contain('<@U0PAT0001>');
    expect(text).to.contain('&amp;').and.not.contain('<https://evil.example');
    expect(text).not.to.contain('07700 900123');
    expect(
      (toSam.body.metadata as { event_payload: { idempotency_key: string } }).event_payload.idempotency_key,
    ).to.be.a('string');
  });

  it('given Slack retries the same submission, then there is still only one introduction', async () => {
    const body = interactionBody(viewSubmission(SLACK_USERS.jo, introduceModal(), answers));
    const first = await postSigned(h.eventsUrl, body, FORM);
    const retry = await postSigned(h.eventsUrl, body, FORM, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect([first.status, retry.status]).to.deep.equal([200, 200]);
    expect((retry.json() as { response_action: string }).response_action).to.equal('update');
    expect(h.count('handovers')).to.equal(1);
  });

  it('given the consent box is not ticked, then the modal shows the error on that box and nothing is stored', async () => {
    const res = await postSigned(
      h.eventsUrl,
      interactionBody(viewSubmission(SLACK_USERS.jo, introduceModal(), { ...answers, consent: false })),
      FORM,
    );
    const reply = res.json() as { response_action: string; errors: Record<string, string> };
    expect(reply.response_action).to.equal('errors');
    expect(reply.errors.consent).to.match(/client must agree/);
    expect(h.count('handovers')).to.equal(0);
  });

  it('given missing fields, then each error sits on its own field', async () => {
    const res = await postSigned(
      h.eventsUrl,
      interactionBody(
        viewSubmission(SLACK_USERS.jo, introduceModal(), {
          ...answers,
          needs: undefined,
          clientName: 'Robert James Thomas Smith',
        }),
      ),
      FORM,
    );
    const reply = res.json() as { errors: Record<string, string> };
    expect(reply.errors.needs).to.match(/required/);
    expect(reply.errors.clientName).to.match(/first name or initials/);
  });

  it('given someone not in the directory, then the modal says how to get added and nothing is stored', async () => {
    h.api.addUser({ id: 'U0STRANGER', email: 'stranger@elsewhere.org' });
    const res = await postSigned(
      h.eventsUrl,
      interactionBody(viewSubmission('U0STRANGER', introduceModal(), answers)),
      FORM,
    );
    const reply = res.json() as { errors: Record<string, string> };
    expect(Object.values(reply.errors).join(' ')).to.match(/coordinator/);
    expect(h.count('handovers')).to.equal(0);
  });

  it('given the message shortcut, then the modal opens with the message text as the needs', async () => {
    const res = await postSigned(h.eventsUrl, interactionBody(loadPayload('message-action')), FORM);
    expect(res.status).to.equal(200);
    const [open] = await h.api.waitFor('views.open');
    const needs = (
      open.body.view as { blocks: { block_id?: string; element?: { initial_value?: string } }[] }
    ).blocks.find((b) => b.block_id === 'needs');
    expect(needs?.element?.initial_value).to.match(/anxious about going back to work/);
  });

  it("given a message with typographic quotes, dashes and emoji (and Slack's escaping), then the modal shows its text as typed", async () => {
    const text = 'She’s “worried” about rent — and food… 😟 café £20 <not a link> & more';
    const payload = loadPayload('message-action') as { message: { text: string } };
    payload.message.text = 'She’s “worried” about rent — and food… 😟 café £20 &lt;not a link&gt; &amp; more';
    await postSigned(h.eventsUrl, interactionBody(payload), FORM);
    const [open] = await h.api.waitFor('views.open');
    const needs = (
      open.body.view as { blocks: { block_id?: string; element?: { initial_value?: string } }[] }
    ).blocks.find((b) => b.block_id === 'needs');
    expect(needs?.element?.initial_value).to.equal(text);
  });

  it('given the global shortcut and /opportunity, then each opens its modal', async () => {
    h.container.opportunities.registerPeerGroup(
      { platform: 'slack', tenant: 'T0FAKE001', channelId: slashCommand().channel_id },
      '#general',
      null,
    );
    await postSigned(h.eventsUrl, interactionBody(loadPayload('shortcut')), FORM);
    await postSigned(h.eventsUrl, commandBody(slashCommand({ command: '/opportunity' })), FORM);
    const opens = await h.api.waitFor('views.open', 2);
    expect(opens.map((o) => (o.body.view as { callback_id: string }).callback_id).sort()).to.deep.equal([
      'handover_form',
      'introduce',
    ]);
  });

  it('given Jo types "anxiety" in the service search, then the directory answers with the matching service', async () => {
    const res = await postSigned(h.eventsUrl, interactionBody(loadPayload('block-suggestion')), FORM);
    const body = res.json() as { options: { text: { text: string }; value: string }[] };
    expect(body.options.map((o) => o.value)).to.include('svc-mind-lambeth');
    expect(body.options[0].text.text).to.match(/Wellbeing Hub.*Open/);
  });
});
