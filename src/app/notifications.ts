// Turns handover changes into messages (outbox requests) and due items (schedule rows). Runs inside the
// transaction of the change, so a change and its messages commit together or not at all.
import { backupContactIds, type Service } from '../domain/directory/types.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import type { HandoverEvent } from '../domain/handover/events.ts';
import type { Handover } from '../domain/handover/types.ts';
import type { Platform } from '../domain/ports.ts';
import { messageKey } from '../domain/nudges/messages.ts';
import { HANDOVER_SCHEDULE_KINDS, planHandover } from '../domain/nudges/plan.ts';
import { THREADED_EVENTS } from '../cards/status-update-card.ts';
import type { LiveCard, OutboxStore } from '../storage/outbox-store.ts';
import type { PresenceStore } from '../storage/presence-store.ts';
import type { ScheduleStore } from '../storage/schedule-store.ts';
import type { CardRequest, OutboxRequest } from './ports.ts';
import type { HandoverChange, HandoverListener, ShownIn } from './handover-service.ts';

export interface NotificationDeps {
  outbox: OutboxStore;
  schedule: ScheduleStore;
  presence: PresenceStore;
  calendar: WorkingCalendar;
  defaultTimeZone: string;
  service(id: string): Service | undefined;
}

export const liveKeyOf = (handoverId: string, personId: string): string => `${handoverId}:${personId}`;

/** Someone can take over from a silent contact: a backup contact or the service's channel. */
export function canCover(h: Handover, service: Service | undefined): boolean {
  if (!service) return false;
  return backupContactIds(service).some((id) => id !== h.contactId) || service.channel !== null;
}

function personCard(
  h: Handover,
  e: HandoverEvent,
  personId: string,
  card: CardRequest,
  mode: 'live' | 'new',
): OutboxRequest {
  const liveKey = mode === 'live' ? liveKeyOf(h.id, personId) : undefined;
  return {
    idempotencyKey: messageKey({
      subjectId: h.id,
      event: e.type,
      version: h.version,
      recipient: personId,
      cardKind: card.kind,
    }),
    recipient: { personId },
    card,
    mode,
    liveKey,
  };
}

/** The new messages an event causes, beyond updating the cards people already have. */
function newMessages(h: Handover, e: HandoverEvent, service: Service | undefined): OutboxRequest[] {
  const live = (personId: string, kind: CardRequest['kind']) =>
    personCard(h, e, personId, { kind, subjectId: h.id, viewerId: personId }, 'live');
  const outcome = (params: Record<string, string>) =>
    personCard(h, e, h.introducerId, { kind: 'outcome', subjectId: h.id, viewerId: h.introducerId, params }, 'new');
  switch (e.type) {
    case 'introduced':
      return [live(h.contactId, 'introduction'), live(h.introducerId, 'receipt')];
    case 'passed':
      return [live(h.contactId, 'introduction')];
    case 'declined':
      return [outcome({ reason: 'declined' })];
    case 'expired':
      return [outcome({ reason: 'expired' })];
    case 'outcome_asked':
      return [outcome({ reason: 'outcome_question' })];
    case 'closed':
      return closedMessages(h, e, outcome);
    case 'not_reached':
      return [outcome({ reason: 'not_reached' })];
    case 'escalated':
      return escalationMessages(h, e, service, live, outcome);
    default:
      return [];
  }
}

/** Closed as unknown by the reminder service: both people are told, each in a message of their own. */
function closedMessages(
  h: Handover,
  e: HandoverEvent,
  outcome: (params: Record<string, string>) => OutboxRequest,
): OutboxRequest[] {
  if (e.details.automatic !== true || h.outcome !== 'unknown') return [];
  const toContact = personCard(
    h,
    e,
    h.contactId,
    { kind: 'outcome', subjectId: h.id, viewerId: h.contactId, params: { reason: 'closed_unknown' } },
    'new',
  );
  return [outcome({ reason: 'closed_unknown' }), toContact];
}

function escalationMessages(
  h: Handover,
  e: HandoverEvent,
  service: Service | undefined,
  live: (personId: string, kind: CardRequest['kind']) => OutboxRequest,
  outcome: (params: Record<string, string>) => OutboxRequest,
): OutboxRequest[] {
  const backupIds = Array.isArray(e.details.backupIds) ? e.details.backupIds : [];
  const out = backupIds.map((id) => live(id, 'escalation'));
  const channel = backupIds.length === 0 && service?.channel ? service.channel : null;
  if (channel) {
    const address = { platform: channel.platform as Platform, tenant: channel.tenant, channelId: channel.channelId };
    out.push({
      idempotencyKey: messageKey({
        subjectId: h.id,
        event: e.type,
        version: h.version,
        recipient: `channel:${channel.channelId}`,
        cardKind: 'escalation',
      }),
      recipient: { channel: address },
      card: { kind: 'escalation', subjectId: h.id },
      mode: 'new',
    });
  }
  out.push(outcome({ reason: 'escalated', backupIds: backupIds.join(','), channel: channel ? 'yes' : 'no' }));
  return out;
}

