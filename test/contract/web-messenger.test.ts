import { expect } from 'chai';
import type { Card } from '../../src/cards/model.ts';
import { WebMessageStore, channelConversation, personConversation } from '../../src/platforms/web/message-store.ts';
import { WebMessenger } from '../../src/platforms/web/web-messenger.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { makeWorld } from '../support/make.ts';
import { contractCard, messengerContract, type ReceivedMessage } from './messenger-contract.ts';

class FlakyStore extends WebMessageStore {
  failNext = false;
  override insert(m: Parameters<WebMessageStore['insert']>[0]) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk I/O error');
    }
    return super.insert(m);
  }
}

const asText = (card: Card) => JSON.stringify(card);

messengerContract('web playground', async () => {
  const w = makeWorld();
  const store = new FlakyStore(w.db);
  const messenger = new WebMessenger(store, w.people, w.clock);
  const read = (conversation: string): ReceivedMessage[] =>
    messenger.list(conversation).map((m) => ({ messageId: m.id, text: asText(m.card) }));
  return {
    messenger,
    known: { platform: 'web', tenant: '', userId: 'sam' },
    unknown: { platform: 'web', tenant: '', userId: 'nobody-here' },
    received: async (to) => read(personConversation(to.userId)),
    failNextDelivery: () => {
      store.failNext = true;
    },
    channel: { platform: 'web', tenant: '', channelId: 'peer-group' },
    receivedInChannel: async (c) => read(channelConversation(c.channelId)),
    cleanup: () => w.cleanup(),
  };
});

describe('web messenger', () => {
  it('given messages were delivered, when the server restarts, then the inbox still holds them', async () => {
    const w = makeWorld();
    try {
      const messenger = new WebMessenger(new WebMessageStore(w.db), w.people, w.clock);
      await messenger.sendToPerson(
        { platform: 'web', tenant: '', userId: 'jo' },
        contractCard('Kept across restarts'),
        { idempotencyKey: 'k1' },
      );
      w.db.close();
      const db = openDatabase(w.path);
      const again = new WebMessenger(new WebMessageStore(db), w.people, w.clock);
      expect(again.list(personConversation('jo')).map((m) => m.card.title)).to.deep.equal(['Kept across restarts']);
      db.close();
    } finally {
      try {
        w.cleanup();
      } catch {
        /* already closed */
      }
    }
  });

  it('when a card is sent or updated, then an open browser is told at once', async () => {
    const w = makeWorld();
    try {
      const messenger = new WebMessenger(new WebMessageStore(w.db), w.people, w.clock);
      const seen: string[] = [];
      const stop = messenger.subscribe(personConversation('sam'), (m) => seen.push(m.card.title));
      const ref = await messenger.sendToPerson({ platform: 'web', tenant: '', userId: 'sam' }, contractCard('First'), {
        idempotencyKey: 'a',
      });
      await messenger.updateMessage(ref, contractCard('Second'));
      stop();
      await messenger.updateMessage(ref, contractCard('Third'));
      expect(seen).to.deep.equal(['First', 'Second']);
    } finally {
      w.cleanup();
    }
  });

  it('refuses an identity from another platform as unknown', async () => {
    const w = makeWorld();
    try {
      const messenger = new WebMessenger(new WebMessageStore(w.db), w.people, w.clock);
      const err = await messenger
        .sendToPerson({ platform: 'slack', tenant: 'T1', userId: 'sam' }, contractCard('x'), { idempotencyKey: 'b' })
        .catch((e) => e);
      expect(err.kind).to.equal('recipient_unknown');
    } finally {
      w.cleanup();
    }
  });
});
