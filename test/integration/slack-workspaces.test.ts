// Across organisations: every Slack message goes out with the token of the workspace where its reader is, and a
// Slack introducer's receipt follows a contact who answers on another platform (the web playground).
import { expect } from 'chai';
import { introduceModal } from '../../src/platforms/slack/introduce-modal.ts';
import type { RecordedCall } from '../support/fake-slack-api.ts';
import { blockAction, viewSubmission } from '../support/slack-payloads.ts';
import { FORM, interactionBody, postSigned } from '../support/slack-sign.ts';
import { USERS, WORKSPACE_A, WORKSPACE_B, startWorkspaces, type Workspaces } from '../support/slack-workspaces.ts';

const JO_DM = 'D0JO00001';
const SAM_DM = 'D0SAM0001';
const answers = {
  serviceId: 'svc-mind-lambeth',
  contactId: 'sam',
  clientName: 'R.T.',
  needs: 'Anxious about starting work again.',
  reasonForService: 'Local one-to-one support.',
  contactMethod: 'Phone, afternoons',
  contactDetails: '07700 900123',
  urgency: 'routine',
  consent: true,
  consentHow: 'in_person',
};

function acceptValue(call: RecordedCall): { s: string; v?: number } {
  const blocks = call.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
  const accept = blocks
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
    .find((e) => e.action_id === 'accept');
  if (!accept) throw new Error('no Accept button on the card');
  return JSON.parse(accept.value);
}

/** Jo sends the introduce modal from workspace A; returns the new introduction's id. */
async function joIntroducesFromSlack(w: Workspaces): Promise<string> {
  const res = await postSigned(
    w.eventsUrl,
    interactionBody(viewSubmission(USERS.jo.id, introduceModal(), answers)),
    FORM,
  );
  expect(res.status).to.equal(200);
  const row = w.app.container.db.prepare('SELECT id FROM handovers').get() as { id: string } | undefined;
  if (!row) throw new Error(`no introduction was stored: ${res.text}`);
  await w.app.nudges.dispatcher.runOnce();
  return row.id;
}

const postsTo = (w: Workspaces, channel: string) =>
  w.api.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);

describe('Slack in many workspaces: each message with its workspace’s token', () => {
  let w: Workspaces;
  beforeEach(async () => {
    w = await startWorkspaces();
    w.link('jo');
    w.link('sam');
  });
  afterEach(async () => {
    await w.close();
  });

  it('given Jo in workspace A introduces Sam in workspace B, then Sam’s card is posted with B’s token and Jo’s receipt with A’s', async () => {
    await w.install(WORKSPACE_A);
    await w.install(WORKSPACE_B);
    await joIntroducesFromSlack(w);
    const [toSam] = postsTo(w, SAM_DM);
    const [toJo] = postsTo(w, JO_DM);
    expect(toSam?.token).to.equal(WORKSPACE_B.token);
    expect(toJo?.token).to.equal(WORKSPACE_A.token);
    expect(w.api.callsTo('conversations.open').find((c) => c.body.users === USERS.sam.id)?.token).to.equal(
      WORKSPACE_B.token,
    );
    expect(w.api.callsTo('users.info').every((c) => c.token === WORKSPACE_A.token)).to.equal(true);
  });

  it('given Sam accepts in workspace B, then Sam’s card changes with B’s token and Jo’s receipt with A’s', async () => {
    await w.install(WORKSPACE_A);
    await w.install(WORKSPACE_B);
    await joIntroducesFromSlack(w);
    const [toSam] = postsTo(w, SAM_DM);
    const click = blockAction(USERS.sam.id, 'accept', acceptValue(toSam), {
      channel: SAM_DM,
      ts: String(toSam.response?.ts),
    }) as Record<string, unknown> & { user: Record<string, unknown> };
    click.team = { id: WORKSPACE_B.teamId, domain: 'mind-lambeth' };
    click.user.team_id = WORKSPACE_B.teamId;
    expect((await postSigned(w.eventsUrl, interactionBody(click), FORM)).status).to.equal(200);
    await w.api.waitFor('chat.update');
    await w.app.nudges.dispatcher.runOnce();
    const updates = w.api.callsTo('chat.update');
    const samUpdate = updates.find((u) => u.body.channel === SAM_DM);
    const joUpdate = updates.find((u) => u.body.channel === JO_DM);
    expect(samUpdate?.token).to.equal(WORKSPACE_B.token);
    expect(JSON.stringify(samUpdate?.body.blocks)).to.contain('07700 900123');
    expect(joUpdate?.token).to.equal(WORKSPACE_A.token);
    expect(joUpdate?.body.ts).to.equal(postsTo(w, JO_DM)[0].response?.ts);
  });

  it('given the app is not installed in Sam’s workspace, then nothing is sent there and Sam gets the card on the web', async () => {
    await w.install(WORKSPACE_A);
    const id = await joIntroducesFromSlack(w);
    expect(postsTo(w, SAM_DM)).to.have.length(0);
    expect(w.api.calls.filter((c) => c.token === WORKSPACE_B.token)).to.have.length(0);
    const toSam = w.app.container.db
      .prepare(`SELECT platform FROM outbox WHERE subject_id = ? AND recipient = '{"personId":"sam"}'`)
      .get(id) as { platform: string };
    expect(toSam.platform).to.equal('web');
  });
});

for (const mode of ['single', 'oauth'] as const) {
  describe(`Slack introducer, web contact (${mode === 'single' ? 'one workspace' : 'many workspaces'})`, () => {
    let w: Workspaces;
    beforeEach(async () => {
      w = await startWorkspaces({ mode });
      if (mode === 'oauth') await w.install(WORKSPACE_A);
      w.link('jo'); // Sam is only on the web
    });
    afterEach(async () => {
      await w.close();
    });

    it('given Sam accepts in the web playground, then Jo’s Slack receipt is updated in place', async () => {
      const id = await joIntroducesFromSlack(w);
      expect(postsTo(w, SAM_DM)).to.have.length(0);
      const [receipt] = postsTo(w, JO_DM);
      expect(JSON.stringify(receipt.body.blocks)).not.to.match(/Accepted/);
      const version = (
        w.app.container.db.prepare('SELECT version FROM handovers WHERE id = ?').get(id) as { version: number }
      ).version;
      const res = await fetch(`${w.url}/playground/api/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as: 'sam', actionId: 'accept', subjectId: id, version }),
      });
      expect(res.status).to.equal(200);
      await w.app.nudges.dispatcher.runOnce();
      const update = w.api.callsTo('chat.update').find((u) => u.body.channel === JO_DM);
      expect(update?.body.ts).to.equal(receipt.response?.ts);
      expect(update?.token).to.equal(WORKSPACE_A.token);
      expect(JSON.stringify(update?.body.blocks)).to.match(/Accepted/);
      // The receipt is not sent again; the only new post is the reply in its thread that tells Jo.
      expect(postsTo(w, JO_DM).filter((p) => !p.body.thread_ts)).to.have.length(1);
      expect(postsTo(w, JO_DM).filter((p) => p.body.thread_ts === receipt.response?.ts)).to.have.length(1);
    });
  });
}
