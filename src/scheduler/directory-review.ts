// Directory freshness: a service not reviewed for a year asks its contacts "Is this still right?" once;
// no answer within REVIEW_ANSWER_DAYS and it is marked stale (ranked last in search).
import { DEFAULT_STALE_AFTER_MONTHS, staleCutoff } from '../domain/directory/staleness.ts';
import { localDate } from '../cards/format.ts';
import { scheduleMessageKey } from '../domain/nudges/messages.ts';
import type { ScheduleRow } from '../storage/schedule-store.ts';
import type { SweepTally } from './sweep-nudges.ts';
import type { SweepDeps } from './sweep-types.ts';

export const REVIEW_ANSWER_DAYS = 30;
export const REVIEW_STALE_KIND = 'review_stale';
/** At most this many services are asked per sweep, so one sweep stays short. */
export const MAX_REVIEW_REQUESTS_PER_SWEEP = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export function requestReviews(deps: SweepDeps, now: Date, tally: SweepTally): void {
  const cutoff = staleCutoff(now, deps.staleAfterMonths ?? DEFAULT_STALE_AFTER_MONTHS);
  for (const candidate of deps.reviews.dueForReview(cutoff, MAX_REVIEW_REQUESTS_PER_SWEEP)) {
    deps.reviews.recordRequest(candidate, now);
    const contacts = deps.services.contacts(candidate.serviceId);
    for (const c of contacts) {
      const zone = deps.presence.prefs(c.personId)?.timeZone ?? deps.defaultTimeZone;
      const notBefore = deps.calendar.nextWorkingMoment(now, zone).toISOString();
      deps.outbox.enqueue(
        {
          idempotencyKey: scheduleMessageKey(
            candidate.serviceId,
            'review_request',
            candidate.lastReviewed ?? 'never',
            c.personId,
          ),
          recipient: { personId: c.personId },
          mode: 'new',
          notBefore,
          card: { kind: 'review_request', subjectId: candidate.serviceId, viewerId: c.personId },
        },
        now,
      );
    }
    deps.schedule.add(
      candidate.serviceId,
      { kind: REVIEW_STALE_KIND, dueAt: new Date(now.getTime() + REVIEW_ANSWER_DAYS * DAY_MS), recipientId: '' },
      now,
    );
    tally.reviewRequests++;
  }
}

/** The review request went unanswered: mark the service stale unless it was reviewed meanwhile. */
export function sweepReviewDeadline(deps: SweepDeps, row: ScheduleRow, now: Date, tally: SweepTally): void {
  const state = deps.reviews.reviewState(row.subjectId);
  const cutoff = staleCutoff(now, deps.staleAfterMonths ?? DEFAULT_STALE_AFTER_MONTHS);
  const reviewedSince = state?.lastReviewed && state.lastReviewed >= cutoff;
  if (state && !reviewedSince && deps.reviews.markStale(row.subjectId, now)) tally.markedStale++;
  deps.schedule.markDone(row.id, now);
}

/** A capacity a named contact set "until" a day ends after that day: the service is open again. */
export function reopenAfterCapacityDates(deps: SweepDeps, now: Date): number {
  const today = localDate(now, deps.defaultTimeZone);
  return deps.db
    .prepare(`UPDATE services SET capacity = 'open', capacity_until = NULL, updated_at = ?
    WHERE capacity_until IS NOT NULL AND capacity_until < ?`)
    .run(now.toISOString(), today).changes;
}
