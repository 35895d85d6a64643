// The short reply posted in the thread of a card when its introduction changes, so its reader is notified (the card
// itself changes in place, which notifies nobody). One sentence about what happened and who did it.
import { OUTCOME_LABELS } from '../domain/handover/types.ts';
import { formatDay } from './format.ts';
import { clientName } from './handover-text.ts';
import type { Card } from './model.ts';
import type { HandoverView } from './view.ts';

/** The events that earn a threaded reply to everyone else holding a card for the introduction. */
export const THREADED_EVENTS: ReadonlySet<string> = new Set([
  'accepted', 'passed', 'withdrawn', 'note_added', 'contact_made', 'unreachable', 'closed', 'escalated',
]);

/** What happened, for this viewer; `client` names the client (the card) or stays vague (notifications). */
function sentence(v: HandoverView, event: string, actor: string, client: string): string {
  const h = v.handover;
  const day = (iso: string | null) => (iso ? formatDay(iso, v.timeZone) : 'soon');
  const yours = v.role === 'introducer' ? 'your introduction of' : 'the introduction of';
  switch (event) {
    case 'accepted': return `${actor} accepted ${yours} ${client}. Follow-up by ${day(h.followUpAt)}.`;
    case 'passed': return `${actor} passed ${yours} ${client} to ${v.contact.name}.`;
    case 'withdrawn': return `${actor} withdrew ${yours} ${client}. There is nothing more to do.`;
    case 'note_added': return `${actor} added a note to ${yours} ${client}.`;
    case 'contact_made': return `${actor} has made contact with ${client}.`;
    case 'unreachable': return `${actor} couldn't reach ${client} yet.`;
    case 'closed': return `${actor} closed ${yours} ${client}: ${h.outcome ? OUTCOME_LABELS[h.outcome] : 'closed'}.`;
    case 'escalated': return `No answer came by ${day(h.replyBy)}, so the backup contacts of ${v.service.name} have been asked to pick up ${yours} ${client} too.`;
    default: return `${yours[0]!.toUpperCase()}${yours.slice(1)} ${client} has changed.`;
  }
}

/** The reply for one event; the card above it shows the details. */
export function buildStatusUpdateCard(v: HandoverView, event: string, actorId: string | undefined): Card {
  const actor = actorId && actorId !== 'system' ? v.nameOf(actorId) : 'Warm Handover';
  const text = sentence(v, event, actor, clientName(v.handover));
  return {
    kind: 'status_update', title: 'Update', subjectId: v.handover.id, version: v.handover.version,
    summary: sentence(v, event, actor, v.role === 'introducer' ? 'your client' : 'the client'),
    blocks: [{ type: 'text', text }],
    actions: [],
  };
}
