// Late arrivals get what is waiting, and the introducer's receipt says where the named contact was reached.
// Late arrivals: when someone becomes reachable (first use on any platform, an install, the
// people link command, a look-up in delivery), each open introduction card that never reached them is queued once.
import { isTerminal } from '../domain/handover/commands.ts';
import type { Clock } from '../domain/ports.ts';
import type { HandoverStore } from '../storage/handover-store.ts';
import type { OutboxRow, OutboxStore } from '../storage/outbox-store.ts';
import type { ReachStore } from '../storage/reach-store.ts';
import { inTransaction, type Db } from '../storage/sqlite.ts';
import type { CardRequest } from './ports.ts';
import { liveKeyOf } from './notifications.ts';

/** Arrivals handled per dispatcher run; the rest wait for the next run. */
export const ARRIVALS_PER_RUN = 200;

export interface WaitingDeps {
  db: Db;
  clock: Clock;
  reach: ReachStore;
  outbox: OutboxStore;
  handovers: HandoverStore;
}

/** Queues what is waiting for people who just became reachable; returns how many cards were queued. */
export function queueWaitingForArrivals(deps: WaitingDeps): number {
  const arrivals = deps.reach.arrivals(ARRIVALS_PER_RUN);
  if (arrivals.length === 0) return 0;
  const now = deps.clock.now();
  let queued = 0;
  inTransaction(deps.db, () => {
    const last = arrivals[arrivals.length - 1].id;
    for (const personId of new Set(arrivals.map((a) => a.personId))) {
      deps.reach.clearMisses(personId);
      for (const card of deps.reach.unsentCards(personId)) {
        const h = deps.handovers.find(card.subjectId);
        if (!h || isTerminal(h)) continue;
        const sent = deps.outbox.enqueue(
          {
            idempotencyKey: `arrived:${card.liveKey}:${last}`,
            recipient: { personId },
            mode: 'live',
            liveKey: card.liveKey,
            card: {
              kind: card.kind as CardRequest['kind'],
              subjectId: card.subjectId,
              viewerId: card.viewerId ?? undefined,
            },
          },
          now,
        );
        if (sent) queued++;
      }
    }
    deps.reach.arrivalsDone(last);
  });
  return queued;
}

/** The named contact's introduction reached them on a new route (a look-up, e-mail): the introducer's receipt says where. */
export function refreshReceiptOnNewRoute(
  deps: Pick<WaitingDeps, 'outbox' | 'handovers' | 'clock'>,
  row: OutboxRow,
): void {
  if (row.card.kind !== 'introduction' || !('personId' in row.recipient)) return;
  const h = deps.handovers.find(row.subjectId);
  if (!h || h.contactId !== row.recipient.personId) return;
  const liveKey = liveKeyOf(h.id, h.introducerId);
  if (!deps.outbox.liveCard(liveKey)) return;
  deps.outbox.enqueue(
    {
      idempotencyKey: `reached:${row.liveKey}`,
      recipient: { personId: h.introducerId },
      mode: 'live',
      liveKey,
      card: { kind: 'receipt', subjectId: h.id, viewerId: h.introducerId },
    },
    deps.clock.now(),
  );
}
