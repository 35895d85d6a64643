// The guided tour beside the inbox: the steps of a whole handover with the demo cast, each ticked when it has
// happened (read from the audit trail), each with the person to switch to. And "You are", grouped by role.
import type { ServerResponse } from 'node:http';
import type { Person } from '../../domain/directory/types.ts';
import { sendJson } from '../../http/body.ts';
import { DEMO_PEOPLE } from '../../directory-io/demo-directory.ts';
import type { TourProgress } from './tour-progress-store.ts';

export interface TourStep {
  id: string;
  title: string;
  hint: string;
  /** Who to be for this step; absent when the step is not about one person (time, the channel). */
  personId?: string;
  /** The view to open: inbox, introduce, channel or time. */
  view: 'inbox' | 'introduce' | 'channel' | 'time' | 'reports';
  done: boolean;
}

const anyOf = (p: TourProgress, ...events: string[]) => events.some((e) => p.events.has(e));

export function tourSteps(p: TourProgress): TourStep[] {
  const d = DEMO_PEOPLE;
  return [
    {
      id: 'introduce',
      title: 'Introduce a client',
      hint: 'As Jo, search for "anxiety", pick Mind in Lambeth, fill in the form and tick that the client agreed.',
      personId: d.introducer,
      view: 'introduce',
      done: anyOf(p, 'introduced'),
    },
    {
      id: 'answer',
      title: 'Answer as the named contact',
      hint: "As Sam, Accept, Decline (with a reason) or Pass to a colleague. Jo's receipt updates itself.",
      personId: d.contact,
      view: 'inbox',
      done: anyOf(p, 'accepted', 'declined', 'passed'),
    },
    {
      id: 'contact',
      title: 'Confirm first contact',
      hint: 'As Sam, after accepting, press "We\'ve made contact". The follow-up reminder stops.',
      personId: d.contact,
      view: 'inbox',
      done: anyOf(p, 'contact_made', 'unreachable'),
    },
    {
      id: 'nudge',
      title: 'Let a reminder happen',
      hint: 'Send another introduction and leave it. Move time forward past the reply-by date: Sam gets a reminder.',
      view: 'time',
      done: anyOf(p, 'nudged'),
    },
    {
      id: 'escalate',
      title: 'See the backup take over',
      hint: 'Move time forward one more working day: Alex (the backup) is asked, and Jo is told, with other services to try.',
      personId: d.backup,
      view: 'inbox',
      done: anyOf(p, 'escalated'),
    },
    {
      id: 'opportunity',
      title: 'Share an opportunity',
      hint: 'As Priya, post an opportunity in the peer-group channel; anyone can introduce a client to it.',
      personId: d.peer,
      view: 'channel',
      done: p.opportunities > 0,
    },
    {
      id: 'reports',
      title: 'Read the reports',
      hint: 'As Chris, the coordinator, open the reports: what happens to introductions, with no client details.',
      personId: d.coordinator,
      view: 'reports',
      done: false,
    },
  ];
}

export type PersonaGroup = 'demo' | 'introducers' | 'contacts' | 'backups' | 'coordinators' | 'others';

export const PERSONA_GROUP_LABELS: Record<PersonaGroup, string> = {
  demo: 'Demo cast',
  introducers: 'Introducers and peer group members',
  contacts: 'Named contacts',
  backups: 'Backup contacts',
  coordinators: 'Coordinators',
  others: 'Others',
};

const DEMO_ROLES: Record<string, string> = {
  [DEMO_PEOPLE.introducer]: 'Introducer',
  [DEMO_PEOPLE.contact]: 'Named contact',
  [DEMO_PEOPLE.backup]: 'Backup contact',
  [DEMO_PEOPLE.peer]: 'Peer group member',
  [DEMO_PEOPLE.coordinator]: 'Coordinator',
};

/** The demo cast's part in the story ("Named contact"), or '' for everyone else. */
export const demoLabel = (personId: string): string => DEMO_ROLES[personId] ?? '';

/** Which group someone appears under in "You are": demo cast first, then by what they do in the directory. */
export function personaGroup(p: Pick<Person, 'id' | 'isCoordinator'>, contactRoles: ReadonlySet<string>): PersonaGroup {
  if (DEMO_ROLES[p.id]) return 'demo';
  if (p.isCoordinator) return 'coordinators';
  if (contactRoles.has(`primary:${p.id}`)) return 'contacts';
  if (contactRoles.has(`backup:${p.id}`)) return 'backups';
  return 'introducers';
}

export function sendTour(res: ServerResponse, progress: TourProgress): void {
  sendJson(res, 200, { steps: tourSteps(progress) });
}
