// "My introductions": what is waiting for a person (they are the named contact, or a backup asked to step in) and
// what they introduced, newest change first. The same lists feed the Slack App Home, "status" in Teams and Slack,
// and the Teams welcome card.
import { isCurrentContact } from '../domain/handover/commands.ts';
import { TERMINAL_STATES, type Handover } from '../domain/handover/types.ts';
import type { MyIntroduction, MyIntroductions } from '../cards/my-introductions-card.ts';
import type { HandoverStore } from '../storage/handover-store.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import type { ServiceStore } from '../storage/service-store.ts';

/** How many introductions are read for one person; each list shows fewer (see MY_LIST_LIMIT). */
export const MY_FETCH_LIMIT = 100;
/** Items per list, so a card or the App Home stays inside the platforms' size limits. */
export const MY_LIST_LIMIT = 10;

export interface MyIntroductionsDeps {
  handovers: HandoverStore;
  services: ServiceStore;
  people: PeopleStore;
}

function item(deps: MyIntroductionsDeps, h: Handover, otherId: string): MyIntroduction {
  return {
    handoverId: h.id,
    version: h.version,
    state: h.state,
    clientName: h.client?.name ?? null,
    serviceName: deps.services.get(h.serviceId)?.name ?? 'a service',
    otherName: deps.people.nameOf(otherId),
    replyBy: h.state === 'sent' ? h.replyBy : null,
    followUpAt: h.state === 'accepted' ? h.followUpAt : null,
    updatedAt: h.updatedAt,
  };
}

/** Still waiting for this person to act: to answer, or to confirm contact. */
function waitsFor(h: Handover, personId: string): boolean {
  return (
    !TERMINAL_STATES.has(h.state) &&
    h.state !== 'contact_made' &&
    h.introducerId !== personId &&
    isCurrentContact(h, personId)
  );
}

export function myIntroductions(
  deps: MyIntroductionsDeps,
  personId: string,
  limit: number = MY_LIST_LIMIT,
): MyIntroductions {
  const all = deps.handovers.listForPerson(personId, MY_FETCH_LIMIT);
  const waiting = all.filter((h) => waitsFor(h, personId));
  const introduced = all.filter((h) => h.introducerId === personId);
  return {
    waiting: waiting.slice(0, limit).map((h) => item(deps, h, h.introducerId)),
    introduced: introduced.slice(0, limit).map((h) => item(deps, h, h.contactId)),
    moreWaiting: Math.max(0, waiting.length - limit),
    moreIntroduced: Math.max(0, introduced.length - limit),
  };
}
