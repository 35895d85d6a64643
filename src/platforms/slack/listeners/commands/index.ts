// /handover opens the introduce modal; /opportunity opens the "Post an opportunity" modal.
import type { App } from '@slack/bolt';
import { logAfterAck, oneOf, type SlackDeps } from '../../deps.ts';
import { introduceModal } from '../../introduce-modal.ts';
import { openView } from '../../wire.ts';
import { openOpportunityModal } from '../../opportunity-modal.ts';

export const HANDOVER_COMMAND = '/handover';
export const OPPORTUNITY_COMMAND = '/opportunity';

export function register(app: App, deps: SlackDeps): void {
  app.command(oneOf([HANDOVER_COMMAND, OPPORTUNITY_COMMAND]), async ({ ack, body, client, context }) => {
    await ack();
    if (body.command === HANDOVER_COMMAND) {
      await openView(client, body.trigger_id, introduceModal({ prefillNeeds: body.text || undefined })).catch(logAfterAck(deps, 'open introduce modal'));
      return;
    }
    const place = { teamId: context.teamId ?? body.team_id, userId: body.user_id, channelId: body.channel_id, triggerId: body.trigger_id };
    await openOpportunityModal(deps, client, place).catch(logAfterAck(deps, 'open opportunity modal'));
  });
}
