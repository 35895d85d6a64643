// What is due when for one handover: the nudge, the escalation, the expiry, the follow-up, the question to the
// introducer and the close when nobody answers it (src/domain/handover/endings.ts has the rules and numbers). Pure: the same handover and calendar always give the same plan, so the plan can be recomputed
// after every change and the schedule brought in line with it.
import type { WorkingCalendar } from '../calendar/types.ts';
import {
  ANSWER_WINDOW_WORKING_DAYS,
  ASK_AGAIN_AFTER_WORKING_DAYS,
  ASK_OUTCOME_AFTER_WORKING_DAYS,
  DEFAULT_OUTCOME_WAIT_WORKING_DAYS,
  AUTO_CLOSE_OUTCOME,
  SETTLED_CLOSES_AFTER_WORKING_DAYS,
  hardLimit,
  mayAskOutcome,
} from '../handover/endings.ts';
import type { WorkingHours } from '../directory/person-settings.ts';
import type { Handover } from '../handover/types.ts';
import { digestMoment } from './digest.ts';

/** Working days after the reply-by time before the introduction is offered to the backups. */
export const ESCALATE_AFTER_WORKING_DAYS = 1;
/** Working days after the follow-up date before the introducer is asked whether contact was made. */
export const TELL_INTRODUCER_AFTER_WORKING_DAYS = ASK_OUTCOME_AFTER_WORKING_DAYS;

/** follow_up_introducer is no longer planned (ask_outcome replaced it); listed so a replan cancels old rows. */
export const HANDOVER_SCHEDULE_KINDS = [
  'reply_nudge',
  'escalate',
  'expire',
  'follow_up_nudge',
  'follow_up_introducer',
  'ask_outcome',
  'auto_close',
] as const;
export type HandoverScheduleKind = (typeof HANDOVER_SCHEDULE_KINDS)[number];

/** System rows (escalate, expire) have no recipient: recipientId is ''. */
export const SYSTEM_RECIPIENT = '';

export interface PlannedItem {
  kind: HandoverScheduleKind;
  dueAt: Date;
  recipientId: string;
}

export interface PlanContext {
  calendar: WorkingCalendar;
  /** The person's time zone (people.time_zone, or the default). */
  timeZoneOf(personId: string): string;
  /** Someone can take over when the contact is silent: a backup contact or the service's channel. */
  hasBackup: boolean;
  /** The service's working days after the follow-up date before closing as unknown (default in endings.ts). */
  outcomeWaitDays?: number | null;
  /** The person chose one daily digest: their nudges arrive at the start of a working day. */
  digestOf?(personId: string): boolean;
  /** The person's own working hours, when they set them. */
  hoursOf?(personId: string): WorkingHours | null;
}

/** The calendar of one person: their own working hours when they set them. */
export function calendarOf(calendar: WorkingCalendar, hours: WorkingHours | null | undefined): WorkingCalendar {
  return hours && calendar.withHours ? calendar.withHours(hours.start, hours.end) : calendar;
}

function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/** A nudge for `personId` at `due`, but not before a snooze ends, and only at a working moment in their zone. */
function nudgeMoment(due: Date, h: Handover, personId: string, ctx: PlanContext): Date {
  const snoozed = h.snoozedUntil && personId === h.contactId ? new Date(h.snoozedUntil) : null;
  const from = snoozed ? later(due, snoozed) : due;
  return calendarOf(ctx.calendar, ctx.hoursOf?.(personId)).nextWorkingMoment(from, ctx.timeZoneOf(personId));
}

/**
 * Not before a working day after a digest that carries the nudge due at `due`: folded into a digest, the nudge
 * reaches the person only with the digest. Without a digest the nudge is delivered when due: `at` stands.
 */
function aDayAfterDigest(at: Date, due: Date, personId: string, ctx: PlanContext): Date {
  if (!ctx.digestOf?.(personId)) return at;
  const zone = ctx.timeZoneOf(personId);
  const own = calendarOf(ctx.calendar, ctx.hoursOf?.(personId));
  const digestAt = digestMoment(own.nextWorkingMoment(due, zone), own, zone);
  return later(at, ctx.calendar.addWorkingDays(digestAt, ESCALATE_AFTER_WORKING_DAYS, zone));
}

