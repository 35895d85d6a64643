// Delivers cards in Teams without waiting for the person to speak first: continue the stored 1:1 conversation,
// or create it with the tenant id and AAD object id. Failures become DeliveryError kinds for the outbox.
import type { Activity, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import type { Card } from '../../cards/model.ts';
import type { ChannelAddress, Identity, MessageRef } from '../../domain/ports.ts';
import { DeliveryError, type Messenger, type SendOptions } from '../../app/ports.ts';
import { cardAttachment, chatCard, refreshIdFor } from './adaptive-teams.ts';
import { toDeliveryError } from './delivery-failure.ts';
import type { HandoverCloudAdapter, TenantAdapters } from './tenant-adapters.ts';
import { TEAMS_CHANNEL_ID, teamsDetails, type StoredReference, type TeamsDirectory } from './teams-identity.ts';

/** Public Teams service URL, used only when no activity from the tenant has told us its regional one. */
export const DEFAULT_TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
/** How many idempotency keys this process remembers (older ones are the outbox's job). */
export const MAX_REMEMBERED_KEYS = 10_000;
const REF_SEPARATOR = '|';

export interface TeamsMessengerOptions {
  /** One adapter per bot registration: a message to someone in tenant Y goes out with Y's credentials. */
  adapters: Pick<TenantAdapters, 'forTenant'>;
  directory: TeamsDirectory;
  defaultServiceUrl?: string;
}

interface ConnectorLike {
  client?: { pipeline?: { removePolicy(options: { phase: string }): unknown } };
}

/** The outbox owns retries and Retry-After: switch off the connector client's own silent retries. */
function withoutHiddenRetries(ctx: TurnContext): void {
  const connector = ctx.turnState.get(ctx.adapter.ConnectorClientKey) as ConnectorLike | undefined;
  connector?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}

export class TeamsMessenger implements Messenger {
  readonly platform = 'teams' as const;
  private readonly seen = new Map<string, MessageRef>();

  constructor(private readonly options: TeamsMessengerOptions) {}

  /** The adapter and bot app id registered for a tenant; a tenant we are not registered in cannot be reached. */
  private sender(tenantId: string): { adapter: HandoverCloudAdapter; appId: string; botId: string } {
    const found = this.options.adapters.forTenant(tenantId);
    if (!found.ok) throw new DeliveryError('recipient_unknown', `Teams cannot reach this person: ${found.message}`);
    return {
      adapter: found.adapter,
      appId: found.appId,
      botId: found.appId ? `28:${found.appId}` : 'warm-handover-bot',
    };
  }

  private serviceUrl(tenantId: string, known?: string): string {
    return (
      known ??
      this.options.directory.serviceUrlFor(tenantId) ??
      this.options.defaultServiceUrl ??
      DEFAULT_TEAMS_SERVICE_URL
    );
  }

  async sendToPerson(to: Identity, card: Card, options: SendOptions): Promise<MessageRef> {
    if (to.platform !== 'teams' || !to.userId)
      throw new DeliveryError('recipient_unknown', 'This person has no Teams identity in the directory.');
    const done = this.seen.get(options.idempotencyKey);
    if (done) return done;
    const details = teamsDetails(to);
    const content = chatCard(card, [refreshIdFor(details.teamsUserId, to.userId)]);
    const activity: Partial<Activity> = {
      type: 'message',
      summary: card.summary,
      attachments: [cardAttachment(content)],
    };
    const reference = details.reference;
    const sent = reference
      ? await this.sendInConversation(to.tenant, reference, activity, 'a card')
      : await this.createAndSend(to, activity);
    const ref: MessageRef = {
      platform: 'teams',
      conversationId: encodeConversation(to.tenant, sent.conversationId),
      messageId: sent.id,
    };
    this.remember(options.idempotencyKey, ref);
    return ref;
  }

  /** A one-off message to a person's 1:1 chat (an answer to an @mention elsewhere): their chat, or a new one. */
  async sendPrivately(to: Identity, activity: Partial<Activity>): Promise<void> {
    const reference = teamsDetails(to).reference;
    if (reference) await this.sendInConversation(to.tenant, reference, activity, 'a private message');
    else await this.createAndSend(to, activity);
  }

  async postToChannel(channel: ChannelAddress, card: Card, options: SendOptions): Promise<MessageRef> {
    if (channel.platform !== 'teams')
      throw new DeliveryError('recipient_unknown', 'This channel is not a Teams channel.');
    const done = this.seen.get(options.idempotencyKey);
    if (done) return done;
    const activity: Partial<Activity> = {
      type: 'message',
      summary: card.summary,
      attachments: [cardAttachment(chatCard(card))],
    };
    const reference = this.reference(channel.tenant, channel.channelId);
    const sent = await this.sendInConversation(channel.tenant, reference, activity, 'a channel post');
    const ref: MessageRef = {
      platform: 'teams',
      conversationId: encodeConversation(channel.tenant, channel.channelId),
      messageId: sent.id,
    };
    this.remember(options.idempotencyKey, ref);
    return ref;
  }

  async updateMessage(ref: MessageRef, card: Card): Promise<void> {
    if (ref.platform !== 'teams') throw new DeliveryError('permanent', 'This message was not sent in Teams.');
    const { tenantId, conversationId } = decodeConversation(ref.conversationId);
    const reference = this.reference(tenantId, conversationId);
    const userIds = conversationId.startsWith('19:') ? [] : this.refreshIdsOf(tenantId, conversationId);
    const activity: Partial<Activity> = {
      type: 'message',
      id: ref.messageId,
      summary: card.summary,
      attachments: [cardAttachment(chatCard(card, userIds))],
    };
    await this.run(tenantId, reference, 'an update to a card', async (ctx) => {
      await ctx.updateActivity({ ...activity, conversation: { id: conversationId } as Activity['conversation'] });
    });
  }

  private reference(tenantId: string, conversationId: string): StoredReference {
    return {
      channelId: TEAMS_CHANNEL_ID,
      serviceUrl: this.serviceUrl(tenantId),
      conversation: { id: conversationId, tenantId },
      bot: { id: this.sender(tenantId).botId },
    };
  }

  /** The person whose 1:1 chat this is, so an updated card keeps refreshing for them. */
  private refreshIdsOf(tenantId: string, conversationId: string): string[] {
    const hit = this.options.directory.personForConversation(tenantId, conversationId);
    return hit ? [refreshIdFor(hit.teamsUserId, hit.aadObjectId)] : [];
  }

  private async sendInConversation(
    tenantId: string,
    reference: StoredReference,
    activity: Partial<Activity>,
    what: string,
  ): Promise<{ id: string; conversationId: string }> {
    let id = '';
    await this.run(tenantId, reference, what, async (ctx) => {
      id = (await ctx.sendActivity(activity))?.id ?? '';
    });
    return { id, conversationId: reference.conversation.id };
  }

  private async createAndSend(
    to: Identity,
    activity: Partial<Activity>,
  ): Promise<{ id: string; conversationId: string }> {
    const details = teamsDetails(to);
    const serviceUrl = this.serviceUrl(to.tenant, details.serviceUrl);
    const { adapter, appId, botId } = this.sender(to.tenant);
    const parameters = {
      isGroup: false,
      bot: { id: botId, name: 'Warm Handover' },
      members: [{ id: details.teamsUserId ?? to.userId, name: '' }],
      tenantId: to.tenant,
      channelData: { tenant: { id: to.tenant } },
    } as unknown as ConversationParameters;
    let result: { id: string; conversationId: string } | undefined;
    let failure: unknown;
    try {
      await adapter.createConversationAsync(
        appId,
        TEAMS_CHANNEL_ID,
        serviceUrl,
        undefined as unknown as string,
        parameters,
        async (ctx) => {
          withoutHiddenRetries(ctx);
          const conversation = ctx.activity.conversation;
          this.options.directory.rememberReference(to, {
            channelId: TEAMS_CHANNEL_ID,
            serviceUrl,
            conversation: { id: conversation.id, tenantId: to.tenant },
            bot: { id: botId },
            user: { id: details.teamsUserId ?? to.userId, aadObjectId: to.userId },
          });
          try {
            result = { id: (await ctx.sendActivity(activity))?.id ?? '', conversationId: conversation.id };
          } catch (err) {
            failure = err;
          }
        },
      );
    } catch (err) {
      failure = err;
    }
    if (failure || !result) throw toDeliveryError(failure, 'a new chat with this person');
    return result;
  }

  /** Runs proactive logic; errors inside the turn are caught here, never by the adapter's turn-error handler. */
  private async run(
    tenantId: string,
    reference: StoredReference,
    what: string,
    logic: (ctx: TurnContext) => Promise<void>,
  ): Promise<void> {
    const { adapter, appId } = this.sender(tenantId);
    let failure: unknown;
    try {
      await adapter.continueConversationAsync(
        appId,
        reference as unknown as Partial<ConversationReference>,
        async (ctx) => {
          withoutHiddenRetries(ctx);
          try {
            await logic(ctx);
          } catch (err) {
            failure = err;
          }
        },
      );
    } catch (err) {
      failure = err;
    }
    if (failure) throw toDeliveryError(failure, what);
  }

  private remember(key: string, ref: MessageRef): void {
    if (this.seen.size >= MAX_REMEMBERED_KEYS) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(key, ref);
  }
}

export function encodeConversation(tenantId: string, conversationId: string): string {
  return `${tenantId}${REF_SEPARATOR}${conversationId}`;
}

export function decodeConversation(value: string): { tenantId: string; conversationId: string } {
  const at = value.indexOf(REF_SEPARATOR);
  return at < 0
    ? { tenantId: '', conversationId: value }
    : { tenantId: value.slice(0, at), conversationId: value.slice(at + 1) };
}
