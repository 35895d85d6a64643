// What a platform (and the HTTP server's own pages) may use of the application: run an action, identify people,
// search the directory, compose cards, record where a person was last seen, and the database its own stores live
// in. Built once by the composition root (src/main/container.ts), which also keeps what platforms never use.
import type { Config } from '../config.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import type { Clock, Platform } from '../domain/ports.ts';
import type { Logger } from '../log.ts';
import type { HandoverStore } from '../storage/handover-store.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import type { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';
import type { ActionDeps, ActionRequest, ActionResult } from './actions/types.ts';
import type { CardComposer } from './card-composer.ts';
import type { HandoverListener } from './handover-service.ts';
import type { OpportunityService } from './opportunity-service.ts';

export interface PlatformContext {
  config: Config;
  log: Logger;
  db: Db;
  clock: Clock;
  /** Working days and bank holidays, for dates shown and reports. */
  calendar: WorkingCalendar;
  people: PeopleStore;
  services: ServiceStore;
  handovers: HandoverStore;
  opportunities: OpportunityService;
  /** The one composer: every platform and the dispatcher render from it. */
  cards: CardComposer;
  actionDeps: ActionDeps;
  /** The one action handler every platform calls. */
  runAction(request: ActionRequest): ActionResult;
  /** Called for each handover change, inside its transaction (note who is affected; do no I/O here). */
  onHandoverChange(listener: HandoverListener): void;
  /** Called after a handover change has been committed (send, publish, refresh here). */
  onHandoverCommitted(fn: () => void): void;
  /** A person did something on a platform: their messages go there first (Router). */
  recordSeen(personId: string, platform: Platform): void;
}
