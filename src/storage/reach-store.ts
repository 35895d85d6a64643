// Where people could not be reached (route misses) and who just became reachable (arrivals, written by a trigger
// on identities). Both feed delivery: misses stop repeated look-ups, arrivals get what is waiting for them.
import type { Db } from './sqlite.ts';

export interface RouteMiss {
  personId: string;
  platform: string;
  reason: string;
  notedAt: string;
}

export interface Arrival {
  id: number;
  personId: string;
  platform: string;
}

/** A live card registered for a person that never reached them (no platform message yet, none on its way). */
export interface UnsentCard {
  liveKey: string;
  subjectId: string;
  kind: string;
  viewerId: string | null;
}

/** Someone messages about introductions could not reach, and who has not been reached since. */
export interface UnreachedPerson {
  personId: string;
  introductions: number;
  lastAt: string;
  reason: string;
}

export class ReachStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      miss: db.prepare(`INSERT INTO route_misses (person_id, platform, reason, noted_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(person_id, platform) DO UPDATE SET reason = excluded.reason, noted_at = excluded.noted_at`),
      missOf: db.prepare<[string, string], { person_id: string; platform: string; reason: string; noted_at: string }>(
        'SELECT * FROM route_misses WHERE person_id = ? AND platform = ?',
      ),
      missesOf: db.prepare<[string], { person_id: string; platform: string; reason: string; noted_at: string }>(
        'SELECT * FROM route_misses WHERE person_id = ? ORDER BY platform',
      ),
      clear: db.prepare('DELETE FROM route_misses WHERE person_id = ?'),
      arrivals: db.prepare<[number], { id: number; person_id: string; platform: string }>(
        'SELECT * FROM arrivals ORDER BY id LIMIT ?',
      ),
      done: db.prepare('DELETE FROM arrivals WHERE id <= ?'),
      unreached: db.prepare<[], { person_id: string; introductions: number; last_at: string; reason: string }>(
        `SELECT u.person_id, u.introductions, u.last_at,
           (SELECT json_extract(a.details, '$.reason') FROM audit a WHERE a.event = 'undeliverable'
              AND json_extract(a.details, '$.personId') = u.person_id ORDER BY a.at DESC, a.id DESC LIMIT 1) AS reason
         FROM (SELECT json_extract(details, '$.personId') AS person_id, count(DISTINCT handover_id) AS introductions, max(at) AS last_at
               FROM audit WHERE event = 'undeliverable' AND json_extract(details, '$.personId') IS NOT NULL GROUP BY 1) u
         WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.recipient = json_object('personId', u.person_id)
                             AND o.status = 'sent' AND o.sent_at > u.last_at)
         ORDER BY u.last_at DESC`,
      ),
      unsent: db.prepare<[string], { live_key: string; subject_id: string; kind: string; viewer_id: string | null }>(
        `SELECT live_key, subject_id, kind, viewer_id FROM sent_cards c WHERE recipient = ? AND message_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.subject_id = c.subject_id AND o.live_key = c.live_key AND o.status IN ('pending', 'sending'))
         ORDER BY created_at`,
      ),
    };
  }

  noteMiss(personId: string, platform: string, reason: string, now: Date): void {
    this.s.miss.run(personId, platform, reason, now.toISOString());
  }

  /** The miss on this platform if it was noted less than `freshForMs` ago. */
  freshMiss(personId: string, platform: string, now: Date, freshForMs: number): RouteMiss | undefined {
    const r = this.s.missOf.get(personId, platform);
    if (!r || now.getTime() - new Date(r.noted_at).getTime() >= freshForMs) return undefined;
    return { personId: r.person_id, platform: r.platform, reason: r.reason, notedAt: r.noted_at };
  }

  misses(personId: string): RouteMiss[] {
    return this.s.missesOf
      .all(personId)
      .map((r) => ({ personId: r.person_id, platform: r.platform, reason: r.reason, notedAt: r.noted_at }));
  }

  clearMisses(personId: string): void {
    this.s.clear.run(personId);
  }

  arrivals(limit: number): Arrival[] {
    return this.s.arrivals.all(limit).map((r) => ({ id: r.id, personId: r.person_id, platform: r.platform }));
  }

  /** People a message could not reach on any route, who have not received anything since. */
  unreached(): UnreachedPerson[] {
    return this.s.unreached.all().map((r) => ({
      personId: r.person_id,
      introductions: r.introductions,
      lastAt: r.last_at,
      reason: r.reason ?? '',
    }));
  }

  unsentCards(personId: string): UnsentCard[] {
    return this.s.unsent
      .all(JSON.stringify({ personId }))
      .map((r) => ({ liveKey: r.live_key, subjectId: r.subject_id, kind: r.kind, viewerId: r.viewer_id }));
  }

  /** Forgets every arrival up to and including `id`. */
  arrivalsDone(id: number): void {
    this.s.done.run(id);
  }
}
