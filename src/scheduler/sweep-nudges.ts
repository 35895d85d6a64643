// Turning one due nudge into a message, or folding it into the person's daily digest.
import { SYSTEM_ACTOR } from '../domain/handover/commands.ts';
import type { Handover } from '../domain/handover/types.ts';
import { digestKey, digestMoment } from '../domain/nudges/digest.ts';
import { NUDGE_REASONS, isNudgeKind, scheduleMessageKey } from '../domain/nudges/messages.ts';
import { calendarOf, isStillDue, type HandoverScheduleKind } from '../domain/nudges/plan.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import type { ScheduleRow } from '../storage/schedule-store.ts';
import type { SweepDeps } from './sweep-types.ts';

export const DIGEST_KIND = 'digest';

export interface SweepTally {
  nudges: number;
  folded: number;
  digests: number;
  escalated: number;
  expired: number;
  cancelled: number;
  reviewRequests: number;
  markedStale: number;
  purged: number;
  /** Introducers asked for an outcome, and introductions closed by the reminder service. */
  asked: number;
  closed: number;
}

export function emptyTally(): SweepTally {
  return {
    nudges: 0,
    folded: 0,
    digests: 0,
    escalated: 0,
    expired: 0,
    cancelled: 0,
    reviewRequests: 0,
    markedStale: 0,
    purged: 0,
    asked: 0,
    closed: 0,
  };
}

interface PersonTiming {
  timeZone: string;
  digest: boolean;
  calendar: WorkingCalendar;
  /** They set their own working hours. */
  ownHours: boolean;
}

/** Per-sweep cache of people's time zone and digest choice. */
export class PrefsCache {
  private readonly cache = new Map<string, PersonTiming>();
  constructor(private readonly deps: SweepDeps) {}
  get(personId: string): PersonTiming {
    let p = this.cache.get(personId);
    if (!p) {
      const stored = this.deps.presence.prefs(personId);
      p = {
        timeZone: stored?.timeZone ?? this.deps.defaultTimeZone,
        digest: stored?.digest ?? false,
        calendar: calendarOf(this.deps.calendar, stored?.workingHours),
        ownHours: Boolean(stored?.workingHours),
      };
      this.cache.set(personId, p);
    }
    return p;
  }
}

function recordNudged(
  deps: SweepDeps,
  h: Handover,
  personId: string,
  reason: string,
  now: Date,
  via: 'message' | 'digest',
): void {
  deps.handovers.recordEvents([
    {
      type: 'nudged',
      handoverId: h.id,
      actorId: SYSTEM_ACTOR,
      at: now.toISOString(),
      from: h.state,
      to: h.state,
      details: { personId, reason, via },
    },
  ]);
}

/** Folds the nudge into the person's digest; false when today's digest has already gone. */
function foldIntoDigest(
  deps: SweepDeps,
  row: ScheduleRow,
  timeZone: string,
  calendar: WorkingCalendar,
  now: Date,
): boolean {
  const at = digestMoment(new Date(row.dueAt), calendar, timeZone);
  const key = digestKey(row.recipientId, at, timeZone);
  const digestId = deps.schedule.add(key, { kind: DIGEST_KIND, dueAt: at, recipientId: row.recipientId }, now);
  const digest = deps.schedule.allFor(key).find((r) => r.id === digestId);
  if (digest?.status !== 'pending') return false;
  deps.schedule.fold(row.id, digestId, now);
  return true;
}

export function sweepNudge(deps: SweepDeps, row: ScheduleRow, prefs: PrefsCache, now: Date, tally: SweepTally): void {
  const h = deps.handovers.find(row.subjectId);
  if (!h || !isNudgeKind(row.kind) || !isStillDue(h, row.kind as HandoverScheduleKind, row.recipientId)) {
    deps.schedule.cancel(row.id, now);
    tally.cancelled++;
    return;
  }
  const person = prefs.get(row.recipientId);
  // They set their own hours since the nudge was planned, so its time is outside their working day now: it waits
  // for their next working moment.
  const planned = new Date(row.dueAt);
  const working = person.calendar.nextWorkingMoment(now, person.timeZone);
  if (
    person.ownHours &&
    !person.digest &&
    !person.calendar.isWorkingMoment(planned, person.timeZone) &&
    working.getTime() > now.getTime()
  ) {
    deps.schedule.add(
      row.subjectId,
      { kind: row.kind as HandoverScheduleKind, dueAt: working, recipientId: row.recipientId },
      now,
    );
    deps.schedule.cancel(row.id, now);
    return;
  }
  if (person.digest && foldIntoDigest(deps, row, person.timeZone, person.calendar, now)) {
    tally.folded++;
    return;
  }
  const reason = NUDGE_REASONS[row.kind];
  deps.outbox.enqueue(
    {
      idempotencyKey: scheduleMessageKey(h.id, row.kind, row.dueAt, row.recipientId),
      recipient: { personId: row.recipientId },
      mode: 'new',
      card: { kind: 'nudge', subjectId: h.id, viewerId: row.recipientId, params: { reason } },
    },
    now,
  );
  recordNudged(deps, h, row.recipientId, reason, now, 'message');
  deps.schedule.markDone(row.id, now);
  tally.nudges++;
}

/** One message listing every introduction that was waiting on the person when their digest came due. */
export function sweepDigest(deps: SweepDeps, row: ScheduleRow, now: Date, tally: SweepTally): void {
  const waiting: Array<{ h: Handover; reason: string }> = [];
  for (const item of deps.schedule.foldedInto(row.id)) {
    const h = deps.handovers.find(item.subjectId);
    if (!h || !isNudgeKind(item.kind) || !isStillDue(h, item.kind as HandoverScheduleKind, item.recipientId)) continue;
    if (!waiting.some((w) => w.h.id === h.id)) waiting.push({ h, reason: NUDGE_REASONS[item.kind] });
  }
  deps.schedule.markDone(row.id, now);
  if (waiting.length === 0) return;
  deps.outbox.enqueue(
    {
      idempotencyKey: scheduleMessageKey(row.subjectId, 'digest', row.dueAt, row.recipientId),
      recipient: { personId: row.recipientId },
      mode: 'new',
      card: {
        kind: 'digest',
        subjectId: row.subjectId,
        viewerId: row.recipientId,
        params: { handoverIds: waiting.map((w) => w.h.id).join(',') },
      },
    },
    now,
  );
  for (const w of waiting) recordNudged(deps, w.h, row.recipientId, w.reason, now, 'digest');
  tally.digests++;
}
