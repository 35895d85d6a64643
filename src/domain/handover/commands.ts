// Every command after introduce: check who is acting and whether the table allows it, then return
// the next handover and the events it caused. A repeated identical action is a no-op.
import { z } from 'zod';
import { formatWhen } from '../calendar/date-words.ts';
import type { WorkingCalendar } from '../calendar/types.ts';
import {
  HandoverAlreadyAnsweredError,
  HandoverNotYoursError,
  InvalidInputError,
  InvalidTransitionError,
} from './errors.ts';
import type { HandoverEvent, HandoverEventType } from './events.ts';
import { LIMITS, toInputError } from './introduce.ts';
import { AUTO_CLOSE_OUTCOME, mayAskOutcome, outcomeQuestionOpen } from './endings.ts';
import { TRANSITIONS, isAllowedFrom, type CommandType } from './transitions.ts';
import {
  DECLINE_REASONS,
  DECLINE_REASON_LABELS,
  OUTCOMES,
  TERMINAL_STATES,
  type Handover,
  type HandoverState,
} from './types.ts';

export const SYSTEM_ACTOR = 'system';

export type Command =
  | { type: 'accept'; actorId: string }
  | { type: 'decline'; actorId: string; reason: string; note?: string }
  | { type: 'pass'; actorId: string; toPersonId: string; note?: string }
  | { type: 'withdraw'; actorId: string; note?: string }
  | { type: 'add_note'; actorId: string; text: string }
  /** One press finishes: contact made closes the introduction, unless followUpOwed keeps it open. */
  | { type: 'confirm_contact'; actorId: string; note?: string; followUpOwed?: boolean }
  | { type: 'report_unreachable'; actorId: string }
  | { type: 'snooze'; actorId: string; until: string }
  | { type: 'close'; actorId: string; outcome: string }
  | { type: 'escalate'; actorId: string; backupIds: string[] }
  | { type: 'expire'; actorId: string }
  | { type: 'ask_outcome'; actorId: string }
  | { type: 'report_outcome'; actorId: string; outcome: string }
  | { type: 'not_yet'; actorId: string }
  | { type: 'auto_close'; actorId: string }
  /** personIds: everyone who was tried; platforms: the routes that were switched on. */
  | { type: 'mark_not_reached'; actorId: string; personIds: string[]; platforms: string[] };

/** What the introducer can answer to "Did the client get in touch?", besides "Not yet". */
export const REPORTED_OUTCOMES = ['contact_made', 'unreachable'] as const;

export interface CommandContext {
  now: Date;
  calendar: WorkingCalendar;
  timeZone: string;
  service: { name: string; organisation: string; followUpDays: number; contactIds: string[] };
  /** Display name of a person id, for the sentences people read. */
  nameOf(personId: string): string;
}

export interface Decision {
  handover: Handover;
  events: HandoverEvent[];
  /** true when nothing changed: a repeated click or a platform retry. */
  noop: boolean;
  /** Free text to store beside the handover (a note); never in events. */
  noteText?: string;
}

const DeclineSchema = z
  .object({
    reason: z.enum(DECLINE_REASONS, { message: 'Choose a reason for declining.' }),
    note: z
      .string()
      .trim()
      .max(LIMITS.note, { message: `The note must be ${LIMITS.note} characters or fewer.` })
      .optional(),
  })
  .refine((d) => d.reason !== 'other' || (d.note?.length ?? 0) > 0, {
    message: 'Please add a note when the reason is "Other".',
    path: ['note'],
  });

const NoteSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, { message: 'The note is empty.' })
    .max(LIMITS.note, { message: `The note must be ${LIMITS.note} characters or fewer.` }),
});

/** May this person act as the contact right now? */
export function isCurrentContact(h: Handover, personId: string): boolean {
  return h.contactId === personId || (h.state === 'sent' && h.escalatedTo.includes(personId));
}

function isNoop(h: Handover, c: Command): boolean {
  switch (c.type) {
    case 'accept':
      return h.state === 'accepted' && h.contactId === c.actorId;
    case 'decline':
      return h.state === 'declined' && h.contactId === c.actorId;
    case 'withdraw':
      return h.state === 'withdrawn' && h.introducerId === c.actorId;
    case 'confirm_contact':
      return (
        h.contactMadeAt !== null && (h.state === 'contact_made' || h.state === 'closed') && h.contactId === c.actorId
      );
    case 'report_unreachable':
      return h.state === 'unreachable' && h.contactId === c.actorId;
    case 'expire':
      return h.state === 'expired';
    case 'mark_not_reached':
      return h.state === 'not_reached';
    case 'escalate':
      return h.state === 'sent' && c.backupIds.every((id) => h.escalatedTo.includes(id)) && h.escalatedTo.length > 0;
    case 'pass':
      return h.state === 'sent' && h.contactId === c.toPersonId;
    case 'snooze':
      return h.snoozedUntil === c.until && h.contactId === c.actorId;
    case 'ask_outcome':
      return h.state === 'accepted' && !mayAskOutcome(h);
    case 'report_outcome':
      return h.state === 'closed' && h.outcome === c.outcome && h.introducerId === c.actorId;
    case 'not_yet':
      return (
        h.state === 'accepted' && h.introducerId === c.actorId && !outcomeQuestionOpen(h) && (h.notYetCount ?? 0) > 0
      );
    default:
      return false;
  }
}

