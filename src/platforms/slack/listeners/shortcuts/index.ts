// Global shortcut "Introduce a client" and message shortcut "Introduce from message" (prefills the needs;
// Slack caps shortcut names at 24 characters, so not "Introduce from this message").
import type { App, MessageShortcut } from '@slack/bolt';
import { logAfterAck, type SlackDeps } from '../../deps.ts';
import { introduceModal } from '../../introduce-modal.ts';
import { openView } from '../../wire.ts';

export const INTRODUCE_SHORTCUT = 'introduce_client';
export const INTRODUCE_FROM_MESSAGE_SHORTCUT = 'introduce_from_message';

export function register(app: App, deps: SlackDeps): void {
  app.shortcut({ callback_id: INTRODUCE_SHORTCUT, type: 'shortcut' }, async ({ ack, body, client }) => {
    await ack();
    await openView(client, body.trigger_id, introduceModal()).catch(logAfterAck(deps, 'open introduce modal'));
  });
  app.shortcut<MessageShortcut>({ callback_id: INTRODUCE_FROM_MESSAGE_SHORTCUT, type: 'message_action' }, async ({ ack, body, client }) => {
    await ack();
    const prefillNeeds = typeof body.message?.text === 'string' ? body.message.text : undefined;
    await openView(client, body.trigger_id, introduceModal({ prefillNeeds })).catch(logAfterAck(deps, 'open introduce modal'));
  });
}
