// Use cases: load → decide (pure) → save with a version check, audit and notes in one short transaction.
// Listeners (the outbox) run inside that transaction, so a state change and its messages commit together.
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import { decide, type Command, type CommandContext } from '../domain/handover/commands.ts';
import { HandoverConflictError, HandoverNotFoundError, InvalidInputError } from '../domain/handover/errors.ts';
import type { HandoverEvent } from '../domain/handover/events.ts';
import { introduce } from '../domain/handover/introduce.ts';
import type { Handover } from '../domain/handover/types.ts';
import { primaryContactId, type Service } from '../domain/directory/types.ts';
import type { Clock } from '../domain/ports.ts';
import { ActionKeyStore } from '../storage/action-key-store.ts';
import type { HandoverStore } from '../storage/handover-store.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import type { ServiceStore } from '../storage/service-store.ts';
import { inTransaction, type Db } from '../storage/sqlite.ts';
import { newId } from './ids.ts';
import { mayFollowUp } from './reintroduce.ts';

export const MAX_CONFLICT_RETRIES = 5;

export interface HandoverChange {
  before: Handover | null;
  after: Handover;
  events: HandoverEvent[];
  noteText?: string;
  /** The handover's service as the change loaded it, so listeners need not load it again. */
  service?: Service;
  /** The message the actor clicked: the platform shows the result there, so it is not updated a second time. */
  shownIn?: ShownIn;
}

/** A message on a platform, as the platform names it (a Slack channel and ts, a Teams conversation and activity). */
export interface ShownIn {
  conversationId: string;
  messageId: string;
}

export interface ActOptions {
  shownIn?: ShownIn;
  /** The press this change answers: a repeat of its key changes nothing. */
  press?: Press;
}

export type HandoverListener = (change: HandoverChange) => void;

export interface HandoverServiceDeps {
  db: Db;
  clock: Clock;
  calendar: WorkingCalendar;
  timeZone: string;
  handovers: HandoverStore;
  people: PeopleStore;
  services: ServiceStore;
}

export interface ActResult {
  handover: Handover;
  noop: boolean;
  events: HandoverEvent[];
  /** The service the handover is with, as loaded for the change (so a card of the result need not load it again). */
  service: Service;
}

/** What one press is: its one-answer key and the action it names (see action-key-store.ts). */
export interface Press {
  key: string;
  actionId: string;
}

/** Thrown inside a transaction when an earlier press already holds the key: the change is rolled back. */
class RepeatedPress extends Error {
  constructor(readonly handoverId: string) {
    super('repeated press');
  }
}

export class HandoverService {
  private readonly listeners: HandoverListener[] = [];
  private readonly afterCommit: Array<() => void> = [];
  readonly pressKeys: ActionKeyStore;

  constructor(private readonly deps: HandoverServiceDeps) {
    this.pressKeys = new ActionKeyStore(deps.db);
  }

  /** The handover an earlier press with this key (by this person) answered, if any. */
  answered(actorId: string, key: string | undefined): Handover | undefined {
    const earlier = key ? this.pressKeys.find(key) : undefined;
    return earlier && earlier.actorId === actorId ? this.deps.handovers.find(earlier.handoverId) : undefined;
  }

  private claim(press: Press | undefined, actorId: string, handoverId: string, at: string): void {
    if (!press) return;
    if (!this.pressKeys.claim({ key: press.key, actorId, actionId: press.actionId, handoverId, at })) {
      throw new RepeatedPress(this.pressKeys.find(press.key)?.handoverId ?? handoverId);
    }
  }

  /** The earlier introduction a re-introduction follows: the same introducer's, and no longer in anyone's hands. */
  private followed(introducerId: string, followsId: string | undefined): string | undefined {
    if (!followsId) return undefined;
    const first = this.deps.handovers.find(followsId);
    if (!first || first.introducerId !== introducerId)
      throw new InvalidInputError('You can only follow up your own introductions.');
    if (!mayFollowUp(first)) {
      throw new InvalidInputError('That introduction is still going ahead, so there is nothing to follow up.');
    }
    return first.id;
  }

  /** Runs inside the transaction of every change (e.g. to queue messages in the outbox). */
  onChange(listener: HandoverListener): void {
    this.listeners.push(listener);
  }

