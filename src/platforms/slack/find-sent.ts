// After an interrupted send (the outbox says the message may already be out), look in the conversation's
// recent history for a message carrying the same idempotency key before posting again. Needs im:history for
// DMs; channel posts are not looked up (channels:history would let the app read every message in its
// channels), so a channel post interrupted by a crash can appear twice.
import type { webApi } from '@slack/bolt';
import { toDeliveryError } from './web-api-errors.ts';

/**
 * How many recent messages are searched. The message in doubt was sent moments before the crash, so only a few
 * newer ones can sit above it; 15 is also the most Slack returns to apps under its tightest history limits.
 */
export const HISTORY_LOOKBACK = 15;

interface KeyedMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * The ts of the message in `channel` sent with `key`, or null if none of the recent ones has it. Rate limits and
 * outages are thrown (the outbox retries later); any other refusal (an install from before im:history was asked
 * for answers missing_scope) returns null, so the message is sent: at least once beats never.
 */
export async function findSentMessage(
  client: webApi.WebClient,
  channel: string,
  key: string,
  eventType: string,
): Promise<string | null> {
  let messages: KeyedMessage[];
  try {
    const res = await client.conversations.history({ channel, limit: HISTORY_LOOKBACK, include_all_metadata: true });
    messages = (res.messages ?? []) as KeyedMessage[];
  } catch (err) {
    const failure = toDeliveryError(err, 'looking for a message that may have been sent already');
    if (failure.kind === 'rate_limited' || failure.kind === 'transient') throw failure;
    return null;
  }
  const found = messages.find(
    (m) => m.metadata?.event_type === eventType && m.metadata.event_payload?.idempotency_key === key,
  );
  return found?.ts ?? null;
}
