// Retention: client-identifying fields (client details, notes) are removed a number of days after an
// introduction closed, and from any introduction MAX_DAYS_AFTER_SENT days after it was sent, whatever its state. The handover row, its states and the audit trail (which never holds client text) stay.
// The playground's stored messages about it (web_messages, whose cards showed the client details in DMs) are
// replaced by a short notice, and the live cards in Slack and Teams DMs are queued to be re-rendered from the
// purged state (which has no client details) and updated in place.
import { SYSTEM_ACTOR } from '../domain/handover/commands.ts';
import { MAX_DAYS_AFTER_SENT } from '../domain/handover/endings.ts';
import type { HandoverState } from '../domain/handover/types.ts';
import { buildNoticeCard } from '../cards/other-cards.ts';
import { messageKey } from '../domain/nudges/messages.ts';
import type { Platform } from '../domain/ports.ts';
import { OutboxStore } from '../storage/outbox-store.ts';
import { inTransaction, type Db } from '../storage/sqlite.ts';

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgeCandidate {
  id: string;
  state: HandoverState;
  /** null: still open, purged because it was sent MAX_DAYS_AFTER_SENT days ago. */
  closedAt: string | null;
}

export function purgeCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
}

/** Handovers whose client details are due to go: closed retentionDays ago, or sent MAX_DAYS_AFTER_SENT days ago. */
export function purgeCandidates(db: Db, now: Date, retentionDays: number = DEFAULT_RETENTION_DAYS): PurgeCandidate[] {
  return db
    .prepare<[string, string], { id: string; state: string; closed_at: string | null }>(
      `SELECT id, state, closed_at FROM handovers WHERE purged_at IS NULL AND ((closed_at IS NOT NULL AND closed_at <= ?) OR created_at <= ?)
     ORDER BY coalesce(closed_at, created_at), id`,
    )
    .all(purgeCutoff(now, retentionDays), purgeCutoff(now, MAX_DAYS_AFTER_SENT))
    .map((r) => ({ id: r.id, state: r.state as HandoverState, closedAt: r.closed_at }));
}

/** What a stored message about a purged introduction shows instead of its card. */
export function purgedCard(handoverId: string, retentionDays: number, closed = true) {
  const when = closed
    ? `${retentionDays} days after this introduction closed`
    : `${MAX_DAYS_AFTER_SENT} days after this introduction was sent`;
  return buildNoticeCard(handoverId, `Introduction ${handoverId}`, `The client's details were removed ${when}.`);
}

/**
 * Platforms whose delivered cards keep their own copy and are updated in place after a purge. The playground's
 * copies are replaced above; an e-mail only links to a page composed from current state.
 */
const RE_RENDERED: ReadonlySet<Platform> = new Set(['slack', 'teams']);

/** Queues an in-place update of every card about the handover that sits in a Slack or Teams DM. */
function queueCardUpdates(outbox: OutboxStore, handoverId: string, now: Date): number {
  const cards = outbox.liveCards(handoverId).filter((c) => c.ref && RE_RENDERED.has(c.ref.platform));
  for (const c of cards) {
    outbox.enqueue(
      {
        idempotencyKey: messageKey({ subjectId: handoverId, event: 'purged', recipient: c.liveKey, cardKind: c.kind }),
        recipient: c.recipient,
        card: { kind: c.kind, subjectId: handoverId, viewerId: c.viewerId ?? undefined },
        mode: 'live',
        liveKey: c.liveKey,
      },
      now,
    );
  }
  return cards.length;
}

/** Purges them (in the caller's transaction if there is one). Returns what was purged. */
export function purgeClosed(db: Db, now: Date, retentionDays: number = DEFAULT_RETENTION_DAYS): PurgeCandidate[] {
  const at = now.toISOString();
  const clear = db.prepare(
    `UPDATE handovers SET client = NULL, source_link = NULL, purged_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND purged_at IS NULL`,
  );
  const notes = db.prepare('DELETE FROM handover_notes WHERE handover_id = ?');
  const messages = db.prepare('UPDATE web_messages SET card = ?, updated_at = ? WHERE subject_id = ?');
  const audit = db.prepare(
    'INSERT INTO audit (handover_id, actor_id, event, from_state, to_state, at, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return inTransaction(db, () => {
    const done = purgeCandidates(db, now, retentionDays);
    if (done.length === 0) return done;
    const outbox = new OutboxStore(db);
    for (const c of done) {
      clear.run(at, at, c.id);
      const removedNotes = notes.run(c.id).changes;
      const clearedMessages = messages.run(
        JSON.stringify(purgedCard(c.id, retentionDays, c.closedAt !== null)),
        at,
        c.id,
      ).changes;
      const cardsUpdated = queueCardUpdates(outbox, c.id, now);
      audit.run(
        c.id,
        SYSTEM_ACTOR,
        'purged',
        c.state,
        c.state,
        at,
        JSON.stringify({
          retentionDays,
          open: c.closedAt === null,
          notesRemoved: removedNotes,
          messagesCleared: clearedMessages,
          cardsUpdated,
        }),
      );
    }
    return done;
  });
}
