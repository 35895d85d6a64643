// What a platform may use of the application: run an action, identify people, search the directory, read an
// introduction, compose cards, record where a person was last seen, and the database for its own tables only.
// Built once by the composition root (src/main/container.ts), whose Container also keeps what platforms never use
// (the stores, the HandoverService): a platform changes an introduction only through an action.
import type { Config } from '../config.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import type { Handover } from '../domain/handover/types.ts';
import type { Clock, Platform } from '../domain/ports.ts';
import type { Logger } from '../log.ts';
import type { MyIntroductions } from '../cards/my-introductions-card.ts';
import type { Db } from '../storage/sqlite.ts';
import type { PreparedAction } from './actions/handle-action.ts';
import type { ActionRequest, ActionResult } from './actions/types.ts';
import type { CardComposer } from './card-composer.ts';
import type { CoordinatorNotice } from './coordinator-notices.ts';
import type { HandoverListener } from './handover-service.ts';
import type { OpportunityService } from './opportunity-service.ts';
import type { PeopleDirectory } from './people-directory.ts';
import type { ServiceDirectory } from './service-directory.ts';

/** What one action did: its result, and whether it changed anything (refused and look-only presses write nothing). */
export interface TrackedAction {
  result: ActionResult;
  changed: boolean;
}

export interface PlatformContext {
  config: Config;
  log: Logger;
  clock: Clock;
  /** Working days and bank holidays, for dates shown and reports. */
  calendar: WorkingCalendar;
  /** Who is acting (by platform identity or e-mail), their names, and linking a platform identity to a person. */
  people: PeopleDirectory;
  /** Search the service directory and read services. */
  directory: ServiceDirectory;
  /** One introduction as it is now (read-only), or undefined when there is none with this id. */
  introduction(id: string): Handover | undefined;
  /** What is waiting for a person and what they introduced, newest change first (at most `limit` of each). */
  myIntroductions(personId: string, limit?: number): MyIntroductions;
  opportunities: OpportunityService;
  /** The one composer: every platform and the dispatcher render from it. */
  cards: CardComposer;
  /** The one action handler every platform calls. */
  runAction(request: ActionRequest): ActionResult;
  /** runAction, also saying whether the action changed anything. */
  runActionTracked(request: ActionRequest): TrackedAction;
  /** The same handler in two steps: the change is committed now, the card built by render() (Slack acks between). */
  prepareAction(request: ActionRequest): PreparedAction;
  /** Called for each handover change, inside its transaction (note who is affected; do no I/O here). */
  onHandoverChange(listener: HandoverListener): void;
  /** Called after a handover change has been committed (send, publish, refresh here). */
  onHandoverCommitted(fn: () => void): void;
  /** A person did something on a platform: their messages go there first (Router). */
  recordSeen(personId: string, platform: Platform): void;
  /** Queues a notice for every coordinator (once per key); returns how many were queued. */
  noticeToCoordinators(notice: CoordinatorNotice): number;
  /**
   * Only for the tables this platform's own stores keep (Slack installations, e-mail links and codes, the web
   * message log, Teams tenants and identities' details). Everything else goes through the methods above.
   */
  ownTables: Db;
}
