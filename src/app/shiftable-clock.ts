// The playground's clock: the real clock plus an offset that "move time forward" grows. Every part of the app
// (sweep, dispatcher, cards, reports) reads this one clock, so moving it makes the real reminder rules run.
import type { Clock } from '../domain/ports.ts';

export interface ShiftableClock extends Clock {
  /** Moves the clock to `to`; time only moves forward (an earlier `to` is refused with a RangeError). */
  moveTo(to: Date): Date;
  /** Back to the real time. */
  reset(): Date;
  /** How far ahead of the real clock this clock is, in milliseconds (0 when not moved). */
  offsetMs(): number;
}

export function createShiftableClock(base: Clock): ShiftableClock {
  let offset = 0;
  const now = () => new Date(base.now().getTime() + offset);
  return {
    now,
    moveTo(to) {
      const gap = to.getTime() - now().getTime();
      if (!(gap >= 0)) throw new RangeError('Time in the playground only moves forward; use reset to go back to now.');
      offset += gap;
      return now();
    },
    reset() {
      offset = 0;
      return now();
    },
    offsetMs: () => offset,
  };
}
