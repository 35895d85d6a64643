// Sentences and fact lists shared by every card about a handover.
import { DECLINE_REASON_LABELS, OUTCOME_LABELS, type Handover } from '../domain/handover/types.ts';
import { formatDay, formatWhen } from './format.ts';
import type { Card, CardBlock, TextStyle, TimelineStep } from './model.ts';
import type { HandoverView } from './view.ts';

export const URGENCY_LABELS: Record<Handover['urgency'], string> = {
  routine: 'Routine',
  soon: 'Soon',
  urgent: 'Urgent',
};
export const CLIENT_DETAILS_REMOVED = 'The client details have been removed, as they are after an introduction closes.';

export function clientName(h: Handover): string {
  return h.client?.name ?? 'the client';
}

const PLATFORM_WORDS: Record<string, string> = {
  slack: 'Slack',
  teams: 'Teams',
  web: 'the playground',
  email: 'e-mail',
};

/** "Slack, Teams or e-mail": the routes that were tried, in words. */
export function platformWords(platforms: readonly string[]): string {
  const words = platforms.map((p) => PLATFORM_WORDS[p] ?? p);
  if (words.length === 0) return 'any switched-on route';
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Who was tried and where, from the not_reached step: "Sam Patel or a backup (Alex Morgan) on Slack or e-mail". */
export function notReachedWords(view: HandoverView): string {
  const step = view.steps.find((s) => s.event === 'not_reached');
  const ids = Array.isArray(step?.details.personIds) ? (step.details.personIds as string[]) : [view.handover.contactId];
  const platforms = Array.isArray(step?.details.platforms) ? (step.details.platforms as string[]) : [];
  const others = ids.filter((id) => id !== view.handover.contactId).map((id) => view.nameOf(id));
  const who = others.length > 0 ? `${view.contact.name} or a backup (${others.join(', ')})` : view.contact.name;
  return `${who} on ${platformWords(platforms)}`;
}

/** One sentence on where the handover stands, and how to colour it. */
export function stateHeadline(view: HandoverView): { text: string; style: TextStyle } {
  const h = view.handover;
  const at = (iso: string | null) => (iso ? formatWhen(iso, view.timeZone, view.now) : '');
  const contact = view.contact.name;
  switch (h.state) {
    case 'sent':
      return { text: `Waiting for ${contact} to reply by ${at(h.replyBy)}.`, style: 'default' };
    case 'accepted':
      return {
        text: `Accepted by ${contact} on ${at(h.acceptedAt)}. Follow-up by ${h.followUpAt ? formatDay(h.followUpAt, view.timeZone, view.now) : 'soon'}.`,
        style: 'good',
      };
    case 'contact_made':
      return { text: `Contact made on ${at(h.contactMadeAt)}.`, style: 'good' };
    case 'unreachable':
      return { text: `${contact} couldn't reach ${clientName(h)} yet.`, style: 'warning' };
    case 'declined':
      return {
        text: `Declined by ${contact} on ${at(h.answeredAt)}: ${h.declineReason ? DECLINE_REASON_LABELS[h.declineReason] : 'no reason given'}.`,
        style: 'attention',
      };
    case 'withdrawn':
      return { text: `Withdrawn by ${view.introducer.name} on ${at(h.closedAt)}.`, style: 'subtle' };
    case 'expired':
      return { text: `Expired on ${at(h.closedAt)} without an answer.`, style: 'attention' };
    case 'closed':
      if (h.outcome === 'unknown')
        return {
          text: `Closed on ${at(h.closedAt)}: outcome unknown. Nobody confirmed whether ${clientName(h)} and ${view.service.name} got in touch.`,
          style: 'warning',
        };
      if (h.outcome === 'contact_made' && h.contactMadeAt)
        return { text: `Contact made on ${at(h.contactMadeAt)}. The introduction is closed.`, style: 'good' };
      return {
        text: `Closed on ${at(h.closedAt)}: ${h.outcome ? OUTCOME_LABELS[h.outcome] : 'no outcome recorded'}.`,
        style: 'subtle',
      };
    case 'not_reached':
      return {
        text: `We couldn't reach ${notReachedWords(view)}, so nobody at ${view.service.name} has seen this introduction.`,
        style: 'attention',
      };
  }
}

/** Who, from where: "Jo Rivers (Work coach, Lambeth Jobcentre)". */
export function personLine(p: { name: string; role: string; organisation: string }): string {
  const extra = [p.role, p.organisation].filter(Boolean).join(', ');
  return extra ? `${p.name} (${extra})` : p.name;
}

/** What the named contact needs to know about the client. Contact details only when asked (after accepting). */
export function clientBlocks(view: HandoverView, withContactDetails: boolean): CardBlock[] {
  const h = view.handover;
  const c = h.client;
  if (!c) return [{ type: 'text', text: CLIENT_DETAILS_REMOVED, style: 'subtle' }];
  const facts: { label: string; value: string }[] = [
    { label: 'Client', value: c.name },
    { label: 'Urgency', value: URGENCY_LABELS[h.urgency] },
    { label: 'Prefers contact by', value: c.contactMethod },
  ];
  if (c.contactTimes) facts.push({ label: 'Best times', value: c.contactTimes });
  if (withContactDetails)
    facts.push({ label: 'Contact details', value: c.contactDetails ?? `None given: ask ${view.introducer.name}` });
  if (c.accessNeeds.language) facts.push({ label: 'Language', value: c.accessNeeds.language });
  if (c.accessNeeds.interpreter) facts.push({ label: 'Interpreter', value: 'Needed' });
  if (c.accessNeeds.disability) facts.push({ label: 'Access needs', value: c.accessNeeds.disability });
  return [
    { type: 'facts', facts },
    { type: 'text', text: 'What they want help with, in their words', style: 'heading' },
    { type: 'text', text: c.needs },
    { type: 'text', text: 'Why this service', style: 'heading' },
    { type: 'text', text: c.reasonForService },
  ];
}

/** Notes shown on a card, newest first; the rest are a button away ("All notes"), so a long thread never crowds it out. */
export const MAX_NOTES_ON_CARD = 3;

function noteText(view: HandoverView, n: HandoverView['notes'][number]): string {
  return `${view.nameOf(n.authorId)}, ${formatWhen(n.at, view.timeZone)}: ${n.text}`;
}

function noteLine(view: HandoverView, n: HandoverView['notes'][number]): CardBlock {
  return { type: 'text', text: noteText(view, n) };
}

export function noteBlocks(view: HandoverView): CardBlock[] {
  if (view.notes.length === 0) return [];
  const newestFirst = [...view.notes].reverse();
  const hidden = newestFirst.length - MAX_NOTES_ON_CARD;
  const blocks: CardBlock[] = [
    { type: 'text', text: hidden > 0 ? `Notes (${view.notes.length}, newest first)` : 'Notes', style: 'heading' },
    ...newestFirst.slice(0, MAX_NOTES_ON_CARD).map((n) => noteLine(view, n)),
  ];
  if (hidden > 0) {
    blocks.push(
      {
        type: 'text',
        text: `${hidden} earlier ${hidden === 1 ? 'note is' : 'notes are'} not shown here.`,
        style: 'subtle',
      },
      {
        type: 'actions',
        actions: [{ id: 'all_notes', label: 'All notes', subjectId: view.handover.id, version: view.handover.version }],
      },
    );
  }
  return blocks;
}

/** Notes are joined into text blocks of about this many characters, so even a long thread fits one modal. */
export const NOTES_PER_BLOCK_CHARS = 2500;

/** Every note on an introduction, newest first (opened from "All notes"). */
export function buildNotesCard(view: HandoverView): Card {
  const blocks: CardBlock[] = [];
  let text = '';
  for (const n of [...view.notes].reverse()) {
    const line = noteText(view, n);
    if (text && text.length + line.length + 2 > NOTES_PER_BLOCK_CHARS) {
      blocks.push({ type: 'text', text });
      text = '';
    }
    text = text ? `${text}\n\n${line}` : line;
  }
  if (text) blocks.push({ type: 'text', text });
  return {
    kind: 'notes',
    title: `Notes on the introduction of ${clientName(view.handover)}`,
    subjectId: view.handover.id,
    version: view.handover.version,
    summary: `${view.notes.length} notes on an introduction to ${view.service.name}`,
    blocks: blocks.length ? blocks : [{ type: 'text', text: 'No notes yet.', style: 'subtle' }],
    actions: [],
  };
}

function stepLabel(view: HandoverView, step: HandoverView['steps'][number]): string | null {
  const who = view.nameOf(step.actorId);
  const d = step.details;
  switch (step.event) {
    case 'introduced':
      return `Introduced by ${who}`;
    case 'accepted':
      return `Accepted by ${who}`;
    case 'declined':
      return `Declined by ${who}: ${String(d.reasonLabel ?? d.reason ?? '')}`;
    case 'passed':
      return `Passed to ${view.nameOf(String(d.toContactId ?? ''))}`;
    case 'escalated':
      return `Offered to backup contact${(d.backupIds as string[] | undefined)?.length === 1 ? '' : 's'} ${((d.backupIds as string[] | undefined) ?? []).map((id) => view.nameOf(id)).join(', ')}`;
    case 'contact_made':
      return d.closed === true ? 'Contact made, introduction closed' : 'Contact made';
    case 'unreachable':
      return `${who} couldn't reach ${clientName(view.handover)}`;
    case 'note_added':
      return `Note added by ${who}`;
    case 'withdrawn':
      return `Withdrawn by ${who}`;
    case 'expired':
      return 'Expired without an answer';
    case 'not_reached':
      return `Couldn't reach ${notReachedWords(view)}`;
    case 'nudged':
      return 'Reminder sent';
    case 'closed': {
      const label = OUTCOME_LABELS[d.outcome as keyof typeof OUTCOME_LABELS] ?? 'closed';
      if (d.automatic === true) return `Closed automatically: ${label}`;
      return d.reportedBy === 'introducer' ? `${who} said: ${label}` : `Closed: ${label}`;
    }
    case 'outcome_asked':
      return `Asked ${view.introducer.name} whether ${clientName(view.handover)} got in touch`;
    case 'outcome_not_yet':
      return `${who} answered "Not yet"`;
    default:
      return null;
  }
}

/** Each step with its time, then what is still to come. */
export function timeline(view: HandoverView): TimelineStep[] {
  const done: TimelineStep[] = [];
  for (const s of view.steps) {
    const label = stepLabel(view, s);
    if (label) done.push({ label, at: formatWhen(s.at, view.timeZone, view.now), done: true });
  }
  const h = view.handover;
  if (h.state === 'sent') done.push({ label: `Answer from ${view.contact.name}`, at: null, done: false });
  if (h.state === 'sent' || h.state === 'accepted' || h.state === 'unreachable')
    done.push({ label: 'Contact made', at: null, done: false });
  return done;
}
