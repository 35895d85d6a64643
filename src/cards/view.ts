// What a card builder needs to know about one handover, loaded once by the composer.
// Builders are pure functions of this view: no storage, no clock of their own.
import { isCurrentContact } from '../domain/handover/commands.ts';
import type { Handover } from '../domain/handover/types.ts';
import type { Capacity, CategoryId, Service } from '../domain/directory/types.ts';
import type { CardAction, ActionId } from './model.ts';

/** introducer; contact: the current named contact; backup: offered it after escalation; other: status only. */
export type ViewerRole = 'introducer' | 'contact' | 'backup' | 'other';

export interface PersonView {
  id: string;
  name: string;
  organisation: string;
  role: string;
}

export interface ServiceSummary {
  id: string;
  name: string;
  organisation: string;
  capacity: Capacity;
  description: string;
  areas: string[];
  contacts: (PersonView & { contactRole: 'primary' | 'backup' })[];
}

export interface StepRecord {
  event: string;
  actorId: string;
  at: string;
  details: Record<string, unknown>;
}

export interface HandoverView {
  handover: Handover;
  service: ServiceSummary;
  introducer: PersonView;
  contact: PersonView;
  nameOf(personId: string): string;
  notes: { authorId: string; at: string; text: string }[];
  steps: StepRecord[];
  viewerId: string;
  role: ViewerRole;
  timeZone: string;
  now: Date;
  /** Where the named contact's introduction card went ('slack', 'teams', 'web', 'email'), or null while it has not reached them. */
  reachedOn?: string | null;
  /** For the introducer: the introduction this one follows, and those that follow it (service names). */
  related?: { follows?: { serviceName: string; state: Handover['state'] }; followedBy: string[] };
}

export function roleOf(h: Handover, viewerId: string): ViewerRole {
  if (h.contactId === viewerId) return 'contact';
  if (isCurrentContact(h, viewerId)) return 'backup';
  if (h.introducerId === viewerId) return 'introducer';
  return 'other';
}

/** A button on a handover card: name, handover id and the version it was shown at. Nothing else. */
export function handoverAction(
  view: HandoverView,
  id: ActionId,
  label: string,
  style?: CardAction['style'],
): CardAction {
  return { id, label, style, subjectId: view.handover.id, version: view.handover.version };
}

export function isActingContact(view: HandoverView): boolean {
  return view.role === 'contact' || view.role === 'backup';
}

/** A service to try instead, and why it is suggested. */
export interface Alternative {
  service: Service;
  /** Categories of need it shares with the first service, in the first service's order. */
  sharedCategories: CategoryId[];
  /** The client's area it covers ("Lambeth"), or null when it covers everywhere. */
  area: string | null;
  stale: boolean;
}
