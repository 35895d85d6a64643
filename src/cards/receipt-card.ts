// The introducer's live receipt (each step with its time; Withdraw, Add note) and the outcome notices
// (declined with a reason, expired, escalated, couldn't reach) with alternative services to try.
import { CAPACITY_LABELS, type Service } from '../domain/directory/types.ts';
import { isAllowedFrom } from '../domain/handover/transitions.ts';
import { formatDay, formatWhen } from './format.ts';
import { clientName, notReachedWords, noteBlocks, personLine, stateHeadline, timeline } from './handover-text.ts';
import type { Card, CardAction, CardBlock } from './model.ts';
import { handoverAction, type HandoverView } from './view.ts';
import { statusOnlyCard } from './introduction-card.ts';

export const MAX_ALTERNATIVES = 3;
const STATE_WORDS: Record<HandoverView['handover']['state'], string> = {
  sent: 'waiting for an answer', accepted: 'accepted', contact_made: 'contact made', closed: 'closed', declined: 'declined',
  withdrawn: 'withdrawn', expired: 'expired', unreachable: "couldn't reach the client", not_reached: "couldn't reach the named contact",
};
export type OutcomeReason = 'declined' | 'expired' | 'escalated' | 'unreachable' | 'follow_up_overdue' | 'not_reached';

function introducerActions(view: HandoverView): CardAction[] {
  const actions: CardAction[] = [];
  if (isAllowedFrom('withdraw', view.handover.state)) actions.push(handoverAction(view, 'withdraw', 'Withdraw', 'destructive'));
  if (isAllowedFrom('add_note', view.handover.state)) actions.push(handoverAction(view, 'add_note', 'Add note'));
  return actions;
}

function declineBlocks(view: HandoverView): CardBlock[] {
  if (view.handover.state !== 'declined') return [];
  const reason = view.steps.find((s) => s.event === 'declined');
  const blocks: CardBlock[] = [{ type: 'facts', facts: [{ label: 'Reason', value: String(reason?.details.reasonLabel ?? 'Not given') }] }];
  return blocks;
}

const ROUTE_WORDS: Record<string, string> = { slack: 'in Slack', teams: 'in Teams', web: 'in the playground' };

/** How the named contact was reached: "Sent to Sam Patel in Slack", or by e-mail because they have not used the app. */
export function reachedWords(view: HandoverView): string | null {
  const h = view.handover;
  if (h.state !== 'sent' && h.state !== 'accepted') return null;
  const contact = view.contact.name;
  if (view.reachedOn === 'email') return `Sent to ${contact} by e-mail: ${contact.split(' ')[0]} hasn't used Warm Handover yet`;
  if (view.reachedOn) return `Sent to ${contact} ${ROUTE_WORDS[view.reachedOn] ?? `on ${view.reachedOn}`}`;
  return null;
}

export function buildReceiptCard(view: HandoverView): Card {
  if (view.role !== 'introducer') return statusOnlyCard(view);
  const h = view.handover;
  const headline = stateHeadline(view);
  const facts = [
    { label: 'Service', value: `${view.service.name}, ${view.service.organisation}` },
    { label: 'Named contact', value: personLine(view.contact) },
  ];
  const reached = reachedWords(view);
  if (reached) facts.push({ label: 'Reached', value: reached });
  if (h.state === 'sent') facts.push({ label: 'Reply by', value: formatWhen(h.replyBy, view.timeZone) });
  if (h.followUpAt && (h.state === 'accepted' || h.state === 'unreachable')) facts.push({ label: 'Follow-up by', value: formatDay(h.followUpAt, view.timeZone) });
  return {
    kind: 'receipt', title: `Your introduction of ${clientName(h)} to ${view.service.name}`, subjectId: h.id, version: h.version,
    summary: `Your introduction to ${view.service.name}: ${STATE_WORDS[h.state]}`,
    blocks: [
      { type: 'text', text: headline.text, style: headline.style },
      { type: 'facts', facts },
      ...declineBlocks(view),
      { type: 'timeline', steps: timeline(view) },
      ...noteBlocks(view),
    ],
    actions: introducerActions(view),
  };
}

