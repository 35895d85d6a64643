// Slack's Messenger: DMs to a person (conversations.open → chat.postMessage), channel posts, updates in place.
// Every send carries its idempotency key in message metadata; keys already sent are answered from memory.
import type { webApi } from '@slack/bolt';
import type { Card } from '../../cards/model.ts';
import {
  DeliveryError, type ChannelAddress, type Identity, type MessageRef, type Messenger, type SendOptions,
} from '../../domain/ports.ts';
import { cardToMessage } from './blocks.ts';
import { toDeliveryError } from './web-api-errors.ts';

export const MAX_REMEMBERED_KEYS = 10_000;
export const MAX_REMEMBERED_DMS = 10_000;
export const METADATA_EVENT_TYPE = 'warm_handover_card';

/** Where sent keys are remembered. The default lives in memory; the outbox may back it with its own table. */
export interface SentKeys {
  get(key: string): MessageRef | undefined;
  set(key: string, ref: MessageRef): void;
}

/** A Map that forgets its oldest entries beyond `max`. */
export class BoundedMap<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined { return this.map.get(key); }
  has(key: string): boolean { return this.map.has(key); }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  delete(key: string): void { this.map.delete(key); }
}

export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;
  private readonly dms = new BoundedMap<string>(MAX_REMEMBERED_DMS);
  private readonly pending = new Map<string, Promise<MessageRef>>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly sent: SentKeys = new BoundedMap<MessageRef>(MAX_REMEMBERED_KEYS),
  ) {}

  async sendToPerson(to: Identity, card: Card, options: SendOptions): Promise<MessageRef> {
    if (to.platform !== 'slack' || !to.userId) {
      throw new DeliveryError('recipient_unknown', `Slack can only deliver to a Slack identity, not ${to.platform}.`);
    }
    return this.once(options.idempotencyKey, async () => this.post(await this.openDm(to.userId), card, options.idempotencyKey));
  }

  async postToChannel(channel: ChannelAddress, card: Card, options: SendOptions): Promise<MessageRef> {
    if (channel.platform !== 'slack') throw new DeliveryError('recipient_unknown', `Slack cannot post to a ${channel.platform} channel.`);
    return this.once(options.idempotencyKey, () => this.post(channel.channelId, card, options.idempotencyKey));
  }

  async updateMessage(ref: MessageRef, card: Card): Promise<void> {
    if (ref.platform !== 'slack') throw new DeliveryError('permanent', `Slack cannot update a ${ref.platform} message.`);
    const { text, blocks } = cardToMessage(card);
    try {
      await this.client.chat.update({ channel: ref.conversationId, ts: ref.messageId, text, blocks });
    } catch (err) {
      throw toDeliveryError(err, 'updating a message');
    }
  }

  private async once(key: string, send: () => Promise<MessageRef>): Promise<MessageRef> {
    const known = this.sent.get(key);
    if (known) return known;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const promise = send().then((ref) => {
      this.sent.set(key, ref);
      return ref;
    });
    this.pending.set(key, promise);
    try {
      return await promise;
    } finally {
      this.pending.delete(key);
    }
  }

  private async openDm(userId: string): Promise<string> {
    const known = this.dms.get(userId);
    if (known) return known;
    try {
      const opened = await this.client.conversations.open({ users: userId });
      const id = opened.channel?.id;
      if (!id) throw new DeliveryError('recipient_unknown', 'Slack did not open a direct message with this person.');
      this.dms.set(userId, id);
      return id;
    } catch (err) {
      throw toDeliveryError(err, 'opening a direct message');
    }
  }

  private async post(channel: string, card: Card, key: string): Promise<MessageRef> {
    const { text, blocks } = cardToMessage(card);
    try {
      const res = await this.client.chat.postMessage({
        channel, text, blocks, unfurl_links: false, unfurl_media: false,
        metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { idempotency_key: key, kind: card.kind } },
      });
      if (!res.ts) throw new DeliveryError('transient', 'Slack did not say where the message went.');
      return { platform: 'slack', conversationId: res.channel ?? channel, messageId: res.ts };
    } catch (err) {
      throw toDeliveryError(err, 'sending a message');
    }
  }
}