function planWaitingForAnswer(h: Handover, ctx: PlanContext): PlannedItem[] {
  const replyBy = new Date(h.replyBy);
  const items: PlannedItem[] = [
    { kind: 'reply_nudge', dueAt: nudgeMoment(replyBy, h, h.contactId, ctx), recipientId: h.contactId },
    { kind: 'expire', dueAt: new Date(h.expiresAt), recipientId: SYSTEM_RECIPIENT },
  ];
  if (h.escalatedTo.length === 0) {
    let escalateAt = aDayAfterDigest(
      ctx.calendar.addWorkingDays(replyBy, ESCALATE_AFTER_WORKING_DAYS),
      replyBy,
      h.contactId,
      ctx,
    );
    // Away with nobody to cover: give them a working day after they are back before telling the introducer.
    if (h.snoozedUntil && !ctx.hasBackup) {
      escalateAt = later(
        escalateAt,
        ctx.calendar.addWorkingDays(new Date(h.snoozedUntil), ESCALATE_AFTER_WORKING_DAYS),
      );
    }
    if (escalateAt.getTime() < new Date(h.expiresAt).getTime()) {
      items.push({ kind: 'escalate', dueAt: escalateAt, recipientId: SYSTEM_RECIPIENT });
    }
  }
  return items;
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** The nudge to the contact, the question(s) to the introducer, and the close as "unknown" if nobody answers. */
function planWaitingForContact(h: Handover, ctx: PlanContext): PlannedItem[] {
  if (!h.followUpAt) return [];
  const followUp = new Date(h.followUpAt);
  const introducerZone = ctx.timeZoneOf(h.introducerId);
  const nudgeAt = nudgeMoment(followUp, h, h.contactId, ctx);
  const settled = later(followUp, nudgeAt);
  const firstAsk = ctx.calendar.addWorkingDays(settled, ASK_OUTCOME_AFTER_WORKING_DAYS, introducerZone);
  const notYetAt = h.notYetAt ? new Date(h.notYetAt) : null;
  const askAt = notYetAt
    ? ctx.calendar.addWorkingDays(notYetAt, ASK_AGAIN_AFTER_WORKING_DAYS, introducerZone)
    : firstAsk;
  let closeAt = later(
    ctx.calendar.addWorkingDays(settled, ctx.outcomeWaitDays ?? DEFAULT_OUTCOME_WAIT_WORKING_DAYS, introducerZone),
    ctx.calendar.addWorkingDays(firstAsk, ANSWER_WINDOW_WORKING_DAYS, introducerZone),
  );
  if (notYetAt)
    closeAt = later(closeAt, ctx.calendar.addWorkingDays(askAt, ANSWER_WINDOW_WORKING_DAYS, introducerZone));
  closeAt = earlier(closeAt, hardLimit(h));
  const items: PlannedItem[] = [{ kind: 'follow_up_nudge', dueAt: nudgeAt, recipientId: h.contactId }];
  if (mayAskOutcome(h) && askAt.getTime() < closeAt.getTime())
    items.push({ kind: 'ask_outcome', dueAt: askAt, recipientId: h.introducerId });
  items.push({ kind: 'auto_close', dueAt: closeAt, recipientId: SYSTEM_RECIPIENT });
  return items;
}

/** Contact made, or couldn't reach: the outcome stands and closes itself after a quiet spell (a note restarts it). */
function planSettled(h: Handover, ctx: PlanContext): PlannedItem[] {
  const closeAt = ctx.calendar.addWorkingDays(
    new Date(h.updatedAt),
    SETTLED_CLOSES_AFTER_WORKING_DAYS,
    ctx.timeZoneOf(h.introducerId),
  );
  return [{ kind: 'auto_close', dueAt: earlier(closeAt, hardLimit(h)), recipientId: SYSTEM_RECIPIENT }];
}

/** Everything still to come for this handover; empty once it needs nothing more from anyone. */
export function planHandover(h: Handover, ctx: PlanContext): PlannedItem[] {
  // Purged while still open (only by the 180-day limit): no more messages, just the close.
  if (h.purgedAt)
    return AUTO_CLOSE_OUTCOME[h.state]
      ? [{ kind: 'auto_close', dueAt: hardLimit(h), recipientId: SYSTEM_RECIPIENT }]
      : [];
  if (h.state === 'sent') return planWaitingForAnswer(h, ctx);
  if (h.state === 'accepted' && !h.contactMadeAt) return planWaitingForContact(h, ctx);
  if (h.state === 'contact_made' || h.state === 'unreachable') return planSettled(h, ctx);
  return [];
}

/** Is a scheduled item still worth acting on now? (The plan is kept in line, but check before acting.) */
export function isStillDue(h: Handover, kind: HandoverScheduleKind, recipientId: string): boolean {
  switch (kind) {
    case 'reply_nudge':
      return h.state === 'sent' && h.contactId === recipientId;
    case 'escalate':
      return h.state === 'sent' && h.escalatedTo.length === 0;
    case 'expire':
      return h.state === 'sent';
    case 'follow_up_nudge':
      return h.state === 'accepted' && !h.contactMadeAt && h.contactId === recipientId;
    case 'follow_up_introducer':
      return h.state === 'accepted' && !h.contactMadeAt && h.introducerId === recipientId;
    case 'ask_outcome':
      return mayAskOutcome(h) && h.introducerId === recipientId;
    case 'auto_close':
      return h.state === 'accepted' || h.state === 'contact_made' || h.state === 'unreachable';
  }
}
