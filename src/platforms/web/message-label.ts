// A distinct accessible name for each message in a person's inbox: what it is, which client (first name or
// initials: inbox messages are direct messages) and where the introduction stands. Channel messages never name a client.
import type { CardComposer } from '../../app/card-composer.ts';
import { clientName } from '../../cards/handover-text.ts';
import type { HandoverState } from '../../domain/handover/types.ts';
import type { WebMessage } from './message-store.ts';

const STATE_WORDS: Record<HandoverState, string> = {
  sent: 'waiting for an answer',
  accepted: 'accepted',
  contact_made: 'contact made',
  closed: 'closed',
  declined: 'declined',
  withdrawn: 'withdrawn',
  expired: 'expired',
  unreachable: 'could not reach the client',
  not_reached: 'nobody at the service could be reached',
};

export function inboxMessageLabel(cards: Pick<CardComposer, 'view'>, m: WebMessage, personId: string): string {
  const v = m.subjectId ? cards.view(m.subjectId, personId) : null;
  if (!v) return m.card.summary;
  const state = STATE_WORDS[v.handover.state];
  const saysState = m.card.summary.toLowerCase().endsWith(state);
  return `${m.card.summary}, client ${clientName(v.handover)}${saysState ? '' : `, ${state}`}`;
}
