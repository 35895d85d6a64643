// The Teams bot: remembers where each person can be reached, answers "introduce" and "help" in a 1:1 chat,
// runs card buttons (Universal Actions) for the person who pressed them, and drives the introduce dialog.
import {
  TeamsActivityHandler,
  TeamsInfo,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TaskModuleRequest,
  type TaskModuleResponse,
  type TurnContext,
} from 'botbuilder';
import type { Person } from '../../domain/directory/types.ts';
import type { ChannelRef } from '../../domain/opportunities/types.ts';
import type { Logger } from '../../log.ts';
import {
  DIALOG_ACTIONS,
  REFRESH_VERB,
  cardInvokeResponse,
  chatCard,
  errorInvokeResponse,
  messageInvokeResponse,
} from './adaptive-teams.ts';
import { dialogStep, messageText, openDialog, readSubmit } from './introduce-dialog.ts';
import {
  isOpportunityStep,
  openOpportunityDialog,
  openOpportunityIntroduction,
  opportunityStep,
  POST_OPPORTUNITY_COMMAND,
  SubmitOnce,
  teamsScope,
  type OpportunityPlace,
} from './opportunity-dialog.ts';
import { NOT_UNDERSTOOD, sayReply } from '../../app/chat-commands.ts';
import type { TeamsActions } from './teams-actions.ts';
import { buildMyIntroductionsCard } from '../../cards/my-introductions-card.ts';
import { buildChannelWelcomeCard, buildPersonalWelcomeCard } from '../../cards/welcome-card.ts';
import { cardActivity, jsonCardActivity, opportunityStartCard, startCard } from './start-cards.ts';
import {
  channelOf,
  clickedCard,
  commandText,
  installedTeamChannel,
  isPersonal,
  justInstalled,
  referenceOf,
  tenantOf,
  userOf,
} from './turn-context.ts';
import { MAX_WELCOMED_CONVERSATIONS, OncePerKey } from './once-per-key.ts';
import type { TeamsDirectory } from './teams-identity.ts';

export const UNKNOWN_PERSON =
  "We don't know you in the Warm Handover directory yet. Ask your coordinator to add you with your work e-mail address, then try again.";
export const HELP_TEXT =
  'I help you introduce a client to a named contact at another service, and I let you know when they reply. ' +
  'Say "introduce" to start, or use "Introduce a client" from the … menu on any message. ' +
  'Say "status" to see what is waiting for you and what you introduced. ' +
  'Say "opportunity" to post an opportunity to your peer group\'s channel.';
const STATUS_WORDS = new Set(['status', 'my introductions', 'mine', 'list']);
/** The answer in a channel or group chat to an @mention: the rest goes to the person's 1:1 chat. */
export const SENT_PRIVATELY = "I've sent you a private message.";
export const COULD_NOT_SEND_PRIVATELY =
  'I couldn\'t message you privately yet. Open Warm Handover from Apps in Teams, say "hi" in the chat, then mention me here again.';
const INTRODUCE_WORDS = new Set(['introduce', 'introduce a client', 'new introduction']);
const OPPORTUNITY_WORDS = new Set(['opportunity', 'post an opportunity', 'post opportunity', 'new opportunity']);
/** Said to someone who presses a dialog button in a way that cannot open one (e.g. an old card): never a form in a channel. */
export const OPENS_PRIVATELY =
  'This opens in a private dialog, never in the channel. Please refresh the card (or reload Teams) and press the button again.';
const HELP_WORDS = new Set(['help', 'hi', 'hello', '?']);

/** What the bot may record besides people: the team channels it is installed in, as peer groups. */
export interface TeamsBotHooks {
  registerPeerGroup?(channel: ChannelRef, name: string, registeredBy: string | null): void;
  /** The channel ids of a tenant's registered peer groups (the "Post an opportunity" dialog offers these). */
  peerGroupIds?(tenantId: string): string[];
  /**
   * Tenants whose client opens no dialogs (task modules): the Agents Playground's, in local Teams mode. There
   * "Introduce a client" fills the form in the 1:1 chat's card instead.
   */
  noDialogTenants?: ReadonlySet<string>;
  /** Sends a message to a person's 1:1 chat with the bot (opening one if needed); rejects when Teams refuses. */
  sendPrivately?(person: Person, tenantId: string, activity: Partial<Activity>): Promise<void>;
}

export class HandoverTeamsBot extends TeamsActivityHandler {
  private readonly submitOnce = new SubmitOnce();
  /** Teams sends both installationUpdate and conversationUpdate for one install: one welcome per conversation. */
  private readonly welcomed = new OncePerKey(MAX_WELCOMED_CONVERSATIONS);

