// How every introduction ends when nobody presses anything, and the longest anything about a client is kept.
// Each open state has an end: sent expires; accepted asks the introducer, then closes with outcome "unknown";
// contact made and couldn't-reach close themselves after a quiet spell. Nothing stays open, or keeps client
// details, longer than MAX_DAYS_AFTER_SENT calendar days after it was sent.
import type { Handover, HandoverState, Outcome } from './types.ts';

/** Working days after the follow-up date before the introducer is asked "Did the client get in touch?". */
export const ASK_OUTCOME_AFTER_WORKING_DAYS = 2;
/** Working days after a "Not yet" before the introducer is asked once more. */
export const ASK_AGAIN_AFTER_WORKING_DAYS = 5;
/** The introducer is asked at most this many times. */
export const MAX_OUTCOME_ASKS = 2;
/** Working days the introducer has to answer the last question before the introduction closes as unknown. */
export const ANSWER_WINDOW_WORKING_DAYS = 2;
/** Default working days after the follow-up date before an unconfirmed introduction closes as unknown (per service). */
export const DEFAULT_OUTCOME_WAIT_WORKING_DAYS = 10;
/** Working days after the last change before "contact made" or "couldn't reach" closes itself with that outcome. */
export const SETTLED_CLOSES_AFTER_WORKING_DAYS = 5;
/** No introduction stays open, or keeps client details, longer than this many calendar days after it was sent. */
export const MAX_DAYS_AFTER_SENT = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The outcome an introduction closes with when it closes itself from `state`. */
export const AUTO_CLOSE_OUTCOME: Partial<Record<HandoverState, Outcome>> = {
  accepted: 'unknown',
  contact_made: 'contact_made',
  unreachable: 'unreachable',
};

/** The moment by which every introduction is closed and its client details removed, whatever happened. */
export function hardLimit(h: Pick<Handover, 'createdAt'>): Date {
  return new Date(Date.parse(h.createdAt) + MAX_DAYS_AFTER_SENT * DAY_MS);
}

/** Is a question about the outcome waiting for the introducer's answer? */
export function outcomeQuestionOpen(h: Handover): boolean {
  return h.state === 'accepted' && (h.outcomeAsks ?? 0) > (h.notYetCount ?? 0);
}

/** May the reminder service ask the introducer (again)? */
export function mayAskOutcome(h: Handover): boolean {
  const asks = h.outcomeAsks ?? 0;
  return h.state === 'accepted' && !h.contactMadeAt && asks < MAX_OUTCOME_ASKS && asks <= (h.notYetCount ?? 0);
}

/**
 * The most working days an introduction stays open after the last time anyone pressed anything (a snooze aside,
 * which moves the follow-up to the date chosen): the expiry of an unanswered one, the follow-up plus the wait for an
 * accepted one, the quiet spell of a settled one; one more day because due moments move into working hours.
 * Never beyond MAX_DAYS_AFTER_SENT calendar days after it was sent.
 */
export function longestQuietWorkingDays(s: {
  expiryDays: number;
  followUpDays: number;
  outcomeWaitDays?: number | null;
}): number {
  const wait = Math.max(
    s.outcomeWaitDays ?? DEFAULT_OUTCOME_WAIT_WORKING_DAYS,
    ASK_OUTCOME_AFTER_WORKING_DAYS + ANSWER_WINDOW_WORKING_DAYS,
    ASK_AGAIN_AFTER_WORKING_DAYS + ANSWER_WINDOW_WORKING_DAYS,
  );
  return Math.max(s.expiryDays, s.followUpDays + wait, SETTLED_CLOSES_AFTER_WORKING_DAYS) + 1;
}
