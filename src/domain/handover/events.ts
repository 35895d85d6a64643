// What a command caused. Events carry ids and codes only, never client text, so they can go to the audit trail.
import type { HandoverState } from './types.ts';

export type HandoverEventType =
  | 'introduced'
  | 'accepted'
  | 'declined'
  | 'passed'
  | 'withdrawn'
  | 'note_added'
  | 'contact_made'
  | 'unreachable'
  | 'snoozed'
  | 'closed'
  | 'escalated'
  | 'expired'
  | 'nudged'
  | 'purged'
  | 'undeliverable'
  | 'outcome_asked'
  | 'outcome_not_yet'
  | 'not_reached';

export interface HandoverEvent {
  type: HandoverEventType;
  handoverId: string;
  actorId: string; // a person id or 'system'
  at: string;
  from: HandoverState | null;
  to: HandoverState;
  details: Record<string, string | number | boolean | string[] | null>;
}
