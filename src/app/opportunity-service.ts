// Opportunities in peer-group channels: post one to channels, close them at their deadline, queue each channel's
// weekly digest, and start an introduction from one. Messages go through the outbox in the same transaction.
import { buildChannelDigestCard, buildOpportunityCard, type OpportunityCardView } from '../cards/opportunity-card.ts';
import type { Card } from '../cards/model.ts';
import { primaryContactId } from '../domain/directory/types.ts';
import { isoWeekOf, weeklyDigestMoment } from '../domain/opportunities/deadline.ts';
import {
  OpportunityClosedError,
  OpportunityInputError,
  OpportunityNoServiceError,
  OpportunityNotFoundError,
  OpportunityNotYoursError,
} from '../domain/opportunities/errors.ts';
import {
  MAX_CHANNELS_PER_POST,
  parseNewOpportunity,
  type NewOpportunity,
} from '../domain/opportunities/new-opportunity.ts';
import { isOpen, selectForDigest } from '../domain/opportunities/open.ts';
import type { Opportunity } from '../domain/opportunities/types.ts';
import type { ChannelAddress, Clock } from '../domain/ports.ts';
import type { OpportunityStore, PeerGroup } from '../storage/opportunity-store.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import type { ServiceStore } from '../storage/service-store.ts';
import { inTransaction, type Db } from '../storage/sqlite.ts';
import type { CardRequest, OutboxRequest } from './ports.ts';
import { digestKeyOf, opportunityRequest, parseDigestKey } from './opportunity-keys.ts';
import { newId } from './ids.ts';
import { checkChannels } from './opportunity-channels.ts';

/** Where messages are queued: OutboxStore.enqueue fits (a repeated idempotency key is ignored). */
export interface OutboxSink {
  enqueue(req: OutboxRequest, now: Date): boolean | void;
}

export interface OpportunityServiceDeps {
  db: Db;
  clock: Clock;
  /** Deadlines typed as dates and the weekly digest are in this zone (config.timeZone, Europe/London). */
  timeZone: string;
  store: OpportunityStore;
  people: PeopleStore;
  services: ServiceStore;
  outbox: OutboxSink;
}

/** What an introduce form needs when someone clicks "Introduce a client to this". */
export interface IntroducePrefill {
  opportunityId: string;
  opportunityTitle: string;
  serviceId: string;
  serviceName: string;
  contactId: string;
  contactName: string;
}

export class OpportunityService {
  private readonly afterCommit: Array<() => void> = [];

  constructor(private readonly deps: OpportunityServiceDeps) {}

  /** Runs after every committed change that queued messages (e.g. to wake the dispatcher). */
  onCommitted(fn: () => void): void {
    this.afterCommit.push(fn);
  }

  get(id: string): Opportunity {
    const o = this.deps.store.find(id);
    if (!o) throw new OpportunityNotFoundError(id);
    return o;
  }

  /** Newest first, or (open: true) what is still open now, soonest deadline first. */
  list(options: { open?: boolean } = {}): Opportunity[] {
    return this.deps.store.list(options.open ? { openAt: this.deps.clock.now() } : {});
  }

  /** Registered peer-group channels, by name; only those of one platform (and tenant) when given. */
  peerGroups(platform?: ChannelAddress['platform'], tenant?: string): PeerGroup[] {
    return this.deps.store
      .peerGroups()
      .filter((g) => (!platform || g.platform === platform) && (tenant === undefined || g.tenant === tenant));
  }

  /** Registers (or renames) a channel as a peer group, e.g. when the bot is added to it. */
  registerPeerGroup(channel: ChannelAddress, name: string, by: string | null): void {
    this.deps.store.registerPeerGroup(channel, name, by, this.deps.clock.now().toISOString());
  }

