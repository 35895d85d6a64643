// The ports between the use cases and the platforms: the Messenger each platform implements, and what the
// outbox asks it to deliver. The outbox stores only card requests, never card content or client text; cards are
// composed at send time from the current state, so a late delivery always shows the latest truth.
import type { Card } from '../cards/model.ts';
import type { ChannelAddress, Identity, MessageRef, Platform } from '../domain/ports.ts';

export type { CardRequest, ComposeCard } from '../cards/model.ts';
export type { DeliveryMode, OutboxRequest, Recipient } from '../storage/outbox-store.ts';

export interface SendOptions {
  /** The same key must never produce two messages on a messenger that has seen it. */
  idempotencyKey: string;
  /**
   * An earlier attempt with this key may have reached the platform (it was interrupted, or failed without a clear
   * answer): a messenger that can look (Slack, in the DM's history) checks before sending again.
   */
  maybeSent?: boolean;
}

export type DeliveryFailureKind =
  | 'rate_limited' // retry after retryAfterMs
  | 'recipient_unknown' // no such person / app not installed / blocked: try another route, tell the sender
  | 'transient' // retry with backoff
  | 'permanent'; // dead-letter

export class DeliveryError extends Error {
  readonly code = 'DELIVERY_FAILED';
  constructor(
    readonly kind: DeliveryFailureKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** One per platform. The core routes by person; each platform delivers to its own identities. */
/** What a platform needs to find a directory person who has never used the app there. */
export interface PersonToFind {
  email: string;
  organisation: string;
}

/** found: their identity on the platform; missing: why not, as the platform's code (users_not_found, account_inactive). */
export type PersonLookup = { found: Identity } | { missing: string };

export interface Messenger {
  readonly platform: Platform;
  sendToPerson(to: Identity, card: Card, options: SendOptions): Promise<MessageRef>;
  postToChannel(channel: ChannelAddress, card: Card, options: SendOptions): Promise<MessageRef>;
  updateMessage(ref: MessageRef, card: Card): Promise<void>;
  /**
   * Optional: finds someone with no identity here yet (Slack: users.lookupByEmail in each installed workspace).
   * Runs in delivery, never in a request a person waits on; throws DeliveryError for rate limits and outages.
   */
  findPerson?(person: PersonToFind): Promise<PersonLookup>;
  /** Where the platform has threads: posts the card as a reply under `parent`, which notifies its reader. */
  replyInThread?(parent: MessageRef, card: Card, options: SendOptions): Promise<MessageRef>;
}
