// The introduce dialog (task module) for the bot command, a card button and the message extension: every step
// runs the shared action handler; a form comes back as the next dialog step, a result closes it with a sentence.
import type { TaskModuleResponse } from 'botbuilder';
import type { Card } from '../../cards/model.ts';
import { cardAttachment, dialogCard } from './adaptive-teams.ts';
import type { ActionResult, TeamsActions } from './teams-actions.ts';

export const DIALOG_TITLE = 'Introduce a client';
export const DIALOG_SIZE = { width: 'large', height: 'large' } as const;
/** Text taken from a chat message to prefill "needs" is cut to this. */
export const MAX_PREFILL_CHARS = 2000;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

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

export function continueWith(card: Card): TaskModuleResponse {
  return { task: { type: 'continue', value: { title: DIALOG_TITLE, card: cardAttachment(dialogCard(card)), ...DIALOG_SIZE } } } as TaskModuleResponse;
}

export function closeWith(text: string): TaskModuleResponse {
  return { task: { type: 'message', value: text } };
}

function doneText(card: Card): string {
  const first = card.blocks.find((b) => b.type === 'text');
  return first && first.type === 'text' ? `${card.title}. ${first.text}` : card.title;
}

/** Splits a submit payload into the action it names and the values typed into the form. */
export function readSubmit(data: unknown): { actionId: string; subjectId: string; version?: number; inputs: Record<string, unknown> } {
  const raw = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const { actionId, subjectId, version, msteams: _msteams, ...inputs } = raw;
  return {
    actionId: typeof actionId === 'string' ? actionId : 'introduce_submit',
    subjectId: typeof subjectId === 'string' ? subjectId : 'new',
    version: typeof version === 'number' ? version : undefined,
    inputs,
  };
}

/** Puts the handler's messages next to the fields they are about, and the summary at the top. */
export function withErrors(card: Card, message: string, fields: Record<string, string> = {}): Card {
  const blocks = card.blocks.map((b) => (b.type === 'input' && fields[b.input.id] ? { ...b, input: { ...b.input, error: fields[b.input.id] } } : b));
  return { ...card, blocks: [{ type: 'text', text: message, style: 'attention' }, ...blocks] };
}

export async function dialogStep(actions: TeamsActions, actorId: string, data: unknown): Promise<TaskModuleResponse> {
  const { actionId, subjectId, version, inputs } = readSubmit(data);
  const result: ActionResult = await actions.run({ actorId, actionId, subjectId, version, inputs });
  if (result.kind === 'form') return continueWith(result.card);
  if (result.kind === 'card') return closeWith(doneText(result.card));
  if (actionId !== 'introduce_submit') return closeWith(result.message);
  const form = await actions.run({ actorId, actionId: 'introduce_start', subjectId, inputs });
  return form.kind === 'error' ? closeWith(result.message) : continueWith(withErrors(form.card, result.message, result.fields));
}

export async function openDialog(actions: TeamsActions, actorId: string, prefill: Record<string, unknown>): Promise<TaskModuleResponse> {
  const result = await actions.run({ actorId, actionId: 'introduce_start', subjectId: 'new', inputs: prefill });
  if (result.kind === 'error') return closeWith(result.message);
  return continueWith(result.card);
}
