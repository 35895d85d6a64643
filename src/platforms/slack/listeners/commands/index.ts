// /handover opens the introduce modal ("/handover status": My introductions; "/handover settings" and "/handover
// we're full until 12 Jan" answer privately instead); /opportunity opens the "Post an opportunity" modal.
import type { App } from '@slack/bolt';
import { isSaying, sayReply } from '../../../../app/chat-commands.ts';
import { followUp, oneOf, personFor, type SlackDeps } from '../../deps.ts';
import { asksForStatus, statusModal } from '../../home-view.ts';
import { UNKNOWN_PERSON_MESSAGE } from '../../identity.ts';
import { introduceModalToOpen } from '../../introduce-modal.ts';
import { tellPrivately } from '../../outcome.ts';
import { openView } from '../../wire.ts';
import { openOpportunityModal } from '../../opportunity-modal.ts';

export const HANDOVER_COMMAND = '/handover';
export const OPPORTUNITY_COMMAND = '/opportunity';

export function register(app: App, deps: SlackDeps): void {
  app.command(oneOf([HANDOVER_COMMAND, OPPORTUNITY_COMMAND]), async ({ ack, body, client, context }) => {
    await ack();
    if (body.command === HANDOVER_COMMAND && asksForStatus(body.text)) {
      followUp(deps, 'open my introductions', async () => {
        const teamId = context.teamId ?? body.team_id;
        const person = await personFor(deps, client, teamId, body.user_id);
        await openView(client, body.trigger_id, statusModal(deps.container, person?.id ?? null, teamId));
      });
      return;
    }
    if (body.command === HANDOVER_COMMAND && isSaying(body.text ?? '')) {
      followUp(deps, 'answer /handover text', async () => {
        const person = await personFor(deps, client, context.teamId ?? body.team_id, body.user_id);
        const answer = person
          ? await deps.runAction({
              actorId: person.id,
              actionId: 'say',
              subjectId: 'chat',
              inputs: { text: body.text },
            })
          : null;
        const text = !answer
          ? UNKNOWN_PERSON_MESSAGE
          : answer.kind === 'error'
            ? answer.message
            : sayReply(answer.card);
        return tellPrivately(client, { userId: body.user_id, channelId: body.channel_id }, text);
      });
      return;
    }
    if (body.command === HANDOVER_COMMAND) {
      followUp(deps, 'open introduce modal', () =>
        openView(client, body.trigger_id, introduceModalToOpen(body.text || undefined)),
      );
      return;
    }
    const place = {
      teamId: context.teamId ?? body.team_id,
      userId: body.user_id,
      channelId: body.channel_id,
      triggerId: body.trigger_id,
    };
    followUp(deps, 'open opportunity modal', () => openOpportunityModal(deps, client, place));
  });
}
