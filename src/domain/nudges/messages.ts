// Which card a due item turns into, and the idempotency keys that keep a retry from sending twice.
import type { HandoverScheduleKind } from './plan.ts';

/** Why a nudge was sent; the card composer words it. */
export const NUDGE_REASONS: Record<'reply_nudge' | 'follow_up_nudge' | 'follow_up_introducer', string> = {
  reply_nudge: 'reply_overdue',
  follow_up_nudge: 'contact_not_confirmed',
  follow_up_introducer: 'contact_not_confirmed_introducer',
};

export function isNudgeKind(kind: string): kind is keyof typeof NUDGE_REASONS {
  return kind in NUDGE_REASONS;
}

/** One message per (subject, event, version, recipient, card kind): the same change never queues twice. */
export function messageKey(parts: {
  subjectId: string;
  event: string;
  version?: number;
  recipient: string;
  cardKind: string;
}): string {
  const version = parts.version === undefined ? '' : `v${parts.version}`;
  return [parts.subjectId, parts.event, version, parts.cardKind, parts.recipient].join('/');
}

export function scheduleMessageKey(
  subjectId: string,
  kind: HandoverScheduleKind | 'digest' | 'review_request',
  dueAt: string,
  recipient: string,
): string {
  return [subjectId, kind, dueAt, recipient].join('/');
}
