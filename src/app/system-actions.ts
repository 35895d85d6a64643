// What the reminder service itself does to a handover: escalate to the backups, expire, and react when a
// message cannot reach anyone. All of it goes through the HandoverService, so the state machine and the
// audit trail see it like any other action.
import { backupContactIds } from '../domain/directory/types.ts';
import { SYSTEM_ACTOR } from '../domain/handover/commands.ts';
import { HandoverError } from '../domain/handover/errors.ts';
import { messageKey } from '../domain/nudges/messages.ts';
import type { Clock } from '../domain/ports.ts';
import type { HandoverStore } from '../storage/handover-store.ts';
import type { OutboxRow, OutboxStore } from '../storage/outbox-store.ts';
import { inTransaction, type Db } from '../storage/sqlite.ts';
import type { ActResult, HandoverService } from './handover-service.ts';

/** Offers a silent introduction to the service's backup contacts (none: the channel or the introducer is told). */
export function escalateHandover(app: HandoverService, handoverId: string): ActResult | null {
  try {
    const h = app.get(handoverId);
    const backupIds = backupContactIds(app.service(h.serviceId)).filter((id) => id !== h.contactId);
    return app.act(handoverId, { type: 'escalate', actorId: SYSTEM_ACTOR, backupIds });
  } catch (err) {
    if (err instanceof HandoverError) return null; // moved on meanwhile (answered, withdrawn): nothing to do
    throw err;
  }
}

export function expireHandover(app: HandoverService, handoverId: string): ActResult | null {
  try {
    return app.act(handoverId, { type: 'expire', actorId: SYSTEM_ACTOR });
  } catch (err) {
    if (err instanceof HandoverError) return null;
    throw err;
  }
}

/** Asks the introducer whether the client and the service got in touch (on their receipt and in a message). */
export function askOutcome(app: HandoverService, handoverId: string): ActResult | null {
  try {
    return app.act(handoverId, { type: 'ask_outcome', actorId: SYSTEM_ACTOR });
  } catch (err) {
    if (err instanceof HandoverError) return null;
    throw err;
  }
}

/** Closes an introduction nobody finished: outcome unknown when accepted, else the outcome it already has. */
export function autoCloseHandover(app: HandoverService, handoverId: string): ActResult | null {
  try {
    return app.act(handoverId, { type: 'auto_close', actorId: SYSTEM_ACTOR });
  } catch (err) {
    if (err instanceof HandoverError) return null;
    throw err;
  }
}

export interface UndeliverableDeps {
  db: Db;
  app: HandoverService;
  handovers: HandoverStore;
  outbox: OutboxStore;
  clock: Clock;
}

/**
 * A message reached nobody (no identity on a working platform, or every platform said "no such person").
 * The introducer is told and it is audited; a silent named contact's introduction goes to the backups.
 */
export function createUndeliverableHandler(deps: UndeliverableDeps): (row: OutboxRow, reason: string) => void {
  return (row, reason) => {
    const h = deps.handovers.find(row.subjectId);
    if (!h || !('personId' in row.recipient)) return;
    const personId = row.recipient.personId;
    const now = deps.clock.now();
    let escalate = false;
    inTransaction(deps.db, () => {
      // One notice per person per introduction, however many messages to them fail.
      const told = personId !== h.introducerId && deps.outbox.enqueue({
        idempotencyKey: messageKey({ subjectId: h.id, event: 'undeliverable', recipient: h.introducerId, cardKind: `notice-${personId}` }),
        recipient: { personId: h.introducerId }, mode: 'new',
        card: { kind: 'notice', subjectId: h.id, viewerId: h.introducerId, params: { reason: 'recipient_unreachable', personId } },
      }, now);
      if (told || personId === h.introducerId) {
        deps.handovers.recordEvents([{
          type: 'undeliverable', handoverId: h.id, actorId: SYSTEM_ACTOR, at: now.toISOString(), from: h.state, to: h.state,
          details: { personId, cardKind: row.card.kind, reason },
        }]);
      }
      escalate = personId === h.contactId && h.state === 'sent' && h.escalatedTo.length === 0;
    });
    if (escalate) escalateHandover(deps.app, h.id);
  };
}
