// One call that wires nudges, the outbox and the dispatcher onto a HandoverService:
//   const nudges = createNudgeSystem({ ...stores, handoverService, compose, messengers, ... }); nudges.start();
import type { ComposeCard } from '../app/ports.ts';
import type { HandoverService } from '../app/handover-service.ts';
import { queueWaitingForArrivals, refreshReceiptOnNewRoute } from '../app/deliver-waiting.ts';
import { createNotificationListener } from '../app/notifications.ts';
import { Router } from '../app/router.ts';
import { createUndeliverableHandler } from '../app/system-actions.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import type { Clock } from '../domain/ports.ts';
import type { Messenger } from '../app/ports.ts';
import type { Logger } from '../log.ts';
import type { HandoverStore } from '../storage/handover-store.ts';
import { OutboxStore } from '../storage/outbox-store.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import { PresenceStore } from '../storage/presence-store.ts';
import { ReachStore } from '../storage/reach-store.ts';
import { ReviewStore } from '../storage/review-store.ts';
import { ScheduleStore } from '../storage/schedule-store.ts';
import type { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';
import { Dispatcher, type DispatcherDeps } from './dispatch.ts';
import { planMissingEndings } from './plan-endings.ts';
import { createSweepLoop, sweep, type SweepLoop, type SweepResult } from './sweep.ts';
import type { SweepDeps } from './sweep-types.ts';

export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

export interface NudgeSystemOptions {
  db: Db;
  clock: Clock;
  calendar: WorkingCalendar;
  timeZone: string;
  handoverService: HandoverService;
  handovers: HandoverStore;
  people: PeopleStore;
  services: ServiceStore;
  compose: ComposeCard;
  messengers?: Messenger[];
  log?: Logger;
  retentionDays?: number;
  staleAfterMonths?: number;
  sweepIntervalMs?: number;
  dispatchIntervalMs?: number;
  /** Test seams and tuning for the dispatcher (lease, limiter, sleep, random, batch size, max attempts). */
  dispatcher?: Partial<
    Pick<DispatcherDeps, 'lease' | 'limiter' | 'limits' | 'sleep' | 'random' | 'batchSize' | 'maxAttempts'>
  >;
  extraJobs?: SweepDeps['extraJobs'];
}

export interface NudgeSystem {
  outbox: OutboxStore;
  schedule: ScheduleStore;
  presence: PresenceStore;
  router: Router;
  dispatcher: Dispatcher;
  sweepDeps: SweepDeps;
  /** One sweep at `now` (default: the clock). */
  sweep(now?: Date): SweepResult;
  start(): void;
  stop(): Promise<void>;
}

export type SweepWiring = Pick<
  NudgeSystemOptions,
  | 'db'
  | 'calendar'
  | 'timeZone'
  | 'handoverService'
  | 'handovers'
  | 'services'
  | 'log'
  | 'retentionDays'
  | 'staleAfterMonths'
  | 'extraJobs'
>;

/** The stores and the notification listener on the HandoverService, without a dispatcher (enough to sweep, e.g. for a preview). */
export function createSweepDeps(o: SweepWiring): SweepDeps {
  const outbox = new OutboxStore(o.db);
  const schedule = new ScheduleStore(o.db);
  const presence = new PresenceStore(o.db);
  o.handoverService.onChange(
    createNotificationListener({
      outbox,
      schedule,
      presence,
      calendar: o.calendar,
      defaultTimeZone: o.timeZone,
      service: (id) => o.services.get(id),
    }),
  );
  return {
    db: o.db,
    handoverService: o.handoverService,
    handovers: o.handovers,
    services: o.services,
    schedule,
    outbox,
    presence,
    reviews: new ReviewStore(o.db),
    calendar: o.calendar,
    defaultTimeZone: o.timeZone,
    staleAfterMonths: o.staleAfterMonths,
    retentionDays: o.retentionDays,
    log: o.log,
    extraJobs: o.extraJobs,
  };
}

/** Registers the notification listener and the after-commit kick on the HandoverService, and builds sweep + dispatcher. */
export function createNudgeSystem(o: NudgeSystemOptions): NudgeSystem {
  const sweepDeps = createSweepDeps(o);
  const { outbox, schedule, presence } = sweepDeps;
  const reach = new ReachStore(o.db);
  const router = new Router(o.people, presence, o.messengers ?? [], { store: reach, now: () => o.clock.now() });
  const dispatcher = new Dispatcher({
    db: o.db,
    outbox,
    router,
    compose: o.compose,
    clock: o.clock,
    log: o.log,
    ...o.dispatcher,
    onNewRoute: (row) => refreshReceiptOnNewRoute({ outbox, handovers: o.handovers, clock: o.clock }, row),
    beforeDrain: () => {
      queueWaitingForArrivals({ db: o.db, clock: o.clock, reach, outbox, handovers: o.handovers });
    },
    onUndeliverable: createUndeliverableHandler({
      db: o.db,
      handoverService: o.handoverService,
      handovers: o.handovers,
      outbox,
      clock: o.clock,
      platforms: () => router.personPlatforms(),
    }),
  });
  // Wake the dispatcher after a commit only when the change queued messages (many do not: a note, a snooze).
  o.handoverService.onCommitted(() => {
    if (outbox.takeQueued()) dispatcher.kick();
  });
  const runSweep = (now?: Date) => sweep(sweepDeps, now ?? o.clock.now());
  let loop: SweepLoop | null = null;
  return {
    outbox,
    schedule,
    presence,
    router,
    dispatcher,
    sweepDeps,
    sweep: runSweep,
    start() {
      const planned = loop ? 0 : planMissingEndings(sweepDeps, o.clock.now());
      if (planned > 0) o.log?.info({ planned }, 'planned the end of open introductions that had none');
      loop ??= createSweepLoop(
        () => runSweep(),
        o.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS,
        () => dispatcher.kick(),
        o.log,
      );
      loop.start();
      dispatcher.start(o.dispatchIntervalMs);
    },
    async stop() {
      loop?.stop();
      await dispatcher.stop();
    },
  };
}
