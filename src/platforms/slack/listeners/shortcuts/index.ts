// Global shortcut "Introduce a client" and message shortcut "Introduce from message" (prefills the needs;
// Slack caps shortcut names at 24 characters, so not "Introduce from this message").
import type { App, GlobalShortcut, MessageShortcut } from '@slack/bolt';
import { followUp, oneOf, type SlackDeps } from '../../deps.ts';
import { introduceModalFromMessage, introduceModalToOpen } from '../../introduce-modal.ts';
import { decodeSlackText, messagePermalink } from '../../message-text.ts';
import { openView } from '../../wire.ts';

export const INTRODUCE_SHORTCUT = 'introduce_client';
export const INTRODUCE_FROM_MESSAGE_SHORTCUT = 'introduce_from_message';

export function register(app: App, deps: SlackDeps): void {
  app.shortcut<GlobalShortcut | MessageShortcut>(
    { callback_id: oneOf([INTRODUCE_SHORTCUT, INTRODUCE_FROM_MESSAGE_SHORTCUT]) },
    async ({ ack, body, client }) => {
      await ack();
      const fromMessage = body.type === 'message_action' && body.callback_id === INTRODUCE_FROM_MESSAGE_SHORTCUT;
      if (!fromMessage) {
        followUp(deps, 'open introduce modal', () =>
          openView(client, body.trigger_id, introduceModalToOpen(undefined)),
        );
        return;
      }
      // Mentions read as the person's name when they are in the directory; the link stays with the introducer.
      const team = body.team?.id ?? '';
      const nameOf = (userId: string) => deps.container.people.findByIdentity('slack', team, userId)?.name;
      const raw = typeof body.message?.text === 'string' ? body.message.text : '';
      const prefillNeeds = raw ? decodeSlackText(raw, nameOf) : undefined;
      const sourceLink = messagePermalink(body.team?.domain, body.channel?.id, body.message?.ts ?? body.message_ts);
      followUp(deps, 'open introduce modal', () =>
        openView(client, body.trigger_id, introduceModalFromMessage(prefillNeeds, sourceLink)),
      );
    },
  );
}
