// Whether an opportunity is still open, and what a channel's weekly digest lists.
import type { Opportunity } from './types.ts';

/** The most opportunities one digest lists (keeps it inside 50 Slack blocks and 28 KB on Teams); the rest are counted. */
export const MAX_DIGEST_ITEMS = 10;

/** Open until the deadline, unless someone closed it earlier. */
export function isOpen(opportunity: Pick<Opportunity, 'status' | 'deadline'>, now: Date): boolean {
  return opportunity.status === 'open' && now.getTime() < new Date(opportunity.deadline).getTime();
}

/** Past the deadline but not yet marked closed: the sweep closes these. */
export function isExpired(opportunity: Pick<Opportunity, 'status' | 'deadline'>, now: Date): boolean {
  return opportunity.status === 'open' && now.getTime() >= new Date(opportunity.deadline).getTime();
}

/** Still open ones, soonest deadline first (then by title), so people see what is about to close. */
export function selectForDigest<T extends Pick<Opportunity, 'status' | 'deadline' | 'title'>>(
  opportunities: T[],
  now: Date,
): T[] {
  return opportunities
    .filter((o) => isOpen(o, now))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.title.localeCompare(b.title));
}
