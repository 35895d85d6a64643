// An open introduction always has its end planned. Ones left open by an earlier version (which planned no end for
// "accepted", "contact made" or "couldn't reach") are planned once when the reminder service starts.
import { replanHandover } from '../app/notifications.ts';
import { inTransaction } from '../storage/sqlite.ts';
import type { SweepDeps } from './sweep-types.ts';

/** Plans the end of every open introduction with nothing pending to close it. Returns how many were planned. */
export function planMissingEndings(deps: SweepDeps, now: Date): number {
  const ids = deps.db
    .prepare<[], { id: string }>(
      `SELECT id FROM handovers h WHERE state IN ('accepted', 'contact_made', 'unreachable')
       AND NOT EXISTS (SELECT 1 FROM schedule s WHERE s.subject_id = h.id AND s.kind = 'auto_close' AND s.status = 'pending')`,
    )
    .all()
    .map((r) => r.id);
  if (ids.length === 0) return 0;
  const notify = {
    outbox: deps.outbox,
    schedule: deps.schedule,
    presence: deps.presence,
    calendar: deps.calendar,
    defaultTimeZone: deps.defaultTimeZone,
    service: (id: string) => deps.services.get(id),
  };
  inTransaction(deps.db, () => {
    for (const id of ids) {
      const h = deps.handovers.find(id);
      if (h) replanHandover(notify, h, now);
    }
  });
  return ids.length;
}
