// Sweep benchmark: 1,000,000 handovers in the database, 10,000 of them due for a nudge; one sweep queues
// them all (goal < 1 s). Printed, never asserted.
import { createWorkingCalendar } from '../src/domain/calendar/working-calendar.ts';
import { createSweepDeps } from '../src/scheduler/wiring.ts';
import { sweep } from '../src/scheduler/sweep.ts';
import { makeWorld } from '../test/support/make.ts';

export const HANDOVERS = 1_000_000;
export const DUE = 10_000;

function fill(db: ReturnType<typeof makeWorld>['db'], now: Date): void {
  const at = now.toISOString();
  const past = new Date(now.getTime() - 60_000).toISOString();
  const future = new Date(now.getTime() + 7 * 86_400_000).toISOString();
  db.transaction(() => {
    db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO handovers (id, version, state, service_id, introducer_id, contact_id, escalated_to, client, consent, urgency,
        reply_by, expires_at, created_at, updated_at)
      SELECT 'H-' || i, 1, 'sent', 'svc-mind-lambeth', 'jo', 'sam', '[]', '{"name":"R.T."}', '{"confirmedBy":"jo"}', 'routine',
        CASE WHEN i <= ? THEN @past ELSE @future END, @future, @at, @at FROM n`).run(HANDOVERS, DUE, {
      past,
      future,
      at,
    });
    db.prepare(`INSERT INTO schedule (subject_id, kind, recipient_id, due_at, created_at)
      SELECT id, 'reply_nudge', contact_id, reply_by, @at FROM handovers`).run({ at });
  })();
}

export async function run(): Promise<Record<string, unknown>> {
  const w = makeWorld();
  try {
    const now = new Date('2026-09-09T10:00:00Z');
    w.clock.set(now);
    const calendar = createWorkingCalendar({ timeZone: 'Europe/London', holidays: new Set() });
    const t0 = performance.now();
    fill(w.db, now);
    const fillMs = performance.now() - t0;
    const deps = createSweepDeps({
      db: w.db,
      calendar,
      timeZone: 'Europe/London',
      handoverService: w.handoverService,
      handovers: w.handovers,
      services: w.services,
    });
    const t1 = performance.now();
    const result = sweep(deps, now);
    const sweepMs = performance.now() - t1;
    return {
      handovers: HANDOVERS,
      due: DUE,
      queued: result.nudges,
      outbox: deps.outbox.counts().pending,
      sweepMs: Math.round(sweepMs),
      goalMs: 1000,
      fillSeconds: Math.round(fillMs / 100) / 10,
    };
  } finally {
    w.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
