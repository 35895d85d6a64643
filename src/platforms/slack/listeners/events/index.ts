// App Home: published when the tab opens. A retried event (same event id) is not handled twice.
import type { App } from '@slack/bolt';
import { logAfterAck, personFor, type SlackDeps } from '../../deps.ts';
import { homeView } from '../../home-view.ts';
import { publishHome } from '../../wire.ts';
import { registerPeerGroupEvents } from './peer-groups.ts';

export function register(app: App, deps: SlackDeps): void {
  registerPeerGroupEvents(app, deps);
  app.event('app_home_opened', async ({ event, body, client, context }) => {
    if (event.tab !== 'home') return;
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId) {
      if (deps.seenEvents.has(eventId)) return;
      deps.seenEvents.set(eventId, true);
    }
    const person = await personFor(deps, client, context.teamId, event.user);
    await publishHome(client, event.user, homeView(deps.container, person?.id ?? null)).catch(logAfterAck(deps, 'publish home'));
  });
}