  /** Runs after every committed change (e.g. to wake the dispatcher). */
  onCommitted(fn: () => void): void {
    this.afterCommit.push(fn);
  }

  get(id: string): Handover {
    const h = this.deps.handovers.find(id);
    if (!h) throw new HandoverNotFoundError(id);
    return h;
  }

  service(id: string): Service {
    const s = this.deps.services.get(id);
    if (!s)
      throw new InvalidInputError(`We couldn't find that service (${id}) in the directory.`, {
        serviceId: 'Choose a service from the directory.',
      });
    return s;
  }

  /** The service, or undefined when it has left the directory. */
  serviceOrUndefined(id: string): Service | undefined {
    return this.deps.services.get(id);
  }

  /** A repeat of `press` returns the introduction the first press made and changes nothing. */
  introduce(introducerId: string, input: unknown, options: { press?: Press; followsId?: string } = {}): Handover {
    const earlier = options.press ? this.answered(introducerId, options.press.key) : undefined;
    if (earlier) return earlier;
    if (!this.deps.people.get(introducerId))
      throw new InvalidInputError('We do not know who you are yet: ask your coordinator to add you to the directory.');
    const followsId = this.followed(introducerId, options.followsId);
    const serviceId =
      typeof input === 'object' && input !== null ? String((input as { serviceId?: unknown }).serviceId ?? '') : '';
    const service = this.service(serviceId);
    const { handover, events } = introduce(input, {
      id: newId('H'),
      introducerId,
      now: this.deps.clock.now(),
      calendar: this.deps.calendar,
      service: {
        id: service.id,
        replyByDays: service.replyByDays,
        expiryDays: service.expiryDays,
        primaryContactId: primaryContactId(service),
        contactIds: service.contacts.map((c) => c.personId),
      },
      followsId,
    });
    try {
      inTransaction(this.deps.db, () => {
        this.claim(options.press, introducerId, handover.id, handover.createdAt);
        this.deps.handovers.insert(handover);
        this.deps.handovers.recordEvents(events);
        this.notify({ before: null, after: handover, events, service });
      });
    } catch (err) {
      if (err instanceof RepeatedPress) return this.get(err.handoverId);
      throw err;
    }
    this.committed();
    return handover;
  }

  /** Applies a command; retries on a version conflict by reloading and deciding again. A repeat of `press` is a no-op. */
  act(handoverId: string, command: Command, options: ActOptions = {}): ActResult {
    const press = options.press;
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const repeated = press ? this.answered(command.actorId, press.key) : undefined;
      if (repeated) return { handover: repeated, noop: true, events: [], service: this.service(repeated.serviceId) };
      const before = this.get(handoverId);
      const service = this.service(before.serviceId);
      const decision = decide(before, command, this.context(before, service));
      if (decision.noop) return { handover: before, noop: true, events: [], service };
      try {
        inTransaction(this.deps.db, () => {
          this.claim(press, command.actorId, handoverId, decision.handover.updatedAt);
          this.deps.handovers.update(decision.handover, before);
          this.deps.handovers.recordEvents(decision.events);
          if (decision.noteText)
            this.deps.handovers.addNote(handoverId, command.actorId, decision.handover.updatedAt, decision.noteText);
          this.notify({
            before,
            after: decision.handover,
            events: decision.events,
            noteText: decision.noteText,
            service,
            shownIn: options.shownIn,
          });
        });
        this.committed();
        return { handover: decision.handover, noop: false, events: decision.events, service };
      } catch (err) {
        if (err instanceof RepeatedPress) continue;
        if (!(err instanceof HandoverConflictError)) throw err;
      }
    }
    throw new HandoverConflictError(handoverId);
  }

  context(h: Handover, service: Service = this.service(h.serviceId)): CommandContext {
    return {
      now: this.deps.clock.now(),
      calendar: this.deps.calendar,
      timeZone: this.deps.timeZone,
      service: {
        name: service.name,
        organisation: service.organisation,
        followUpDays: service.followUpDays,
        contactIds: service.contacts.map((c) => c.personId),
      },
      nameOf: (id) => this.deps.people.nameOf(id),
    };
  }

  private notify(change: HandoverChange): void {
    for (const l of this.listeners) l(change);
  }

  private committed(): void {
    for (const fn of this.afterCommit) fn();
  }
}
