// Who changed the directory, when and how: every change made on the coordinator pages, on the command line or by
// a named contact from chat is one row here.
import type { Db } from './sqlite.ts';

export interface DirectoryAuditEntry {
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

/** Rows shown at most on one page of the audit. */
export const AUDIT_PAGE_SIZE = 100;

export class DirectoryAuditStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare('INSERT INTO directory_audit (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)'),
      recent: db.prepare<[number], { at: string; actor: string; action: string; subject: string; details: string }>(
        'SELECT at, actor, action, subject, details FROM directory_audit ORDER BY id DESC LIMIT ?',
      ),
      about: db.prepare<
        [string, number],
        { at: string; actor: string; action: string; subject: string; details: string }
      >('SELECT at, actor, action, subject, details FROM directory_audit WHERE subject = ? ORDER BY id DESC LIMIT ?'),
    };
  }

  record(e: Omit<DirectoryAuditEntry, 'at' | 'details'> & { details?: object }, now: Date): void {
    this.s.insert.run(now.toISOString(), e.actor, e.action, e.subject, JSON.stringify(e.details ?? {}));
  }

  recent(limit = AUDIT_PAGE_SIZE): DirectoryAuditEntry[] {
    return this.s.recent.all(limit).map((r) => ({ ...r, details: JSON.parse(r.details) }));
  }

  about(subject: string, limit = AUDIT_PAGE_SIZE): DirectoryAuditEntry[] {
    return this.s.about.all(subject, limit).map((r) => ({ ...r, details: JSON.parse(r.details) }));
  }
}
