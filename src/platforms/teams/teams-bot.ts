// The Teams bot: remembers where each person can be reached, answers "introduce" and "help" in a 1:1 chat,
// runs card buttons (Universal Actions) for the person who pressed them, and drives the introduce dialog.
import {
  TeamsActivityHandler, TeamsInfo, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue,
  type MessagingExtensionAction, type MessagingExtensionActionResponse, type TaskModuleRequest,
  type TaskModuleResponse, type TurnContext,
} from 'botbuilder';
import type { Person } from '../../domain/directory/types.ts';
import type { ChannelRef } from '../../domain/opportunities/types.ts';
import type { Logger } from '../../log.ts';
import {
  REFRESH_VERB, cardAttachment, cardInvokeResponse, chatCard, errorInvokeResponse, messageInvokeResponse,
} from './adaptive-teams.ts';
import { dialogStep, messageText, openDialog } from './introduce-dialog.ts';
import type { TeamsActions } from './teams-actions.ts';
import { TEAMS_CHANNEL_ID, type StoredReference, type TeamsDirectory, type TeamsUser } from './teams-identity.ts';

export const UNKNOWN_PERSON =
  "We don't know you in the Warm Handover directory yet. Ask your coordinator to add you with your work e-mail address, then try again.";
export const HELP_TEXT =
  'I help you introduce a client to a named contact at another service, and I let you know when they reply. ' +
  'Say "introduce" to start, or use "Introduce a client" from the … menu on any message.';
const INTRODUCE_WORDS = new Set(['introduce', 'introduce a client', 'new introduction']);
const HELP_WORDS = new Set(['help', 'hi', 'hello', '?']);
/** A peer group's name when Teams does not say what the team is called. */
export const UNNAMED_TEAM = 'Teams channel';
const MAX_GROUP_NAME = 120;

/** What the bot may record besides people: the team channels it is installed in, as peer groups. */
export interface TeamsBotHooks {
  registerPeerGroup?(channel: ChannelRef, name: string, registeredBy: string | null): void;
}

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
  const channelId = data.settings?.selectedChannel?.id ?? data.channel?.id ?? (a.conversation.id.split(';')[0] || data.team?.id);
  if (!channelId) return undefined;
  const team = data.team?.name?.trim() || UNNAMED_TEAM;
  const channel = data.channel?.name?.trim();
  return { channelId, name: (channel && channel !== 'General' ? `${team} › ${channel}` : team).slice(0, MAX_GROUP_NAME) };
}

function tenantOf(ctx: TurnContext): string {
  const channelData = (ctx.activity.channelData ?? {}) as { tenant?: { id?: string } };
  return ctx.activity.conversation?.tenantId ?? channelData.tenant?.id ?? '';
}

function userOf(ctx: TurnContext): TeamsUser {
  return { tenantId: tenantOf(ctx), aadObjectId: ctx.activity.from?.aadObjectId ?? '', teamsUserId: ctx.activity.from?.id };
}

