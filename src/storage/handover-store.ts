// Handovers, their notes and the audit trail. Saves check the version so two writers cannot both win.
import type { HandoverEvent } from '../domain/handover/events.ts';
import { HandoverConflictError } from '../domain/handover/errors.ts';
import type { ClientDetails, Handover, HandoverNote, HandoverState } from '../domain/handover/types.ts';
import type Database from 'better-sqlite3';
import type { Db } from './sqlite.ts';

interface HandoverRow {
  id: string;
  version: number;
  state: string;
  service_id: string;
  introducer_id: string;
  contact_id: string;
  escalated_to: string;
  client: string | null;
  consent: string;
  urgency: string;
  reply_by: string;
  expires_at: string;
  follow_up_at: string | null;
  snoozed_until: string | null;
  outcome: string | null;
  decline_reason: string | null;
  created_at: string;
  updated_at: string;
  accepted_at: string | null;
  answered_at: string | null;
  contact_made_at: string | null;
  closed_at: string | null;
  purged_at: string | null;
  opportunity_id: string | null;
  outcome_asks: number;
  not_yet_count: number;
  not_yet_at: string | null;
  follows_id: string | null;
  source_link: string | null;
}

export interface AuditEntry {
  id: number;
  handoverId: string;
  actorId: string;
  event: string;
  fromState: string | null;
  toState: string | null;
  at: string;
  details: Record<string, unknown>;
}

