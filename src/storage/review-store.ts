// Directory freshness: which services are due a "Is this still right?" request, and marking them stale.
import type { Db } from './sqlite.ts';

export interface ReviewCandidate {
  serviceId: string;
  lastReviewed: string | null;
}

export type ReviewAnswer = 'still_right' | 'closed' | 'needs_changes';

interface ReviewStatusRow {
  id: string;
  name: string;
  organisation: string;
  last_reviewed: string | null;
  stale_since: string | null;
  capacity: string;
  capacity_until: string | null;
  requested_at: string | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
}

/** One service's place in the review cycle: when it was last asked and what came back. */
export interface ReviewStatus {
  serviceId: string;
  name: string;
  organisation: string;
  lastReviewed: string | null;
  staleSince: string | null;
  capacity: string;
  capacityUntil: string | null;
  requestedAt: string | null;
  answer: ReviewAnswer | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

export class ReviewStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      due: db.prepare<[string, number], { id: string; last_reviewed: string | null }>(
        `SELECT id, last_reviewed FROM services s
         WHERE stale_since IS NULL AND (last_reviewed IS NULL OR last_reviewed < ?)
           AND NOT EXISTS (SELECT 1 FROM review_requests r WHERE r.service_id = s.id AND r.reviewed_as_of = coalesce(s.last_reviewed, ''))
         ORDER BY id LIMIT ?`,
      ),
      record: db.prepare(
        'INSERT OR IGNORE INTO review_requests (service_id, reviewed_as_of, requested_at) VALUES (?, ?, ?)',
      ),
      service: db.prepare<[string], { last_reviewed: string | null; stale_since: string | null }>(
        'SELECT last_reviewed, stale_since FROM services WHERE id = ?',
      ),
      markStale: db.prepare('UPDATE services SET stale_since = ? WHERE id = ? AND stale_since IS NULL'),
      answer: db.prepare(`UPDATE review_requests SET answer = ?, answered_by = ?, answered_at = ?
        WHERE service_id = ? AND requested_at = (SELECT max(requested_at) FROM review_requests WHERE service_id = ?)`),
      status: db.prepare<
        [],
        ReviewStatusRow
      >(`SELECT s.id, s.name, s.organisation, s.last_reviewed, s.stale_since, s.capacity, s.capacity_until,
          r.requested_at, r.answer, r.answered_by, r.answered_at
        FROM services s LEFT JOIN review_requests r ON r.service_id = s.id
          AND r.requested_at = (SELECT max(requested_at) FROM review_requests WHERE service_id = s.id)
        ORDER BY s.name`),
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

  /** The answer to the latest request for this service (no request: nothing to record; the audit still has it). */
  recordAnswer(serviceId: string, answer: ReviewAnswer, personId: string, now: Date): void {
    this.s.answer.run(answer, personId, now.toISOString(), serviceId, serviceId);
  }

  /** Every service with its latest review request and answer, by name. */
  statuses(): ReviewStatus[] {
    return this.s.status.all().map((r) => ({
      serviceId: r.id,
      name: r.name,
      organisation: r.organisation,
      lastReviewed: r.last_reviewed,
      staleSince: r.stale_since,
      capacity: r.capacity,
      capacityUntil: r.capacity_until,
      requestedAt: r.requested_at,
      answer: r.answer as ReviewAnswer | null,
      answeredBy: r.answered_by,
      answeredAt: r.answered_at,
    }));
  }

  markStale(serviceId: string, now: Date): boolean {
    return this.s.markStale.run(now.toISOString(), serviceId).changes === 1;
  }
}
