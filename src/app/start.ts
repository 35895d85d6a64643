// Builds and starts the whole service: storage, calendar, platforms, HTTP server, scheduler.
// main.ts calls it with the real clock; tests and benchmarks call it with their own.
import type { Server } from 'node:http';
import type { Config } from '../config.ts';
import { createWorkingCalendar } from '../domain/calendar/working-calendar.ts';
import type { Clock } from '../domain/ports.ts';
import type { Logger } from '../log.ts';
import { createReportsMounts } from '../http/reports/mounts.ts';
import { createHttpServer, listen, type Mount } from '../http/server.ts';
import { loadBankHolidays } from '../storage/bank-holidays-file.ts';
import { loadDemoDirectory } from '../storage/demo-directory.ts';
import { openDatabase, schemaVersion } from '../storage/sqlite.ts';
import { buildContainer, type Container } from './container.ts';

export const systemClock: Clock = { now: () => new Date() };

export interface RunningApp {
  container: Container;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Extra mounts (tests). */
  mounts?: Mount[];
  /** Start the periodic sweep and dispatcher (default true). */
  scheduler?: boolean;
}

export async function startApp(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(config.databasePath);
  const holidays = loadBankHolidays(config.bankHolidaysPath);
  const calendar = createWorkingCalendar({ timeZone: config.timeZone, holidays });
  const container = buildContainer(config, log, db, clock, calendar);
  if (config.demoDirectory) {
    const loaded = loadDemoDirectory(db, clock.now());
    if (loaded) log.info({ services: loaded.created.length }, 'loaded the demo directory into an empty database');
  }
  const mounts: Mount[] = [...(options.mounts ?? []), ...createReportsMounts(container)];
  for (const line of config.switchedOff) log.info(line);

  const server = createHttpServer({ mounts, log, health: () => ({ schemaVersion: schemaVersion(db) }) });
  const address = await listen(server, config.port, config.host);
  const url = `http://${address.host}:${address.port}`;
  log.info({ url }, 'Warm Handover is listening');
  return {
    container,
    server,
    url,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      db.close();
    },
  };
}
