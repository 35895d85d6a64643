// Delivering one outbox message: update the live card in place if it was sent before, else send it to the
// person's best route (trying the next identity when a platform says "no such person"), or post to a channel.
import type { Route, Router } from '../app/router.ts';
import type { OutboxRow, OutboxStore } from '../storage/outbox-store.ts';
import type { Card } from '../cards/model.ts';
import type { Clock, Identity, Platform } from '../domain/ports.ts';
import { DeliveryError, type SendOptions } from '../app/ports.ts';
import type { LimitKey, RateLimiter } from './rate-limits.ts';
import { DEFAULT_RETRY_AFTER_MS } from './backoff.ts';

/** Nobody could be reached on any platform: the message is dead-lettered and the introducer told. */
export class UndeliverableError extends Error {
  readonly code = 'MESSAGE_UNDELIVERABLE';
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'UndeliverableError';
  }
}

export interface DeliverDeps {
  outbox: OutboxStore;
  router: Router;
  limiter: RateLimiter;
  clock: Clock;
  /** Told when the person was reached on a route they had never been reached on (found by a look-up, or e-mail). */
  onNewRoute?: (row: OutboxRow, platform: Platform) => void;
}

const isUnknownRecipient = (err: unknown) => err instanceof DeliveryError && err.kind === 'recipient_unknown';

/** The key, and whether an earlier attempt (a failure, or one cut short by a crash) may have got through. */
function sendOptions(row: OutboxRow): SendOptions {
  return row.attempts > 0
    ? { idempotencyKey: row.idempotencyKey, maybeSent: true }
    : { idempotencyKey: row.idempotencyKey };
}

/** Waits for the rate limit, calls the platform, and on a 429 holds the conversation back. */
async function call<T>(deps: DeliverDeps, key: LimitKey, fn: () => Promise<T>): Promise<T> {
  await deps.limiter.acquire(key);
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DeliveryError && err.kind === 'rate_limited')
      deps.limiter.pause(key, err.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
    throw err;
  }
}

async function updateLiveCard(deps: DeliverDeps, row: OutboxRow, card: Card): Promise<Platform | null> {
  if (row.mode !== 'live' || !row.liveKey) return null;
  const ref = deps.outbox.liveCard(row.liveKey)?.ref;
  const messenger = ref ? deps.router.messenger(ref.platform) : undefined;
  if (!ref || !messenger) return null;
  try {
    await call(deps, { platform: ref.platform, tenant: '', conversation: ref.conversationId }, () =>
      messenger.updateMessage(ref, card),
    );
    return ref.platform;
  } catch (err) {
    if (!isUnknownRecipient(err)) throw err;
    deps.outbox.saveRef(row.liveKey, null, deps.clock.now()); // the old message is gone: send a new one
    return null;
  }
}

/** The identity to send to on this route: the stored one, or the one the platform finds now (null: not there). */
async function identityFor(deps: DeliverDeps, personId: string, route: Route): Promise<Identity | null> {
  if (!route.lookup || !route.messenger.findPerson) return route.identity;
  const { platform } = route.identity;
  const lookup = route.lookup;
  const result = await call(deps, { platform, tenant: '', conversation: 'lookup' }, () =>
    route.messenger.findPerson!(lookup),
  );
  if ('missing' in result) {
    deps.router.noteMiss(personId, platform, result.missing);
    return null;
  }
  deps.router.link(personId, result.found);
  return result.found;
}

/** Each route is tried at most once for this message; a refusal is noted and the next route tried. */
async function sendToPerson(deps: DeliverDeps, row: OutboxRow, personId: string, card: Card): Promise<Platform> {
  const routes = deps.router.routes(personId);
  if (routes.length === 0)
    throw new UndeliverableError('no_route', `${personId} has no identity on a platform that is switched on.`);
  for (const route of routes) {
    const identity = await identityFor(deps, personId, route);
    if (!identity) continue;
    try {
      const key = { platform: identity.platform, tenant: identity.tenant, conversation: identity.userId };
      const ref = await call(deps, key, () => route.messenger.sendToPerson(identity, card, sendOptions(row)));
      if (row.mode === 'live' && row.liveKey) deps.outbox.saveRef(row.liveKey, ref, deps.clock.now());
      if (route.lookup || identity.platform === 'email') deps.onNewRoute?.(row, identity.platform);
      return identity.platform;
    } catch (err) {
      if (!isUnknownRecipient(err)) throw err;
      deps.router.noteMiss(personId, identity.platform, 'refused');
    }
  }
  throw new UndeliverableError('recipient_unknown', `No platform knows ${personId} any more.`);
}

/** Marks the rate-limit bucket of the posts in a conversation's threads. */
const THREAD_KEY_SUFFIX = '#thread';

/** A threaded reply under the card it is about; null (nothing sent) where there is no such thread. */
async function replyInThread(
  deps: DeliverDeps,
  row: OutboxRow,
  threadOf: string,
  card: Card,
): Promise<Platform | null> {
  const parent = deps.outbox.liveCard(threadOf)?.ref;
  const messenger = parent ? deps.router.messenger(parent.platform) : undefined;
  if (!parent || !messenger?.replyInThread) return null;
  // A reply is a new post: it counts apart from the updates of its parent (chat.update has its own limit), so the
  // receipt changing and the reply under it do not wait on each other.
  const key = { platform: parent.platform, tenant: '', conversation: `${parent.conversationId}${THREAD_KEY_SUFFIX}` };
  await call(deps, key, () => messenger.replyInThread!(parent, card, sendOptions(row)));
  return parent.platform;
}

/** Delivers the composed card; returns the platform it went to, or null when it was not for sending (see threadOf). */
export async function deliver(deps: DeliverDeps, row: OutboxRow, card: Card): Promise<Platform | null> {
  if (row.threadOf) return replyInThread(deps, row, row.threadOf, card);
  const updated = await updateLiveCard(deps, row, card);
  if ('channel' in row.recipient) {
    if (updated) return updated; // a live channel card (an opportunity) changes in place
    const channel = row.recipient.channel;
    const messenger = deps.router.messenger(channel.platform);
    if (!messenger)
      throw new UndeliverableError(
        'no_route',
        `${channel.platform} is switched off, so channel ${channel.channelId} cannot be reached.`,
      );
    const key = { platform: channel.platform, tenant: channel.tenant, conversation: channel.channelId };
    const ref = await call(deps, key, () => messenger.postToChannel(channel, card, sendOptions(row)));
    if (row.mode === 'live' && row.liveKey) deps.outbox.saveRef(row.liveKey, ref, deps.clock.now());
    return channel.platform;
  }
  return updated ?? sendToPerson(deps, row, row.recipient.personId, card);
}
