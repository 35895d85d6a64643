// Slack: "Introduce from message" reads the message as a person wrote it and keeps a link to it for the introducer;
// Withdraw asks with Slack's own confirm dialog.
import { expect } from 'chai';
import { FORM, interactionBody, postSigned } from '../support/slack-sign.ts';
import { blockAction, loadPayload, viewSubmission } from '../support/slack-payloads.ts';
import { SLACK_USERS, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';
import { introduceInput } from '../support/make.ts';
import { FAKE_TEAM_ID } from '../support/fake-slack-api.ts';
import { eventually } from '../support/eventually.ts';
import { decodeSlackText } from '../../src/platforms/slack/message-text.ts';

type View = {
  callback_id: string;
  private_metadata: string;
  blocks: { block_id?: string; element?: { initial_value?: string } }[];
};
const viewOf = (body: Record<string, unknown>): View =>
  (typeof body.view === 'string' ? JSON.parse(body.view) : body.view) as View;

describe('Slack: introduce from a message, and withdraw with a confirm', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness();
    for (const id of ['jo', 'sam', 'pat'] as const)
      h.container.people.link(id, { platform: 'slack', tenant: FAKE_TEAM_ID, userId: SLACK_USERS[id] });
  });
  afterEach(async () => {
    await h.close();
  });

  it("given a message with Slack's escaping, mentions and a labelled link, then the needs read as the person wrote them", async () => {
    const payload = loadPayload('message-action') as { message: { text: string } };
    payload.message.text =
      'R.T. needs help with rent &amp; food &lt;urgent&gt;, ask <@U0PAT0001> or <@U0NOBODY1>, see <https://docs.example.org/x?a=1&amp;b=2|notes> in <#C0FAKE001|general> <!here>';
    await postSigned(h.eventsUrl, interactionBody(payload), FORM);
    const [open] = await h.api.waitFor('views.open');
    const needs = viewOf(open.body).blocks.find((b) => b.block_id === 'needs')?.element?.initial_value;
    expect(needs).to.equal(
      'R.T. needs help with rent & food <urgent>, ask @Pat Quinn or @someone, see notes in #general @here',
    );
  });

  it('given the shortcut on a message, when the introduction is sent, then it keeps a link to the message that only the introducer sees', async () => {
    await postSigned(h.eventsUrl, interactionBody(loadPayload('message-action')), FORM);
    const [open] = await h.api.waitFor('views.open');
    const view = viewOf(open.body);
    const res = await postSigned(
      h.eventsUrl,
      interactionBody(
        viewSubmission(SLACK_USERS.jo, view, { ...introduceInput(), consent: true } as Record<
          string,
          string | boolean
        >),
      ),
      FORM,
    );
    expect(res.status).to.equal(200);
    const link = 'https://example-org.slack.com/archives/C0FAKE001/p1700000000000005';
    const row = h.container.db.prepare('SELECT id, source_link FROM handovers').get() as {
      id: string;
      source_link: string;
    };
    expect(row.source_link).to.equal(link);
    const posts = await h.api.waitFor('chat.postMessage', 2);
    const toJo = posts.find((p) => p.body.channel === 'D0JO00001')!;
    const toSam = posts.find((p) => p.body.channel === 'D0SAM0001')!;
    expect(JSON.stringify(toJo.body.blocks)).to.contain(link);
    expect(JSON.stringify(toSam.body.blocks)).to.not.contain('slack.com/archives');
  });

  it("given Jo's receipt, then Withdraw carries Slack's confirm dialog, and confirming it withdraws the introduction", async () => {
    const id = h.container.handoverService.introduce('jo', introduceInput()).id;
    const receipt = await eventually(
      () => h.api.callsTo('chat.postMessage').find((p) => p.body.channel === 'D0JO00001'),
      'Jo’s receipt',
    );
    type Button = {
      action_id: string;
      value: string;
      style?: string;
      confirm?: { title: { text: string }; confirm: { text: string }; deny: { text: string }; style?: string };
    };
    const blocks = (
      typeof receipt.body.blocks === 'string' ? JSON.parse(receipt.body.blocks) : receipt.body.blocks
    ) as { type: string; elements?: Button[] }[];
    const withdraw = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'withdraw_confirmed')!;
    expect(withdraw.confirm).to.deep.include({ style: 'danger' });
    expect(withdraw.confirm!.title.text).to.equal('Withdraw this introduction?');
    expect([withdraw.confirm!.confirm.text, withdraw.confirm!.deny.text]).to.deep.equal(['Yes, withdraw', 'Keep it']);
    await postSigned(
      h.eventsUrl,
      interactionBody(
        blockAction(SLACK_USERS.jo, 'withdraw_confirmed', JSON.parse(withdraw.value), {
          channel: 'D0JO00001',
          ts: String(receipt.response?.ts),
        }),
      ),
      FORM,
    );
    await eventually(() => h.container.handovers.find(id)!.state === 'withdrawn' || undefined, 'the withdrawal');
  });

  it('given Sam accepted, when he types a note and presses "We\'ve made contact" once, then the introduction is closed and the note kept', async () => {
    const id = h.container.handoverService.introduce('jo', introduceInput()).id;
    const card = await eventually(
      () => h.api.callsTo('chat.postMessage').find((p) => p.body.channel === 'D0SAM0001'),
      'Sam’s card',
    );
    await postSigned(
      h.eventsUrl,
      interactionBody(
        blockAction(
          SLACK_USERS.sam,
          'accept',
          { s: id, v: 1 },
          { channel: 'D0SAM0001', ts: String(card.response?.ts) },
        ),
      ),
      FORM,
    );
    const accepted = await eventually(
      () => h.api.callsTo('chat.update').find((u) => u.body.channel === 'D0SAM0001'),
      'the accepted card',
    );
    const blocks = (
      typeof accepted.body.blocks === 'string' ? JSON.parse(accepted.body.blocks) : accepted.body.blocks
    ) as { type: string; block_id?: string }[];
    expect(blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).to.deep.equal(['note', 'followUpOwed']);
    const press = blockAction(
      SLACK_USERS.sam,
      'confirm_contact',
      { s: id, v: 2 },
      { channel: 'D0SAM0001', ts: String(card.response?.ts) },
    ) as Record<string, unknown>;
    press.state = {
      values: {
        note: { note: { type: 'plain_text_input', value: 'Spoke on the phone, booked in.' } },
        followUpOwed: { followUpOwed: { type: 'checkboxes', selected_options: [] } },
      },
    };
    press.message = { ...(press.message as object), blocks };
    await postSigned(h.eventsUrl, interactionBody(press), FORM);
    await eventually(() => h.container.handovers.find(id)!.state === 'closed' || undefined, 'the close');
    expect(h.container.handovers.find(id)!.outcome).to.equal('contact_made');
    expect(h.container.handovers.notes(id).map((n) => n.text)).to.deep.equal(['Spoke on the phone, booked in.']);
  });

  it('decodes only Slack\'s own markup: an escaped "&lt;@U1&gt;" stays as typed', () => {
    expect(decodeSlackText('&lt;@U1&gt; &amp;amp; <mailto:a@example.org|a@example.org>')).to.equal(
      '<@U1> &amp; a@example.org',
    );
  });
});
