// What a run left behind, read from the database file and the fakes: acknowledged actions that are missing from the
// handovers or the audit trail, nudges that never arrived or arrived twice, and the file's integrity.
import Database from 'better-sqlite3';
import type { FakeStats } from './fakes.ts';
import type { Ack } from './traffic.ts';

const EVENT_OF = { accept: 'accepted', confirm_contact: 'contact_made' } as const;
const DONE_STATES = {
  accept: ['accepted', 'contact_made', 'closed'],
  confirm_contact: ['contact_made', 'closed'],
} as const;

export interface ActionCheck {
  acknowledged: number;
  lost: number;
  duplicateAudit: number;
  lostIntroductions: number;
  lostExamples: string[];
}
export interface NudgeCheck {
  nudges: number;
  delivered: number;
  lost: number;
  sentTwice: number;
  pending: number;
  duplicateSends: number;
  byPlatform: Record<string, number>;
  twiceBy: Record<string, number>;
}

export function integrity(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Every acknowledged click is in the handover's state and has exactly one audit row; every acknowledged introduction exists. */
export function checkActions(path: string, acks: Ack[]): ActionCheck {
  const db = new Database(path, { readonly: true });
  try {
    const audit = db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM audit WHERE handover_id = ? AND event = ?',
    );
    const state = db.prepare<[string], { state: string }>('SELECT state FROM handovers WHERE id = ?');
    const introduced = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM handovers WHERE json_extract(client, '$.name') = ?`,
    );
    const out: ActionCheck = {
      acknowledged: acks.length,
      lost: 0,
      duplicateAudit: 0,
      lostIntroductions: 0,
      lostExamples: [],
    };
    for (const a of acks) {
      if (a.clientName) {
        if (introduced.get(a.clientName)!.n !== 1) out.lostIntroductions++;
        continue;
      }
      if (!a.target) continue;
      const n = audit.get(a.target.handoverId, EVENT_OF[a.target.actionId])!.n;
      const s = state.get(a.target.handoverId)?.state ?? 'missing';
      if (n === 0 || !(DONE_STATES[a.target.actionId] as readonly string[]).includes(s)) {
        out.lost++;
        if (out.lostExamples.length < 5)
          out.lostExamples.push(`${a.kind} ${a.target.actionId} ${a.target.handoverId}: state ${s}, audit rows ${n}`);
      }
      if (n > 1) out.duplicateAudit++;
    }
    return out;
  } finally {
    db.close();
  }
}

/** Each reply nudge (by idempotency key) against what reached the fakes and the web inboxes. */
export function checkNudges(path: string, stats: FakeStats): NudgeCheck {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT idempotency_key AS key, subject_id AS subject, status FROM outbox WHERE json_extract(card, '$.kind') = 'nudge'`,
      )
      .all() as { key: string; subject: string; status: string }[];
    const web = new Set(
      (db.prepare('SELECT idempotency_key AS key FROM web_messages').all() as { key: string }[]).map((r) => r.key),
    );
    const teamsBySubject = new Map<string, number>();
    for (const [card, n] of Object.entries(stats.teams.postsByCard)) {
      const [, subject, kind] = card.split('|');
      if (kind === 'nudge') teamsBySubject.set(subject, (teamsBySubject.get(subject) ?? 0) + n);
    }
    const out: NudgeCheck = {
      nudges: rows.length,
      delivered: 0,
      lost: 0,
      sentTwice: 0,
      pending: 0,
      duplicateSends: 0,
      byPlatform: { slack: 0, teams: 0, web: 0 },
      twiceBy: { slack: 0, teams: 0, web: 0, across: 0 },
    };
    for (const r of rows) {
      const counts = {
        slack: stats.slack.postsByKey[r.key] ?? 0,
        teams: teamsBySubject.get(r.subject) ?? 0,
        web: web.has(r.key) ? 1 : 0,
      };
      const total = counts.slack + counts.teams + counts.web;
      for (const [p, n] of Object.entries(counts)) out.byPlatform[p] += n;
      if (r.status === 'pending' || r.status === 'sending') out.pending++;
      if (total === 0) out.lost++;
      else out.delivered++;
      if (total > 1) {
        out.sentTwice++;
        const on = Object.entries(counts).filter(([, n]) => n > 0);
        out.twiceBy[on.length > 1 ? 'across' : on[0][0]]++;
      }
    }
    out.duplicateSends = duplicateSends(stats);
    return out;
  } finally {
    db.close();
  }
}

/** Any message at all (nudge, card, receipt) that reached a chat platform more than once. */
export function duplicateSends(stats: FakeStats): number {
  const extra = (counts: Record<string, number>) =>
    Object.values(counts).reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  return extra(stats.slack.postsByKey) + extra(stats.teams.postsByCard);
}

export function outboxCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const out: Record<string, number> = {};
    for (const r of db.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as {
      status: string;
      n: number;
    }[])
      out[r.status] = r.n;
    return out;
  } finally {
    db.close();
  }
}
