// Teams-specific wrapping of the shared Adaptive Card: Universal Actions (Action.Execute, verb = action id,
// data = {subjectId, version}) and refresh.userIds, so the named contact sees buttons and others the status.
import type { Card } from '../../cards/model.ts';
import { toAdaptiveCard, type AdaptiveCardJson as AdaptiveJson } from '../../cards/adaptive.ts';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';
export const ERROR_CONTENT_TYPE = 'application/vnd.microsoft.error';
export const REFRESH_VERB = 'refresh';
/** Teams refreshes a user-specific view automatically for at most this many users. */
export const MAX_REFRESH_USERS = 60;

export interface ExecuteData {
  subjectId?: string;
  version?: number;
  kind?: string;
  [input: string]: unknown;
}

type Json = unknown;

function mapActions(node: Json, convert: (action: AdaptiveJson) => AdaptiveJson): Json {
  if (Array.isArray(node)) return node.map((n) => mapActions(n, convert));
  if (!node || typeof node !== 'object') return node;
  const out: AdaptiveJson = {};
  for (const [k, v] of Object.entries(node)) out[k] = mapActions(v, convert);
  return out.type === 'Action.Submit' ? convert(out) : out;
}

/**
 * Buttons that open a private dialog (task module) instead of acting on the card: a card in a channel must never
 * turn into a form there (nothing about a client may be typed into a channel), so these stay Action.Submit with
 * msteams task/fetch, which opens the dialog for the person who clicked only. Re-introduce opens its form there too,
 * so the decline notice it was pressed on stays as it is and the new receipt arrives once, as its own message.
 */
export const DIALOG_ACTIONS: ReadonlySet<string> = new Set([
  'introduce_to_opportunity',
  'opportunity_start',
  'reintroduce',
]);

function toExecute(action: AdaptiveJson): AdaptiveJson {
  const data = (action.data ?? {}) as Record<string, unknown>;
  if (typeof data.actionId !== 'string') return action;
  if (DIALOG_ACTIONS.has(data.actionId)) return { ...action, data: { msteams: { type: 'task/fetch' }, ...data } };
  const { actionId, ...rest } = data;
  return { ...action, type: 'Action.Execute', verb: actionId, data: rest };
}

/** A card for a chat or channel message: Universal Actions and a refresh for the named users. */
export function chatCard(card: Card, refreshUserIds: string[] = []): AdaptiveJson {
  const json = mapActions(toAdaptiveCard(card), toExecute) as AdaptiveJson;
  if (card.subjectId && refreshUserIds.length > 0) {
    json.refresh = {
      action: {
        type: 'Action.Execute',
        title: 'Refresh',
        verb: REFRESH_VERB,
        data: { subjectId: card.subjectId, kind: card.kind },
      },
      userIds: refreshUserIds.slice(0, MAX_REFRESH_USERS),
    };
  }
  return json;
}

/** A card shown in a dialog (task module): Teams only supports Action.Submit there. `carry` rides along in every
 * button's data (typed inputs of the same name win), e.g. the message text the dialog was opened from. */
export function dialogCard(card: Card, carry: Record<string, string> = {}): AdaptiveJson {
  if (Object.keys(carry).length === 0) return toAdaptiveCard(card);
  return mapActions(toAdaptiveCard(card), (a) => ({
    ...a,
    data: { ...carry, ...((a.data ?? {}) as object) },
  })) as AdaptiveJson;
}

export function cardAttachment(content: AdaptiveJson): { contentType: string; content: AdaptiveJson } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}

/** The adaptiveCard/action invoke answers Teams expects. */
export function cardInvokeResponse(content: AdaptiveJson): { statusCode: number; type: string; value: AdaptiveJson } {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: content };
}

export function messageInvokeResponse(text: string): { statusCode: number; type: string; value: string } {
  return { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value: text };
}

export function errorInvokeResponse(
  statusCode: number,
  code: string,
  message: string,
): { statusCode: number; type: string; value: { code: string; message: string } } {
  return { statusCode, type: ERROR_CONTENT_TYPE, value: { code, message } };
}

/** userIds for refresh: the Teams user id ("29:…") when known, else the AAD MRI. */
export function refreshIdFor(teamsUserId: string | undefined, aadObjectId: string): string {
  return teamsUserId ?? `8:orgid:${aadObjectId}`;
}
