// Waiting in tests: poll a condition until it holds or a deadline passes, instead of sleeping a fixed time.
import { setTimeout as delay } from 'node:timers/promises';

/** How long a test waits for work that runs after an answer (a dispatch, a follow-up) before it fails. */
export const EVENTUALLY_LIMIT_MS = 5000;
const POLL_MS = 10;

/**
 * Resolves with the first truthy value `probe` returns, polling every `pollMs`; rejects with `what` and the last
 * value seen once `limitMs` has passed. A probe that throws is retried until the deadline, then its error is the
 * cause. A probe that is costly under load (an HTTP call, opening the database) is given a longer `pollMs`.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  what: string,
  limitMs = EVENTUALLY_LIMIT_MS,
  pollMs = POLL_MS,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Waited ${limitMs} ms for ${what}; last seen: ${last instanceof Error ? last.message : JSON.stringify(last)}`,
        { cause: last },
      );
    }
    await delay(pollMs);
  }
}
