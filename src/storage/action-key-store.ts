// Keys of presses that changed something: the first answer to a key is the one every repeat gets.
import type { Db } from './sqlite.ts';

/** A repeat arrives within seconds (double-click) or minutes (platform retries); older keys are forgotten, and an
 * old card pressed again after that is judged by its version instead. */
export const ACTION_KEY_RETENTION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Longest key a platform may send; longer ones are refused as not ours. */
export const MAX_ACTION_KEY_LENGTH = 200;

export interface ActionKeyRecord {
  key: string;
  actorId: string;
  actionId: string;
  handoverId: string;
  at: string;
}

export class ActionKeyStore {
  private readonly findStmt;
  private readonly claimStmt;
  private readonly forgetStmt;

  constructor(db: Db) {
    this.findStmt = db.prepare<
      [string],
      { key: string; actor_id: string; action_id: string; handover_id: string; at: string }
    >('SELECT key, actor_id, action_id, handover_id, at FROM action_keys WHERE key = ?');
    this.claimStmt = db.prepare(
      'INSERT OR IGNORE INTO action_keys (key, actor_id, action_id, handover_id, at) VALUES (?, ?, ?, ?, ?)',
    );
    this.forgetStmt = db.prepare('DELETE FROM action_keys WHERE at < ?');
  }

  /** Forgets keys older than the retention; returns how many went. */
  forgetOld(now: Date, retentionDays: number = ACTION_KEY_RETENTION_DAYS): number {
    return this.forgetStmt.run(new Date(now.getTime() - retentionDays * DAY_MS).toISOString()).changes;
  }

  find(key: string): ActionKeyRecord | undefined {
    const r = this.findStmt.get(key);
    return r
      ? { key: r.key, actorId: r.actor_id, actionId: r.action_id, handoverId: r.handover_id, at: r.at }
      : undefined;
  }

  /** true when this key was free and is now taken by this press; false when an earlier press holds it. */
  claim(record: ActionKeyRecord): boolean {
    return this.claimStmt.run(record.key, record.actorId, record.actionId, record.handoverId, record.at).changes === 1;
  }
}
