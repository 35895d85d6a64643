// Which way to reach a person: their identities on platforms that have a working Messenger, the platform
// they were last seen on first. The core never knows platforms; this is where a person becomes an address.
import type { Identity, Messenger, Platform } from '../domain/ports.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import type { PresenceStore } from '../storage/presence-store.ts';

/** When a person was never seen anywhere: chat before the browser, e-mail last. */
export const PLATFORM_PREFERENCE: readonly Platform[] = ['teams', 'slack', 'web', 'email'];

export interface Route {
  identity: Identity;
  messenger: Messenger;
}

export class Router {
  private readonly messengers = new Map<Platform, Messenger>();

  constructor(private readonly people: PeopleStore, private readonly presence: PresenceStore, messengers: Messenger[] = []) {
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
    const identities = person.email && !person.identities.some((i) => i.platform === 'email')
      ? [...person.identities, { platform: 'email' as const, tenant: '', userId: person.email }]
      : person.identities;
    return identities
      .filter((i) => this.messengers.has(i.platform))
      .sort((a, b) => rank(a.platform) - rank(b.platform))
      .map((identity) => ({ identity, messenger: this.messengers.get(identity.platform)! }));
  }
}
