// The introduce dialog (task module) for the bot command, a card button and the message extension: every step
// runs the shared action handler; a form comes back as the next dialog step, a result closes it with a sentence.
import { randomUUID } from 'node:crypto';
import type { TaskModuleResponse } from 'botbuilder';
import type { Card } from '../../cards/model.ts';
import { cardAttachment, dialogCard } from './adaptive-teams.ts';
import type { TeamsActions } from './teams-actions.ts';

export const DIALOG_TITLE = 'Introduce a client';
export const DIALOG_SIZE = { width: 'large', height: 'large' } as const;
/** Text taken from a chat message to prefill "needs" is cut to this. */
export const MAX_PREFILL_CHARS = 2000;
/** The field the message text prefills, carried through the search step in every button's data. */
export const PREFILL_FIELD = 'needs';
/** A random id carried in every button's data of one dialog, so a repeated submit of it runs once (opportunity-dialog.ts). */
export const DIALOG_KEY = 'dialogKey';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** A Teams message body is HTML: keep its words only. */
export function messageText(html: string | undefined): string {
  if (!html) return '';
  const text = html
    .replace(/<at>[^<]*<\/at>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.slice(0, MAX_PREFILL_CHARS);
}

/** Fills empty inputs of a form with carried values (the prefilled message text). */
function withValues(card: Card, carry: Record<string, string>): Card {
  const blocks = card.blocks.map((b) =>
    b.type === 'input' && b.input.type === 'text' && !b.input.value && carry[b.input.id]
      ? { ...b, input: { ...b.input, value: carry[b.input.id] } }
      : b,
  );
  return { ...card, blocks };
}

export function continueWith(card: Card, carry: Record<string, string> = {}): TaskModuleResponse {
  const content = dialogCard(withValues(card, carry), carry);
  return {
    task: { type: 'continue', value: { title: DIALOG_TITLE, card: cardAttachment(content), ...DIALOG_SIZE } },
  } as TaskModuleResponse;
}

export function closeWith(text: string): TaskModuleResponse {
  return { task: { type: 'message', value: text } };
}

function doneText(card: Card): string {
  const first = card.blocks.find((b) => b.type === 'text');
  return first && first.type === 'text' ? `${card.title}. ${first.text}` : card.title;
}

/** Splits a submit payload into the action it names and the values typed into the form. */
export function readSubmit(data: unknown): {
  actionId: string;
  subjectId: string;
  version?: number;
  inputs: Record<string, unknown>;
} {
  const raw = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const { actionId, subjectId, version, msteams: _msteams, ...inputs } = raw;
  return {
    actionId: typeof actionId === 'string' ? actionId : 'introduce_search',
    subjectId: typeof subjectId === 'string' && subjectId ? subjectId : 'directory',
    version: typeof version === 'number' ? version : undefined,
    inputs,
  };
}

function carried(inputs: Record<string, unknown>): Record<string, string> {
  const v = inputs[PREFILL_FIELD];
  const key = inputs[DIALOG_KEY];
  return {
    ...(typeof v === 'string' && v.trim() ? { [PREFILL_FIELD]: v.slice(0, MAX_PREFILL_CHARS) } : {}),
    ...(typeof key === 'string' && key ? { [DIALOG_KEY]: key } : {}),
  };
}

export async function dialogStep(actions: TeamsActions, actorId: string, data: unknown): Promise<TaskModuleResponse> {
  const { actionId, subjectId, version, inputs } = readSubmit(data);
  const result = await actions.run({ actorId, actionId, subjectId, version, inputs });
  if (result.kind === 'form') return continueWith(result.card, carried(inputs));
  if (result.kind === 'card') return closeWith(doneText(result.card));
  return result.form ? continueWith(result.form, carried(inputs)) : closeWith(result.message);
}

/** Opens on the directory search step; `prefill` (the message text) is carried to the form. */
export async function openDialog(
  actions: TeamsActions,
  actorId: string,
  prefill: Record<string, string>,
): Promise<TaskModuleResponse> {
  const result = await actions.run({ actorId, actionId: 'introduce_search', subjectId: 'directory', inputs: {} });
  if (result.kind === 'error') return closeWith(result.message);
  return continueWith(result.card, { ...prefill, [DIALOG_KEY]: randomUUID() });
}
