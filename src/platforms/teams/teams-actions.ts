// What the Teams bot asks of the rest of the app: run an action for a person (the one shared action handler)
// and compose a card for a viewer. The lead wires the shared handleAction and card composer in here; the
// stand-in below only covers the introduce → accept path so the platform can run before they land.
import type { Container } from '../../app/container.ts';
import type { CardRequest } from '../../app/delivery-types.ts';
import type { Card, CardAction, CardBlock } from '../../cards/model.ts';
import { isCurrentContact, type Command } from '../../domain/handover/commands.ts';
import { HandoverError } from '../../domain/handover/errors.ts';
import type { Handover } from '../../domain/handover/types.ts';

export interface ActionRequest {
  actorId: string;
  actionId: string;
  subjectId: string;
  version?: number;
  inputs: Record<string, unknown>;
}

export type ActionResult =
  | { kind: 'card'; card: Card }
  | { kind: 'form'; card: Card }
  | { kind: 'error'; message: string; fields?: Record<string, string> };

export interface TeamsActions {
  run(request: ActionRequest): ActionResult | Promise<ActionResult>;
  /** The card a viewer should see for a subject now (used by Teams' refresh), or null. */
  compose(request: CardRequest): Card | null;
}

const SIMPLE_COMMANDS = new Set(['accept', 'confirm_contact', 'report_unreachable', 'withdraw']);

function statusCard(h: Handover, viewerId: string, names: (id: string) => string): Card {
  const actions: CardAction[] = [];
  const act = (id: CardAction['id'], label: string, style?: CardAction['style']) => actions.push({ id, label, style, subjectId: h.id, version: h.version });
  if (h.state === 'sent' && isCurrentContact(h, viewerId)) { act('accept', 'Accept', 'positive'); act('decline', 'Decline'); act('pass', 'Pass to a colleague'); }
  if (h.state === 'accepted' && h.contactId === viewerId) { act('confirm_contact', "We've made contact", 'positive'); act('report_unreachable', "Couldn't reach them"); }
  if (h.introducerId === viewerId && ['sent', 'accepted'].includes(h.state)) { act('withdraw', 'Withdraw', 'destructive'); act('add_note', 'Add note'); }
  const blocks: CardBlock[] = [{ type: 'facts', facts: [
    { label: 'Status', value: h.state.replace('_', ' ') }, { label: 'Named contact', value: names(h.contactId) }, { label: 'Introduced by', value: names(h.introducerId) },
  ] }];
  return { kind: 'introduction', title: 'Introduction', summary: 'An introduction', blocks, actions, subjectId: h.id, version: h.version };
}

function introduceForm(c: Container, values: Record<string, unknown>, fields: Record<string, string> = {}, message?: string): Card {
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const text = (id: string, label: string, multiline = false): CardBlock => ({ type: 'input', input: { type: 'text', id, label, multiline, value: v(id), error: fields[id], required: true } });
  const services = c.services.all();
  const blocks: CardBlock[] = [
    ...(message ? [{ type: 'text', text: message, style: 'attention' } as CardBlock] : []),
    { type: 'input', input: { type: 'choice', id: 'serviceId', label: 'Service', required: true, value: v('serviceId'), error: fields.serviceId, options: services.map((s) => ({ value: s.id, label: `${s.name} (${s.organisation})` })) } },
    text('clientName', "Client's first name or initials"), text('needs', 'What they need, in their own words', true),
    text('reasonForService', 'Why this service'), text('contactMethod', 'How the client prefers to be contacted'),
    { type: 'input', input: { type: 'text', id: 'contactDetails', label: 'Contact details (shown only after the contact accepts)', value: v('contactDetails') } },
    { type: 'input', input: { type: 'choice', id: 'urgency', label: 'Urgency', value: v('urgency') ?? 'routine', options: [{ value: 'routine', label: 'Routine' }, { value: 'soon', label: 'Soon' }, { value: 'urgent', label: 'Urgent' }] } },
    { type: 'input', input: { type: 'toggle', id: 'consent', label: 'The client agreed to share these details with this service', required: true, value: values.consent === true || values.consent === 'true', error: fields.consent } },
  ];
  return { kind: 'introduce_form', title: 'Introduce a client', summary: 'Introduce a client', blocks, actions: [{ id: 'introduce_submit', label: 'Send introduction', style: 'positive', subjectId: 'new', submitsInputs: true }] };
}

function toInput(inputs: Record<string, unknown>): Record<string, unknown> {
  return { consentHow: 'in_person', urgency: 'routine', ...inputs, consent: inputs.consent === true || inputs.consent === 'true' };
}

/** The stand-in until the shared handleAction is wired (see the report for the lead). */
export function fallbackActions(c: Container): TeamsActions {
  const names = (id: string) => c.people.nameOf(id);
  return {
    run(req) {
      try {
        if (req.actionId === 'introduce_start' || req.actionId === 'introduce_search') return { kind: 'form', card: introduceForm(c, req.inputs) };
        if (req.actionId === 'introduce_submit') {
          const h = c.app.introduce(req.actorId, toInput(req.inputs));
          return { kind: 'card', card: { kind: 'notice', title: 'Introduction sent', summary: 'Introduction sent', subjectId: h.id, blocks: [{ type: 'text', text: `${names(h.contactId)} has been asked to reply.` }], actions: [] } };
        }
        if (SIMPLE_COMMANDS.has(req.actionId)) {
          const r = c.app.act(req.subjectId, { type: req.actionId, actorId: req.actorId } as Command);
          return { kind: 'card', card: statusCard(r.handover, req.actorId, names) };
        }
        return { kind: 'card', card: statusCard(c.app.get(req.subjectId), req.actorId, names) };
      } catch (err) {
        if (!(err instanceof HandoverError)) throw err;
        if (req.actionId === 'introduce_submit') return { kind: 'form', card: introduceForm(c, req.inputs, err.fields, err.message) };
        return { kind: 'error', message: err.message, fields: err.fields };
      }
    },
    compose(request) {
      const h = c.handovers.find(request.subjectId);
      return h && request.viewerId ? statusCard(h, request.viewerId, names) : null;
    },
  };
}
