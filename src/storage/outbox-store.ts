// The outbox: message requests queued in the same transaction as the change that caused them, delivered later
// by the dispatcher. Also the registry of live cards (sent_cards) so that later changes update them in place.
import type { CardRequest } from '../cards/model.ts';
import type { ChannelAddress, MessageRef, Platform } from '../domain/ports.ts';
import type { Db } from './sqlite.ts';

/**
 * live: the one card a person has for a subject (the contact's introduction card, the introducer's receipt);
 *       sent the first time, updated in place afterwards (keyed by liveKey).
 * new:  a fresh message every time (nudges, escalation notices, outcomes, digests).
 */
export type DeliveryMode = 'live' | 'new';

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

/** last_error of a message whose send was cut short (a crash between the platform call and recording it). */
export const INTERRUPTED = 'interrupted while sending: it may have arrived';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'skipped';

export interface OutboxRow {
  id: number;
  idempotencyKey: string;
  recipient: Recipient;
  card: CardRequest;
  mode: DeliveryMode;
  liveKey: string | null;
  /** The live key of the card this message is a threaded reply to (see OutboxRequest.threadOf). */
  threadOf: string | null;
  subjectId: string;
  notBefore: string;
  status: OutboxStatus;
  attempts: number;
  rateLimited: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  platform: string | null;
}

export interface LiveCard {
  liveKey: string;
  subjectId: string;
  kind: CardRequest['kind'];
  viewerId: string | null;
  recipient: Recipient;
  ref: MessageRef | null;
}

interface Row {
  id: number;
  idempotency_key: string;
  recipient: string;
  card: string;
  mode: string;
  live_key: string | null;
  thread_key: string | null;
  subject_id: string;
  not_before: string;
  status: string;
  attempts: number;
  rate_limited: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  platform: string | null;
}
interface CardRow {
  live_key: string;
  subject_id: string;
  kind: string;
  viewer_id: string | null;
  recipient: string;
  platform: string | null;
  conversation_id: string | null;
  message_id: string | null;
}

function fromRow(r: Row): OutboxRow {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    recipient: JSON.parse(r.recipient),
    card: JSON.parse(r.card),
    mode: r.mode as DeliveryMode,
    liveKey: r.live_key,
    threadOf: r.thread_key,
    subjectId: r.subject_id,
    notBefore: r.not_before,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    rateLimited: r.rate_limited,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    platform: r.platform,
  };
}

function cardFromRow(r: CardRow): LiveCard {
  const ref =
    r.platform && r.conversation_id && r.message_id
      ? { platform: r.platform as Platform, conversationId: r.conversation_id, messageId: r.message_id }
      : null;
  return {
    liveKey: r.live_key,
    subjectId: r.subject_id,
    kind: r.kind as CardRequest['kind'],
    viewerId: r.viewer_id,
    recipient: JSON.parse(r.recipient),
    ref,
  };
}

export class OutboxStore {
  private readonly s;
  /** Messages this store queued since takeQueued() was last asked. */
  private queued = 0;

