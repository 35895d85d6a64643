// Interfaces only: what the pure core needs from the outside world.
import type { Card } from '../cards/model.ts';

export interface Clock {
  now(): Date;
}

export type Platform = 'slack' | 'teams' | 'web' | 'email';

/** A person's address on one platform. tenant: Slack team id, Teams tenant id, '' for web and e-mail. */
export interface Identity {
  platform: Platform;
  tenant: string;
  userId: string;
  /** Platform extras, e.g. a stored Teams conversation reference. */
  details?: Record<string, unknown>;
}

/** A channel or group conversation (opportunities, escalations without client details). */
export interface ChannelAddress {
  platform: Platform;
  tenant: string;
  channelId: string;
}

/** Where a sent card lives, so it can be updated in place later. */
export interface MessageRef {
  platform: Platform;
  conversationId: string;
  messageId: string;
}

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
export interface Messenger {
  readonly platform: Platform;
  sendToPerson(to: Identity, card: Card, options: SendOptions): Promise<MessageRef>;
  postToChannel(channel: ChannelAddress, card: Card, options: SendOptions): Promise<MessageRef>;
  updateMessage(ref: MessageRef, card: Card): Promise<void>;
  /** Where the platform has threads: posts the card as a reply under `parent`, which notifies its reader. */
  replyInThread?(parent: MessageRef, card: Card, options: SendOptions): Promise<MessageRef>;
}
