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
  DIALOG_ACTIONS, REFRESH_VERB, cardAttachment, cardInvokeResponse, chatCard, errorInvokeResponse, messageInvokeResponse,
} from './adaptive-teams.ts';
import { dialogStep, messageText, openDialog, readSubmit } from './introduce-dialog.ts';
import {
  isOpportunityStep, openOpportunityDialog, openOpportunityIntroduction, opportunityStep, POST_OPPORTUNITY_COMMAND,
  SubmitOnce, teamsScope, type OpportunityPlace,
} from './opportunity-dialog.ts';
import type { TeamsActions } from './teams-actions.ts';
import { TEAMS_CHANNEL_ID, type StoredReference, type TeamsDirectory, type TeamsUser } from './teams-identity.ts';

export const UNKNOWN_PERSON =
  "We don't know you in the Warm Handover directory yet. Ask your coordinator to add you with your work e-mail address, then try again.";
export const HELP_TEXT =
  'I help you introduce a client to a named contact at another service, and I let you know when they reply. ' +
  'Say "introduce" to start, or use "Introduce a client" from the … menu on any message. ' +
  'Say "opportunity" to post an opportunity to your peer group\'s channel.';
const INTRODUCE_WORDS = new Set(['introduce', 'introduce a client', 'new introduction']);
const OPPORTUNITY_WORDS = new Set(['opportunity', 'post an opportunity', 'post opportunity', 'new opportunity']);
/** Said to someone who presses a dialog button in a way that cannot open one (e.g. an old card): never a form in a channel. */
export const OPENS_PRIVATELY =
  'This opens in a private dialog, never in the channel. Please refresh the card (or reload Teams) and press the button again.';
const HELP_WORDS = new Set(['help', 'hi', 'hello', '?']);
/** A peer group's name when Teams does not say what the team is called. */
export const UNNAMED_TEAM = 'Teams channel';
const MAX_GROUP_NAME = 120;

/** What the bot may record besides people: the team channels it is installed in, as peer groups. */
export interface TeamsBotHooks {
  registerPeerGroup?(channel: ChannelRef, name: string, registeredBy: string | null): void;
  /** The channel ids of a tenant's registered peer groups (the "Post an opportunity" dialog offers these). */
  peerGroupIds?(tenantId: string): string[];
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

/** The channel a channel activity happened in (Teams puts it in channelData; the General channel's id is the team's). */
function channelOf(ctx: TurnContext): string | undefined {
  if (ctx.activity.conversation?.conversationType !== 'channel') return undefined;
  const data = (ctx.activity.channelData ?? {}) as TeamChannelData;
  return data.channel?.id ?? data.team?.id ?? (ctx.activity.conversation.id.split(';')[0] || undefined);
}

export class HandoverTeamsBot extends TeamsActivityHandler {
  private readonly submitOnce = new SubmitOnce();

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
    const said = commandText(ctx.activity.text);
    if (OPPORTUNITY_WORDS.has(said)) {
      const place = this.placeOf(ctx);
      await ctx.sendActivity(person ? { attachments: [cardAttachment(opportunityStartCard(place))] } : UNKNOWN_PERSON);
      return;
    }
    if (!isPersonal(ctx)) return;
    if (!person) { await ctx.sendActivity(UNKNOWN_PERSON); return; }
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
    if (DIALOG_ACTIONS.has(verb)) return messageInvokeResponse(OPENS_PRIVATELY) as unknown as AdaptiveCardInvokeResponse;
    const result = await this.actions.run({ actorId: person.id, actionId: verb, subjectId, version: typeof version === 'number' ? version : undefined, inputs });
    if (result.kind === 'error') return messageInvokeResponse(result.message) as unknown as AdaptiveCardInvokeResponse;
    if (result.kind === 'form' && !isPersonal(ctx)) return messageInvokeResponse(OPENS_PRIVATELY) as unknown as AdaptiveCardInvokeResponse;
    return cardInvokeResponse(chatCard(result.card, refreshFor)) as unknown as AdaptiveCardInvokeResponse;
  }

  protected async handleTeamsTaskModuleFetch(ctx: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    const { actionId, subjectId } = readSubmit(request.data);
    if (actionId === 'opportunity_start') return openOpportunityDialog(this.actions, person.id, this.placeOf(ctx, request.data));
    if (actionId === 'introduce_to_opportunity') return openOpportunityIntroduction(this.actions, person.id, subjectId);
    if (actionId === 'reintroduce') return dialogStep(this.actions, person.id, request.data);
    return openDialog(this.actions, person.id, {});
  }

  protected async handleTeamsTaskModuleSubmit(ctx: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    return this.submitStep(ctx, person.id, request.data);
  }

  /** One dialog submit: an opportunity step in this tenant's scope, else an introduce step; a repeat runs once. */
  private submitStep(ctx: TurnContext, actorId: string, data: unknown): Promise<TaskModuleResponse> {
    return this.submitOnce.run(actorId, data, () => (isOpportunityStep(data)
      ? opportunityStep(this.actions, actorId, tenantOf(ctx), data)
      : dialogStep(this.actions, actorId, data)));
  }

  /** The poster's tenant, how many peer groups it has, and the channel they are in when it is one of them. */
  private placeOf(ctx: TurnContext, data?: unknown): OpportunityPlace {
    const tenantId = tenantOf(ctx);
    const groups = this.hooks.peerGroupIds?.(tenantId) ?? [];
    const carried = (data as { channels?: unknown } | undefined)?.channels;
    const here = typeof carried === 'string' && carried ? carried : channelOf(ctx);
    return { tenantId, groupCount: groups.length, ...(here && groups.includes(here) ? { channelId: here } : {}) };
  }

  protected async handleTeamsMessagingExtensionFetchTask(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    if (action.commandId === POST_OPPORTUNITY_COMMAND) return openOpportunityDialog(this.actions, person.id, this.placeOf(ctx)) as Promise<MessagingExtensionActionResponse>;
    const needs = messageText(action.messagePayload?.body?.content);
    return openDialog(this.actions, person.id, needs ? { needs } : {}) as Promise<MessagingExtensionActionResponse>;
  }

  protected async handleTeamsMessagingExtensionSubmitAction(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    const data = action.commandId === POST_OPPORTUNITY_COMMAND && !isOpportunityStep(action.data) ? { ...(action.data ?? {}), actionId: 'opportunity_submit' } : action.data;
    return this.submitStep(ctx, person.id, data) as Promise<MessagingExtensionActionResponse>;
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

/** The card the bot answers "opportunity" with (in a 1:1 chat or a channel): one button that opens the dialog privately. */
export function opportunityStartCard(place: OpportunityPlace): Record<string, unknown> {
  const data = { msteams: { type: 'task/fetch' }, actionId: 'opportunity_start', subjectId: teamsScope(place.tenantId), ...(place.channelId ? { channels: place.channelId } : {}) };
  return {
    type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5',
    body: [{ type: 'TextBlock', text: 'Post an opportunity to your peer group: describe the offer only, never a client.', wrap: true }],
    actions: [{ type: 'Action.Submit', title: 'Post an opportunity', data }],
  };
}