function checkActor(h: Handover, c: Command, ctx: CommandContext): void {
  const who = TRANSITIONS[c.type].who;
  // Built only when refusing: the name is a directory lookup, wasted on every allowed click.
  const forWhom = () => `This introduction is for ${ctx.nameOf(h.contactId)} at ${ctx.service.name}.`;
  if (who === 'system' && c.actorId !== SYSTEM_ACTOR)
    throw new HandoverNotYoursError('Only the reminder service can do that.');
  if (who === 'introducer' && c.actorId !== h.introducerId) {
    throw new HandoverNotYoursError(`Only ${ctx.nameOf(h.introducerId)}, who made this introduction, can do that.`);
  }
  if (who === 'contact' && !isCurrentContact(h, c.actorId)) throw new HandoverNotYoursError(forWhom());
  if (who === 'party' && c.actorId !== h.introducerId && !isCurrentContact(h, c.actorId))
    throw new HandoverNotYoursError(forWhom());
}

function refuseTransition(h: Handover, c: Command, ctx: CommandContext): never {
  const answeredBy = ctx.nameOf(h.contactId);
  if (
    (c.type === 'accept' || c.type === 'decline' || c.type === 'pass') &&
    (h.state === 'accepted' || h.state === 'declined')
  ) {
    const what = h.state === 'accepted' ? 'accepted' : 'declined';
    throw new HandoverAlreadyAnsweredError(
      `${answeredBy} already ${what} this introduction at ${formatWhen(h.answeredAt ?? h.updatedAt, ctx.timeZone, ctx.now)}.`,
    );
  }
  const stateWords: Record<HandoverState, string> = {
    sent: 'is waiting for an answer',
    accepted: 'has been accepted',
    contact_made: 'already has contact made',
    closed: 'is closed',
    declined: 'was declined',
    withdrawn: 'was withdrawn',
    expired: 'expired without an answer',
    unreachable: 'is marked as could not reach the client',
    not_reached: 'could not reach anyone at the service',
  };
  throw new InvalidTransitionError(
    `This introduction ${stateWords[h.state]}, so it can't be ${TRANSITIONS[c.type].verb} now.`,
  );
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw toInputError(parsed.error);
  return parsed.data;
}

function parseFutureDate(iso: string, now: Date): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new InvalidInputError('That date is not valid.', { until: 'Choose a date.' });
  if (d.getTime() <= now.getTime())
    throw new InvalidInputError('Choose a date in the future.', { until: 'Choose a date in the future.' });
  return d;
}

type Change = {
  patch: Partial<Handover>;
  event: HandoverEventType;
  details?: HandoverEvent['details'];
  noteText?: string;
};

