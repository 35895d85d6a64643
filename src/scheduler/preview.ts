// `handover nudges preview --from … --to …`: what would be sent in a window of time. The sweep is run at every
// moment something falls due in the window, inside one transaction that is rolled back: nothing is sent and
// nothing is kept. Only new messages are listed (updates of cards people already have are left out), and a
// daily digest is listed with the introductions it folds.
import { HandoverService } from '../app/handover-service.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import { HandoverStore } from '../storage/handover-store.ts';
import type { OutboxRow, OutboxStore } from '../storage/outbox-store.ts';
import { PeopleStore } from '../storage/people-store.ts';
import type { PresenceStore } from '../storage/presence-store.ts';
import { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';
import { describeMessage, formatTimelineLine, type FoldedItem } from './preview-words.ts';
import { sweep } from './sweep.ts';
import { createSweepDeps } from './wiring.ts';

/** The longest window one preview looks through, so a typo in a year cannot run for minutes. */
export const MAX_PREVIEW_DAYS = 92;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TimelineLine {
  at: Date;
  /** The recipient's time zone; the line's time is printed in it. */
  timeZone: string;
  recipient: string;
  what: string;
  client: string;
  service: string;
  /** For a digest: the introductions it lists. */
  folds: FoldedItem[];
}

export class PreviewWindowError extends Error {
  readonly code = 'PREVIEW_WINDOW_INVALID';
}

class RollBack extends Error {}

export interface Readers {
  db: Db;
  outbox: OutboxStore;
  people: PeopleStore;
  presence: PresenceStore;
  handovers: HandoverStore;
  services: ServiceStore;
  timeZone: string;
}

function maxOutboxId(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS n FROM outbox').get() as { n: number }).n;
}

/** The next moment at or after `from` when something is due, or a day starts (reviews are asked by the day). */
function nextMoment(db: Db, from: Date, to: Date): Date | null {
  const row = db
    .prepare<[string], { at: string | null }>(
      "SELECT min(due_at) AS at FROM schedule WHERE status = 'pending' AND due_at >= ?",
    )
    .get(from.toISOString());
  const due = row?.at ? new Date(row.at) : null;
  const nextDay = new Date(Math.floor(from.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const next = due && due.getTime() < nextDay.getTime() ? due : nextDay;
  return next.getTime() < to.getTime() ? next : null;
}

/** A live card is new the first time its key is queued; later rows with the key update it. */
function isNewMessage(db: Db, row: OutboxRow): boolean {
  if (row.mode === 'new' || !row.liveKey) return true;
  return !db.prepare('SELECT 1 FROM outbox WHERE live_key = ? AND id < ? LIMIT 1').get(row.liveKey, row.id);
}

function toLine(r: Readers, row: OutboxRow, sweptAt: Date): TimelineLine {
  const at = new Date(Math.max(sweptAt.getTime(), Date.parse(row.notBefore)));
  const words = describeMessage(row, r);
  if ('channel' in row.recipient) return { at, timeZone: r.timeZone, ...words };
  return { at, timeZone: r.presence.prefs(row.recipient.personId)?.timeZone ?? r.timeZone, ...words };
}

function collect(r: Readers, afterId: number, sweptAt: Date, into: TimelineLine[]): void {
  const ids = r.db.prepare<[number], { id: number }>('SELECT id FROM outbox WHERE id > ? ORDER BY id').all(afterId);
  for (const { id } of ids) {
    const row = r.outbox.get(id);
    if (row && isNewMessage(r.db, row)) into.push(toLine(r, row, sweptAt));
  }
}

function checkWindow(from: Date, to: Date): void {
  if (to.getTime() <= from.getTime()) throw new PreviewWindowError('The end of the window must be after its start.');
  if (to.getTime() - from.getTime() > MAX_PREVIEW_DAYS * DAY_MS) {
    throw new PreviewWindowError(`A preview covers at most ${MAX_PREVIEW_DAYS} days; choose a shorter window.`);
  }
}

/** Everything that would be sent from `from` (inclusive) to `to` (exclusive), in the order it would go. */
export function previewTimeline(
  db: Db,
  from: Date,
  to: Date,
  calendar: WorkingCalendar,
  timeZone: string,
): TimelineLine[] {
  checkWindow(from, to);
  const clock = { now: () => new Date(from) };
  const handovers = new HandoverStore(db);
  const people = new PeopleStore(db, clock.now);
  const services = new ServiceStore(db);
  const handoverService = new HandoverService({ db, clock, calendar, timeZone, handovers, people, services });
  const deps = createSweepDeps({ db, calendar, timeZone, handoverService, handovers, services });
  const readers: Readers = { db, outbox: deps.outbox, people, presence: deps.presence, handovers, services, timeZone };
  const lines: TimelineLine[] = [];
  try {
    db.transaction(() => {
      // What fell due before the window goes out before it, at the next real sweep: not part of the window.
      sweep(deps, new Date(from.getTime() - 1));
      for (let at = nextMoment(db, from, to); at; at = nextMoment(db, new Date(at.getTime() + 1), to)) {
        const mark = maxOutboxId(db);
        clock.now = () => new Date(at as Date);
        sweep(deps, at);
        collect(readers, mark, at, lines);
      }
      throw new RollBack();
    }).immediate();
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
  }
  return lines.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The coordinator pages' timeline: what will be sent in a window as printed lines, or why it cannot be shown. */
export function printedTimeline(db: Db, calendar: WorkingCalendar, timeZone: string) {
  return (from: Date, to: Date, now: Date): { lines: string[] } | { error: string } => {
    try {
      return {
        lines: previewTimeline(db, from, to, calendar, timeZone).flatMap((l) => formatTimelineLine(l, timeZone, now)),
      };
    } catch (err) {
      if (err instanceof PreviewWindowError) return { error: err.message };
      throw err;
    }
  };
}
