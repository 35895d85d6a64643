// Shows the result of an action where the person clicked: the card updated in place, a form, or a private message.
import type { webApi } from '@slack/bolt';
import type { Card } from '../../cards/model.ts';
import type { ActionOutcome } from './action-runner.ts';
import { BLOCK_KIT_LIMITS, cardToMessage, cardToModal, modalTitle, plain, type ModalView } from './blocks.ts';
import { openView, updateMessage } from './wire.ts';

export interface ClickPlace {
  userId: string;
  channelId?: string;
  messageTs?: string;
  triggerId?: string;
  /** Set when the button was in a modal (e.g. "Open" from the App Home): the result replaces that modal. */
  viewId?: string;
}

/** Done, not Cancel: what closes a modal that only shows something. */
export const DONE = 'Done';

/** A card shown in a modal (from the App Home or "/handover status"), with its buttons; closing it says "Done". */
export function cardViewModal(card: Card): ModalView {
  const { blocks } = cardToMessage(card);
  return {
    type: 'modal',
    callback_id: 'card_view',
    private_metadata: '',
    title: plain(modalTitle(card), BLOCK_KIT_LIMITS.modalTitle),
    close: plain(DONE, BLOCK_KIT_LIMITS.modalButton),
    blocks: blocks.slice(0, BLOCK_KIT_LIMITS.blocksPerModal),
  };
}

export async function updateClickedMessage(client: webApi.WebClient, place: ClickPlace, card: Card): Promise<void> {
  if (!place.channelId || !place.messageTs) return;
  await updateMessage(client, place.channelId, place.messageTs, cardToMessage(card));
}

/** Only the person who acted sees it (chat.postEphemeral); in the App Home there is no channel, so a DM. */
export async function tellPrivately(client: webApi.WebClient, place: ClickPlace, text: string): Promise<void> {
  if (place.channelId) {
    await client.chat.postEphemeral({ channel: place.channelId, user: place.userId, text });
    return;
  }
  await client.chat.postMessage({ channel: place.userId, text });
}

export async function showOutcome(client: webApi.WebClient, place: ClickPlace, outcome: ActionOutcome): Promise<void> {
  if (outcome.kind === 'card' && place.viewId) {
    await client.views.update({ view_id: place.viewId, view: cardViewModal(outcome.card) as never });
    return;
  }
  // Clicked in the App Home: there is no message to update, so the result opens in a modal (the tab is republished).
  if (outcome.kind === 'card' && !place.channelId && place.triggerId)
    return void (await openView(client, place.triggerId, cardViewModal(outcome.card)));
  if (outcome.kind === 'card') return updateClickedMessage(client, place, outcome.card);
  if (outcome.kind === 'error') return tellPrivately(client, place, outcome.message);
  if (!place.triggerId) return;
  // An introduce form (e.g. from "Introduce a client to this" on a channel card) never updates the clicked message:
  // that message may be in a channel, and what it would become holds client details.
  const updatable = outcome.card.kind !== 'introduce_form' && place.channelId && place.messageTs;
  const message = updatable ? { channel: place.channelId!, ts: place.messageTs! } : undefined;
  await openView(client, place.triggerId, cardToModal(outcome.card, message));
}
