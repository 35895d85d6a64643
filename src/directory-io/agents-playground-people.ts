// The Microsoft 365 Agents Playground's default test users (its built-in configuration: tenant, names, e-mail
// addresses and AAD object ids), added as demo people in local Teams mode (TEAMS=on without an app id), so
// "introduce" works in the Playground at once: Alex Wilber, the Playground's own user, is a work coach.
import type { Db } from '../storage/sqlite.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { inTransaction } from '../storage/sqlite.ts';

/** The tenant every Agents Playground activity comes from. */
export const AGENTS_PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';

interface PlaygroundUser {
  id: string;
  name: string;
  email: string;
  aadObjectId: string;
  organisation: string;
  role: string;
  isCoordinator?: boolean;
}

/** In the Playground's default order; Alex Wilber is the user who types. */
export const AGENTS_PLAYGROUND_PEOPLE: readonly PlaygroundUser[] = [
  {
    id: 'p-alex-wilber',
    name: 'Alex Wilber',
    email: 'alexw@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000020',
    organisation: 'Lambeth Jobcentre',
    role: 'Work coach',
  },
  {
    id: 'p-megan-bowen',
    name: 'Megan Bowen',
    email: 'meganb@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000021',
    organisation: 'Lambeth Council',
    role: 'Housing officer',
  },
  {
    id: 'p-adele-vance',
    name: 'Adele Vance',
    email: 'adelev@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000022',
    organisation: 'Southwark Council',
    role: 'Family support worker',
  },
  {
    id: 'p-isaiah-langer',
    name: 'Isaiah Langer',
    email: 'isaiahl@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000023',
    organisation: 'Lambeth College',
    role: 'Careers adviser',
  },
  {
    id: 'p-patti-fernandez',
    name: 'Patti Fernandez',
    email: 'pattif@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000024',
    organisation: 'Lambeth GP Federation',
    role: 'Social prescriber',
  },
  {
    id: 'p-lynne-robbins',
    name: 'Lynne Robbins',
    email: 'lynner@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000025',
    organisation: 'Lambeth Council',
    role: 'No Wrong Door coordinator',
    isCoordinator: true,
  },
];

/** Adds the Playground's users who are not in the directory yet (by e-mail); returns how many were added. */
export function addAgentsPlaygroundPeople(db: Db, now: Date): number {
  const people = new PeopleStore(db, () => now);
  const missing = AGENTS_PLAYGROUND_PEOPLE.filter((u) => !people.findByEmail(u.email));
  inTransaction(db, () => {
    for (const u of missing) {
      people.upsert({
        id: u.id,
        name: u.name,
        email: u.email,
        organisation: u.organisation,
        role: u.role,
        isCoordinator: Boolean(u.isCoordinator),
        identities: [
          { platform: 'web', tenant: '', userId: u.id },
          { platform: 'teams', tenant: AGENTS_PLAYGROUND_TENANT, userId: u.aadObjectId },
        ],
      });
    }
  });
  return missing.length;
}
