// The introducer's live receipt (each step with its time; Withdraw, Add note) and the outcome notices
// (declined with a reason, expired, escalated, couldn't reach) with alternative services to try.
import { CAPACITY_LABELS, CATEGORIES } from '../domain/directory/types.ts';
import { MAX_OUTCOME_ASKS, outcomeQuestionOpen } from '../domain/handover/endings.ts';
import { isAllowedFrom } from '../domain/handover/transitions.ts';
import { followSubject } from './follow-subject.ts';
import { formatDay, formatWhen, listWords } from './format.ts';
import type { Alternative } from './view.ts';
import { clientName, notReachedWords, noteBlocks, personLine, stateHeadline, timeline } from './handover-text.ts';
import type { Card, CardAction, CardBlock } from './model.ts';
import { handoverAction, type HandoverView } from './view.ts';
import { statusOnlyCard } from './introduction-card.ts';
import { WITHDRAW_CONFIRM_TEXT } from './handover-forms.ts';

export const MAX_ALTERNATIVES = 3;
const STATE_WORDS: Record<HandoverView['handover']['state'], string> = {
  sent: 'waiting for an answer',
  accepted: 'accepted',
  contact_made: 'contact made',
  closed: 'closed',
  declined: 'declined',
  withdrawn: 'withdrawn',
  expired: 'expired',
  unreachable: "couldn't reach the client",
  not_reached: "couldn't reach the named contact",
};
export type OutcomeReason =
  | 'declined'
  | 'expired'
  | 'escalated'
  | 'unreachable'
  | 'follow_up_overdue'
  | 'outcome_question'
  | 'closed_unknown'
  | 'not_reached';
const OUTCOME_REASONS: readonly OutcomeReason[] = [
  'declined',
  'expired',
  'escalated',
  'unreachable',
  'follow_up_overdue',
  'outcome_question',
  'closed_unknown',
  'not_reached',
];

/** "Did Kim get in touch with Mind in Lambeth?": the question the introducer answers on their receipt. */
export function outcomeQuestion(view: HandoverView): string {
  return `Did ${clientName(view.handover)} get in touch with ${view.service.organisation}?`;
}

function questionBlocks(view: HandoverView): CardBlock[] {
  if (!outcomeQuestionOpen(view.handover)) return [];
  const last = (view.handover.outcomeAsks ?? 0) >= MAX_OUTCOME_ASKS;
  const after = last
    ? 'We will not ask again: if nobody knows soon, the introduction closes with the outcome unknown.'
    : 'If you answer "Not yet", we will ask you once more in a few working days.';
  return [
    { type: 'text', text: outcomeQuestion(view), style: 'heading' },
    { type: 'text', text: `${view.contact.name} hasn't confirmed contact. ${after}`, style: 'subtle' },
  ];
}

/** After a decline, an expiry, a named contact who did not answer, or a client nobody could reach: try elsewhere. */
/** Reasons where the client still needs a service: not while the introduction may still be working out. */
const NO_ALTERNATIVES: readonly OutcomeReason[] = ['follow_up_overdue', 'outcome_question', 'closed_unknown'];

export function offersAlternatives(reason: OutcomeReason): boolean {
  return !NO_ALTERNATIVES.includes(reason);
}

function introducerActions(view: HandoverView): CardAction[] {
  const actions: CardAction[] = [];
  if (outcomeQuestionOpen(view.handover)) {
    actions.push(
      handoverAction(view, 'outcome_yes', 'Yes', 'positive'),
      handoverAction(view, 'outcome_unreachable', "Couldn't reach"),
      handoverAction(view, 'outcome_not_yet', 'Not yet'),
    );
  }
  if (isAllowedFrom('withdraw', view.handover.state)) {
    actions.push({
      ...handoverAction(view, 'withdraw', 'Withdraw', 'destructive'),
      confirm: {
        title: 'Withdraw this introduction?',
        text: WITHDRAW_CONFIRM_TEXT(view.contact.name, view.service.name),
        yes: 'Yes, withdraw',
        no: 'Keep it',
        confirmedId: 'withdraw_confirmed',
      },
    });
  }
  if (isAllowedFrom('add_note', view.handover.state)) actions.push(handoverAction(view, 'add_note', 'Add note'));
  return actions;
}

