// The short reply posted in the thread of a card when its introduction changes, so its reader is notified (the card
// itself changes in place, which notifies nobody). One sentence about what happened and who did it. It never names the
// client: a reply is not updated when client details are purged, so it must hold none (the card above it does).
import { OUTCOME_LABELS } from '../domain/handover/types.ts';
import { formatDay } from './format.ts';
import type { Card } from './model.ts';
import type { HandoverView } from './view.ts';

/** The events that earn a threaded reply to everyone else holding a card for the introduction. */
export const THREADED_EVENTS: ReadonlySet<string> = new Set([
  'accepted',
  'passed',
  'withdrawn',
  'note_added',
  'contact_made',
  'unreachable',
  'closed',
  'escalated',
]);

/** What happened, for this viewer. */
function sentence(v: HandoverView, event: string, actor: string): string {
  const h = v.handover;
  const day = (iso: string | null) => (iso ? formatDay(iso, v.timeZone) : 'soon');
  const mine = v.role === 'introducer';
  const what = mine ? `your introduction to ${v.service.name}` : `the introduction from ${v.introducer.name}`;
  const client = mine ? 'your client' : 'the client';
  switch (event) {
    case 'accepted':
      return `${actor} accepted ${what}. Follow-up by ${day(h.followUpAt)}.`;
    case 'passed':
      return `${actor} passed ${what} to ${v.contact.name}.`;
    case 'withdrawn':
      return `${actor} withdrew ${what}. There is nothing more to do.`;
    case 'note_added':
      return `${actor} added a note to ${what}.`;
    case 'contact_made':
      return `${actor} has made contact with ${client}.`;
    case 'unreachable':
      return `${actor} couldn't reach ${client} yet.`;
    case 'closed':
      return `${actor} closed ${what}: ${h.outcome ? OUTCOME_LABELS[h.outcome] : 'closed'}.`;
    case 'escalated':
      return `No answer came by ${day(h.replyBy)}, so the backup contacts of ${v.service.name} have been asked to pick up ${what} too.`;
    default:
      return `${what[0]!.toUpperCase()}${what.slice(1)} has changed.`;
  }
}

/** The reply for one event; the card above it shows the details. */
export function buildStatusUpdateCard(v: HandoverView, event: string, actorId: string | undefined): Card {
  const actor = actorId && actorId !== 'system' ? v.nameOf(actorId) : 'Warm Handover';
  const text = sentence(v, event, actor);
  return {
    kind: 'status_update',
    title: 'Update',
    subjectId: v.handover.id,
    version: v.handover.version,
    summary: text,
    blocks: [{ type: 'text', text }],
    actions: [],
  };
}
