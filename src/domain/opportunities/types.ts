// Opportunities shared in peer groups: courses, jobs, volunteering, groups and events.
// An opportunity describes a provider's offer; it never holds anything about a client.
import type { Platform } from '../ports.ts';

export const OPPORTUNITY_TYPES = ['course', 'job', 'volunteering', 'group', 'event'] as const;
export type OpportunityType = (typeof OPPORTUNITY_TYPES)[number];
export const OPPORTUNITY_TYPE_LABELS: Record<OpportunityType, string> = {
  course: 'Course',
  job: 'Job',
  volunteering: 'Volunteering',
  group: 'Group',
  event: 'Event',
};

export const OPPORTUNITY_STATUSES = ['open', 'closed'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/** deadline: the deadline passed (closed by the sweep); manual: the poster, contact or a coordinator closed it. */
export type CloseReason = 'deadline' | 'manual';

export interface Opportunity {
  id: string;
  title: string;
  provider: string;
  type: OpportunityType;
  summary: string | null;
  /** When it runs, as typed by the poster. */
  dates: string | null;
  /** ISO instant (UTC). The opportunity is open while now < deadline. */
  deadline: string;
  whoFor: string;
  howToJoin: string;
  postedBy: string;
  /** The named contact "Introduce a client to this" goes to: always a directory person. */
  contactId: string;
  /** The directory service introductions go through; null when the contact is not named on any service. */
  serviceId: string | null;
  status: OpportunityStatus;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  closeReason: CloseReason | null;
}

/** A channel or group conversation, the same shape as ports.ChannelAddress. */
export interface ChannelRef {
  platform: Platform;
  tenant: string;
  channelId: string;
}