function declineBlocks(view: HandoverView): CardBlock[] {
  if (view.handover.state !== 'declined') return [];
  const reason = view.steps.find((s) => s.event === 'declined');
  const blocks: CardBlock[] = [
    { type: 'facts', facts: [{ label: 'Reason', value: String(reason?.details.reasonLabel ?? 'Not given') }] },
  ];
  return blocks;
}

const ROUTE_WORDS: Record<string, string> = { slack: 'in Slack', teams: 'in Teams', web: 'in the playground' };

/** How the named contact was reached: "Sent to Sam Patel in Slack", or by e-mail because they have not used the app. */
export function reachedWords(view: HandoverView): string | null {
  const h = view.handover;
  if (h.state !== 'sent' && h.state !== 'accepted') return null;
  const contact = view.contact.name;
  if (view.reachedOn === 'email')
    return `Sent to ${contact} by e-mail: ${contact.split(' ')[0]} hasn't used Warm Handover yet`;
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
  if (h.state === 'sent') facts.push({ label: 'Reply by', value: formatWhen(h.replyBy, view.timeZone, view.now) });
  if (h.followUpAt && (h.state === 'accepted' || h.state === 'unreachable'))
    facts.push({ label: 'Follow-up by', value: formatDay(h.followUpAt, view.timeZone, view.now) });
  const follows = view.related?.follows;
  if (follows)
    facts.push({
      label: 'Follows',
      value: `Your introduction to ${follows.serviceName} (${STATE_WORDS[follows.state]})`,
    });
  for (const next of view.related?.followedBy ?? [])
    facts.push({ label: 'Followed by', value: `Your introduction to ${next}` });
  if (h.sourceLink) facts.push({ label: 'Started from', value: h.sourceLink });
  return {
    kind: 'receipt',
    title: `Your introduction of ${clientName(h)} to ${view.service.name}`,
    subjectId: h.id,
    version: h.version,
    summary: `Your introduction to ${view.service.name}: ${STATE_WORDS[h.state]}`,
    blocks: [
      { type: 'text', text: headline.text, style: headline.style },
      ...questionBlocks(view),
      { type: 'facts', facts },
      ...declineBlocks(view),
      { type: 'timeline', steps: timeline(view) },
      ...noteBlocks(view),
    ],
    actions: introducerActions(view),
  };
}

/** Why an alternative is suggested, in a few words: "also helps with anxiety or mental health · open · Lambeth". */
export function alternativeReason(a: Alternative): string {
  const helps = a.sharedCategories.map((c) => CATEGORIES.find((k) => k.id === c)?.label.toLowerCase() ?? c);
  return [
    helps.length ? `also helps with ${listWords(helps)}` : 'a similar service',
    CAPACITY_LABELS[a.service.capacity].toLowerCase(),
    a.area ?? 'anywhere',
    ...(a.stale ? ['not reviewed for a year: check before introducing'] : []),
  ].join(' · ');
}

export function alternativeBlocks(view: HandoverView, alternatives: Alternative[]): CardBlock[] {
  if (alternatives.length === 0)
    return [
      {
        type: 'text',
        text: 'We found no other service for the same need in the same area. Try a wider search.',
        style: 'subtle',
      },
    ];
  const blocks: CardBlock[] = [{ type: 'text', text: 'Other services you could try', style: 'heading' }];
  for (const a of alternatives.slice(0, MAX_ALTERNATIVES)) {
    blocks.push(
      { type: 'text', text: `${a.service.name}, ${a.service.organisation}` },
      { type: 'text', text: alternativeReason(a), style: 'subtle' },
      {
        type: 'actions',
        actions: [
          {
            id: 'reintroduce',
            label: `Introduce to ${a.service.name}`,
            subjectId: followSubject(view.handover.id, a.service.id),
          },
        ],
      },
    );
  }
  return blocks;
}

