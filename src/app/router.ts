// Which way to reach a person: their identities on platforms that have a working Messenger, the platform
// they were last seen on first. The core never knows platforms; this is where a person becomes an address.
import type { Identity, Platform } from '../domain/ports.ts';
import type { Messenger } from './ports.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import type { PresenceStore } from '../storage/presence-store.ts';
import type { ReachStore } from '../storage/reach-store.ts';

/** A person not found on a platform is not looked up there again for this long. */
export const LOOKUP_MISS_TTL_MS = 24 * 60 * 60 * 1000;

/** When a person was never seen anywhere: chat before the browser, e-mail last. */
export const PLATFORM_PREFERENCE: readonly Platform[] = ['teams', 'slack', 'web', 'email'];

export interface Route {
  identity: Identity;
  messenger: Messenger;
  /** The person has no identity on this platform yet: find them first (messenger.findPerson), then send. */
  lookup?: { email: string; organisation: string };
}

export interface RouterReach {
  store: ReachStore;
  now: () => Date;
}

export class Router {
  private readonly messengers = new Map<Platform, Messenger>();

  constructor(
    private readonly people: PeopleStore,
    private readonly presence: PresenceStore,
    messengers: Messenger[] = [],
    private readonly reach?: RouterReach,
  ) {
    for (const m of messengers) this.register(m);
  }

  register(m: Messenger): void {
    this.messengers.set(m.platform, m);
  }

  messenger(platform: Platform): Messenger | undefined {
    return this.messengers.get(platform);
  }

  /** The switched-on platforms a person can be reached on, in the order they are tried for someone never seen. */
  personPlatforms(): Platform[] {
    return PLATFORM_PREFERENCE.filter((p) => this.messengers.has(p));
  }

  /** Every way to reach this person, best first; empty when none of their platforms is switched on. */
  routes(personId: string): Route[] {
    const person = this.people.get(personId);
    if (!person) return [];
    const seen = this.presence.lastSeen(personId);
    const rank = (p: Platform) => {
      const i = seen.indexOf(p);
      return i >= 0 ? i : seen.length + PLATFORM_PREFERENCE.indexOf(p);
    };
    // Anyone with an e-mail address in the directory can be reached by e-mail, even without a chat identity.
    const identities =
      person.email && !person.identities.some((i) => i.platform === 'email')
        ? [...person.identities, { platform: 'email' as const, tenant: '', userId: person.email }]
        : person.identities;
    const known = identities
      .filter((i) => this.messengers.has(i.platform))
      .map((identity): Route => ({ identity, messenger: this.messengers.get(identity.platform)! }));
    return [...known, ...this.lookups(person, known)].sort(
      (a, b) => rank(a.identity.platform) - rank(b.identity.platform),
    );
  }

  /** Platforms that can find this person by e-mail, where they have no identity and no fresh "not found". */
  private lookups(person: { id: string; email: string | null; organisation: string }, known: Route[]): Route[] {
    const email = person.email;
    if (!email) return [];
    const now = this.reach?.now();
    return [...this.messengers.values()]
      .filter((m) => m.findPerson && !known.some((r) => r.identity.platform === m.platform))
      .filter((m) => !(now && this.reach?.store.freshMiss(person.id, m.platform, now, LOOKUP_MISS_TTL_MS)))
      .map((messenger) => ({
        identity: { platform: messenger.platform, tenant: '', userId: '' },
        messenger,
        lookup: { email, organisation: person.organisation },
      }));
  }

  /** Remembers that a platform could not find or reach this person (not looked up again for a while). */
  noteMiss(personId: string, platform: Platform, reason: string): void {
    const now = this.reach?.now();
    if (now) this.reach?.store.noteMiss(personId, platform, reason, now);
  }

  /** Stores an identity a platform found, so later messages go straight there. */
  link(personId: string, identity: Identity): void {
    this.people.link(personId, identity);
  }
}
