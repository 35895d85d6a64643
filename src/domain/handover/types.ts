// The handover aggregate: what a warm introduction is and where it stands.

export const HANDOVER_STATES = [
  'sent',
  'accepted',
  'contact_made',
  'closed',
  'declined',
  'withdrawn',
  'expired',
  'unreachable',
  'not_reached',
] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

/** States from which nothing more can happen. */
export const TERMINAL_STATES: ReadonlySet<HandoverState> = new Set([
  'closed',
  'declined',
  'withdrawn',
  'expired',
  'not_reached',
]);

export const DECLINE_REASONS = ['no_capacity', 'not_eligible', 'not_right_service', 'already_known', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  no_capacity: 'No capacity right now',
  not_eligible: 'Not eligible',
  not_right_service: 'Not the right service',
  already_known: 'Already known to us',
  other: 'Other',
};

/** not_reached: nobody at the service (named contact, backups, channel) could be reached on any route; unreachable: the client. */
export const OUTCOMES = [
  'contact_made',
  'unreachable',
  'client_declined',
  'withdrawn',
  'expired',
  'declined',
  'unknown',
  'not_reached',
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  contact_made: 'Contact made',
  unreachable: 'Client could not be reached',
  client_declined: 'Client decided not to go ahead',
  withdrawn: 'Withdrawn',
  expired: 'Expired without an answer',
  declined: 'Declined',
  unknown: 'Outcome unknown',
  not_reached: 'Named contact could not be reached',
};

/** Outcomes that say what happened; `unknown` (nobody told us in time) is the only one that does not. */
export function isKnownOutcome(outcome: Outcome | null): boolean {
  return outcome !== null && outcome !== 'unknown';
}

export const URGENCIES = ['routine', 'soon', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CONSENT_METHODS = ['in_person', 'phone', 'written'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export interface Consent {
  confirmedBy: string; // person id of the introducer who confirmed it
  at: string; // ISO time
  how: ConsentMethod;
}

export interface AccessNeeds {
  language?: string;
  interpreter?: boolean;
  disability?: string;
}

/** Client details: minimal, purged after closure. */
export interface ClientDetails {
  name: string; // first name or initials
  needs: string; // in their own words
  reasonForService: string;
  contactMethod: string; // how the client prefers to be contacted
  contactTimes?: string;
  accessNeeds: AccessNeeds;
  contactDetails?: string; // shown to the contact only after accepting
}

export interface Handover {
  id: string;
  version: number;
  state: HandoverState;
  serviceId: string;
  introducerId: string;
  contactId: string;
  escalatedTo: string[];
  client: ClientDetails | null; // null once purged
  consent: Consent;
  urgency: Urgency;
  replyBy: string;
  expiresAt: string;
  followUpAt: string | null;
  snoozedUntil: string | null;
  outcome: Outcome | null;
  declineReason: DeclineReason | null;
  createdAt: string;
  updatedAt: string;
  acceptedAt: string | null;
  answeredAt: string | null;
  contactMadeAt: string | null;
  closedAt: string | null;
  purgedAt: string | null;
  opportunityId: string | null;
  /** How many times the introducer was asked for the outcome (absent: never). */
  outcomeAsks?: number;
  /** How many times the introducer answered "Not yet" (absent: never). */
  notYetCount?: number;
  /** When the introducer last answered "Not yet". */
  notYetAt?: string | null;
  /** The earlier introduction of the same client that this one follows (after a decline, expiry or no contact). */
  followsId?: string | null;
  /** A link to the chat message the introduction started from; shown to the introducer only. */
  sourceLink?: string | null;
}

export interface HandoverNote {
  authorId: string;
  at: string;
  text: string;
}