function apply(h: Handover, c: Command, ctx: CommandContext): Change {
  const at = ctx.now.toISOString();
  switch (c.type) {
    case 'accept':
      return {
        patch: {
          contactId: c.actorId,
          acceptedAt: at,
          answeredAt: at,
          snoozedUntil: null,
          followUpAt: ctx.calendar.addWorkingDays(ctx.now, ctx.service.followUpDays).toISOString(),
        },
        event: 'accepted',
        details: { wasEscalated: h.escalatedTo.includes(c.actorId) },
      };
    case 'decline': {
      const d = validate(DeclineSchema, { reason: c.reason, note: c.note });
      return {
        patch: { contactId: c.actorId, answeredAt: at, declineReason: d.reason, outcome: 'declined', closedAt: at },
        event: 'declined',
        details: { reason: d.reason, reasonLabel: DECLINE_REASON_LABELS[d.reason] },
        noteText: d.note,
      };
    }
    case 'pass': {
      if (!ctx.service.contactIds.includes(c.toPersonId) || c.toPersonId === c.actorId) {
        throw new InvalidInputError(`Choose another named contact at ${ctx.service.name}.`, {
          toPersonId: 'Choose a colleague from this service.',
        });
      }
      const note = c.note ? validate(NoteSchema, { text: c.note }).text : undefined;
      return {
        patch: { contactId: c.toPersonId, escalatedTo: [] },
        event: 'passed',
        details: { fromContactId: h.contactId, toContactId: c.toPersonId },
        noteText: note,
      };
    }
    case 'withdraw':
      return {
        patch: { outcome: 'withdrawn', closedAt: at },
        event: 'withdrawn',
        noteText: c.note ? validate(NoteSchema, { text: c.note }).text : undefined,
      };
    case 'add_note':
      return { patch: {}, event: 'note_added', noteText: validate(NoteSchema, { text: c.text }).text };
    case 'confirm_contact': {
      const note = c.note ? validate(NoteSchema, { text: c.note }).text : undefined;
      const closes = !c.followUpOwed;
      const patch: Partial<Handover> = closes
        ? { contactMadeAt: at, snoozedUntil: null, outcome: 'contact_made', closedAt: at }
        : { contactMadeAt: at, snoozedUntil: null };
      return {
        patch,
        event: 'contact_made',
        details: closes ? { outcome: 'contact_made', closed: true } : { closed: false },
        noteText: note,
      };
    }
    case 'report_unreachable':
      return { patch: {}, event: 'unreachable' };
    case 'snooze':
      return {
        patch: { snoozedUntil: parseFutureDate(c.until, ctx.now).toISOString() },
        event: 'snoozed',
        details: { until: c.until },
      };
    case 'close': {
      const outcome = validate(z.enum(OUTCOMES, { message: 'Choose an outcome.' }), c.outcome);
      return { patch: { outcome, closedAt: at }, event: 'closed', details: { outcome } };
    }
    case 'escalate': {
      const backups = c.backupIds.filter((id) => id !== h.contactId);
      return {
        patch: { escalatedTo: [...new Set([...h.escalatedTo, ...backups])] },
        event: 'escalated',
        details: { backupIds: backups },
      };
    }
    case 'expire':
      return { patch: { outcome: 'expired', closedAt: at }, event: 'expired' };
    case 'ask_outcome':
      return {
        patch: { outcomeAsks: (h.outcomeAsks ?? 0) + 1 },
        event: 'outcome_asked',
        details: { ask: (h.outcomeAsks ?? 0) + 1 },
      };
    case 'report_outcome': {
      const outcome = validate(z.enum(REPORTED_OUTCOMES, { message: 'Choose what happened.' }), c.outcome);
      return { patch: { outcome, closedAt: at }, event: 'closed', details: { outcome, reportedBy: 'introducer' } };
    }
    case 'not_yet': {
      if (!outcomeQuestionOpen(h))
        throw new InvalidTransitionError(
          'We have not asked about this introduction yet: we will ask after the follow-up date.',
        );
      return {
        patch: { notYetCount: (h.notYetCount ?? 0) + 1, notYetAt: at },
        event: 'outcome_not_yet',
        details: { answer: (h.notYetCount ?? 0) + 1 },
      };
    }
    case 'auto_close': {
      const outcome = AUTO_CLOSE_OUTCOME[h.state] ?? 'unknown';
      return {
        patch: { outcome, closedAt: at, snoozedUntil: null },
        event: 'closed',
        details: { outcome, automatic: true },
      };
    }
    case 'mark_not_reached':
      return {
        patch: { outcome: 'not_reached', closedAt: at },
        event: 'not_reached',
        details: { personIds: [...new Set(c.personIds)], platforms: [...new Set(c.platforms)] },
      };
  }
}

/** Decide what a command does to a handover. Throws a HandoverError a person can read. */
export function decide(h: Handover, c: Command, ctx: CommandContext): Decision {
  if (isNoop(h, c)) return { handover: h, events: [], noop: true };
  // People involved in this introduction learn what happened to it; anyone else only learns whose it is.
  const involved = c.actorId === h.introducerId || c.actorId === h.contactId || h.escalatedTo.includes(c.actorId);
  if (involved && !isAllowedFrom(c.type, h.state)) refuseTransition(h, c, ctx);
  checkActor(h, c, ctx);
  if (!isAllowedFrom(c.type, h.state)) refuseTransition(h, c, ctx);
  const change = apply(h, c, ctx);
  const to =
    c.type === 'confirm_contact' && c.followUpOwed
      ? TRANSITIONS.confirm_contact.toWhenFollowUpOwed!
      : resolveTarget(c.type, h.state);
  const at = ctx.now.toISOString();
  const next: Handover = { ...h, ...change.patch, state: to, version: h.version + 1, updatedAt: at };
  const event: HandoverEvent = {
    type: change.event,
    handoverId: h.id,
    actorId: c.actorId,
    at,
    from: h.state,
    to,
    details: change.details ?? {},
  };
  return { handover: next, events: [event], noop: false, noteText: change.noteText };
}

function resolveTarget(type: CommandType, from: HandoverState): HandoverState {
  const to = TRANSITIONS[type].to;
  return to === 'same' ? from : to;
}

export function isTerminal(h: Handover): boolean {
  return TERMINAL_STATES.has(h.state);
}