const sameMessage = (ref: LiveCard['ref'], shownIn: ShownIn | undefined): boolean =>
  Boolean(ref && shownIn && ref.conversationId === shownIn.conversationId && ref.messageId === shownIn.messageId);

/** Every live card but the fresh ones and the one the actor clicked (the platform already shows the result there). */
/** The live card `c` redrawn from `subjectId` as it now is, once per event and version. */
function liveUpdate(c: LiveCard, subjectId: string, event: string, version: number): OutboxRequest {
  return {
    idempotencyKey: messageKey({ subjectId, event, version, recipient: c.liveKey, cardKind: c.kind }),
    recipient: c.recipient,
    card: { kind: c.kind, subjectId, viewerId: c.viewerId ?? undefined },
    mode: 'live' as const,
    liveKey: c.liveKey,
  };
}

function updatesOfLiveCards(
  live: LiveCard[],
  h: Handover,
  e: HandoverEvent,
  skip: Set<string>,
  shownIn?: ShownIn,
): OutboxRequest[] {
  return live
    .filter((c) => !skip.has(c.liveKey) && !sameMessage(c.ref, shownIn))
    .map((c) => liveUpdate(c, h.id, e.type, h.version));
}

/**
 * A threaded reply to everyone else who holds a card for this introduction (the introducer's receipt, the contact's
 * card, a backup's escalation card), so the change notifies them; not to the actor, nor to whoever gets a fresh
 * message for the same event. Only cards already sent can be replied under.
 */
function threadReplies(live: LiveCard[], h: Handover, e: HandoverEvent, fresh: OutboxRequest[]): OutboxRequest[] {
  if (!THREADED_EVENTS.has(e.type)) return [];
  const told = new Set(fresh.flatMap((m) => ('personId' in m.recipient ? [m.recipient.personId] : [])));
  const involved = new Set([h.introducerId, h.contactId, ...h.escalatedTo]);
  return live
    .filter(
      (c) =>
        c.ref &&
        c.viewerId &&
        involved.has(c.viewerId) &&
        c.viewerId !== e.actorId &&
        !told.has(c.viewerId) &&
        'personId' in c.recipient,
    )
    .map((c) => ({
      idempotencyKey: messageKey({
        subjectId: h.id,
        event: e.type,
        version: h.version,
        recipient: c.liveKey,
        cardKind: 'status_update',
      }),
      recipient: c.recipient,
      mode: 'new' as const,
      threadOf: c.liveKey,
      card: {
        kind: 'status_update' as const,
        subjectId: h.id,
        viewerId: c.viewerId!,
        params: { event: e.type, actorId: e.actorId },
      },
    }));
}

/** A re-introduction updates the introducer's receipt of the introduction it follows, so both say so. */
function followedUpdates(deps: NotificationDeps, h: Handover): OutboxRequest[] {
  if (!h.followsId) return [];
  const first = h.followsId;
  return deps.outbox
    .liveCards(first)
    .filter((c) => c.viewerId === h.introducerId)
    .map((c) => liveUpdate(c, first, `followed_by_${h.id}`, 0));
}

/** Recomputes what is due for this handover and brings the schedule in line. */
export function replanHandover(
  deps: NotificationDeps,
  h: Handover,
  now: Date,
  service: Service | undefined = deps.service(h.serviceId),
): void {
  const timeZoneOf = (id: string) => deps.presence.prefs(id)?.timeZone ?? deps.defaultTimeZone;
  const digestOf = (id: string) => deps.presence.prefs(id)?.digest ?? false;
  const hoursOf = (id: string) => deps.presence.prefs(id)?.workingHours ?? null;
  const items = planHandover(h, {
    calendar: deps.calendar,
    timeZoneOf,
    digestOf,
    hoursOf,
    hasBackup: canCover(h, service),
    outcomeWaitDays: service?.outcomeWaitDays,
  });
  deps.schedule.replan(h.id, HANDOVER_SCHEDULE_KINDS, items, now);
}

/** The listener to register with `handoverService.onChange(...)`. */
export function createNotificationListener(deps: NotificationDeps): HandoverListener {
  return (change: HandoverChange) => {
    const h = change.after;
    const now = new Date(h.updatedAt);
    const service = change.service?.id === h.serviceId ? change.service : deps.service(h.serviceId);
    for (const e of change.events) {
      const fresh = newMessages(h, e, service);
      const freshLive = new Set(fresh.filter((m) => m.liveKey).map((m) => m.liveKey!));
      // A new introduction has no cards yet; any other change reads them once for both updates and replies.
      const live = e.type === 'introduced' ? [] : deps.outbox.liveCards(h.id);
      const updates =
        e.type === 'introduced' ? followedUpdates(deps, h) : updatesOfLiveCards(live, h, e, freshLive, change.shownIn);
      const replies = e.type === 'introduced' ? [] : threadReplies(live, h, e, fresh);
      for (const req of [...updates, ...fresh, ...replies]) deps.outbox.enqueue(req, now);
    }
    replanHandover(deps, h, now, service);
  };
}
