// Builds and starts the whole service: storage, calendar, platforms, HTTP server, scheduler.
// main.ts calls it with the real clock; tests and benchmarks call it with their own.
import type { Server } from 'node:http';
import type { Config } from '../config.ts';
import { createWorkingCalendar } from '../domain/calendar/working-calendar.ts';
import type { Clock } from '../domain/ports.ts';
import type { Messenger } from '../app/ports.ts';
import { createCoordinatorMounts } from '../http/coordinate/mounts.ts';
import { createReportsMounts } from '../http/reports/mounts.ts';
import { faviconMounts } from '../http/favicon.ts';
import { createHttpServer, listen, type Mount } from '../http/server.ts';
import type { Logger } from '../log.ts';
import type { RunningPlatform } from '../platforms/contract.ts';
import { PLATFORM_REGISTRY } from '../platforms/registry.ts';
import { printedTimeline } from '../scheduler/preview.ts';
import { createNudgeSystem, type NudgeSystem } from '../scheduler/wiring.ts';
import { loadBankHolidays } from '../storage/bank-holidays-file.ts';
import { loadDemoDirectory } from '../directory-io/demo-directory.ts';
import { addAgentsPlaygroundPeople } from '../directory-io/agents-playground-people.ts';
import { startCheckpointer } from '../storage/checkpointer.ts';
import { openDatabase, schemaVersion } from '../storage/sqlite.ts';
import { buildContainer, platformContextOf, type Container } from './container.ts';
import { createShiftableClock } from '../app/shiftable-clock.ts';
import type { OpportunityService } from '../app/opportunity-service.ts';

export const systemClock: Clock = { now: () => new Date() };

/** Whether `mounts` has a page at `path` (with or without the trailing slash). */
function hasMount(mounts: Mount[], path: string): boolean {
  return mounts.some((m) => m.path === path || m.path === `${path}/`);
}

export interface RunningApp {
  container: Container;
  server: Server;
  url: string;
  nudges: NudgeSystem;
  opportunities: OpportunityService;
  /** Every platform the configuration switched on, in registry order. */
  platforms: RunningPlatform[];
  messengers: Messenger[];
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Extra mounts (tests). */
  mounts?: Mount[];
  /** Start the periodic sweep and dispatcher (default true). */
  scheduler?: boolean;
  /** Dispatcher poll interval (ms); the dispatcher is also woken after every change. */
  dispatchIntervalMs?: number;
}

export async function startApp(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningApp> {
  // Outside production the playground can move time forward, so the one clock everything reads can be moved.
  const timeTravel = config.playground && !config.production;
  const shiftable = timeTravel ? createShiftableClock(options.clock ?? systemClock) : undefined;
  const clock = shiftable ?? options.clock ?? systemClock;
  const db = openDatabase(config.databasePath);
  const checkpointer = startCheckpointer(db, log);
  const calendar = createWorkingCalendar({
    timeZone: config.timeZone,
    holidays: loadBankHolidays(config.bankHolidaysPath),
  });
  const container = buildContainer(config, log, db, clock, calendar);
  const { handoverService, people, services, handovers, opportunities } = container;
  if (config.demoDirectory) {
    const loaded = loadDemoDirectory(db, clock.now());
    if (loaded) log.info({ services: loaded.created.length }, 'loaded the demo directory into an empty database');
    // Local Teams mode: the Agents Playground's own users are demo people, so it works with no set-up.
    const added = config.teams?.unauthenticated ? addAgentsPlaygroundPeople(db, clock.now()) : 0;
    if (added) log.info({ people: added }, 'added the Agents Playground users to the demo directory');
  }
  const mounts: Mount[] = [
    ...(options.mounts ?? []),
    ...createReportsMounts(container),
    ...createCoordinatorMounts(container, printedTimeline(db, calendar, config.timeZone)),
    ...faviconMounts(),
  ];
  // The nudge system is built below: a platform's queued messages wake its dispatcher, and a move of the
  // playground's clock runs its sweep, through these two closures.
  let wake = (): void => undefined;
  let sweepNow = (): void => undefined;
  // Static imports (through the registry) on purpose: a lazy import() would load a second copy of shared modules
  // under the test runner's CommonJS loader (tsx), so `instanceof HttpError`/`HandoverError` checks would fail.
  const platforms = PLATFORM_REGISTRY.filter((p) => p.enabled(config)).map((p) =>
    p.create({
      ...platformContextOf(container),
      wake: () => wake(),
      sweepNow: () => sweepNow(),
      hasMount: (path) => hasMount(mounts, path),
      shiftableClock: shiftable,
    }),
  );
  mounts.push(...platforms.flatMap((p) => p.mounts));
  const messengers = platforms.map((p) => p.messenger);
  const limits = Object.fromEntries(platforms.map((p) => [p.messenger.platform, p.limits]));
  for (const line of config.switchedOff) log.info(line);

  const compose = container.cards.compose;
  const nudges = createNudgeSystem({
    db,
    clock,
    calendar,
    timeZone: config.timeZone,
    handoverService,
    handovers,
    people,
    services,
    compose,
    messengers,
    log,
    retentionDays: config.retentionDays,
    staleAfterMonths: config.staleAfterMonths,
    sweepIntervalMs: config.sweepIntervalSeconds * 1000,
    dispatchIntervalMs: options.dispatchIntervalMs,
    dispatcher: { limits },
    extraJobs: [(now) => opportunities.closeExpired(now), (now) => opportunities.weeklyDigest(now)],
  });
  wake = () => nudges.dispatcher.kick();
  sweepNow = () => {
    nudges.sweep();
    nudges.dispatcher.kick();
  };
  opportunities.onCommitted(wake);
  if (options.scheduler ?? true) nudges.start();

  for (const p of platforms) await p.start();
  const server = createHttpServer({ mounts, log, health: () => ({ schemaVersion: schemaVersion(db) }) });
  const address = await listen(server, config.port, config.host);
  const url = `http://${address.host === '0.0.0.0' ? '127.0.0.1' : address.host}:${address.port}`;
  log.info({ url, platforms: messengers.map((m) => m.platform) }, 'Warm Handover is listening');
  return {
    container,
    server,
    url,
    nudges,
    opportunities,
    platforms,
    messengers,
    async stop() {
      await nudges.stop();
      for (const p of platforms) await p.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await checkpointer.stop();
      db.close();
    },
  };
}
