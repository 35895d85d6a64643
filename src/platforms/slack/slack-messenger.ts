// Slack's Messenger: DMs to a person (conversations.open → chat.postMessage), channel posts, updates in place.
// Every call goes out with the token of the workspace where the person or conversation lives (workspaces.ts).
// Every send carries its idempotency key in message metadata; keys already sent are answered from memory, and
// after an interrupted send (options.maybeSent, e.g. a restart after a crash) from the DM's recent history.
import { webApi } from '@slack/bolt';
import type { Card } from '../../cards/model.ts';
import type { ChannelAddress, Identity, MessageRef } from '../../domain/ports.ts';
import {
  DeliveryError,
  type Messenger,
  type PersonLookup,
  type PersonToFind,
  type SendOptions,
} from '../../app/ports.ts';
import { cardToMessage } from './blocks.ts';
import { postMessage, updateMessage } from './wire.ts';
import { BoundedMap } from './bounded-map.ts';
import { findSentMessage } from './find-sent.ts';
import { slackErrorCode, toDeliveryError } from './web-api-errors.ts';
import { singleWorkspace, type SlackClients } from './workspaces.ts';

export { BoundedMap };

export const MAX_REMEMBERED_KEYS = 10_000;
export const MAX_REMEMBERED_DMS = 10_000;
export const METADATA_EVENT_TYPE = 'warm_handover_card';
/** users.lookupByEmail answers that mean "not reachable in this workspace" (users:read.email is needed to ask). */
export const LOOKUP_MISSES: ReadonlySet<string> = new Set(['users_not_found', 'account_inactive', 'user_not_found']);

/** Where sent keys are remembered. The default lives in memory; the outbox may back it with its own table. */
export interface SentKeys {
  get(key: string): MessageRef | undefined;
  set(key: string, ref: MessageRef): void;
}

export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;
  private readonly dms = new BoundedMap<string>(MAX_REMEMBERED_DMS);
  private readonly pending = new Map<string, Promise<MessageRef>>();
  private readonly clients: SlackClients;

  /** One client (one workspace) or the clients of every installed workspace. */
  constructor(
    clients: webApi.WebClient | SlackClients,
    private readonly sent: SentKeys = new BoundedMap<MessageRef>(MAX_REMEMBERED_KEYS),
  ) {
    this.clients = clients instanceof webApi.WebClient ? singleWorkspace(clients) : clients;
  }

  async sendToPerson(to: Identity, card: Card, options: SendOptions): Promise<MessageRef> {
    if (to.platform !== 'slack' || !to.userId) {
      throw new DeliveryError('recipient_unknown', `Slack can only deliver to a Slack identity, not ${to.platform}.`);
    }
    return this.once(options.idempotencyKey, async () => {
      const client = await this.clients.forTeam(to.tenant);
      const dm = await this.openDm(client, to.tenant, to.userId);
      if (options.maybeSent) {
        const ref = await this.alreadySent(client, to.tenant, dm, card, options.idempotencyKey);
        if (ref) return ref;
      }
      return this.post(client, to.tenant, dm, card, options.idempotencyKey);
    });
  }

  /** Looks the person up by e-mail in each installed workspace (their organisation's first); rate limits throw. */
  async findPerson(person: PersonToFind): Promise<PersonLookup> {
    let missing = 'users_not_found';
    for (const teamId of this.clients.searchOrder(person.organisation)) {
      let client: webApi.WebClient;
      try {
        client = await this.clients.forTeam(teamId);
      } catch (err) {
        if (err instanceof DeliveryError && err.kind === 'recipient_unknown') continue;
        throw err;
      }
      try {
        const found = await client.users.lookupByEmail({ email: person.email });
        const user = found.user;
        if (user?.id && user.deleted) {
          missing = 'account_inactive';
          continue;
        }
        if (user?.id) return { found: { platform: 'slack', tenant: user.team_id ?? teamId, userId: user.id } };
      } catch (err) {
        const code = slackErrorCode(err);
        if (!LOOKUP_MISSES.has(code)) throw toDeliveryError(err, 'looking someone up by e-mail');
        if (code === 'account_inactive') missing = code;
      }
    }
    return { missing };
  }

  async postToChannel(channel: ChannelAddress, card: Card, options: SendOptions): Promise<MessageRef> {
    if (channel.platform !== 'slack')
      throw new DeliveryError('recipient_unknown', `Slack cannot post to a ${channel.platform} channel.`);
    return this.once(options.idempotencyKey, async () =>
      this.post(
        await this.clients.forTeam(channel.tenant),
        channel.tenant,
        channel.channelId,
        card,
        options.idempotencyKey,
      ),
    );
  }

  async updateMessage(ref: MessageRef, card: Card): Promise<void> {
    if (ref.platform !== 'slack')
      throw new DeliveryError('permanent', `Slack cannot update a ${ref.platform} message.`);
    const client = await this.clients.forConversation(ref.conversationId);
    const { text, blocks } = cardToMessage(card);
    try {
      await updateMessage(client, ref.conversationId, ref.messageId, { text, blocks });
    } catch (err) {
      throw toDeliveryError(err, 'updating a message');
    }
  }

  /** A reply in the thread of a card already sent (its reader is notified; the card itself changes in place). */
  async replyInThread(parent: MessageRef, card: Card, options: SendOptions): Promise<MessageRef> {
    if (parent.platform !== 'slack')
      throw new DeliveryError('permanent', `Slack cannot reply under a ${parent.platform} message.`);
    return this.once(options.idempotencyKey, async () => {
      const client = await this.clients.forConversation(parent.conversationId);
      return this.post(client, null, parent.conversationId, card, options.idempotencyKey, parent.messageId);
    });
  }

  /** The message sent with `key` before a crash, brought up to date with `card`; null if Slack has none. */
  private async alreadySent(
    client: webApi.WebClient,
    teamId: string,
    channel: string,
    card: Card,
    key: string,
  ): Promise<MessageRef | null> {
    const ts = await findSentMessage(client, channel, key, METADATA_EVENT_TYPE);
    if (!ts) return null;
    this.clients.remember(channel, teamId);
    const ref: MessageRef = { platform: 'slack', conversationId: channel, messageId: ts };
    await this.updateMessage(ref, card);
    return ref;
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

  private async openDm(client: webApi.WebClient, teamId: string, userId: string): Promise<string> {
    const dmKey = `${teamId}/${userId}`;
    const known = this.dms.get(dmKey);
    if (known) return known;
    try {
      const opened = await client.conversations.open({ users: userId });
      const id = opened.channel?.id;
      if (!id) throw new DeliveryError('recipient_unknown', 'Slack did not open a direct message with this person.');
      this.dms.set(dmKey, id);
      return id;
    } catch (err) {
      throw toDeliveryError(err, 'opening a direct message');
    }
  }

  /** teamId: the workspace to remember the conversation under; null when it is already known (a reply). */
  private async post(
    client: webApi.WebClient,
    teamId: string | null,
    channel: string,
    card: Card,
    key: string,
    threadTs?: string,
  ): Promise<MessageRef> {
    const { text, blocks } = cardToMessage(card);
    try {
      const res = await postMessage(client, {
        channel,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { idempotency_key: key, kind: card.kind } },
      });
      if (!res.ts) throw new DeliveryError('transient', 'Slack did not say where the message went.');
      const conversationId = res.channel ?? channel;
      if (teamId !== null) this.clients.remember(conversationId, teamId);
      return { platform: 'slack', conversationId, messageId: res.ts };
    } catch (err) {
      throw toDeliveryError(err, 'sending a message');
    }
  }
}