  /** Stores a new opportunity and queues one card per channel (updated in place later, e.g. when it closes). */
  /**
   * options.posterUnlessChosen (default true): with no service and no contact given, the poster is the named contact,
   * through the first service naming them. The post form says false: there the poster is the named contact only
   * when they choose their own service, so a course someone else runs is never tied to the poster's service.
   */
  postOpportunity(
    personId: string,
    input: unknown,
    channels: ChannelAddress[],
    channelNames: Record<string, string> = {},
    options: { posterUnlessChosen?: boolean } = {},
  ): Opportunity {
    if (!this.deps.people.get(personId)) {
      throw new OpportunityInputError(
        'We do not know who you are yet: ask your coordinator to add you to the directory.',
      );
    }
    const now = this.deps.clock.now();
    const targets = checkChannels(channels, MAX_CHANNELS_PER_POST);
    const fields = parseNewOpportunity(input, now, this.deps.timeZone);
    const opportunity = this.resolve(
      personId,
      fields,
      newId('O'),
      now.toISOString(),
      options.posterUnlessChosen ?? true,
    );
    inTransaction(this.deps.db, () => {
      this.deps.store.insert(opportunity);
      for (const channel of targets) {
        this.deps.store.ensurePeerGroup(
          channel,
          channelNames[channel.channelId] ?? channel.channelId,
          personId,
          now.toISOString(),
        );
        this.deps.store.addPost(opportunity.id, channel, now.toISOString());
        this.deps.outbox.enqueue(opportunityRequest(opportunity.id, channel, 'posted'), now);
      }
    });
    this.committed();
    return opportunity;
  }

  /** Closes it now (poster, named contact or a coordinator; 'system' for the CLI) and updates every posted card. */
  close(id: string, actorId: string): { opportunity: Opportunity; noop: boolean } {
    const before = this.get(id);
    if (before.status === 'closed') return { opportunity: before, noop: true };
    const allowed =
      actorId === 'system' ||
      actorId === before.postedBy ||
      actorId === before.contactId ||
      this.deps.people.get(actorId)?.isCoordinator;
    if (!allowed) throw new OpportunityNotYoursError();
    const now = this.deps.clock.now();
    const closed = inTransaction(this.deps.db, () => this.closeOne(before, now, actorId, 'manual'));
    if (closed) this.committed();
    return { opportunity: this.get(id), noop: !closed };
  }

  /** Closes every open opportunity whose deadline has passed and queues the "Closed" update of each posted card. */
  closeExpired(now: Date = this.deps.clock.now()): Opportunity[] {
    const closed = inTransaction(this.deps.db, () =>
      this.deps.store.expired(now).filter((o) => this.closeOne(o, now, 'system', 'deadline')),
    );
    if (closed.length > 0) this.committed();
    return closed.map((o) => this.get(o.id));
  }

  /**
   * From Monday 09:00 (service time zone) once per ISO week: one digest per channel that still has open opportunities.
   * Safe to call on every sweep: before Monday 09:00, or once the week's digest has run, it queues nothing.
   */
  weeklyDigest(now: Date = this.deps.clock.now()): OutboxRequest[] {
    if (now.getTime() < weeklyDigestMoment(now, this.deps.timeZone).getTime()) return [];
    const week = isoWeekOf(now, this.deps.timeZone);
    const queued = inTransaction(this.deps.db, () => {
      if (!this.deps.store.claimDigestWeek(week, now.toISOString())) return [];
      return this.deps.store.channelsWithOpen(now).map((channel) => {
        const req: OutboxRequest = {
          idempotencyKey: `digest:${channel.platform}:${channel.tenant}:${channel.channelId}:${week}`,
          recipient: { channel },
          mode: 'new',
          card: {
            kind: 'digest',
            subjectId: digestKeyOf(channel, week),
            params: { platform: channel.platform, tenant: channel.tenant, channelId: channel.channelId, week },
          },
        };
        this.deps.outbox.enqueue(req, now);
        return req;
      });
    });
    if (queued.length > 0) this.committed();
    return queued;
  }

  /** "Introduce a client to this": the service and named contact the introduce form should be filled with. */
  introduceToOpportunity(opportunityId: string, personId: string): IntroducePrefill {
    if (!this.deps.people.get(personId)) {
      throw new OpportunityInputError(
        'We do not know who you are yet: ask your coordinator to add you to the directory.',
      );
    }
    const o = this.get(opportunityId);
    if (!isOpen(o, this.deps.clock.now())) throw new OpportunityClosedError(o.title);
    const service = o.serviceId ? this.deps.services.get(o.serviceId) : undefined;
    if (!service) throw new OpportunityNoServiceError(this.deps.people.nameOf(o.contactId));
    const named = service.contacts.some((c) => c.personId === o.contactId);
    const contactId = named ? o.contactId : primaryContactId(service);
    if (!contactId) throw new OpportunityNoServiceError(this.deps.people.nameOf(o.contactId));
    return {
      opportunityId: o.id,
      opportunityTitle: o.title,
      serviceId: service.id,
      serviceName: service.name,
      contactId,
      contactName: this.deps.people.nameOf(contactId),
    };
  }

