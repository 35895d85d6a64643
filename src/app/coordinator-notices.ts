// A notice to every coordinator (e.g. "Warm Handover was removed from a Slack workspace"), queued in the outbox in one
// transaction. Each coordinator's copy is queued once: a repeated key (a retried event) queues nothing more.
import type { Clock } from '../domain/ports.ts';
import { OutboxStore } from '../storage/outbox-store.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import { inTransaction, type Db } from '../storage/sqlite.ts';

export interface CoordinatorNotice {
  /** Unique per happening (e.g. per event); each coordinator's copy is keyed `${key}:${personId}`. */
  key: string;
  /** What the notice is about, e.g. `slack-workspace:T123`. */
  subjectId: string;
  title: string;
  text: string;
}

export interface CoordinatorNoticeDeps {
  db: Db;
  clock: Clock;
  people: PeopleStore;
}

/** Queues the notice for every coordinator; returns how many copies were newly queued. */
export function noticeToCoordinators(deps: CoordinatorNoticeDeps, notice: CoordinatorNotice): number {
  const coordinators = deps.people.all().filter((p) => p.isCoordinator);
  const outbox = new OutboxStore(deps.db);
  const now = deps.clock.now();
  return inTransaction(
    deps.db,
    () =>
      coordinators.filter((c) =>
        outbox.enqueue(
          {
            idempotencyKey: `${notice.key}:${c.id}`,
            recipient: { personId: c.id },
            mode: 'new',
            card: {
              kind: 'notice',
              subjectId: notice.subjectId,
              viewerId: c.id,
              params: { title: notice.title, text: notice.text },
            },
          },
          now,
        ),
      ).length,
  );
}
