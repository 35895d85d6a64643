// The App Home's and "/handover status"'s start buttons open the same modals as the slash commands: "Introduce a
// client" (search the directory) and "Post an opportunity".
import type { webApi } from '@slack/bolt';
import type { SlackDeps } from './deps.ts';
import { DIRECTORY_SUBJECT } from './home-view.ts';
import { introduceModalToOpen } from './introduce-modal.ts';
import { openOpportunityModal, type CommandPlace } from './opportunity-modal.ts';
import { openView } from './wire.ts';

/** Buttons that open a modal of their own rather than running an action on a subject. */
export function opensItsOwnModal(actionId: string, subjectId: string): boolean {
  return (actionId === 'introduce_start' && subjectId === DIRECTORY_SUBJECT) || actionId === 'opportunity_start';
}

export async function openStartModal(
  deps: SlackDeps,
  client: webApi.WebClient,
  place: CommandPlace,
  actionId: string,
): Promise<void> {
  if (actionId === 'opportunity_start') return openOpportunityModal(deps, client, place);
  await openView(client, place.triggerId, introduceModalToOpen(undefined));
}
