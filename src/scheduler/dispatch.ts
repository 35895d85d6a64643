// The dispatcher: claims due outbox messages (only while holding the lease), composes each card from the
// current state, delivers it within the rate limits, and records the result. At least once: a message is
// marked 'sending' before the platform call and 'sent' after; a crash in between leaves it to be sent again
// with the same idempotency key and maybeSent (the crash counts as an attempt), which the messengers use to
// drop the duplicate where the platform lets them look (Slack DMs, the web inbox); Teams stays at least once.
import { randomUUID } from 'node:crypto';
import type { ComposeCard } from '../app/ports.ts';
import type { Router } from '../app/router.ts';
import type { Clock, Platform } from '../domain/ports.ts';
import { DeliveryError } from '../app/ports.ts';
import type { Logger } from '../log.ts';
import type { OutboxRow, OutboxStore } from '../storage/outbox-store.ts';
import type { Db } from '../storage/sqlite.ts';
import { DEFAULT_RETRY_AFTER_MS, MAX_ATTEMPTS, MAX_RATE_LIMITED, backoffDelay } from './backoff.ts';
import { UndeliverableError, deliver } from './deliver.ts';
import { DISPATCH_LEASE, LEASE_TTL_MS, Lease } from './lease.ts';
import { DEFAULT_LIMITS, RateLimiter, type PlatformLimits } from './rate-limits.ts';

export const DISPATCH_BATCH = 200;
export const DISPATCH_INTERVAL_MS = 5_000;
/** Renew the lease this often while working, well before it runs out. */
export const LEASE_RENEW_MS = LEASE_TTL_MS / 3;

export interface DispatchSummary {
  sent: number;
  skipped: number;
  retried: number;
  dead: number;
}

export interface DispatcherDeps {
  db: Db;
  outbox: OutboxStore;
  router: Router;
  compose: ComposeCard;
  clock: Clock;
  /** Defaults to a lease named 'dispatcher' owned by a random id. */
  lease?: Lease;
  limiter?: RateLimiter;
  /** Each platform's limits (from its module); DEFAULT_LIMITS when absent. */
  limits?: Partial<Record<Platform, PlatformLimits>>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** A message reached nobody: tell the introducer, escalate (see createUndeliverableHandler). */
  onUndeliverable?: (row: OutboxRow, reason: string) => void;
  /** A card reached its person on a route new to them (a look-up, or e-mail): the introducer's receipt says where. */
  onNewRoute?: (row: OutboxRow, platform: string) => void;
  /** Runs before each drain: queues what is waiting for people who just became reachable. */
  beforeDrain?: () => void;
  log?: Logger;
  batchSize?: number;
  maxAttempts?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Dispatcher {
  private readonly lease: Lease;
  private readonly limiter: RateLimiter;
  private running: Promise<DispatchSummary> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private renewedAt = 0;
  private holding = false;
  private kickPending = false;
  /** Set by stop(): lanes finish the message in hand and leave the rest in the queue. */
  private stopping = false;

  constructor(private readonly deps: DispatcherDeps) {
    const sleep = deps.sleep ?? realSleep;
    this.lease = deps.lease ?? new Lease(deps.db, DISPATCH_LEASE, `dispatcher-${randomUUID()}`);
    this.limiter =
      deps.limiter ?? new RateLimiter(() => deps.clock.now().getTime(), sleep, { ...DEFAULT_LIMITS, ...deps.limits });
  }

  /** Sends everything due now. Concurrent calls share one run (and trigger one more afterwards). */
  runOnce(): Promise<DispatchSummary> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    return this.running;
  }

  /**
   * Call after a commit that queued messages: delivers them straight away instead of at the next tick. Kicks
   * made before that drain starts share it (a burst of commits causes one drain, not one each).
   */
  kick(): void {
    if (this.kickPending) return;
    this.kickPending = true;
    setImmediate(() => {
      this.kickPending = false;
      this.runOnce().catch((err) => this.deps.log?.error({ err }, 'dispatch failed'));
    });
  }

