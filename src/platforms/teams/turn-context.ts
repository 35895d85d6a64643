// What the bot reads from one incoming activity (a TurnContext): who sent it, from which tenant and conversation,
// which card was clicked, whether the app was just installed. Pure readers: no replies, no storage.
import type { TurnContext } from 'botbuilder';
import type { ShownIn } from '../../app/handover-service.ts';
import { encodeConversation } from './teams-messenger.ts';
import { TEAMS_CHANNEL_ID, type StoredReference, type TeamsUser } from './teams-identity.ts';

/** A peer group's name when Teams does not say what the team is called. */
export const UNNAMED_TEAM = 'Teams channel';
const MAX_GROUP_NAME = 120;

interface TeamChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  settings?: { selectedChannel?: { id?: string } };
}

/** The team channel the app was just installed in (or added to), or undefined for any other activity. */
export function installedTeamChannel(ctx: TurnContext): { channelId: string; name: string } | undefined {
  const a = ctx.activity;
  if (a.conversation?.conversationType !== 'channel') return undefined;
  const data = (a.channelData ?? {}) as TeamChannelData;
  const botAdded = a.type === 'conversationUpdate' && (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
  const installed = a.type === 'installationUpdate' && (a.action === 'add' || a.action === 'add-upgrade');
  if (!botAdded && !installed) return undefined;
  const channelId =
    data.settings?.selectedChannel?.id ?? data.channel?.id ?? (a.conversation.id.split(';')[0] || data.team?.id);
  if (!channelId) return undefined;
  const team = data.team?.name?.trim() || UNNAMED_TEAM;
  const channel = data.channel?.name?.trim();
  return {
    channelId,
    name: (channel && channel !== 'General' ? `${team} › ${channel}` : team).slice(0, MAX_GROUP_NAME),
  };
}

export function tenantOf(ctx: TurnContext): string {
  const channelData = (ctx.activity.channelData ?? {}) as { tenant?: { id?: string } };
  return ctx.activity.conversation?.tenantId ?? channelData.tenant?.id ?? '';
}

export function userOf(ctx: TurnContext): TeamsUser {
  return {
    tenantId: tenantOf(ctx),
    aadObjectId: ctx.activity.from?.aadObjectId ?? '',
    teamsUserId: ctx.activity.from?.id,
  };
}

export function isPersonal(ctx: TurnContext): boolean {
  const type = ctx.activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

export function referenceOf(ctx: TurnContext): StoredReference {
  const a = ctx.activity;
  return {
    channelId: a.channelId ?? TEAMS_CHANNEL_ID,
    serviceUrl: a.serviceUrl,
    conversation: { id: a.conversation.id, conversationType: a.conversation.conversationType, tenantId: tenantOf(ctx) },
    bot: { id: a.recipient.id },
    user: { id: a.from.id, aadObjectId: a.from.aadObjectId },
  };
}

/** Strips the bot's @mention and spacing from a typed command. */
export function commandText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The channel a channel activity happened in (Teams puts it in channelData; the General channel's id is the team's). */
export function channelOf(ctx: TurnContext): string | undefined {
  if (ctx.activity.conversation?.conversationType !== 'channel') return undefined;
  const data = (ctx.activity.channelData ?? {}) as TeamChannelData;
  return data.channel?.id ?? data.team?.id ?? (ctx.activity.conversation.id.split(';')[0] || undefined);
}

/** The card message an invoke came from: the invoke response updates it, so the outbox need not PUT it again. */
export function clickedCard(ctx: TurnContext): ShownIn | undefined {
  const messageId = ctx.activity.replyToId;
  const conversationId = ctx.activity.conversation?.id;
  return messageId && conversationId
    ? { conversationId: encodeConversation(tenantOf(ctx), conversationId), messageId }
    : undefined;
}

/** The app was just added here: the bot joined the conversation, or the app was installed (not upgraded). */
export function justInstalled(ctx: TurnContext): boolean {
  const a = ctx.activity;
  if (a.type === 'installationUpdate') return a.action === 'add';
  return a.type === 'conversationUpdate' && (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
}
