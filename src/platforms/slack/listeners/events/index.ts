// Events: App Home published when the tab opens; the bot joining a channel makes it a peer group (peer-groups.ts);
// removed from a workspace (uninstall.ts). One Bolt listener for all of them (see oneOf in deps.ts). A retried event
// (same event id) is not handled twice.
import type { App, SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import { firstDelivery, logAfterAck, oneOf, personFor, type SlackDeps } from '../../deps.ts';
import { homeView } from '../../home-view.ts';
import { publishHome } from '../../wire.ts';
import { onMemberJoined, type MemberJoinedArgs } from './peer-groups.ts';
import { REMOVAL_EVENTS, onRemoved } from './uninstall.ts';

type HomeArgs = SlackEventMiddlewareArgs<'app_home_opened'> & {
  client: webApi.WebClient;
  context: { teamId?: string };
};

async function onHomeOpened(deps: SlackDeps, { event, body, client, context }: HomeArgs): Promise<void> {
  if (event.tab !== 'home' || !firstDelivery(deps, body)) return;
  const person = await personFor(deps, client, context.teamId, event.user);
  if (person) deps.homes?.opened(person.id, context.teamId ?? '', event.user);
  await publishHome(client, event.user, homeView(deps.container, person?.id ?? null, context.teamId ?? '')).catch(
    logAfterAck(deps, 'publish home'),
  );
}

export function register(app: App, deps: SlackDeps): void {
  app.event(oneOf(['app_home_opened', 'member_joined_channel', ...REMOVAL_EVENTS]), async (args) => {
    if (args.event.type === 'app_home_opened') await onHomeOpened(deps, args as unknown as HomeArgs);
    else if (args.event.type === 'member_joined_channel')
      await onMemberJoined(deps, args as unknown as MemberJoinedArgs);
    else await onRemoved(deps, args);
  });
}
