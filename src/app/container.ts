// Everything a platform or the scheduler needs, built once in main.ts (and in test servers).
import type { Config } from '../config.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import type { Clock } from '../domain/ports.ts';
import type { Logger } from '../log.ts';
import { HandoverStore } from '../storage/handover-store.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';
import { HandoverService } from './handover-service.ts';

export interface Container {
  config: Config;
  log: Logger;
  db: Db;
  clock: Clock;
  calendar: WorkingCalendar;
  people: PeopleStore;
  services: ServiceStore;
  handovers: HandoverStore;
  app: HandoverService;
}

export function buildContainer(config: Config, log: Logger, db: Db, clock: Clock, calendar: WorkingCalendar): Container {
  const people = new PeopleStore(db, () => clock.now());
  const services = new ServiceStore(db);
  const handovers = new HandoverStore(db);
  const app = new HandoverService({ db, clock, calendar, timeZone: config.timeZone, handovers, people, services });
  return { config, log, db, clock, calendar, people, services, handovers, app };
}
