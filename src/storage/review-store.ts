// Directory freshness: which services are due a "Is this still right?" request, and marking them stale.
import type { Db } from './sqlite.ts';

export interface ReviewCandidate {
  serviceId: string;
  lastReviewed: string | null;
}

export class ReviewStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      due: db.prepare<[string, number], { id: string; last_reviewed: string | null }>(
        `SELECT id, last_reviewed FROM services s
         WHERE stale_since IS NULL AND (last_reviewed IS NULL OR last_reviewed < ?)
           AND NOT EXISTS (SELECT 1 FROM review_requests r WHERE r.service_id = s.id AND r.reviewed_as_of = coalesce(s.last_reviewed, ''))
         ORDER BY id LIMIT ?`),
      record: db.prepare('INSERT OR IGNORE INTO review_requests (service_id, reviewed_as_of, requested_at) VALUES (?, ?, ?)'),
      service: db.prepare<[string], { last_reviewed: string | null; stale_since: string | null }>('SELECT last_reviewed, stale_since FROM services WHERE id = ?'),
      markStale: db.prepare('UPDATE services SET stale_since = ? WHERE id = ? AND stale_since IS NULL'),
    };
  }

  /** Services not reviewed since `cutoff` (YYYY-MM-DD) that have not been asked about that review yet. */
  dueForReview(cutoff: string, limit: number): ReviewCandidate[] {
    return this.s.due.all(cutoff, limit).map((r) => ({ serviceId: r.id, lastReviewed: r.last_reviewed }));
  }

  recordRequest(c: ReviewCandidate, now: Date): void {
    this.s.record.run(c.serviceId, c.lastReviewed ?? '', now.toISOString());
  }

  reviewState(serviceId: string): { lastReviewed: string | null; staleSince: string | null } | undefined {
    const row = this.s.service.get(serviceId);
    return row ? { lastReviewed: row.last_reviewed, staleSince: row.stale_since } : undefined;
  }

  markStale(serviceId: string, now: Date): boolean {
    return this.s.markStale.run(now.toISOString(), serviceId).changes === 1;
  }
}
