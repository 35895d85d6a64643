// Builds and starts the whole service: storage, calendar, platforms, HTTP server, scheduler.
// main.ts calls it with the real clock; tests and benchmarks call it with their own.
import type { Server } from 'node:http';
import type { Config } from '../config.ts';
import { createWorkingCalendar } from '../domain/calendar/working-calendar.ts';
import type { Clock, Messenger } from '../domain/ports.ts';
import { createReportsMounts } from '../http/reports/mounts.ts';
import { createHttpServer, listen, type Mount } from '../http/server.ts';
import type { Logger } from '../log.ts';
import { createEmailPlatform } from '../platforms/email/index.ts';
import { createSlackPlatform } from '../platforms/slack/platform.ts';
import { createTeamsPlatform } from '../platforms/teams/teams-platform.ts';
import { createWebPlayground, type WebPlayground } from '../platforms/web/playground.ts';
import { createNudgeSystem, type NudgeSystem } from '../scheduler/wiring.ts';
import { loadBankHolidays } from '../storage/bank-holidays-file.ts';
import { loadDemoDirectory } from '../storage/demo-directory.ts';
import { addAgentsPlaygroundPeople } from '../storage/agents-playground-people.ts';
import { startCheckpointer } from '../storage/checkpointer.ts';
import { openDatabase, schemaVersion } from '../storage/sqlite.ts';
import { buildContainer, type Container } from './container.ts';
import type { OpportunityService } from './opportunity-service.ts';

export const systemClock: Clock = { now: () => new Date() };

export interface RunningApp {
  container: Container;
  server: Server;
  url: string;
  nudges: NudgeSystem;
  opportunities: OpportunityService;
  playground?: WebPlayground;
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
  const clock = options.clock ?? systemClock;
  const db = openDatabase(config.databasePath);
  const checkpointer = startCheckpointer(db, log);
  const calendar = createWorkingCalendar({ timeZone: config.timeZone, holidays: loadBankHolidays(config.bankHolidaysPath) });
  const container = buildContainer(config, log, db, clock, calendar);
  const { app, people, services, handovers, opportunities } = container;
  if (config.demoDirectory) {
    const loaded = loadDemoDirectory(db, clock.now());
    if (loaded) log.info({ services: loaded.created.length }, 'loaded the demo directory into an empty database');
    // Local Teams mode: the Agents Playground's own users are demo people, so it works with no set-up.
    const added = config.teams?.unauthenticated ? addAgentsPlaygroundPeople(db, clock.now()) : 0;
    if (added) log.info({ people: added }, 'added the Agents Playground users to the demo directory');
  }
  const mounts: Mount[] = [...(options.mounts ?? []), ...createReportsMounts(container)];
  const messengers: Messenger[] = [];
  let playground: WebPlayground | undefined;
  if (config.playground) {
    playground = createWebPlayground({
      db, clock, handovers, people, services, app, timeZone: config.timeZone, staleAfterMonths: config.staleAfterMonths,
      cards: container.cards, actionDeps: container.actionDeps,
    });
    mounts.push(...playground.mounts);
    messengers.push(playground.messenger);
  }
  // The nudge system is built below; messages queued by a platform wake its dispatcher through this closure.
  let wake = (): void => undefined;
  // Static imports on purpose: a lazy import() would load a second copy of shared modules under the test
  // runner's CommonJS loader (tsx), so `instanceof HttpError`/`HandoverError` checks would silently fail.
  const slack = config.slack ? createSlackPlatform(container, { onQueued: () => wake() }) : undefined;
  if (slack) {
    mounts.push(...slack.mounts);
    messengers.push(slack.messenger);
  }
  if (config.teams) {
    const teams = createTeamsPlatform(container);
    mounts.push(...teams.mounts);
    messengers.push(teams.messenger);
  }
  const email = createEmailPlatform(container, { handleAction: container.runAction });
  if (email) {
    mounts.push(...email.mounts);
    messengers.push(email.messenger);
  }
  for (const line of config.switchedOff) log.info(line);

  const compose = container.cards.compose;
  const nudges = createNudgeSystem({
    db, clock, calendar, timeZone: config.timeZone, app, handovers, people, services, compose, messengers, log,
    retentionDays: config.retentionDays, staleAfterMonths: config.staleAfterMonths,
    sweepIntervalMs: config.sweepIntervalSeconds * 1000, dispatchIntervalMs: options.dispatchIntervalMs,
    extraJobs: [(now) => opportunities.closeExpired(now), (now) => opportunities.weeklyDigest(now)],
  });
  wake = () => nudges.dispatcher.kick();
  opportunities.onCommitted(wake);
  if (options.scheduler ?? true) nudges.start();

  await slack?.start();
  const server = createHttpServer({ mounts, log, health: () => ({ schemaVersion: schemaVersion(db) }) });
  const address = await listen(server, config.port, config.host);
  const url = `http://${address.host === '0.0.0.0' ? '127.0.0.1' : address.host}:${address.port}`;
  log.info({ url, platforms: messengers.map((m) => m.platform) }, 'Warm Handover is listening');
  return {
    container, server, url, nudges, opportunities, playground, messengers,
    async stop() {
      playground?.close();
      await nudges.stop();
      await slack?.stop();
      email?.sender.close?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await checkpointer.stop();
      db.close();
    },
  };
}
