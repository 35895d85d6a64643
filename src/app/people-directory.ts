// What a platform may read and change about people: find who is acting (by platform identity or e-mail), read a
// person or their name, list everyone (the playground's "who can I be"), and link a platform identity to a person.
// The PeopleStore (src/storage/people-store.ts) implements it; editing people is the coordinator pages' job.
import type { Person } from '../domain/directory/types.ts';
import type { Identity, Platform } from '../domain/ports.ts';

export interface PeopleDirectory {
  get(id: string): Person | undefined;
  /** A name to show; "someone who has left the directory" when the person is gone. */
  nameOf(id: string): string;
  findByEmail(email: string): Person | undefined;
  findByIdentity(platform: Platform, tenant: string, userId: string): Person | undefined;
  all(): Person[];
  /** Gives a person an identity on a platform (or moves that identity to them). */
  link(personId: string, identity: Identity): void;
}
