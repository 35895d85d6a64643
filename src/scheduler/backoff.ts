// Exponential backoff with jitter for transient delivery failures.

export const MAX_ATTEMPTS = 8;
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 60 * 60 * 1000;
/** A platform that keeps answering 429 this many times in a row for one message gets it dead-lettered. */
export const MAX_RATE_LIMITED = 50;
/** When a 429 comes without Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

/** Delay before attempt `attempt + 1` (attempt counts from 1): half fixed, half random ("equal jitter"). */
export function backoffDelay(
  attempt: number,
  random: () => number,
  base = BACKOFF_BASE_MS,
  max = BACKOFF_MAX_MS,
): number {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