function fromRow(r: HandoverRow): Handover {
  return {
    id: r.id,
    version: r.version,
    state: r.state as HandoverState,
    serviceId: r.service_id,
    introducerId: r.introducer_id,
    contactId: r.contact_id,
    escalatedTo: JSON.parse(r.escalated_to),
    client: r.client ? (JSON.parse(r.client) as ClientDetails) : null,
    consent: JSON.parse(r.consent),
    urgency: r.urgency as Handover['urgency'],
    replyBy: r.reply_by,
    expiresAt: r.expires_at,
    followUpAt: r.follow_up_at,
    snoozedUntil: r.snoozed_until,
    outcome: r.outcome as Handover['outcome'],
    declineReason: r.decline_reason as Handover['declineReason'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    acceptedAt: r.accepted_at,
    answeredAt: r.answered_at,
    contactMadeAt: r.contact_made_at,
    closedAt: r.closed_at,
    purgedAt: r.purged_at,
    opportunityId: r.opportunity_id,
    outcomeAsks: r.outcome_asks ?? 0,
    notYetCount: r.not_yet_count ?? 0,
    notYetAt: r.not_yet_at ?? null,
    followsId: r.follows_id,
    sourceLink: r.source_link,
  };
}

function toParams(h: Handover) {
  return {
    id: h.id,
    version: h.version,
    state: h.state,
    service_id: h.serviceId,
    introducer_id: h.introducerId,
    contact_id: h.contactId,
    escalated_to: JSON.stringify(h.escalatedTo),
    client: h.client ? JSON.stringify(h.client) : null,
    consent: JSON.stringify(h.consent),
    urgency: h.urgency,
    reply_by: h.replyBy,
    expires_at: h.expiresAt,
    follow_up_at: h.followUpAt,
    snoozed_until: h.snoozedUntil,
    outcome: h.outcome,
    decline_reason: h.declineReason,
    created_at: h.createdAt,
    updated_at: h.updatedAt,
    accepted_at: h.acceptedAt,
    answered_at: h.answeredAt,
    contact_made_at: h.contactMadeAt,
    closed_at: h.closedAt,
    purged_at: h.purgedAt,
    opportunity_id: h.opportunityId,
    outcome_asks: h.outcomeAsks ?? 0,
    not_yet_count: h.notYetCount ?? 0,
    not_yet_at: h.notYetAt ?? null,
    follows_id: h.followsId ?? null,
    source_link: h.sourceLink ?? null,
  };
}

type Params = ReturnType<typeof toParams>;
const COLUMNS = Object.keys(toParams({ escalatedTo: [], consent: {} } as unknown as Handover)) as (keyof Params)[];

export class HandoverStore {
  private readonly get;
  private readonly insertStmt;
  /** One prepared UPDATE per set of changed columns (a handful in practice: accept, decline, pass, snooze…). */
  private readonly updateStmts = new Map<string, Database.Statement>();
  private readonly noteStmt;
  private readonly notesStmt;
  private readonly auditStmt;
  private readonly auditListStmt;

  constructor(private readonly db: Db) {
    this.get = db.prepare<[string], HandoverRow>('SELECT * FROM handovers WHERE id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO handovers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`,
    );
    this.noteStmt = db.prepare('INSERT INTO handover_notes (handover_id, author_id, at, text) VALUES (?, ?, ?, ?)');
    this.notesStmt = db.prepare<[string], { author_id: string; at: string; text: string }>(
      'SELECT author_id, at, text FROM handover_notes WHERE handover_id = ? ORDER BY id',
    );
    this.auditStmt = db.prepare(
      'INSERT INTO audit (handover_id, actor_id, event, from_state, to_state, at, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.auditListStmt = db.prepare<
      [string],
      {
        id: number;
        handover_id: string;
        actor_id: string;
        event: string;
        from_state: string | null;
        to_state: string | null;
        at: string;
        details: string;
      }
    >('SELECT * FROM audit WHERE handover_id = ? ORDER BY id');
  }

  find(id: string): Handover | undefined {
    const row = this.get.get(id);
    return row ? fromRow(row) : undefined;
  }

  insert(h: Handover): void {
    this.insertStmt.run(toParams(h));
  }

  /**
   * Saves `after` only if the stored row is still `before` (same version); otherwise throws HandoverConflictError.
   * Only the columns that changed are written: SQLite rewrites an index whenever one of its columns is SET, even to
   * the same value, so writing every column cost a commit several extra pages (and WAL writes) for nothing.
   */
  update(after: Handover, before: Handover): void {
    const next = toParams(after);
    const prev = toParams(before);
    const changed = COLUMNS.filter((c) => c !== 'id' && next[c] !== prev[c]);
    if (!changed.includes('version')) changed.push('version');
    const key = changed.join(',');
    let stmt = this.updateStmts.get(key);
    if (!stmt) {
      stmt = this.db.prepare(
        `UPDATE handovers SET ${changed.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id AND version = @expected_version`,
      );
      this.updateStmts.set(key, stmt);
    }
    const params: Record<string, unknown> = { id: after.id, expected_version: before.version };
    for (const c of changed) params[c] = next[c];
    const result = stmt.run(params);
    if (result.changes !== 1) throw new HandoverConflictError(after.id);
  }

  addNote(handoverId: string, authorId: string, at: string, text: string): void {
    this.noteStmt.run(handoverId, authorId, at, text);
  }

  notes(handoverId: string): HandoverNote[] {
    return this.notesStmt.all(handoverId).map((n) => ({ authorId: n.author_id, at: n.at, text: n.text }));
  }

  recordEvents(events: HandoverEvent[]): void {
    for (const e of events) {
      this.auditStmt.run(e.handoverId, e.actorId, e.type, e.from, e.to, e.at, JSON.stringify(e.details));
    }
  }

  audit(handoverId: string): AuditEntry[] {
    return this.auditListStmt.all(handoverId).map((r) => ({
      id: r.id,
      handoverId: r.handover_id,
      actorId: r.actor_id,
      event: r.event,
      fromState: r.from_state,
      toState: r.to_state,
      at: r.at,
      details: JSON.parse(r.details),
    }));
  }

  /** Re-introductions that follow this introduction, oldest first. */
  followers(handoverId: string): { id: string; serviceId: string }[] {
    return this.db
      .prepare<[string], { id: string; service_id: string }>(
        'SELECT id, service_id FROM handovers WHERE follows_id = ? ORDER BY created_at, id',
      )
      .all(handoverId)
      .map((r) => ({ id: r.id, serviceId: r.service_id }));
  }

  listForPerson(personId: string, limit = 50): Handover[] {
    const rows = this.db
      .prepare<[string, string, string, number], HandoverRow>(
        `SELECT * FROM handovers WHERE introducer_id = ? OR contact_id = ? OR escalated_to LIKE '%' || ? || '%'
         ORDER BY updated_at DESC LIMIT ?`,
      )
      .all(personId, personId, `"${personId}"`, limit);
    return rows.map(fromRow);
  }
}
