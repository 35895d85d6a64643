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

export class ReachStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      miss: db.prepare(`INSERT INTO route_misses (person_id, platform, reason, noted_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(person_id, platform) DO UPDATE SET reason = excluded.reason, noted_at = excluded.noted_at`),
      missOf: db.prepare<[string, string], { person_id: string; platform: string; reason: string; noted_at: string }>(
        'SELECT * FROM route_misses WHERE person_id = ? AND platform = ?'),
      missesOf: db.prepare<[string], { person_id: string; platform: string; reason: string; noted_at: string }>(
        'SELECT * FROM route_misses WHERE person_id = ? ORDER BY platform'),
      clear: db.prepare('DELETE FROM route_misses WHERE person_id = ?'),
      arrivals: db.prepare<[number], { id: number; person_id: string; platform: string }>('SELECT * FROM arrivals ORDER BY id LIMIT ?'),
      done: db.prepare('DELETE FROM arrivals WHERE id <= ?'),
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
    return this.s.missesOf.all(personId).map((r) => ({ personId: r.person_id, platform: r.platform, reason: r.reason, notedAt: r.noted_at }));
  }

  clearMisses(personId: string): void {
    this.s.clear.run(personId);
  }

  arrivals(limit: number): Arrival[] {
    return this.s.arrivals.all(limit).map((r) => ({ id: r.id, personId: r.person_id, platform: r.platform }));
  }

  /** Forgets every arrival up to and including `id`. */
  arrivalsDone(id: number): void {
    this.s.done.run(id);
  }
}