  start(intervalMs: number = DISPATCH_INTERVAL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops after the messages in hand (not the whole batch: rate limits can make that take minutes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping = true;
    try {
      await this.running?.catch(() => undefined);
    } finally {
      this.stopping = false;
    }
    this.lease.release();
    this.holding = false;
  }

  /**
   * True while this instance holds the lease. The lease row is written only when it is due for renewal (every
   * LEASE_RENEW_MS, well inside its TTL), so frequent drains (one per burst of commits) do not each cost a
   * database write; a refusal is never remembered, so an instance without the lease asks again every time.
   */
  private stillHolding(): boolean {
    const now = this.deps.clock.now().getTime();
    if (this.holding && now - this.renewedAt < LEASE_RENEW_MS) return true;
    return this.holdLease();
  }

  private holdLease(): boolean {
    this.renewedAt = this.deps.clock.now().getTime();
    const got = this.lease.acquire(this.deps.clock.now());
    this.holding = got !== null;
    if (got === 'new') {
      const released = this.deps.outbox.releaseSending();
      if (released > 0) this.deps.log?.warn({ released }, 'picked up messages left half-sent by a previous dispatcher');
    }
    return this.holding;
  }

  private async drain(): Promise<DispatchSummary> {
    const summary: DispatchSummary = { sent: 0, skipped: 0, retried: 0, dead: 0 };
    if (!this.stopping && this.stillHolding()) this.deps.beforeDrain?.();
    while (!this.stopping && this.stillHolding()) {
      const rows = this.deps.outbox.ready(this.deps.clock.now(), this.deps.batchSize ?? DISPATCH_BATCH);
      if (rows.length === 0) break;
      await Promise.all(
        lanes(rows, this.deps.outbox, this.deps.clock, summary).map((lane) => this.runLane(lane, summary)),
      );
      // Let requests (/healthz, clicks) in between batches, however long the queue is.
      await yieldToEventLoop();
    }
    return summary;
  }

  private async runLane(lane: OutboxRow[], summary: DispatchSummary): Promise<void> {
    for (const row of lane) {
      if (this.stopping || !this.stillHolding()) return; // stopping, or another instance took over: leave the rest
      await this.process(row, summary);
    }
  }

  private async process(row: OutboxRow, summary: DispatchSummary): Promise<void> {
    const { outbox, clock } = this.deps;
    outbox.markSending(row.id);
    try {
      const card = this.deps.compose(row.card);
      if (!card) {
        outbox.markSent(row.id, clock.now(), null, 'skipped');
        summary.skipped++;
        return;
      }
      const platform = await deliver(
        { outbox, router: this.deps.router, limiter: this.limiter, clock, onNewRoute: this.deps.onNewRoute },
        row,
        card,
      );
      if (!platform) {
        outbox.markSent(row.id, clock.now(), null, 'skipped');
        summary.skipped++;
        return;
      }
      outbox.markSent(row.id, clock.now(), platform);
      summary.sent++;
    } catch (err) {
      this.fail(row, err, summary);
    }
  }

  private fail(row: OutboxRow, err: unknown, summary: DispatchSummary): void {
    const { outbox, clock } = this.deps;
    const message = err instanceof Error ? err.message : String(err);
    const now = clock.now().getTime();
    if (err instanceof UndeliverableError) {
      this.deadLetter(row, `${err.reason}: ${message}`, summary, false);
      this.deps.onUndeliverable?.(row, err.reason);
      return;
    }
    if (err instanceof DeliveryError && err.kind === 'rate_limited') {
      if (row.rateLimited + 1 >= MAX_RATE_LIMITED) {
        this.deadLetter(row, `rate limited ${MAX_RATE_LIMITED} times: ${message}`, summary, false);
        this.deps.onUndeliverable?.(row, 'rate_limited');
        return;
      }
      outbox.retryLater(row.id, new Date(now + (err.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS)), message, 'rate_limited');
      summary.retried++;
      return;
    }
    const permanent = err instanceof DeliveryError && err.kind === 'permanent';
    if (permanent || row.attempts + 1 >= (this.deps.maxAttempts ?? MAX_ATTEMPTS)) {
      this.deadLetter(
        row,
        permanent ? `permanent: ${message}` : `gave up after ${row.attempts + 1} attempts: ${message}`,
        summary,
        true,
      );
      // Refused for good, or failed every attempt: the person was not reached, handled like "no route".
      this.deps.onUndeliverable?.(row, permanent ? 'permanent' : 'gave_up');
      return;
    }
    outbox.retryLater(
      row.id,
      new Date(now + backoffDelay(row.attempts + 1, this.deps.random ?? Math.random)),
      message,
      'attempt',
    );
    summary.retried++;
  }

  private deadLetter(row: OutboxRow, error: string, summary: DispatchSummary, countAttempt: boolean): void {
    this.deps.outbox.markDead(row.id, error, countAttempt);
    summary.dead++;
    this.deps.log?.warn(
      { outboxId: row.id, idempotencyKey: row.idempotencyKey, cardKind: row.card.kind, error },
      'message dead-lettered',
    );
  }
}

/**
 * Groups a batch into lanes that run in parallel; each lane runs in order. Messages for the same live card
 * share a lane, and only the newest of them is sent (the card is composed from current state anyway).
 */
function lanes(rows: OutboxRow[], outbox: OutboxStore, clock: Clock, summary: DispatchSummary): OutboxRow[][] {
  const byLane = new Map<string, OutboxRow[]>();
  const newestLive = new Map<string, number>();
  for (const r of rows) if (r.liveKey) newestLive.set(r.liveKey, r.id);
  for (const r of rows) {
    if (r.liveKey && newestLive.get(r.liveKey) !== r.id) {
      outbox.markSent(r.id, clock.now(), null, 'skipped');
      summary.skipped++;
      continue;
    }
    const lane =
      'personId' in r.recipient
        ? `p:${r.recipient.personId}`
        : `c:${r.recipient.channel.platform}:${r.recipient.channel.channelId}`;
    const list = byLane.get(lane);
    if (list) list.push(r);
    else byLane.set(lane, [r]);
  }
  return [...byLane.values()];
}
