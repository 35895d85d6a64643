// When a directory entry counts as stale: not reviewed for a while, or a review request went unanswered (seed 001 P19).
import { subMonths } from 'date-fns/subMonths';
import type { Service } from './types.ts';

export const DEFAULT_STALE_AFTER_MONTHS = 12;

/** The YYYY-MM-DD before which a last-reviewed date is too old. */
export function staleCutoff(now: Date, months: number = DEFAULT_STALE_AFTER_MONTHS): string {
  return subMonths(now, months).toISOString().slice(0, 10);
}

/** Stale: never reviewed, last reviewed before the cutoff, or flagged by an unanswered review request. */
export function isStale(
  service: Pick<Service, 'lastReviewed' | 'staleSince'>,
  now: Date,
  months: number = DEFAULT_STALE_AFTER_MONTHS,
): boolean {
  if (service.staleSince) return true;
  if (!service.lastReviewed) return true;
  return service.lastReviewed < staleCutoff(now, months);
}

export function isClosed(service: Pick<Service, 'capacity'>): boolean {
  return service.capacity === 'closed';
}
