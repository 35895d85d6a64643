// Teams renderings of the cards that start something: the welcome, "status", and the answers to "introduce",
// "help" and "opportunity". Buttons that start a form open it in a private dialog (task/fetch); every other button
// is a Universal Action. Each card carries fallbackText and each activity a summary, for notifications and screen
// readers.
import type { Activity } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/adaptive.ts';
import type { Card } from '../../cards/model.ts';
import { DIRECTORY_SUBJECT } from '../../cards/welcome-card.ts';
import { cardAttachment, chatCard } from './adaptive-teams.ts';
import { teamsScope, type OpportunityPlace } from './opportunity-dialog.ts';

type Json = Record<string, unknown>;

/** Actions that open a dialog rather than act: "Introduce a client" (before a service is chosen) and "Post an opportunity". */
function opensDialog(data: Json): boolean {
  return (
    (data.actionId === 'introduce_start' && data.subjectId === DIRECTORY_SUBJECT) ||
    data.actionId === 'opportunity_start'
  );
}

function dialogButtons(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dialogButtons);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = dialogButtons(v);
  if (out.type !== 'Action.Execute') return out;
  const data = { ...((out.data ?? {}) as Json), actionId: out.verb };
  if (!opensDialog(data)) return out;
  const { verb: _verb, ...rest } = out;
  return { ...rest, type: 'Action.Submit', data: { msteams: { type: 'task/fetch' }, ...data } };
}

/**
 * The card as Teams shows it in a chat, with its start buttons opening dialogs; without dialogs (the Agents
 * Playground) "Introduce a client" stays a Universal Action and the form opens in the card itself.
 */
export function startCardJson(card: Card, dialogs = true): AdaptiveCardJson {
  const json = chatCard(card);
  return (dialogs ? dialogButtons(json) : json) as AdaptiveCardJson;
}

/** A message carrying the card, with its summary (what a notification shows). */
export function cardActivity(card: Card, dialogs = true): Partial<Activity> {
  return { type: 'message', summary: card.summary, attachments: [cardAttachment(startCardJson(card, dialogs))] };
}

/** A message carrying an Adaptive Card built by hand: its fallbackText doubles as the summary. */
export function jsonCardActivity(content: AdaptiveCardJson, text?: string): Partial<Activity> {
  return {
    type: 'message',
    summary: String(content.fallbackText ?? text ?? ''),
    ...(text ? { text } : {}),
    attachments: [cardAttachment(content)],
  };
}

/** The card the bot answers "introduce" with: one button that opens the introduce dialog (or, without dialogs, the form in the card). */
export function startCard(dialogs = true): Record<string, unknown> {
  const introduce = dialogs
    ? {
        type: 'Action.Submit',
        title: 'Introduce a client',
        data: { msteams: { type: 'task/fetch' }, actionId: 'introduce_start' },
      }
    : {
        type: 'Action.Execute',
        title: 'Introduce a client',
        verb: 'introduce_start',
        data: { subjectId: DIRECTORY_SUBJECT },
      };
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: 'Introduce a client to a named contact at another service.',
    body: [{ type: 'TextBlock', text: 'Introduce a client to a named contact at another service.', wrap: true }],
    actions: [introduce],
  };
}

/** The card the bot answers "opportunity" with (in a 1:1 chat or a channel): one button that opens the dialog privately. */
export function opportunityStartCard(place: OpportunityPlace): Record<string, unknown> {
  const data = {
    msteams: { type: 'task/fetch' },
    actionId: 'opportunity_start',
    subjectId: teamsScope(place.tenantId),
    ...(place.channelId ? { channels: place.channelId } : {}),
  };
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: 'Post an opportunity to your peer group.',
    body: [
      {
        type: 'TextBlock',
        text: 'Post an opportunity to your peer group: describe the offer only, never a client.',
        wrap: true,
      },
    ],
    actions: [{ type: 'Action.Submit', title: 'Post an opportunity', data }],
  };
}