function outcomeText(view: HandoverView, reason: OutcomeReason): { title: string; text: string } {
  const h = view.handover;
  const name = clientName(h);
  const contact = view.contact.name;
  switch (reason) {
    case 'declined':
      return { title: `${contact} declined the introduction of ${name}`, text: stateHeadline(view).text };
    case 'expired':
      return {
        title: `No answer from ${view.service.name}`,
        text: `Nobody at ${view.service.name} answered your introduction of ${name}, so it has expired.`,
      };
    case 'escalated':
      return {
        title: `${contact} hasn't replied yet`,
        text: `We've asked the backup contacts at ${view.service.name} (${h.escalatedTo.map((id) => view.nameOf(id)).join(', ') || 'none'}) to pick up your introduction of ${name}.`,
      };
    case 'unreachable':
      return {
        title: `${contact} couldn't reach ${name}`,
        text: `${contact} tried to contact ${name} but couldn't reach them. You may want to check their details or withdraw.`,
      };
    case 'not_reached':
      return {
        title: `We couldn't reach ${contact} or a backup`,
        text:
          `We couldn't reach ${notReachedWords(view)}, so your introduction of ${name} to ${view.service.name} has not been seen. ` +
          'Try another service below, or ask your coordinator to check the contact details in the directory.',
      };
    case 'follow_up_overdue':
      return {
        title: `No contact confirmed yet for ${name}`,
        text: `${contact} accepted but hasn't confirmed contact with ${name} by the follow-up date. You can chase them, add a note or withdraw.`,
      };
    case 'outcome_question':
      return {
        title: outcomeQuestion(view),
        text: `${contact} accepted your introduction of ${name} but hasn't confirmed contact. Please tell us what happened, so the introduction can close with a known outcome.`,
      };
    case 'closed_unknown':
      return {
        title: `Closed: outcome unknown for ${name}`,
        text: `Nobody confirmed whether ${name} and ${view.service.name} got in touch, so we closed the introduction with the outcome unknown. The client's details will be removed as usual.`,
      };
  }
}

export function outcomeReasonFor(view: HandoverView, asked?: string): OutcomeReason {
  if (asked && (OUTCOME_REASONS as readonly string[]).includes(asked)) return asked as OutcomeReason;
  const s = view.handover.state;
  if (s === 'declined' || s === 'expired' || s === 'unreachable' || s === 'not_reached') return s;
  return view.handover.escalatedTo.length > 0 ? 'escalated' : 'follow_up_overdue';
}

/** A fresh message to the introducer when something needs their attention. */
export function buildOutcomeCard(view: HandoverView, reason: OutcomeReason, alternatives: Alternative[]): Card {
  if (reason === 'closed_unknown' && view.role === 'contact') return closedUnknownForContact(view);
  if (view.role !== 'introducer') return statusOnlyCard(view);
  const t = outcomeText(view, reason);
  const offerAlternatives = offersAlternatives(reason);
  const note = reason === 'declined' ? view.notes.filter((n) => n.authorId === view.handover.contactId).slice(-1) : [];
  return {
    kind: 'outcome',
    title: t.title,
    subjectId: view.handover.id,
    version: view.handover.version,
    summary: t.title.replace(clientName(view.handover), 'your client'),
    blocks: [
      {
        type: 'text',
        text: t.text,
        style:
          reason === 'outcome_question'
            ? 'default'
            : reason === 'escalated' || reason === 'closed_unknown'
              ? 'warning'
              : 'attention',
      },
      ...declineBlocks(view),
      ...note.map((n): CardBlock => ({ type: 'text', text: `Their note: ${n.text}` })),
      ...(offerAlternatives ? alternativeBlocks(view, alternatives) : []),
    ],
    actions: introducerActions(view),
  };
}

/** The named contact's word that an introduction they accepted closed with the outcome unknown. */
function closedUnknownForContact(view: HandoverView): Card {
  const h = view.handover;
  const title = `Closed: outcome unknown for the introduction from ${view.introducer.name}`;
  return {
    kind: 'outcome',
    title,
    subjectId: h.id,
    version: h.version,
    summary: title,
    blocks: [
      {
        type: 'text',
        style: 'warning',
        text: `Nobody confirmed contact with ${clientName(h)} after you accepted this introduction, so we closed it with the outcome unknown. If you do hear from them, tell ${view.introducer.name} directly.`,
      },
    ],
    actions: [],
  };
}
