// Slack: Jo answers the outcome question from the DM with a real signed click; Slack gets its answer and the
// receipt changes in place.
import { expect } from 'chai';
import type { RecordedCall } from '../support/fake-slack-api.ts';
import { introduceInput } from '../support/make.ts';
import { blockAction } from '../support/slack-payloads.ts';
import { SLACK_USERS, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';
import { FORM, interactionBody, postSigned } from '../support/slack-sign.ts';
import { eventually } from '../support/eventually.ts';

const TEAM = 'T0FAKE001';
const JO_DM = 'D0JO00001';

function button(call: RecordedCall, actionId: string): { s: string; v?: number } | undefined {
  const blocks = call.body.blocks as {
    type: string;
    elements?: { type: string; action_id: string; value: string }[];
  }[];
  const b = blocks
    .flatMap((x) => (x.type === 'actions' ? (x.elements ?? []) : []))
    .find((e) => e.action_id === actionId);
  return b ? JSON.parse(b.value) : undefined;
}

describe('Slack: the outcome question', () => {
  let h: SlackHarness;
  let id: string;
  beforeEach(async () => {
    h = await startSlackHarness();
    for (const p of ['jo', 'sam'] as const)
      h.container.people.link(p, { platform: 'slack', tenant: TEAM, userId: SLACK_USERS[p] });
    id = h.container.handoverService.introduce('jo', introduceInput()).id;
    h.container.handoverService.act(id, { type: 'accept', actorId: 'sam' });
    h.container.handoverService.act(id, { type: 'ask_outcome', actorId: 'system' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('given Jo was asked, when Jo clicks "Yes" in the question message, then Slack gets 200 and it closes with contact made', async () => {
    const question = await eventually(
      () =>
        h.api
          .callsTo('chat.postMessage')
          .find(
            (p) =>
              p.body.channel === JO_DM &&
              JSON.stringify(p.body.blocks).includes('Did R.T. get in touch with Mind in Lambeth?'),
          ),
      'the question in Jo’s DM',
    );
    expect(String(question!.body.text)).not.to.contain('R.T.');
    const value = button(question!, 'outcome_yes')!;
    expect(button(question!, 'outcome_unreachable')).to.deep.equal(value);
    expect(button(question!, 'outcome_not_yet')).to.deep.equal(value);
    const res = await postSigned(
      h.eventsUrl,
      interactionBody(
        blockAction(SLACK_USERS.jo, 'outcome_yes', value, { channel: JO_DM, ts: String(question!.response?.ts) }),
      ),
      FORM,
    );
    expect(res.status).to.equal(200);
    expect(h.container.handovers.find(id)).to.deep.include({ state: 'closed', outcome: 'contact_made' });
    const receiptUpdate = await eventually(
      () =>
        h.api
          .callsTo('chat.update')
          .find(
            (u) => u.body.channel === JO_DM && JSON.stringify(u.body.blocks).includes('Jo Rivers said: Contact made'),
          ),
      'the receipt updated in place',
    );
    expect(button(receiptUpdate!, 'outcome_yes'), 'no question left on the receipt').to.equal(undefined);
  });
});