function isPersonal(ctx: TurnContext): boolean {
  const type = ctx.activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

function referenceOf(ctx: TurnContext): StoredReference {
  const a = ctx.activity;
  return {
    channelId: a.channelId ?? TEAMS_CHANNEL_ID, serviceUrl: a.serviceUrl,
    conversation: { id: a.conversation.id, conversationType: a.conversation.conversationType, tenantId: tenantOf(ctx) },
    bot: { id: a.recipient.id }, user: { id: a.from.id, aadObjectId: a.from.aadObjectId },
  };
}

/** Strips the bot's @mention and spacing from a typed command. */
export function commandText(text: string | undefined): string {
  return (text ?? '').replace(/<at>[^<]*<\/at>/gi, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export class HandoverTeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly actions: TeamsActions, private readonly directory: TeamsDirectory, private readonly log: Logger,
    private readonly hooks: TeamsBotHooks = {},
  ) {
    super();
    this.onMessage(async (ctx, next) => { await this.answerMessage(ctx); await next(); });
    this.onConversationUpdate(async (ctx, next) => { await this.installed(ctx); await next(); });
    this.onInstallationUpdate(async (ctx, next) => { await this.installed(ctx); await next(); });
  }

  /** On install: remember the installer's 1:1 chat, and a team channel as a peer group opportunities can go to. */
  private async installed(ctx: TurnContext): Promise<void> {
    const person = await this.identify(ctx, true);
    const channel = installedTeamChannel(ctx);
    if (!channel || !this.hooks.registerPeerGroup) return;
    this.hooks.registerPeerGroup({ platform: 'teams', tenant: tenantOf(ctx), channelId: channel.channelId }, channel.name, person?.id ?? null);
    this.log.info({ tenant: tenantOf(ctx), channelId: channel.channelId }, 'Teams channel registered as a peer group');
  }

  /** The directory person behind this activity; links the Teams identity and stores the 1:1 reference. */
  async identify(ctx: TurnContext, lookUp: boolean): Promise<Person | undefined> {
    const user = userOf(ctx);
    if (!user.aadObjectId) return undefined;
    let person = this.directory.findPerson(user);
    if (!person && lookUp) person = await this.findByEmail(ctx);
    if (!person) return undefined;
    const personal = isPersonal(ctx) && ctx.activity.from.id !== ctx.activity.recipient?.id;
    this.directory.remember(person.id, user, { serviceUrl: ctx.activity.serviceUrl, ...(personal ? { reference: referenceOf(ctx) } : {}) }, person);
    this.actions.seen?.(person.id);
    return person;
  }

  private async findByEmail(ctx: TurnContext): Promise<Person | undefined> {
    try {
      const member = await TeamsInfo.getMember(ctx, ctx.activity.from.id);
      const email = member.email ?? member.userPrincipalName;
      return email ? this.directory.findByEmail(email) : undefined;
    } catch (err) {
      this.log.warn({ err: { message: (err as Error).message } }, 'Teams member lookup failed');
      return undefined;
    }
  }

  private async answerMessage(ctx: TurnContext): Promise<void> {
    const person = await this.identify(ctx, true);
    if (!isPersonal(ctx)) return;
    if (!person) { await ctx.sendActivity(UNKNOWN_PERSON); return; }
    const said = commandText(ctx.activity.text);
    if (INTRODUCE_WORDS.has(said)) { await ctx.sendActivity({ attachments: [cardAttachment(startCard())] }); return; }
    if (HELP_WORDS.has(said) || said === '') { await ctx.sendActivity({ text: HELP_TEXT, attachments: [cardAttachment(startCard())] }); return; }
    await ctx.sendActivity(`Sorry, I didn't understand that. ${HELP_TEXT}`);
  }

  protected async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return messageInvokeResponse(UNKNOWN_PERSON) as unknown as AdaptiveCardInvokeResponse;
    const verb = value.action?.verb ?? '';
    const { subjectId, version, kind, ...inputs } = (value.action?.data ?? {}) as Record<string, unknown>;
    if (typeof subjectId !== 'string' || !verb) return errorInvokeResponse(400, 'BadRequest', 'This button is missing what it is about.') as unknown as AdaptiveCardInvokeResponse;
    const refreshFor = [ctx.activity.from.id];
    if (verb === REFRESH_VERB) {
      const card = this.actions.compose({ kind: (typeof kind === 'string' ? kind : 'introduction') as never, subjectId, viewerId: person.id });
      return (card ? cardInvokeResponse(chatCard(card, refreshFor)) : messageInvokeResponse('This card has nothing new.')) as unknown as AdaptiveCardInvokeResponse;
    }
    const result = await this.actions.run({ actorId: person.id, actionId: verb, subjectId, version: typeof version === 'number' ? version : undefined, inputs });
    if (result.kind === 'error') return messageInvokeResponse(result.message) as unknown as AdaptiveCardInvokeResponse;
    return cardInvokeResponse(chatCard(result.card, refreshFor)) as unknown as AdaptiveCardInvokeResponse;
  }

  protected async handleTeamsTaskModuleFetch(ctx: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    return openDialog(this.actions, person.id, {});
  }

  protected async handleTeamsTaskModuleSubmit(ctx: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    return dialogStep(this.actions, person.id, request.data);
  }

  protected async handleTeamsMessagingExtensionFetchTask(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    const needs = messageText(action.messagePayload?.body?.content);
    return openDialog(this.actions, person.id, needs ? { needs } : {}) as Promise<MessagingExtensionActionResponse>;
  }

  protected async handleTeamsMessagingExtensionSubmitAction(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    return dialogStep(this.actions, person.id, action.data) as Promise<MessagingExtensionActionResponse>;
  }
}

/** The card the bot answers "introduce" with: one button that opens the introduce dialog. */
export function startCard(): Record<string, unknown> {
  return {
    type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5',
    body: [{ type: 'TextBlock', text: 'Introduce a client to a named contact at another service.', wrap: true }],
    actions: [{ type: 'Action.Submit', title: 'Introduce a client', data: { msteams: { type: 'task/fetch' }, actionId: 'introduce_start' } }],
  };
}
