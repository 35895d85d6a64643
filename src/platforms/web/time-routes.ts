// "Move time forward" in the playground: GET /playground/api/time says what time the app thinks it is; POST moves
// the one clock the whole app reads (+1 hour, next working morning, +1 working day) or resets it, then runs the
// sweep so that due reminders, escalations, digests and expiries happen at once. Absent in production.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ShiftableClock } from '../../app/shiftable-clock.ts';
import { formatWhen } from '../../cards/format.ts';
import type { WorkingCalendar } from '../../domain/calendar/types.ts';
import { movedTime, TIME_MOVES } from '../../domain/calendar/time-moves.ts';
import { HttpError, readJsonBody, sendJson } from '../../http/body.ts';

const TIME_BODY_LIMIT = 1024;

export interface TimeTravel {
  clock: ShiftableClock;
  calendar: WorkingCalendar;
  timeZone: string;
  /** Runs after every move: sweep at the new time and wake the dispatcher. */
  afterMove(): void;
}

export interface TimeJson {
  enabled: boolean;
  now?: string;
  label?: string;
  moved?: boolean;
}

const TimeBody = z.object({
  move: z.enum([...TIME_MOVES, 'reset'], { message: 'Say how to move time: "hour", "morning", "day" or "reset".' }),
});

export function timeJson(travel: TimeTravel | undefined): TimeJson {
  if (!travel) return { enabled: false };
  const now = travel.clock.now();
  return {
    enabled: true,
    now: now.toISOString(),
    label: formatWhen(now.toISOString(), travel.timeZone),
    moved: travel.clock.offsetMs() > 0,
  };
}

function refuse(): never {
  throw new HttpError(404, 'Moving time is only possible in the playground, never in production.', 'TIME_TRAVEL_OFF');
}

export function getTime(travel: TimeTravel | undefined, res: ServerResponse): void {
  sendJson(res, 200, timeJson(travel));
}

export async function moveTime(
  travel: TimeTravel | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<TimeJson> {
  if (!travel) refuse();
  const parsed = TimeBody.safeParse(await readJsonBody(req, TIME_BODY_LIMIT));
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0].message, 'BAD_TIME_MOVE');
  const { move } = parsed.data;
  if (move === 'reset') travel.clock.reset();
  else travel.clock.moveTo(movedTime(travel.clock.now(), move, travel.calendar, travel.timeZone));
  travel.afterMove();
  const body = timeJson(travel);
  sendJson(res, 200, body);
  return body;
}
