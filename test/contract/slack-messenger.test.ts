// The shared Messenger contract against the SlackMessenger and a fake Slack Web API, plus Slack's own failure modes.
import { expect } from 'chai';
import { webApi } from '@slack/bolt';
import type { Card } from '../../src/cards/model.ts';
import type { Identity } from '../../src/domain/ports.ts';
import type { DeliveryError } from '../../src/app/ports.ts';
import { BLOCK_KIT_LIMITS, cardToMessage, cardToModal } from '../../src/platforms/slack/blocks.ts';
import { SlackMessenger } from '../../src/platforms/slack/slack-messenger.ts';
import { FakeSlackApi, FAKE_TEAM_ID } from '../support/fake-slack-api.ts';
import { contractCard, messengerContract } from './messenger-contract.ts';

const SAM = 'U0SAM0001';
const CHANNEL = 'C0PEERS01';

async function slackUnderTest() {
  const api = new FakeSlackApi();
  const url = await api.start();
  api.addUser({ id: SAM, email: 'sam@example.org' });
  const client = new webApi.WebClient('xoxb-test-not-real', {
    slackApiUrl: url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  return { api, messenger: new SlackMessenger(client) };
}

messengerContract('slack', async () => {
  const { api, messenger } = await slackUnderTest();
  return {
    messenger,
    known: { platform: 'slack', tenant: FAKE_TEAM_ID, userId: SAM },
    unknown: { platform: 'slack', tenant: FAKE_TEAM_ID, userId: 'U0NOBODY1' },
    received: async (to) =>
      api.conversation(`D${to.userId.replace(/^U/, '')}`).map((m) => ({ messageId: m.ts, text: m.text })),
    failNextDelivery: () => api.failNext('chat.postMessage', { status: 503 }),
    channel: { platform: 'slack', tenant: FAKE_TEAM_ID, channelId: CHANNEL },
    receivedInChannel: async (c) => api.conversation(c.channelId).map((m) => ({ messageId: m.ts, text: m.text })),
    cleanup: () => api.stop(),
  };
});

describe('Slack messenger: how Slack failures reach the outbox', () => {
  let api: FakeSlackApi;
  let messenger: SlackMessenger;
  const sam: Identity = { platform: 'slack', tenant: FAKE_TEAM_ID, userId: SAM };
  let n = 0;
  const send = () =>
    messenger.sendToPerson(sam, contractCard('Failure modes'), { idempotencyKey: `k${++n}` }).then(
      () => null,
      (e: unknown) => e as DeliveryError,
    );

  beforeEach(async () => ({ api, messenger } = await slackUnderTest()));
  afterEach(() => api.stop());

  it('given Slack answers 429 with Retry-After 7, then the error is rate_limited with 7 seconds to wait', async () => {
    api.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const err = await send();
    expect(err?.kind).to.equal('rate_limited');
    expect(err?.retryAfterMs).to.equal(7000);
  });

  for (const code of ['channel_not_found', 'not_in_channel', 'account_inactive', 'user_not_found']) {
    it(`given Slack says ${code}, then the recipient is unknown (so the sender is told)`, async () => {
      api.failNext('chat.postMessage', { error: code });
      expect((await send())?.kind).to.equal('recipient_unknown');
    });
  }

  it('given a 5xx, then the error is transient (the outbox retries with backoff)', async () => {
    api.failNext('chat.postMessage', { status: 502 });
    expect((await send())?.kind).to.equal('transient');
  });

  it('given a send, then the idempotency key travels in the message metadata', async () => {
    await messenger.sendToPerson(sam, contractCard('Keyed'), { idempotencyKey: 'nudge:H-1:sam:1' });
    const [post] = api.callsTo('chat.postMessage');
    expect(post.body.metadata).to.deep.include({ event_type: 'warm_handover_card' });
    expect(
      (post.body.metadata as { event_payload: { idempotency_key: string } }).event_payload.idempotency_key,
    ).to.equal('nudge:H-1:sam:1');
  });

  it('given a Teams identity, then Slack refuses it as unknown without calling Slack', async () => {
    const err = await messenger
      .sendToPerson({ platform: 'teams', tenant: 't', userId: 'x' }, contractCard('Wrong'), { idempotencyKey: 'w' })
      .then(
        () => null,
        (e: unknown) => e as DeliveryError,
      );
    expect(err?.kind).to.equal('recipient_unknown');
    expect(api.calls).to.have.length(0);
  });
});

describe('Block Kit converter: limits and escaping', () => {
  const hostile = '<!channel> <@U123> <https://evil.example|x> & *bold* ${x} ' + 'é'.repeat(10_000);

  it('given hostile user text, then it cannot mention, link or exceed a section', () => {
    const card: Card = { ...contractCard('Hostile'), blocks: [{ type: 'text', text: hostile }] };
    const { blocks } = cardToMessage(card);
    const section = blocks.find((b) => b.type === 'section') as unknown as {
      text: { text: string; verbatim: boolean };
    };
    expect(section.text.text).to.not.match(/<[!@h]/);
    expect(section.text.text).to.contain('&lt;!channel&gt;').and.contain('&amp;');
    expect(section.text.verbatim).to.equal(true);
    expect([...section.text.text].length).to.be.at.most(BLOCK_KIT_LIMITS.sectionText);
  });

  it('given a card with 200 lines, then the message keeps 50 blocks, its buttons, and says something is not shown', () => {
    const blocks = Array.from({ length: 200 }, (_, i) => ({ type: 'text' as const, text: `line ${i}` }));
    const out = cardToMessage({ ...contractCard('Long'), blocks }).blocks;
    expect(out).to.have.length(BLOCK_KIT_LIMITS.blocksPerMessage);
    expect(out[out.length - 1].type).to.equal('actions');
    expect(JSON.stringify(out)).to.contain('not shown');
  });

  it('given long titles and labels, then the modal title and button text are cut to Slack limits', () => {
    const card: Card = {
      ...contractCard('A very long title for a decline form in Slack'),
      actions: [{ id: 'decline_submit', label: 'x'.repeat(100), subjectId: 'H-1', version: 2, submitsInputs: true }],
    };
    const modal = cardToModal(card);
    expect([...modal.title.text].length).to.be.at.most(BLOCK_KIT_LIMITS.modalTitle);
    expect([...modal.submit!.text].length).to.be.at.most(BLOCK_KIT_LIMITS.modalButton);
    const buttonText = (cardToMessage(card).blocks.at(-1) as unknown as { elements: { text: { text: string } }[] })
      .elements[0].text.text;
    expect([...buttonText].length).to.be.at.most(BLOCK_KIT_LIMITS.buttonText);
    expect(JSON.parse(modal.private_metadata)).to.deep.equal({ a: 'decline_submit', s: 'H-1', v: 2 });
  });
});
