// /handover opens the introduce modal; /opportunity opens the "Post an opportunity" modal.
import type { App } from '@slack/bolt';
import { followUp, oneOf, type SlackDeps } from '../../deps.ts';
import { introduceModalToOpen } from '../../introduce-modal.ts';
import { openView } from '../../wire.ts';
import { openOpportunityModal } from '../../opportunity-modal.ts';

export const HANDOVER_COMMAND = '/handover';
export const OPPORTUNITY_COMMAND = '/opportunity';

export function register(app: App, deps: SlackDeps): void {
  app.command(oneOf([HANDOVER_COMMAND, OPPORTUNITY_COMMAND]), async ({ ack, body, client, context }) => {
    await ack();
    if (body.command === HANDOVER_COMMAND) {
      followUp(deps, 'open introduce modal', () => openView(client, body.trigger_id, introduceModalToOpen(body.text || undefined)));
      return;
    }
    const place = { teamId: context.teamId ?? body.team_id, userId: body.user_id, channelId: body.channel_id, triggerId: body.trigger_id };
    followUp(deps, 'open opportunity modal', () => openOpportunityModal(deps, client, place));
  });
}
