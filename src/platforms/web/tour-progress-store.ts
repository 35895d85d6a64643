// What has happened so far in the playground, for the guided tour: which audit events exist and whether an
// opportunity was posted. Counts only, never client details. The playground's one read beyond its own tables: it
// counts rows of the audit and opportunities tables and reads nothing else of them.
import type { Db } from '../../storage/sqlite.ts';

export interface TourProgress {
  /** Audit event types that happened at least once (introduced, accepted, nudged, escalated …). */
  events: Set<string>;
  opportunities: number;
}

export class TourProgressStore {
  private readonly eventTypes;
  private readonly opportunityCount;

  constructor(db: Db) {
    this.eventTypes = db.prepare<[], { event: string }>('SELECT DISTINCT event FROM audit');
    this.opportunityCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM opportunities');
  }

  progress(): TourProgress {
    return {
      events: new Set(this.eventTypes.all().map((r) => r.event)),
      opportunities: this.opportunityCount.get()?.n ?? 0,
    };
  }
}
