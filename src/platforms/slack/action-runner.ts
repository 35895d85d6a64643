// The seam between Slack listeners and the shared action handler. Listeners only call a RunAction.
// interimRunAction calls HandoverService directly with minimal cards; swap in src/app/handle-action.ts
// (the one shared handler) by passing it to createSlackPlatform({ runAction }).
import type { ActionId, Card, CardAction, CardInput } from '../../cards/model.ts';
import type { Container } from '../../app/container.ts';
import { isCurrentContact, type Command } from '../../domain/handover/commands.ts';
import { HandoverError, HandoverNotYoursError } from '../../domain/handover/errors.ts';
import { DECLINE_REASONS, DECLINE_REASON_LABELS, type Handover } from '../../domain/handover/types.ts';

export interface ActionRequest {
  actorId: string;
  actionId: ActionId;
  subjectId: string;
  version?: number;
  inputs: Record<string, unknown>;
}

export type ActionOutcome =
  | { kind: 'card'; card: Card }
  | { kind: 'form'; card: Card }
  | { kind: 'error'; message: string; fields: Record<string, string> };

export type RunAction = (request: ActionRequest) => ActionOutcome | Promise<ActionOutcome>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function act(h: Handover, a: ActionRequest, label: string): CardAction {
  return { id: a.actionId, label, subjectId: h.id, version: h.version };
}

/** A minimal status card for the person who acted (the shared composer replaces it). */
function statusCard(c: Container, h: Handover, viewerId: string): Card {
  const service = c.services.get(h.serviceId);
  const actions: CardAction[] = [];
  const mine = isCurrentContact(h, viewerId);
  const button = (id: ActionId, label: string, style?: CardAction['style']) => actions.push({ id, label, style, subjectId: h.id, version: h.version });
  if (mine && h.state === 'sent') { button('accept', 'Accept', 'positive'); button('decline', 'Decline', 'destructive'); button('pass', 'Pass to a colleague'); }
  if (mine && (h.state === 'accepted' || h.state === 'unreachable')) { button('confirm_contact', "We've made contact", 'positive'); }
  if (mine && h.state === 'accepted') { button('report_unreachable', "Couldn't reach them"); button('snooze', 'Snooze until'); }
  const facts = [{ label: 'Service', value: service?.name ?? h.serviceId }, { label: 'Status', value: h.state.replace('_', ' ') }];
  if (mine && h.client && h.state !== 'sent') facts.push({ label: 'Contact details', value: h.client.contactDetails ?? h.client.contactMethod });
  return {
    kind: h.state === 'sent' ? 'introduction' : mine ? 'accepted' : 'receipt', summary: `Introduction ${h.id}: ${h.state}`,
    title: `Introduction of ${h.client?.name ?? 'a client'}`, subjectId: h.id, version: h.version,
    blocks: [{ type: 'facts', facts }], actions,
  };
}

function formCard(h: Handover, a: ActionRequest, kind: Card['kind'], title: string, inputs: CardInput[], submit: ActionId, label: string): Card {
  return {
    kind, summary: title, title, subjectId: h.id, version: h.version,
    blocks: inputs.map((input) => ({ type: 'input' as const, input })),
    actions: [{ ...act(h, { ...a, actionId: submit }, label), submitsInputs: true }],
  };
}

function openForm(c: Container, h: Handover, a: ActionRequest): Card | null {
  const note: CardInput = { type: 'text', id: 'note', label: 'Note', multiline: true, maxLength: 500 };
  if (a.actionId === 'decline') {
    const options = DECLINE_REASONS.map((r) => ({ value: r, label: DECLINE_REASON_LABELS[r] }));
    return formCard(h, a, 'decline_form', 'Decline', [{ type: 'choice', id: 'reason', label: 'Reason', required: true, options }, note], 'decline_submit', 'Decline');
  }
  if (a.actionId === 'pass') {
    const others = (c.services.get(h.serviceId)?.contacts ?? []).filter((p) => p.personId !== a.actorId);
    const options = others.map((p) => ({ value: p.personId, label: c.people.nameOf(p.personId) }));
    return formCard(h, a, 'pass_form', 'Pass to a colleague', [{ type: 'choice', id: 'toPersonId', label: 'Colleague', required: true, options }, note], 'pass_submit', 'Pass');
  }
  if (a.actionId === 'snooze') return formCard(h, a, 'snooze_form', 'Snooze until', [{ type: 'date', id: 'until', label: 'Until', required: true }], 'snooze_submit', 'Snooze');
  if (a.actionId === 'add_note') return formCard(h, a, 'note_form', 'Add a note', [{ ...note, required: true, id: 'text' }], 'add_note_submit', 'Add note');
  return null;
}

function toCommand(a: ActionRequest): Command | null {
  const actorId = a.actorId;
  const i = a.inputs;
  switch (a.actionId) {
    case 'accept': return { type: 'accept', actorId };
    case 'decline_submit': return { type: 'decline', actorId, reason: str(i.reason) ?? '', note: str(i.note) };
    case 'pass_submit': return { type: 'pass', actorId, toPersonId: str(i.toPersonId) ?? '', note: str(i.note) };
    case 'withdraw': return { type: 'withdraw', actorId };
    case 'add_note_submit': return { type: 'add_note', actorId, text: str(i.text) ?? '' };
    case 'confirm_contact': return { type: 'confirm_contact', actorId };
    case 'report_unreachable': return { type: 'report_unreachable', actorId };
    case 'snooze_submit': return { type: 'snooze', actorId, until: str(i.until) ?? '' };
    default: return null;
  }
}

export function toOutcome(err: unknown): ActionOutcome {
  if (err instanceof HandoverError) return { kind: 'error', message: err.message, fields: err.fields };
  throw err;
}

/** Until the shared handler lands: the handover commands, with minimal cards. */
export function interimRunAction(c: Container): RunAction {
  return (a) => {
    try {
      if (a.actionId === 'introduce_submit') {
        const h = c.app.introduce(a.actorId, a.inputs);
        return { kind: 'card', card: statusCard(c, h, a.actorId) };
      }
      const h = c.app.get(a.subjectId);
      const forContact = a.actionId === 'decline' || a.actionId === 'pass' || a.actionId === 'snooze';
      if (forContact && !isCurrentContact(h, a.actorId) && h.state === 'sent') {
        throw new HandoverNotYoursError(`This introduction is for ${c.people.nameOf(h.contactId)}.`);
      }
      const form = openForm(c, h, a);
      if (form) return { kind: 'form', card: form };
      const command = toCommand(a);
      if (!command) return { kind: 'card', card: statusCard(c, h, a.actorId) };
      const result = c.app.act(h.id, command);
      return { kind: 'card', card: statusCard(c, result.handover, a.actorId) };
    } catch (err) {
      return toOutcome(err);
    }
  };
}