  constructor(private readonly db: Db) {
    this.s = {
      insert:
        db.prepare(`INSERT OR IGNORE INTO outbox (idempotency_key, recipient, card, mode, live_key, thread_key, subject_id, not_before, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      register:
        db.prepare(`INSERT OR IGNORE INTO sent_cards (live_key, subject_id, kind, viewer_id, recipient, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      live: db.prepare<[string], CardRow>(
        'SELECT * FROM sent_cards WHERE subject_id = ? ORDER BY created_at, live_key',
      ),
      card: db.prepare<[string], CardRow>('SELECT * FROM sent_cards WHERE live_key = ?'),
      saveRef: db.prepare(
        'UPDATE sent_cards SET platform = ?, conversation_id = ?, message_id = ?, updated_at = ? WHERE live_key = ?',
      ),
      ready: db.prepare<[string, number], Row>(
        `SELECT * FROM outbox WHERE status = 'pending' AND not_before <= ? ORDER BY not_before, id LIMIT ?`,
      ),
      byId: db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?'),
      setStatus: db.prepare('UPDATE outbox SET status = ? WHERE id = ?'),
      sent: db.prepare(`UPDATE outbox SET status = ?, sent_at = ?, platform = ?, last_error = NULL WHERE id = ?`),
      retryLater: db.prepare(
        `UPDATE outbox SET status = 'pending', not_before = ?, attempts = attempts + ?, rate_limited = rate_limited + ?, last_error = ? WHERE id = ?`,
      ),
      dead: db.prepare(`UPDATE outbox SET status = 'dead', attempts = attempts + ?, last_error = ? WHERE id = ?`),
      // A send cut short counts as an attempt: the next one is told the message may be out already (maybeSent).
      release: db.prepare(
        `UPDATE outbox SET status = 'pending', attempts = attempts + 1, last_error = ? WHERE status = 'sending'`,
      ),
      failed: db.prepare<[], Row>(`SELECT * FROM outbox WHERE status = 'dead' ORDER BY id`),
      retry: db.prepare(
        `UPDATE outbox SET status = 'pending', attempts = 0, rate_limited = 0, not_before = ?, last_error = NULL WHERE id = ? AND status = 'dead'`,
      ),
      counts: db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status'),
      bySubject: db.prepare<[string], Row>('SELECT * FROM outbox WHERE subject_id = ? ORDER BY id'),
    };
  }

  /** Queues a message; a request whose idempotency key is already queued is ignored. Returns true if queued. */
  enqueue(req: OutboxRequest, now: Date): boolean {
    const at = now.toISOString();
    if (req.mode === 'live' && req.liveKey) {
      this.s.register.run(
        req.liveKey,
        req.card.subjectId,
        req.card.kind,
        req.card.viewerId ?? null,
        JSON.stringify(req.recipient),
        at,
        at,
      );
    }
    const result = this.s.insert.run(
      req.idempotencyKey,
      JSON.stringify(req.recipient),
      JSON.stringify(req.card),
      req.mode,
      req.liveKey ?? null,
      req.threadOf ?? null,
      req.card.subjectId,
      req.notBefore ?? at,
      at,
    );
    if (result.changes === 1) this.queued++;
    return result.changes === 1;
  }

  /** Whether anything was queued through this store since the last call (so a commit that queued nothing need not wake the dispatcher). */
  takeQueued(): boolean {
    const any = this.queued > 0;
    this.queued = 0;
    return any;
  }

  /** Every live card people have (or are about to get) for a subject. */
  liveCards(subjectId: string): LiveCard[] {
    return this.s.live.all(subjectId).map(cardFromRow);
  }

  liveCard(liveKey: string): LiveCard | undefined {
    const row = this.s.card.get(liveKey);
    return row ? cardFromRow(row) : undefined;
  }

  saveRef(liveKey: string, ref: MessageRef | null, now: Date): void {
    this.s.saveRef.run(
      ref?.platform ?? null,
      ref?.conversationId ?? null,
      ref?.messageId ?? null,
      now.toISOString(),
      liveKey,
    );
  }

  ready(now: Date, limit: number): OutboxRow[] {
    return this.s.ready.all(now.toISOString(), limit).map(fromRow);
  }

  get(id: number): OutboxRow | undefined {
    const row = this.s.byId.get(id);
    return row ? fromRow(row) : undefined;
  }

  bySubject(subjectId: string): OutboxRow[] {
    return this.s.bySubject.all(subjectId).map(fromRow);
  }

  markSending(id: number): void {
    this.s.setStatus.run('sending', id);
  }

  markSent(id: number, now: Date, platform: string | null, status: 'sent' | 'skipped' = 'sent'): void {
    this.s.sent.run(status, now.toISOString(), platform, id);
  }

  retryLater(id: number, notBefore: Date, error: string, kind: 'attempt' | 'rate_limited'): void {
    this.s.retryLater.run(
      notBefore.toISOString(),
      kind === 'attempt' ? 1 : 0,
      kind === 'rate_limited' ? 1 : 0,
      error,
      id,
    );
  }

  markDead(id: number, error: string, countAttempt = true): void {
    this.s.dead.run(countAttempt ? 1 : 0, error, id);
  }

  /** After taking over the dispatcher lease: messages left half-sent by a crash go back to the queue. */
  releaseSending(): number {
    return this.s.release.run(INTERRUPTED).changes;
  }

  failed(): OutboxRow[] {
    return this.s.failed.all().map(fromRow);
  }

  /** Puts a dead letter back in the queue; false if there is no dead letter with that id. */
  retry(id: number, now: Date): boolean {
    return this.s.retry.run(now.toISOString(), id).changes === 1;
  }

  counts(): Record<OutboxStatus, number> {
    const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, dead: 0, skipped: 0 };
    for (const r of this.s.counts.all()) out[r.status as OutboxStatus] = r.n;
    return out;
  }
}
