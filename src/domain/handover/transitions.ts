// The one table of what may happen to a handover, from which state, and by whom.
import type { HandoverState } from './types.ts';

export type CommandType =
  | 'accept'
  | 'decline'
  | 'pass'
  | 'withdraw'
  | 'add_note'
  | 'confirm_contact'
  | 'report_unreachable'
  | 'snooze'
  | 'close'
  | 'escalate'
  | 'expire'
  | 'ask_outcome'
  | 'report_outcome'
  | 'not_yet'
  | 'auto_close'
  | 'mark_not_reached';

/** contact: the current named contact or an escalated backup; introducer; party: either; system: the scheduler. */
export type Actor = 'contact' | 'introducer' | 'party' | 'system';

export interface Transition {
  from: readonly HandoverState[];
  /** 'same' keeps the state (a note, a snooze, a reassignment back to sent). */
  to: HandoverState | 'same';
  who: Actor;
  /** Plain-English verb for messages: "can no longer be accepted". */
  verb: string;
  /** Where the command leads instead when a follow-up is still owed (the contact keeps it open). */
  toWhenFollowUpOwed?: HandoverState;
}

export const TRANSITIONS: Readonly<Record<CommandType, Transition>> = {
  accept: { from: ['sent'], to: 'accepted', who: 'contact', verb: 'accepted' },
  decline: { from: ['sent'], to: 'declined', who: 'contact', verb: 'declined' },
  pass: { from: ['sent'], to: 'same', who: 'contact', verb: 'passed to a colleague' },
  withdraw: { from: ['sent', 'accepted', 'unreachable'], to: 'withdrawn', who: 'introducer', verb: 'withdrawn' },
  add_note: {
    from: ['sent', 'accepted', 'contact_made', 'unreachable'],
    to: 'same',
    who: 'party',
    verb: 'given a note',
  },
  confirm_contact: {
    from: ['accepted', 'unreachable'],
    to: 'closed',
    toWhenFollowUpOwed: 'contact_made',
    who: 'contact',
    verb: 'marked as contact made',
  },
  report_unreachable: { from: ['accepted'], to: 'unreachable', who: 'contact', verb: 'marked as could not reach' },
  snooze: { from: ['sent', 'accepted'], to: 'same', who: 'contact', verb: 'snoozed' },
  close: { from: ['accepted', 'contact_made', 'unreachable'], to: 'closed', who: 'party', verb: 'closed' },
  escalate: { from: ['sent'], to: 'same', who: 'system', verb: 'escalated' },
  expire: { from: ['sent'], to: 'expired', who: 'system', verb: 'expired' },
  ask_outcome: { from: ['accepted'], to: 'same', who: 'system', verb: 'asked about' },
  report_outcome: { from: ['accepted'], to: 'closed', who: 'introducer', verb: 'given an outcome' },
  not_yet: { from: ['accepted'], to: 'same', who: 'introducer', verb: 'answered "Not yet"' },
  auto_close: { from: ['accepted', 'contact_made', 'unreachable'], to: 'closed', who: 'system', verb: 'closed' },
  /** Nobody at the service could be reached on any switched-on route: the introducer is told at once. */
  mark_not_reached: { from: ['sent'], to: 'not_reached', who: 'system', verb: 'marked as not reached' },
};

export function isAllowedFrom(type: CommandType, state: HandoverState): boolean {
  return TRANSITIONS[type].from.includes(state);
}
