// Retention reaches Slack DMs: the cards already delivered about a purged introduction are updated in place,
// re-rendered from the purged state, so what Sam and Jo see in Slack no longer shows the client.
import { expect } from 'chai';
import { purgeClosed } from '../../src/scheduler/purge.ts';
import { DAY_MS, introduceInput } from '../support/make.ts';
import { SLACK_USERS, startSlackHarness, type SlackHarness } from '../support/slack-harness.ts';

const TEAM = 'T0FAKE001';
const SAM_DM = 'D0SAM0001';
const JO_DM = 'D0JO00001';
const INPUT = introduceInput();
const CLIENT_TEXT = [
  INPUT.clientName,
  INPUT.needs,
  INPUT.contactDetails,
  INPUT.contactMethod,
  INPUT.reasonForService,
].map(String);

describe('retention: purging an introduction updates its cards in Slack DMs', () => {
  let h: SlackHarness;
  let handoverId: string;

  beforeEach(async () => {
    h = await startSlackHarness({ delivery: false }); // no timer: each test says when the outbox is sent
    for (const id of ['jo', 'sam'] as const)
      h.container.people.link(id, { platform: 'slack', tenant: TEAM, userId: SLACK_USERS[id] });
    handoverId = h.container.handoverService.introduce('jo', INPUT).id;
    for (const command of [{ type: 'accept' }, { type: 'confirm_contact' }] as const) {
      h.container.handoverService.act(handoverId, { ...command, actorId: 'sam' });
    }
    await h.nudges.dispatcher.runOnce();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Everything a conversation shows now (each message's latest text and blocks). */
  const shown = (dm: string) =>
    h.api
      .conversation(dm)
      .map((m) => m.text)
      .join('\n');

  it('given a closed introduction whose cards sit in Sam’s and Jo’s DMs, when it is purged, then both cards are updated and show no client details', async () => {
    expect(shown(SAM_DM), 'before the purge').to.contain(INPUT.clientName);
    expect(shown(JO_DM), 'before the purge').to.contain(INPUT.clientName);
    const [samCard] = h.api.conversation(SAM_DM);
    const [joCard] = h.api.conversation(JO_DM);
    const updatesBefore = h.api.callsTo('chat.update').length;

    h.clock.advance(91 * DAY_MS);
    expect(purgeClosed(h.container.db, h.clock.now(), 90).map((c) => c.id)).to.deep.equal([handoverId]);
    await h.nudges.dispatcher.runOnce();

    const updates = (await h.api.waitFor('chat.update', updatesBefore + 2)).slice(updatesBefore);
    expect(updates.map((u) => `${u.body.channel} ${u.body.ts}`).sort()).to.deep.equal(
      [`${JO_DM} ${joCard.ts}`, `${SAM_DM} ${samCard.ts}`].sort(),
    );
    for (const u of updates) {
      const body = JSON.stringify({ text: u.body.text, blocks: u.body.blocks });
      for (const secret of CLIENT_TEXT) expect(body, `${u.body.channel} shows "${secret}"`).not.to.contain(secret);
    }
    for (const dm of [SAM_DM, JO_DM])
      for (const secret of CLIENT_TEXT) expect(shown(dm), `${dm} after the purge`).not.to.contain(secret);
    expect(h.api.callsTo('chat.postMessage'), 'nothing new is posted').to.have.length(2);
    expect(h.container.handovers.audit(handoverId).slice(-1)[0].details).to.include({ cardsUpdated: 2 });
  });

  it('given the purge ran once, then running it again queues nothing more', async () => {
    h.clock.advance(91 * DAY_MS);
    purgeClosed(h.container.db, h.clock.now(), 90);
    await h.nudges.dispatcher.runOnce();
    const updates = h.api.callsTo('chat.update').length;
    expect(purgeClosed(h.container.db, h.clock.now(), 90)).to.deep.equal([]);
    await h.nudges.dispatcher.runOnce();
    expect(h.api.callsTo('chat.update')).to.have.length(updates);
  });
});
