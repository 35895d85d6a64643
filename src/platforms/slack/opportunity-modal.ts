// Peer groups on Slack: a channel becomes a peer group when the bot is added to it (member_joined_channel for the
// bot user, or /opportunity typed in a channel the bot is in); /opportunity opens the shared "Post an opportunity"
// form as a modal; its submission posts the card to the chosen channels through the outbox (only channels the bot
// is in can be chosen). No client data is asked for, and none goes to a channel.
import type { webApi } from '@slack/bolt';
import type { Card } from '../../cards/model.ts';
import { CHANNELS_INPUT_ID, NO_GROUP_HINT, scopeId } from '../../cards/post-opportunity-form.ts';
import { cardToModal, noticeModal, type ModalView } from './blocks.ts';
import { openView } from './wire.ts';
import { personFor, type SlackDeps } from './deps.ts';
import { UNKNOWN_PERSON_MESSAGE } from './identity.ts';

export const POST_OPPORTUNITY_TITLE = 'Post an opportunity';
/** Direct messages and group DMs are never peer groups. */
const NOT_A_CHANNEL = /^[DM]/;

export interface CommandPlace {
  teamId: string;
  userId: string;
  channelId?: string;
  triggerId: string;
}

/** "slack:T123": the subject of opportunity_start / opportunity_submit, so the form offers this workspace's groups. */
export const slackScope = (teamId: string): string => scopeId({ platform: 'slack', tenant: teamId });

function isPeerGroup(deps: SlackDeps, teamId: string, channelId: string): boolean {
  return deps.container.opportunities.peerGroups('slack', teamId).some((g) => g.channelId === channelId);
}

/**
 * Registers the channel as a peer group if the bot is a member (conversations.info), named "#channel-name".
 * Returns true when it is (or already was) a peer group.
 */
export async function registerIfMember(
  deps: SlackDeps,
  client: webApi.WebClient,
  teamId: string,
  channelId: string,
  by: string | null,
): Promise<boolean> {
  if (NOT_A_CHANNEL.test(channelId)) return false;
  if (isPeerGroup(deps, teamId, channelId)) return true;
  const info = await client.conversations.info({ channel: channelId }).catch(() => null);
  const ch = info?.channel as { is_member?: boolean; name?: string } | undefined;
  if (!ch?.is_member) return false;
  deps.container.opportunities.registerPeerGroup(
    { platform: 'slack', tenant: teamId, channelId },
    ch.name ? `#${ch.name}` : channelId,
    by,
  );
  return true;
}

/** The bot was added to a channel: it becomes a peer group (named from conversations.info when Slack tells us). */
export async function onBotJoined(
  deps: SlackDeps,
  client: webApi.WebClient,
  teamId: string,
  channelId: string,
): Promise<void> {
  if (NOT_A_CHANNEL.test(channelId)) return;
  const info = await client.conversations.info({ channel: channelId }).catch(() => null);
  const name = (info?.channel as { name?: string } | undefined)?.name;
  deps.container.opportunities.registerPeerGroup(
    { platform: 'slack', tenant: teamId, channelId },
    name ? `#${name}` : channelId,
    null,
  );
}

/** /opportunity: the form as a modal, with the channel it was typed in chosen when that is a peer group. */
export async function openOpportunityModal(
  deps: SlackDeps,
  client: webApi.WebClient,
  place: CommandPlace,
): Promise<void> {
  const person = await personFor(deps, client, place.teamId, place.userId);
  let view: ModalView;
  if (!person) {
    view = noticeModal(POST_OPPORTUNITY_TITLE, UNKNOWN_PERSON_MESSAGE);
  } else {
    const here =
      place.channelId && (await registerIfMember(deps, client, place.teamId, place.channelId, person.id))
        ? place.channelId
        : undefined;
    const outcome = await deps.runAction({
      actorId: person.id,
      actionId: 'opportunity_start',
      subjectId: slackScope(place.teamId),
      inputs: here ? { [CHANNELS_INPUT_ID]: [here] } : {},
    });
    const noGroups = deps.container.opportunities.peerGroups('slack', place.teamId).length === 0;
    if (outcome.kind === 'error') view = noticeModal(POST_OPPORTUNITY_TITLE, outcome.message);
    else view = noGroups ? noticeModal(POST_OPPORTUNITY_TITLE, NO_GROUP_HINT.slack) : cardToModal(outcome.card);
  }
  await openView(client, place.triggerId, view);
}

/** What the modal shows once the opportunity is posted (the confirmation card, without buttons). */
export function postedModal(card: Card): ModalView {
  return cardToModal({ ...card, actions: [] }, undefined, 'Done');
}

/** Form submits that create something: a retried or double submission of the same modal must not create it twice. */
export const CREATING_SUBMITS: ReadonlySet<string> = new Set(['opportunity_submit', 'introduce_submit']);

/** The modal to show after a creating submit succeeded (never the clicked channel message: that stays as it was). */
export function afterCreateModal(actionId: string, card: Card): ModalView | null {
  if (actionId === 'opportunity_submit') return postedModal(card);
  if (actionId === 'introduce_submit')
    return noticeModal(
      'Introduction sent',
      'Your introduction has been sent. You will get a DM that updates as the named contact answers.',
      'Done',
    );
  return null;
}
