// member_joined_channel for the bot user: the channel becomes a peer group opportunities can be posted to.
// Bolt passes this event through even though the bot is the member (its ignoreSelf keeps member_joined_channel).
import type { SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import { firstDelivery, logAfterAck, type SlackDeps } from '../../deps.ts';
import { onBotJoined } from '../../opportunity-modal.ts';

export type MemberJoinedArgs = SlackEventMiddlewareArgs<'member_joined_channel'> & {
  client: webApi.WebClient;
  context: { botUserId?: string; teamId?: string };
};

export async function onMemberJoined(
  deps: SlackDeps,
  { event, body, client, context }: MemberJoinedArgs,
): Promise<void> {
  if (!context.botUserId || event.user !== context.botUserId || !firstDelivery(deps, body)) return;
  const teamId = context.teamId ?? event.team ?? '';
  await onBotJoined(deps, client, teamId, event.channel).catch(logAfterAck(deps, 'register peer group'));
}
