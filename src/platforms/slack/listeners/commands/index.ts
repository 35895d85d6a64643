// /handover opens the introduce modal; /opportunity opens a placeholder until opportunities exist.
import type { App } from '@slack/bolt';
import { logAfterAck, type SlackDeps } from '../../deps.ts';
import { introduceModal, opportunityStubModal } from '../../introduce-modal.ts';

export const HANDOVER_COMMAND = '/handover';
export const OPPORTUNITY_COMMAND = '/opportunity';

export function register(app: App, deps: SlackDeps): void {
  app.command(HANDOVER_COMMAND, async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: introduceModal({ prefillNeeds: body.text || undefined }) }).catch(logAfterAck(deps, 'open introduce modal'));
  });
  app.command(OPPORTUNITY_COMMAND, async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: opportunityStubModal() }).catch(logAfterAck(deps, 'open opportunity modal'));
  });
}
