// The schedule: what is due when (nudges, escalations, expiries, digests, directory reviews).
import type { Db } from './sqlite.ts';

export type ScheduleStatus = 'pending' | 'done' | 'cancelled' | 'folded';

export interface ScheduleRow {
  id: number;
  subjectId: string;
  kind: string;
  recipientId: string;
  dueAt: string;
  status: ScheduleStatus;
  foldedInto: number | null;
}

export interface ScheduleItem {
  kind: string;
  dueAt: Date;
  recipientId: string;
}

interface Row {
  id: number;
  subject_id: string;
  kind: string;
  recipient_id: string;
  due_at: string;
  status: string;
  folded_into: number | null;
}

function fromRow(r: Row): ScheduleRow {
  return {
    id: r.id,
    subjectId: r.subject_id,
    kind: r.kind,
    recipientId: r.recipient_id,
    dueAt: r.due_at,
    status: r.status as ScheduleStatus,
    foldedInto: r.folded_into,
  };
}

const sameItem = (r: ScheduleRow, i: ScheduleItem) =>
  r.kind === i.kind && r.recipientId === i.recipientId && r.dueAt === i.dueAt.toISOString();

export class ScheduleStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      pending: db.prepare<[string], Row>(
        `SELECT * FROM schedule WHERE subject_id = ? AND status = 'pending' ORDER BY due_at, id`,
      ),
      all: db.prepare<[string], Row>(`SELECT * FROM schedule WHERE subject_id = ? ORDER BY due_at, id`),
      upsert:
        db.prepare(`INSERT INTO schedule (subject_id, kind, recipient_id, due_at, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (subject_id, kind, due_at, recipient_id) DO UPDATE SET status = 'pending', done_at = NULL WHERE status = 'cancelled'`),
      find: db.prepare<[string, string, string, string], Row>(
        `SELECT * FROM schedule WHERE subject_id = ? AND kind = ? AND due_at = ? AND recipient_id = ?`,
      ),
      finish: db.prepare(`UPDATE schedule SET status = ?, done_at = ? WHERE id = ?`),
      fold: db.prepare(`UPDATE schedule SET status = 'folded', folded_into = ?, done_at = ? WHERE id = ?`),
      due: db.prepare<[string, number], Row>(
        `SELECT * FROM schedule WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?`,
      ),
      folded: db.prepare<[number], Row>(`SELECT * FROM schedule WHERE folded_into = ? ORDER BY due_at, id`),
    };
  }

  pendingFor(subjectId: string): ScheduleRow[] {
    return this.s.pending.all(subjectId).map(fromRow);
  }

  allFor(subjectId: string): ScheduleRow[] {
    return this.s.all.all(subjectId).map(fromRow);
  }

  /** Brings a subject's pending rows of `kinds` in line with `items`: new ones added, ones no longer planned cancelled. */
  replan(subjectId: string, kinds: readonly string[], items: ScheduleItem[], now: Date): void {
    const at = now.toISOString();
    for (const row of this.pendingFor(subjectId)) {
      if (kinds.includes(row.kind) && !items.some((i) => sameItem(row, i))) this.s.finish.run('cancelled', at, row.id);
    }
    for (const i of items) this.s.upsert.run(subjectId, i.kind, i.recipientId, i.dueAt.toISOString(), at);
  }

  /** Adds one row (or finds the existing one with the same subject, kind, time and recipient). Returns its id. */
  add(subjectId: string, item: ScheduleItem, now: Date): number {
    const due = item.dueAt.toISOString();
    this.s.upsert.run(subjectId, item.kind, item.recipientId, due, now.toISOString());
    return this.s.find.get(subjectId, item.kind, due, item.recipientId)!.id;
  }

  due(now: Date, limit: number): ScheduleRow[] {
    return this.s.due.all(now.toISOString(), limit).map(fromRow);
  }

  markDone(id: number, now: Date): void {
    this.s.finish.run('done', now.toISOString(), id);
  }

  cancel(id: number, now: Date): void {
    this.s.finish.run('cancelled', now.toISOString(), id);
  }

  fold(id: number, intoId: number, now: Date): void {
    this.s.fold.run(intoId, now.toISOString(), id);
  }

  foldedInto(id: number): ScheduleRow[] {
    return this.s.folded.all(id).map(fromRow);
  }
}
