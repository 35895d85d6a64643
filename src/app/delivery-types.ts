// The contract between what happens (handover events, nudges) and what people see (cards on a platform).
// The outbox stores only these requests — never card content or client text. Cards are composed at send time
// from the current state, so a late delivery always shows the latest truth.
import type { Card, CardKind } from '../cards/model.ts';
import type { ChannelAddress } from '../domain/ports.ts';

/**
 * live: the one card a person has for a subject (the contact's introduction card, the introducer's receipt);
 *       sent the first time, updated in place afterwards (keyed by liveKey).
 * new:  a fresh message every time (nudges, escalation notices, outcomes, digests).
 */
export type DeliveryMode = 'live' | 'new';

export interface CardRequest {
  kind: CardKind;
  /** A handover id, opportunity id, service id, or a digest key. */
  subjectId: string;
  /** Who will see it: decides which actions and which details are shown. Absent for channel posts. */
  viewerId?: string;
  params?: Record<string, string>;
}

/** Builds a card from current state. Returns null when there is nothing to show any more. */
export type ComposeCard = (request: CardRequest) => Card | null;

export type Recipient = { personId: string } | { channel: ChannelAddress };

export interface OutboxRequest {
  idempotencyKey: string;
  recipient: Recipient;
  card: CardRequest;
  mode: DeliveryMode;
  /** For live mode: the key of the card to update, e.g. `${handoverId}:${personId}`. */
  liveKey?: string;
  /**
   * For new mode: the live key of the card this message answers. Where the platform has threads (Slack) it is posted
   * as a reply under that card; where it has none, or the card was never sent, it is skipped.
   */
  threadOf?: string;
  /** Earliest time to send (ISO); default now. */
  notBefore?: string;
}