  /** The introduce form's fields with the opportunity's service, contact and id put in (checked again at submit). */
  introductionInput(
    opportunityId: string,
    personId: string,
    formInput: Record<string, unknown>,
  ): Record<string, unknown> {
    const p = this.introduceToOpportunity(opportunityId, personId);
    return { ...formInput, serviceId: p.serviceId, contactId: p.contactId, opportunityId: p.opportunityId };
  }

  /** The card composer's entry for kind 'opportunity' and for channel digests (subjectId `channel:…`). */
  composeCard(request: CardRequest): Card | null {
    const now = this.deps.clock.now();
    const ctx = { now, timeZone: this.deps.timeZone };
    if (request.kind === 'opportunity') {
      const o = this.deps.store.find(request.subjectId);
      return o ? buildOpportunityCard(this.view(o), ctx) : null;
    }
    if (request.kind !== 'digest') return null;
    const key = parseDigestKey(request.subjectId, request.params, (p, c) => this.deps.store.tenantOf(p, c));
    if (!key) return null;
    const items = selectForDigest(this.deps.store.openInChannelAt(key.channel, now), now);
    if (items.length === 0) return null;
    const channelName = this.deps.store.peerGroup(key.channel)?.name;
    return buildChannelDigestCard(
      items.map((o) => this.view(o)),
      { ...ctx, digestKey: request.subjectId, channelName },
    );
  }

  view(o: Opportunity): OpportunityCardView {
    const contact = this.deps.people.get(o.contactId);
    return {
      opportunity: o,
      contactName: contact?.name ?? this.deps.people.nameOf(o.contactId),
      contactOrganisation: contact?.organisation ?? '',
      serviceName: o.serviceId ? (this.deps.services.get(o.serviceId)?.name ?? null) : null,
      postedByName: this.deps.people.nameOf(o.postedBy),
      closedByName: o.closedBy === 'system' ? 'a coordinator' : o.closedBy ? this.deps.people.nameOf(o.closedBy) : null,
    };
  }

  private closeOne(o: Opportunity, now: Date, actorId: string, reason: 'deadline' | 'manual'): boolean {
    if (!this.deps.store.markClosed(o.id, now.toISOString(), actorId, reason)) return false;
    for (const channel of this.deps.store.posts(o.id))
      this.deps.outbox.enqueue(opportunityRequest(o.id, channel, 'closed'), now);
    return true;
  }

  /** Works out the named contact and the directory service introductions will go through. */
  private resolve(
    personId: string,
    f: NewOpportunity,
    id: string,
    at: string,
    posterUnlessChosen: boolean,
  ): Opportunity {
    let serviceId = f.serviceId;
    let contactId = f.contactId;
    if (serviceId) {
      const service = this.deps.services.get(serviceId);
      if (!service)
        throw new OpportunityInputError('We could not find that service in the directory.', {
          serviceId: 'Choose a service from the directory.',
        });
      const names = service.contacts.map((c) => c.personId);
      contactId ??= names.includes(personId) ? personId : primaryContactId(service);
      if (!contactId)
        throw new OpportunityInputError('That service has no named contact yet.', {
          serviceId: 'Choose a service with a named contact.',
        });
      if (!names.includes(contactId))
        throw new OpportunityInputError('That person is not a named contact of this service.', {
          contactId: 'Choose a named contact of this service.',
        });
    } else if (!contactId && !posterUnlessChosen) {
      // Nothing chosen: linked to no service; the poster is only who posted it.
      contactId = personId;
    } else {
      contactId ??= personId;
      if (!this.deps.people.get(contactId))
        throw new OpportunityInputError('We could not find that named contact in the directory.', {
          contactId: 'Choose a person from the directory.',
        });
      serviceId = this.deps.store.servicesNaming(contactId)[0] ?? null;
    }
    return {
      ...f,
      id,
      contactId,
      serviceId,
      postedBy: personId,
      status: 'open',
      createdAt: at,
      closedAt: null,
      closedBy: null,
      closeReason: null,
    };
  }

  private committed(): void {
    for (const fn of this.afterCommit) fn();
  }
}