export function alternativeBlocks(alternatives: Service[]): CardBlock[] {
  if (alternatives.length === 0) return [{ type: 'text', text: 'We found no other open service in the same category and area. Try a wider search.', style: 'subtle' }];
  const blocks: CardBlock[] = [{ type: 'text', text: 'Other services you could try', style: 'heading' }];
  for (const s of alternatives.slice(0, MAX_ALTERNATIVES)) {
    blocks.push(
      { type: 'text', text: `${s.name}, ${s.organisation} (${CAPACITY_LABELS[s.capacity]})` },
      { type: 'actions', actions: [{ id: 'introduce_start', label: `Introduce to ${s.name}`, subjectId: s.id }] },
    );
  }
  return blocks;
}

function outcomeText(view: HandoverView, reason: OutcomeReason): { title: string; text: string } {
  const h = view.handover;
  const name = clientName(h);
  const contact = view.contact.name;
  switch (reason) {
    case 'declined': return { title: `${contact} declined the introduction of ${name}`, text: stateHeadline(view).text };
    case 'expired': return { title: `No answer from ${view.service.name}`, text: `Nobody at ${view.service.name} answered your introduction of ${name}, so it has expired.` };
    case 'escalated': return {
      title: `${contact} hasn't replied yet`,
      text: `We've asked the backup contacts at ${view.service.name} (${h.escalatedTo.map((id) => view.nameOf(id)).join(', ') || 'none'}) to pick up your introduction of ${name}.`,
    };
    case 'unreachable': return { title: `${contact} couldn't reach ${name}`, text: `${contact} tried to contact ${name} but couldn't reach them. You may want to check their details or withdraw.` };
    case 'not_reached': return {
      title: `We couldn't reach ${contact} or a backup`,
      text: `We couldn't reach ${notReachedWords(view)}, so your introduction of ${name} to ${view.service.name} has not been seen. `
        + 'Try another service below, or ask your coordinator to check the contact details in the directory.',
    };
    case 'follow_up_overdue': return { title: `No contact confirmed yet for ${name}`, text: `${contact} accepted but hasn't confirmed contact with ${name} by the follow-up date. You can chase them, add a note or withdraw.` };
  }
}

export function outcomeReasonFor(view: HandoverView, asked?: string): OutcomeReason {
  const known: OutcomeReason[] = ['declined', 'expired', 'escalated', 'unreachable', 'follow_up_overdue', 'not_reached'];
  if (asked && (known as string[]).includes(asked)) return asked as OutcomeReason;
  const s = view.handover.state;
  if (s === 'declined' || s === 'expired' || s === 'unreachable' || s === 'not_reached') return s;
  return view.handover.escalatedTo.length > 0 ? 'escalated' : 'follow_up_overdue';
}

/** A fresh message to the introducer when something needs their attention. */
export function buildOutcomeCard(view: HandoverView, reason: OutcomeReason, alternatives: Service[]): Card {
  if (view.role !== 'introducer') return statusOnlyCard(view);
  const t = outcomeText(view, reason);
  const offerAlternatives = reason === 'declined' || reason === 'expired' || reason === 'escalated' || reason === 'not_reached';
  const note = reason === 'declined' ? view.notes.filter((n) => n.authorId === view.handover.contactId).slice(-1) : [];
  return {
    kind: 'outcome', title: t.title, subjectId: view.handover.id, version: view.handover.version,
    summary: t.title.replace(clientName(view.handover), 'your client'),
    blocks: [
      { type: 'text', text: t.text, style: reason === 'escalated' ? 'warning' : 'attention' },
      ...declineBlocks(view),
      ...note.map((n): CardBlock => ({ type: 'text', text: `Their note: ${n.text}` })),
      ...(offerAlternatives ? alternativeBlocks(alternatives) : []),
    ],
    actions: introducerActions(view),
  };
}
