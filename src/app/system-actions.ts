// What the reminder service itself does to a handover: escalate to the backups, expire, and react when a
// message cannot reach anyone. All of it goes through the HandoverService, so the state machine and the
// audit trail see it like any other action.
import { backupContactIds, type Service } from '../domain/directory/types.ts';
import { SYSTEM_ACTOR, isTerminal, type Command } from '../domain/handover/commands.ts';
import { HandoverError } from '../domain/handover/errors.ts';
import { messageKey } from '../domain/nudges/messages.ts';
import { nextReachStep, type ReachFacts, type ReachStep } from '../domain/handover/reach.ts';
import type { Handover } from '../domain/handover/types.ts';
import type { Clock, Platform } from '../domain/ports.ts';
import type { AuditEntry, HandoverStore } from '../storage/handover-store.ts';
import type { OutboxRow, OutboxStore } from '../storage/outbox-store.ts';
import { inTransaction, type Db } from '../storage/sqlite.ts';
import type { ActResult, HandoverService } from './handover-service.ts';
import { canCover } from './notifications.ts';

/**
 * Runs a command of the reminder service itself; null when the introduction moved on meanwhile (answered,
 * withdrawn) and there is nothing to do.
 */
function actAsSystem(handoverService: HandoverService, handoverId: string, command: () => Command): ActResult | null {
  try {
    return handoverService.act(handoverId, command());
  } catch (err) {
    if (err instanceof HandoverError) return null;
    throw err;
  }
}

/** Offers a silent introduction to the service's backup contacts (none: the channel or the introducer is told). */
export function escalateHandover(handoverService: HandoverService, handoverId: string): ActResult | null {
  return actAsSystem(handoverService, handoverId, () => {
    const h = handoverService.get(handoverId);
    const backupIds = backupContactIds(handoverService.service(h.serviceId)).filter((id) => id !== h.contactId);
    return { type: 'escalate', actorId: SYSTEM_ACTOR, backupIds };
  });
}

export function expireHandover(handoverService: HandoverService, handoverId: string): ActResult | null {
  return actAsSystem(handoverService, handoverId, () => ({ type: 'expire', actorId: SYSTEM_ACTOR }));
}

/** Asks the introducer whether the client and the service got in touch (on their receipt and in a message). */
export function askOutcome(handoverService: HandoverService, handoverId: string): ActResult | null {
  return actAsSystem(handoverService, handoverId, () => ({ type: 'ask_outcome', actorId: SYSTEM_ACTOR }));
}

/** Closes an introduction nobody finished: outcome unknown when accepted, else the outcome it already has. */
export function autoCloseHandover(handoverService: HandoverService, handoverId: string): ActResult | null {
  return actAsSystem(handoverService, handoverId, () => ({ type: 'auto_close', actorId: SYSTEM_ACTOR }));
}

export interface UndeliverableDeps {
  db: Db;
  handoverService: HandoverService;
  handovers: HandoverStore;
  outbox: OutboxStore;
  clock: Clock;
  /** The platforms that are switched on, for the sentence the introducer reads ("on Slack or e-mail"). */
  platforms?: () => readonly Platform[];
}

/** Nobody could be reached: the introduction ends as not_reached and the introducer is told at once. */
export function markNotReached(
  handoverService: HandoverService,
  handoverId: string,
  personIds: string[],
  platforms: string[],
): ActResult | null {
  return actAsSystem(handoverService, handoverId, () => ({
    type: 'mark_not_reached',
    actorId: SYSTEM_ACTOR,
    personIds,
    platforms,
  }));
}

const personIdOf = (e: AuditEntry) => (typeof e.details.personId === 'string' ? e.details.personId : null);

function reachFacts(
  h: Handover,
  steps: AuditEntry[],
  service: Service | undefined,
  unreached: Set<string>,
  channelFailed: boolean,
): ReachFacts {
  const escalations = steps.filter((e) => e.event === 'escalated');
  const channelAsked =
    service?.channel != null &&
    escalations.some((e) => !Array.isArray(e.details.backupIds) || e.details.backupIds.length === 0);
  return {
    state: h.state,
    contactId: h.contactId,
    escalatedTo: h.escalatedTo,
    unreached,
    escalatedBefore: escalations.length > 0,
    canCover: canCover(h, service),
    channelFailed,
    channelAsked,
  };
}

/**
 * A message reached nobody (no identity on a working platform, every platform said "no such person", or it gave
 * up after its attempts). Each person and the channel is audited once per introduction. While the introduction
 * waits for an answer and everyone asked is unreachable, it is escalated once; after that it ends as not_reached.
 */
export function createUndeliverableHandler(deps: UndeliverableDeps): (row: OutboxRow, reason: string) => void {
  return (row, reason) => {
    const h = deps.handovers.find(row.subjectId);
    if (!h) return;
    const now = deps.clock.now();
    const record = (details: Record<string, string>) =>
      deps.handovers.recordEvents([
        {
          type: 'undeliverable',
          handoverId: h.id,
          actorId: SYSTEM_ACTOR,
          at: now.toISOString(),
          from: h.state,
          to: h.state,
          details: { ...details, cardKind: row.card.kind, reason },
        },
      ]);
    let step = 'nothing' as ReachStep;
    inTransaction(deps.db, () => {
      const steps = deps.handovers.audit(h.id);
      const unreached = new Set(
        steps
          .filter((e) => e.event === 'undeliverable')
          .map(personIdOf)
          .filter((id): id is string => id !== null),
      );
      let channelFailed = steps.some((e) => e.event === 'undeliverable' && typeof e.details.channelId === 'string');
      if ('channel' in row.recipient) {
        if (!channelFailed) record({ channelId: row.recipient.channel.channelId });
        channelFailed = true;
      } else {
        const personId = row.recipient.personId;
        if (!unreached.has(personId)) record({ personId });
        unreached.add(personId);
      }
      step = nextReachStep(
        reachFacts(h, steps, deps.handoverService.serviceOrUndefined(h.serviceId), unreached, channelFailed),
      );
      const personId = 'personId' in row.recipient ? row.recipient.personId : null;
      // The introducer hears once per person; when nobody can be reached, the not_reached message says it all.
      if (personId && personId !== h.introducerId && !isTerminal(h) && step !== 'give_up' && step !== 'wait') {
        deps.outbox.enqueue(
          {
            idempotencyKey: messageKey({
              subjectId: h.id,
              event: 'undeliverable',
              recipient: h.introducerId,
              cardKind: `notice-${personId}`,
            }),
            recipient: { personId: h.introducerId },
            mode: 'new',
            card: {
              kind: 'notice',
              subjectId: h.id,
              viewerId: h.introducerId,
              params: { reason: 'recipient_unreachable', personId },
            },
          },
          now,
        );
      }
    });
    if (step === 'escalate') escalateHandover(deps.handoverService, h.id);
    if (step === 'give_up')
      markNotReached(deps.handoverService, h.id, [h.contactId, ...h.escalatedTo], [...(deps.platforms?.() ?? [])]);
  };
}
