// The web playground's Messenger: messages are stored in SQLite and pushed to open browsers
// (server-sent events) through subscribe(). A person is reachable if they have a web identity.
import { EventEmitter } from 'node:events';
import { newId } from '../../app/ids.ts';
import type { Card } from '../../cards/model.ts';
import type { ChannelAddress, Clock, Identity, MessageRef } from '../../domain/ports.ts';
import { DeliveryError, type Messenger, type SendOptions } from '../../app/ports.ts';
import type { PeopleDirectory } from '../../app/people-directory.ts';
import { channelConversation, personConversation, type WebMessage, type WebMessageStore } from './message-store.ts';

export type WebMessageListener = (message: WebMessage) => void;

/** Open browser tabs per conversation; more than this is a leak, not a demo. */
export const MAX_LISTENERS_PER_CONVERSATION = 50;
/** The event every channel message is also published under (not a conversation name: those start "person:" or "channel:"). */
const ANY_CHANNEL = 'any-channel';

export class WebMessenger implements Messenger {
  readonly platform = 'web' as const;
  private readonly events = new EventEmitter();

  constructor(
    private readonly store: WebMessageStore,
    private readonly people: PeopleDirectory,
    private readonly clock: Clock,
  ) {
    this.events.setMaxListeners(0);
  }

  async sendToPerson(to: Identity, card: Card, options: SendOptions): Promise<MessageRef> {
    if (to.platform !== 'web')
      throw new DeliveryError('recipient_unknown', `The web playground cannot reach a ${to.platform} identity.`);
    const person = this.people.findByIdentity('web', to.tenant ?? '', to.userId);
    if (!person)
      throw new DeliveryError('recipient_unknown', `Nobody with the web id ${to.userId} is in the directory.`);
    return this.deliver(personConversation(person.id), card, options.idempotencyKey);
  }

  async postToChannel(channel: ChannelAddress, card: Card, options: SendOptions): Promise<MessageRef> {
    if (channel.platform !== 'web' || !channel.channelId)
      throw new DeliveryError('recipient_unknown', 'That is not a web playground channel.');
    return this.deliver(channelConversation(channel.channelId), card, options.idempotencyKey);
  }

  async updateMessage(ref: MessageRef, card: Card): Promise<void> {
    const at = this.clock.now().toISOString();
    let updated: boolean;
    try {
      updated = this.store.update(ref.messageId, card, at);
    } catch (err) {
      throw new DeliveryError('transient', `The playground could not save the message: ${(err as Error).message}`);
    }
    if (!updated) throw new DeliveryError('recipient_unknown', `There is no web message ${ref.messageId} to update.`);
    this.publish(this.store.get(ref.messageId));
  }

  /** Messages of one conversation, oldest first. */
  list(conversation: string): WebMessage[] {
    return this.store.list(conversation);
  }

  channels(): string[] {
    return this.store.channels();
  }

  /** Calls listener for every new or updated message in the conversation; returns the unsubscribe. */
  subscribe(conversation: string, listener: WebMessageListener): () => void {
    if (this.events.listenerCount(conversation) >= MAX_LISTENERS_PER_CONVERSATION) {
      throw new DeliveryError('rate_limited', 'Too many open windows for this person. Close some and try again.');
    }
    this.events.on(conversation, listener);
    return () => this.events.off(conversation, listener);
  }

  private deliver(conversation: string, card: Card, key: string): MessageRef {
    const seen = this.store.findByKey(key);
    if (seen) return { platform: 'web', conversationId: seen.conversation, messageId: seen.id };
    let message: WebMessage;
    try {
      message = this.store.insert({ id: newId('M'), conversation, key, card, at: this.clock.now().toISOString() });
    } catch (err) {
      throw new DeliveryError('transient', `The playground could not save the message: ${(err as Error).message}`);
    }
    this.publish(message);
    return { platform: 'web', conversationId: conversation, messageId: message.id };
  }

  /** Calls listener for every new or updated message in any channel (the playground's channel view). */
  subscribeChannels(listener: WebMessageListener): () => void {
    return this.subscribe(ANY_CHANNEL, listener);
  }

  private publish(message: WebMessage | undefined): void {
    if (!message) return;
    this.events.emit(message.conversation, message);
    if (message.conversation.startsWith(channelConversation(''))) this.events.emit(ANY_CHANNEL, message);
  }
}
