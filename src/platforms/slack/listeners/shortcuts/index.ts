// Global shortcut "Introduce a client" and message shortcut "Introduce from message" (prefills the needs;
// Slack caps shortcut names at 24 characters, so not "Introduce from this message").
import type { App, GlobalShortcut, MessageShortcut } from '@slack/bolt';
import { followUp, oneOf, type SlackDeps } from '../../deps.ts';
import { introduceModalToOpen } from '../../introduce-modal.ts';
import { openView } from '../../wire.ts';

export const INTRODUCE_SHORTCUT = 'introduce_client';
export const INTRODUCE_FROM_MESSAGE_SHORTCUT = 'introduce_from_message';

export function register(app: App, deps: SlackDeps): void {
  app.shortcut<GlobalShortcut | MessageShortcut>({ callback_id: oneOf([INTRODUCE_SHORTCUT, INTRODUCE_FROM_MESSAGE_SHORTCUT]) }, async ({ ack, body, client }) => {
    await ack();
    const fromMessage = body.type === 'message_action' && body.callback_id === INTRODUCE_FROM_MESSAGE_SHORTCUT;
    const prefillNeeds = fromMessage && typeof body.message?.text === 'string' ? body.message.text : undefined;
    followUp(deps, 'open introduce modal', () => openView(client, body.trigger_id, introduceModalToOpen(prefillNeeds)));
  });
}