  constructor(
    private readonly actions: TeamsActions,
    private readonly directory: TeamsDirectory,
    private readonly log: Logger,
    private readonly hooks: TeamsBotHooks = {},
  ) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.answerMessage(ctx);
      await next();
    });
    this.onConversationUpdate(async (ctx, next) => {
      await this.installed(ctx);
      await next();
    });
    this.onInstallationUpdate(async (ctx, next) => {
      await this.installed(ctx);
      await next();
    });
  }

  /**
   * On install: remember the installer's 1:1 chat (linking them by e-mail), and a team channel as a peer group.
   * A personal install whose chat was not known yet gets a welcome; what waits for them follows through the outbox.
   */
  private async installed(ctx: TurnContext): Promise<void> {
    const person = await this.identify(ctx, true);
    const channel = installedTeamChannel(ctx);
    if (channel && this.hooks.registerPeerGroup) {
      this.hooks.registerPeerGroup(
        { platform: 'teams', tenant: tenantOf(ctx), channelId: channel.channelId },
        channel.name,
        person?.id ?? null,
      );
      this.log.info(
        { tenant: tenantOf(ctx), channelId: channel.channelId },
        'Teams channel registered as a peer group',
      );
    }
    await this.welcome(ctx, person, Boolean(channel && this.hooks.registerPeerGroup));
  }

  /** Says hello once per conversation the app is added to: a person's 1:1 chat, a team's channel or a group chat. */
  private async welcome(ctx: TurnContext, person: Person | undefined, peerGroup: boolean): Promise<void> {
    if (!justInstalled(ctx) || !this.welcomed.first(ctx.activity.conversation.id)) return;
    const scope = teamsScope(tenantOf(ctx));
    if (!isPersonal(ctx)) {
      await ctx.sendActivity(
        cardActivity(buildChannelWelcomeCard({ peerGroup, opportunityScope: scope }), this.dialogsIn(ctx)),
      );
      return;
    }
    const mine = person ? this.actions.myIntroductions?.(person.id) : undefined;
    const card = buildPersonalWelcomeCard({
      name: person?.name,
      my: mine?.my,
      timeZone: mine?.timeZone ?? 'Europe/London',
      opportunityScope: scope,
    });
    await ctx.sendActivity(cardActivity(card, this.dialogsIn(ctx)));
  }

  /** The directory person behind this activity; links the Teams identity and stores the 1:1 reference. */
  async identify(ctx: TurnContext, lookUp: boolean): Promise<Person | undefined> {
    const user = userOf(ctx);
    if (!user.aadObjectId) return undefined;
    let person = this.directory.findPerson(user);
    if (!person && lookUp) person = await this.findByEmail(ctx);
    if (!person) return undefined;
    const personal = isPersonal(ctx) && ctx.activity.from.id !== ctx.activity.recipient?.id;
    this.directory.remember(
      person.id,
      user,
      { serviceUrl: ctx.activity.serviceUrl, ...(personal ? { reference: referenceOf(ctx) } : {}) },
      person,
    );
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
      await ctx.sendActivity(person ? jsonCardActivity(opportunityStartCard(place)) : UNKNOWN_PERSON);
      return;
    }
    if (!person) {
      await ctx.sendActivity(UNKNOWN_PERSON);
      return;
    }
    const answer = await this.answerFor(ctx, person, said);
    if (isPersonal(ctx)) {
      await ctx.sendActivity(answer);
      return;
    }
    await this.answerPrivately(ctx, person, answer);
  }

  private dialogsIn(ctx: TurnContext): boolean {
    return !this.hooks.noDialogTenants?.has(tenantOf(ctx));
  }

  /** What a person's words get in their 1:1 chat: the introduce card, their introductions, help, or a chat command. */
  private async answerFor(ctx: TurnContext, person: Person, said: string): Promise<Partial<Activity>> {
    const start = startCard(this.dialogsIn(ctx));
    if (INTRODUCE_WORDS.has(said)) return jsonCardActivity(start);
    if (STATUS_WORDS.has(said) && this.actions.myIntroductions) {
      const { my, timeZone } = this.actions.myIntroductions(person.id);
      return cardActivity(buildMyIntroductionsCard(my, timeZone), this.dialogsIn(ctx));
    }
    if (HELP_WORDS.has(said) || said === '') return jsonCardActivity(start, HELP_TEXT);
    const typed = (ctx.activity.text ?? '')
      .replace(/<at>[^<]*<\/at>/gi, '')
      .replace(/\s+/g, ' ')
      .trim();
    const answer = await this.actions.run({
      actorId: person.id,
      actionId: 'say',
      subjectId: 'chat',
      inputs: { text: typed },
    });
    if (answer.kind !== 'error') return { type: 'message', text: sayReply(answer.card) };
    if (answer.message !== NOT_UNDERSTOOD) return { type: 'message', text: answer.message };
    return jsonCardActivity(start, `Sorry, I didn't understand that. ${HELP_TEXT}`);
  }

  /** An @mention in a channel or group chat: the answer goes to the 1:1 chat, and the channel hears only that. */
  private async answerPrivately(ctx: TurnContext, person: Person, answer: Partial<Activity>): Promise<void> {
    const fresh = this.directory.findPerson(userOf(ctx)) ?? person;
    try {
      if (!this.hooks.sendPrivately) throw new Error('No way to send a private message here.');
      await this.hooks.sendPrivately(fresh, tenantOf(ctx), answer);
    } catch (err) {
      this.log.warn({ err: { message: (err as Error).message } }, 'Teams private answer to a mention failed');
      await ctx.sendActivity(COULD_NOT_SEND_PRIVATELY);
      return;
    }
    await ctx.sendActivity(SENT_PRIVATELY);
  }

  protected async onAdaptiveCardInvoke(
    ctx: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return messageInvokeResponse(UNKNOWN_PERSON) as unknown as AdaptiveCardInvokeResponse;
    const verb = value.action?.verb ?? '';
    const { subjectId, version, kind, ...inputs } = (value.action?.data ?? {}) as Record<string, unknown>;
    if (typeof subjectId !== 'string' || !verb)
      return errorInvokeResponse(
        400,
        'BadRequest',
        'This button is missing what it is about.',
      ) as unknown as AdaptiveCardInvokeResponse;
    const refreshFor = [ctx.activity.from.id];
    if (verb === REFRESH_VERB) {
      const card = this.actions.compose({
        kind: (typeof kind === 'string' ? kind : 'introduction') as never,
        subjectId,
        viewerId: person.id,
      });
      return (card
        ? cardInvokeResponse(chatCard(card, refreshFor))
        : messageInvokeResponse('This card has nothing new.')) as unknown as AdaptiveCardInvokeResponse;
    }
    if (DIALOG_ACTIONS.has(verb))
      return messageInvokeResponse(OPENS_PRIVATELY) as unknown as AdaptiveCardInvokeResponse;
    const result = await this.actions.run({
      actorId: person.id,
      actionId: verb,
      subjectId,
      version: typeof version === 'number' ? version : undefined,
      inputs,
      shownIn: clickedCard(ctx),
    });
    if (result.kind === 'error') return messageInvokeResponse(result.message) as unknown as AdaptiveCardInvokeResponse;
    if (result.kind === 'form' && !isPersonal(ctx))
      return messageInvokeResponse(OPENS_PRIVATELY) as unknown as AdaptiveCardInvokeResponse;
    return cardInvokeResponse(chatCard(result.card, refreshFor)) as unknown as AdaptiveCardInvokeResponse;
  }

  protected async handleTeamsTaskModuleFetch(
    ctx: TurnContext,
    request: TaskModuleRequest,
  ): Promise<TaskModuleResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    const { actionId, subjectId } = readSubmit(request.data);
    if (actionId === 'opportunity_start')
      return openOpportunityDialog(this.actions, person.id, this.placeOf(ctx, request.data));
    if (actionId === 'introduce_to_opportunity') return openOpportunityIntroduction(this.actions, person.id, subjectId);
    if (actionId === 'reintroduce') return dialogStep(this.actions, person.id, request.data);
    return openDialog(this.actions, person.id, {});
  }

  protected async handleTeamsTaskModuleSubmit(
    ctx: TurnContext,
    request: TaskModuleRequest,
  ): Promise<TaskModuleResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    return this.submitStep(ctx, person.id, request.data);
  }

  /** One dialog submit: an opportunity step in this tenant's scope, else an introduce step; a repeat runs once. */
  private submitStep(ctx: TurnContext, actorId: string, data: unknown): Promise<TaskModuleResponse> {
    return this.submitOnce.run(actorId, data, () =>
      isOpportunityStep(data)
        ? opportunityStep(this.actions, actorId, tenantOf(ctx), data)
        : dialogStep(this.actions, actorId, data),
    );
  }

  /** The poster's tenant, how many peer groups it has, and the channel they are in when it is one of them. */
  private placeOf(ctx: TurnContext, data?: unknown): OpportunityPlace {
    const tenantId = tenantOf(ctx);
    const groups = this.hooks.peerGroupIds?.(tenantId) ?? [];
    const carried = (data as { channels?: unknown } | undefined)?.channels;
    const here = typeof carried === 'string' && carried ? carried : channelOf(ctx);
    return { tenantId, groupCount: groups.length, ...(here && groups.includes(here) ? { channelId: here } : {}) };
  }

  protected async handleTeamsMessagingExtensionFetchTask(
    ctx: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    if (action.commandId === POST_OPPORTUNITY_COMMAND)
      return openOpportunityDialog(
        this.actions,
        person.id,
        this.placeOf(ctx),
      ) as Promise<MessagingExtensionActionResponse>;
    const needs = messageText(action.messagePayload?.body?.content);
    return openDialog(this.actions, person.id, needs ? { needs } : {}) as Promise<MessagingExtensionActionResponse>;
  }

  protected async handleTeamsMessagingExtensionSubmitAction(
    ctx: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const person = await this.identify(ctx, true);
    if (!person) return { task: { type: 'message', value: UNKNOWN_PERSON } };
    const data =
      action.commandId === POST_OPPORTUNITY_COMMAND && !isOpportunityStep(action.data)
        ? { ...(action.data ?? {}), actionId: 'opportunity_submit' }
        : action.data;
    return this.submitStep(ctx, person.id, data) as Promise<MessagingExtensionActionResponse>;
  }
}
