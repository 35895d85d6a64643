// The Messenger contract: every platform (web, Slack, Teams) runs this same suite against its own messenger.
//   messengerContract('web', async () => ({ messenger, known, unknown, received, failNextDelivery, cleanup }));
import { expect } from 'chai';
import type { Card } from '../../src/cards/model.ts';
import type { ChannelAddress, Identity } from '../../src/domain/ports.ts';
import { DeliveryError, type Messenger } from '../../src/app/ports.ts';

export interface ReceivedMessage {
  messageId: string;
  /** Everything a person can read in the message, in whatever form the platform keeps it (JSON is fine). */
  text: string;
}

export interface MessengerUnderTest {
  messenger: Messenger;
  /** A person the messenger can reach. */
  known: Identity;
  /** An identity the platform does not know (no such user, app not installed). */
  unknown: Identity;
  /** What the person's conversation holds now, oldest first. */
  received(to: Identity): Promise<ReceivedMessage[]>;
  /** Makes the next delivery fail the way this platform fails (a 500 from the API, a disk error …). */
  failNextDelivery(): void;
  /** A channel to post to, and what it holds; leave out where the platform has no channels. */
  channel?: ChannelAddress;
  receivedInChannel?(channel: ChannelAddress): Promise<ReceivedMessage[]>;
  cleanup(): Promise<void> | void;
  /** false where a sent message cannot change (e-mail: the link shows the latest state instead). Default true. */
  updatesInPlace?: boolean;
  /** false where buttons live on a page the message links to (e-mail: tested on the link page). Default true. */
  buttonsInMessage?: boolean;
}

/** The introducer's outcome question: three buttons a renderer must show, each sending its own action. */
export function outcomeQuestionCard(subjectId = 'H-CONTRACT-Q'): Card {
  return {
    kind: 'outcome',
    title: 'Did R.T. get in touch with Mind in Lambeth?',
    summary: 'Did your client get in touch?',
    subjectId,
    version: 3,
    blocks: [{ type: 'text', text: 'Sam Patel accepted your introduction but has not confirmed contact.' }],
    actions: [
      { id: 'outcome_yes', label: 'Yes', style: 'positive', subjectId, version: 3 },
      { id: 'outcome_unreachable', label: "Couldn't reach", subjectId, version: 3 },
      { id: 'outcome_not_yet', label: 'Not yet', subjectId, version: 3 },
    ],
  };
}

export function contractCard(title: string, subjectId = 'H-CONTRACT-1'): Card {
  return {
    kind: 'notice',
    title,
    summary: title,
    subjectId,
    version: 1,
    blocks: [
      { type: 'text', text: `Body of ${title}` },
      { type: 'facts', facts: [{ label: 'Step', value: title }] },
    ],
    actions: [{ id: 'open_handover', label: 'Open', subjectId, version: 1 }],
  };
}

let keys = 0;
const freshKey = (name: string) => `contract:${name}:${Date.now()}:${++keys}`;

export function messengerContract(name: string, setup: () => Promise<MessengerUnderTest>): void {
  describe(`Messenger contract: ${name}`, () => {
    let t: MessengerUnderTest;
    beforeEach(async () => {
      t = await setup();
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('given a person it knows, when a card is sent, then it arrives once in their conversation', async () => {
      const ref = await t.messenger.sendToPerson(t.known, contractCard('Contract card one'), {
        idempotencyKey: freshKey(name),
      });
      expect(ref.platform).to.equal(t.messenger.platform);
      const got = await t.received(t.known);
      expect(got.filter((m) => m.text.includes('Contract card one'))).to.have.length(1);
      expect(got.map((m) => m.messageId)).to.include(ref.messageId);
    });

    it('when the same message is sent twice with one idempotency key, then the person sees it once', async () => {
      const key = freshKey(name);
      const first = await t.messenger.sendToPerson(t.known, contractCard('Contract card twice'), {
        idempotencyKey: key,
      });
      const second = await t.messenger.sendToPerson(t.known, contractCard('Contract card twice'), {
        idempotencyKey: key,
      });
      expect(second.messageId).to.equal(first.messageId);
      expect((await t.received(t.known)).filter((m) => m.text.includes('Contract card twice'))).to.have.length(1);
    });

    it('when a sent card is updated, then the same message shows the new card and no new message appears', async () => {
      const ref = await t.messenger.sendToPerson(t.known, contractCard('Contract before update'), {
        idempotencyKey: freshKey(name),
      });
      const before = (await t.received(t.known)).length;
      await t.messenger.updateMessage(ref, contractCard('Contract after update'));
      const after = await t.received(t.known);
      expect(after).to.have.length(before);
      const message = after.find((m) => m.messageId === ref.messageId);
      if (t.updatesInPlace === false) {
        expect(message?.text).to.contain('Contract before update').and.not.contain('Contract after update');
        return;
      }
      expect(message?.text).to.contain('Contract after update').and.not.contain('Contract before update');
    });

    it('when the recipient is unknown, then delivery is refused with kind recipient_unknown', async () => {
      const err = await t.messenger
        .sendToPerson(t.unknown, contractCard('Contract nobody'), { idempotencyKey: freshKey(name) })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).to.be.instanceOf(DeliveryError);
      expect((err as DeliveryError).kind).to.equal('recipient_unknown');
    });

    it('when a delivery fails, then it is reported as a DeliveryError and a retry with the same key delivers exactly once', async () => {
      const key = freshKey(name);
      t.failNextDelivery();
      const err = await t.messenger
        .sendToPerson(t.known, contractCard('Contract after failure'), { idempotencyKey: key })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).to.be.instanceOf(DeliveryError);
      expect(['transient', 'rate_limited', 'permanent']).to.include((err as DeliveryError).kind);
      await t.messenger.sendToPerson(t.known, contractCard('Contract after failure'), { idempotencyKey: key });
      expect((await t.received(t.known)).filter((m) => m.text.includes('Contract after failure'))).to.have.length(1);
    });

    it("given the outcome question, when it is sent, then Yes, Couldn't reach and Not yet each show with their own action", async function () {
      if (t.buttonsInMessage === false) this.skip();
      await t.messenger.sendToPerson(t.known, outcomeQuestionCard(), { idempotencyKey: freshKey(name) });
      const message = (await t.received(t.known)).find((m) =>
        m.text.includes('Did R.T. get in touch with Mind in Lambeth?'),
      );
      expect(message, 'the question arrives').to.not.equal(undefined);
      for (const label of ['Yes', "Couldn't reach", 'Not yet']) expect(message!.text).to.contain(label);
      for (const id of ['outcome_yes', 'outcome_unreachable', 'outcome_not_yet']) expect(message!.text).to.contain(id);
    });

    it('when a card is posted to a channel, then the channel shows it', async function () {
      if (!t.channel || !t.receivedInChannel) this.skip();
      const ref = await t.messenger.postToChannel(t.channel!, contractCard('Contract channel post'), {
        idempotencyKey: freshKey(name),
      });
      const got = await t.receivedInChannel!(t.channel!);
      expect(got.find((m) => m.messageId === ref.messageId)?.text).to.contain('Contract channel post');
    });
  });
}
