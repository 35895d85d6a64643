// The named contact's live card (introduction → accepted → contact made), and the nudge and escalation
// messages that carry the same buttons. Others see the status only, never client details.
import { LIMITS } from '../domain/handover/introduce.ts';
import { formatDay, formatWhen } from './format.ts';
import { clientBlocks, clientName, noteBlocks, personLine, stateHeadline } from './handover-text.ts';
import type { HandoverState } from '../domain/handover/types.ts';
import type { Card, CardAction, CardBlock } from './model.ts';
import { handoverAction, isActingContact, type HandoverView } from './view.ts';

const AFTER_ACCEPT = new Set(['accepted', 'unreachable', 'contact_made']);

/** Where the introduction stands, as the named contact reads it in a notification or a screen reader. */
const CONTACT_STATE_WORDS: Record<HandoverState, string> = {
  sent: 'waiting for your answer',
  accepted: 'accepted by you',
  contact_made: 'contact made',
  closed: 'closed',
  declined: 'declined',
  withdrawn: 'withdrawn by the introducer',
  expired: 'expired without an answer',
  unreachable: 'client not reached yet',
  not_reached: 'closed: nobody at the service could be reached',
};

/** The fallback text: always the current state, never client details. */
function contactSummary(view: HandoverView, kind: Card['kind']): string {
  const about = `Introduction from ${view.introducer.name} to ${view.service.name}`;
  if (kind === 'nudge') return `Reminder about an introduction from ${view.introducer.name}`;
  if (kind === 'escalation' && view.handover.state === 'sent') return `${about}: can you pick it up?`;
  // A new introduction needs no state (it is also the subject of the e-mail that brings it).
  if (view.handover.state === 'sent') return about;
  return `${about}: ${CONTACT_STATE_WORDS[view.handover.state]}`;
}

/** One press finishes: it records contact made and closes, with the optional note and follow-up choice beside it. */
function madeContact(view: HandoverView): CardAction {
  return { ...handoverAction(view, 'confirm_contact', "We've made contact", 'positive'), submitsInputs: true };
}

function madeContactInputs(): CardBlock[] {
  return [
    {
      type: 'input',
      input: {
        type: 'text',
        id: 'note',
        label: 'Note for the introducer (optional)',
        multiline: true,
        maxLength: LIMITS.note,
      },
    },
    {
      type: 'input',
      input: { type: 'toggle', id: 'followUpOwed', label: 'We still owe a follow-up: keep this introduction open' },
    },
  ];
}

function contactActions(view: HandoverView): CardAction[] {
  const h = view.handover;
  const a = (id: CardAction['id'], label: string, style?: CardAction['style']) =>
    handoverAction(view, id, label, style);
  switch (h.state) {
    case 'sent': {
      const colleagues = view.service.contacts.filter((c) => c.id !== view.viewerId);
      const pass = colleagues.length > 0 ? [a('pass', 'Pass to a colleague')] : [];
      return [a('accept', 'Accept', 'positive'), a('decline', 'Decline', 'destructive'), ...pass];
    }
    case 'accepted':
      return [
        madeContact(view),
        a('report_unreachable', "Couldn't reach them"),
        a('snooze', 'Snooze until…'),
        a('add_note', 'Add note'),
      ];
    case 'unreachable':
      return [madeContact(view), a('close', 'Close: could not reach them'), a('add_note', 'Add note')];
    case 'contact_made':
      return [a('close', 'Close this introduction'), a('add_note', 'Add note')];
    default:
      return [];
  }
}

function introText(view: HandoverView): CardBlock[] {
  const h = view.handover;
  const blocks: CardBlock[] = [
    {
      type: 'text',
      text: `${personLine(view.introducer)} would like to introduce ${clientName(h)} to ${view.service.name} at ${view.service.organisation}.`,
    },
  ];
  if (view.role === 'backup') {
    blocks.push({
      type: 'text',
      text: `${view.contact.name} hasn't answered yet, so this is offered to you as a backup contact.`,
      style: 'warning',
    });
  }
  if (h.state === 'sent')
    blocks.push({
      type: 'text',
      text: `Please reply by ${formatWhen(h.replyBy, view.timeZone, view.now)}.`,
      style: 'attention',
    });
  if (h.snoozedUntil && (h.state === 'sent' || h.state === 'accepted')) {
    blocks.push({
      type: 'text',
      text: `Snoozed until ${formatDay(h.snoozedUntil, view.timeZone, view.now)}.`,
      style: 'subtle',
    });
  }
  return blocks;
}

function contactBody(view: HandoverView): CardBlock[] {
  const h = view.handover;
  const live = h.state === 'sent' || AFTER_ACCEPT.has(h.state);
  const headline = stateHeadline(view);
  const blocks: CardBlock[] = [...introText(view)];
  if (h.state !== 'sent') blocks.push({ type: 'text', text: headline.text, style: headline.style });
  if (h.state === 'accepted' && h.followUpAt) {
    blocks.push({
      type: 'text',
      text: `Please make contact by ${formatDay(h.followUpAt, view.timeZone, view.now)} and press "We've made contact".`,
    });
  }
  if (live) blocks.push({ type: 'divider' }, ...clientBlocks(view, AFTER_ACCEPT.has(h.state)), ...noteBlocks(view));
  if (h.state === 'accepted' || h.state === 'unreachable') blocks.push({ type: 'divider' }, ...madeContactInputs());
  return blocks;
}

/** What someone who is not part of this introduction may see. */
export function statusOnlyCard(view: HandoverView): Card {
  const headline = stateHeadline(view);
  return {
    kind: 'notice',
    title: `Introduction to ${view.service.name}`,
    subjectId: view.handover.id,
    version: view.handover.version,
    summary: `An introduction to ${view.service.name}: ${CONTACT_STATE_WORDS[view.handover.state].replace(' by you', '')}`,
    blocks: [
      { type: 'text', text: `This introduction is for ${view.contact.name} at ${view.service.name}.` },
      { type: 'text', text: headline.text, style: headline.style },
    ],
    actions: [],
  };
}

function title(view: HandoverView, kind: Card['kind']): string {
  const h = view.handover;
  const name = clientName(h);
  if (kind === 'nudge')
    return h.state === 'sent'
      ? `Reminder: ${view.introducer.name} is waiting for your reply`
      : `Reminder: have you made contact with ${name}?`;
  if (kind === 'escalation') return `Can you pick this up? ${view.contact.name} hasn't replied`;
  if (AFTER_ACCEPT.has(h.state)) return `You accepted the introduction of ${name}`;
  return `Introduction from ${view.introducer.name}: ${name}`;
}

/** kind: introduction / accepted (the live card), nudge or escalation (fresh messages with the same buttons). */
export function buildIntroductionCard(
  view: HandoverView,
  kind: 'introduction' | 'accepted' | 'nudge' | 'escalation' = 'introduction',
): Card {
  if (!isActingContact(view)) return statusOnlyCard(view);
  const h = view.handover;
  return {
    kind,
    title: title(view, kind),
    subjectId: h.id,
    version: h.version,
    summary: contactSummary(view, kind),
    blocks: contactBody(view),
    actions: contactActions(view),
  };
}
