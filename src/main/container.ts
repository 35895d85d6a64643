// Everything a platform, the HTTP pages or the scheduler needs, built once in startApp (and in test servers):
// the stores, the handover and opportunity services, the one card composer and the one action handler.
import { createCardComposerParts, type CardComposer } from '../app/card-composer.ts';
import type { Config } from '../config.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import type { Clock } from '../domain/ports.ts';
import type { HttpContext } from '../http/context.ts';
import type { Logger } from '../log.ts';
import { HandoverStore } from '../storage/handover-store.ts';
import { OpportunityStore } from '../storage/opportunity-store.ts';
import { OutboxStore } from '../storage/outbox-store.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { PresenceStore } from '../storage/presence-store.ts';
import { ServiceStore } from '../storage/service-store.ts';
import { totalChanges, type Db } from '../storage/sqlite.ts';
import type { CardRequest, ComposeCard } from '../app/ports.ts';
import { handleAction, prepareAction, type ActionDeps } from '../app/actions/handle-action.ts';
import { noticeToCoordinators } from '../app/coordinator-notices.ts';
import { HandoverService } from '../app/handover-service.ts';
import { myIntroductions } from '../app/my-introductions.ts';
import { isChannelDigestKey } from '../app/opportunity-keys.ts';
import { OpportunityService } from '../app/opportunity-service.ts';
import { createServiceDirectory } from '../app/service-directory.ts';
import type { PlatformContext } from '../app/platform-context.ts';

/** The platform context and the HTTP pages' stores, plus what only the composition root and the scheduler use. */
export interface Container extends HttpContext {
  calendar: WorkingCalendar;
  handoverService: HandoverService;
}

/** Only what a platform may use: the Container without its stores, database name and HandoverService. */
export function platformContextOf(c: Container): PlatformContext {
  return {
    config: c.config,
    log: c.log,
    clock: c.clock,
    calendar: c.calendar,
    people: c.people,
    directory: c.directory,
    introduction: c.introduction,
    myIntroductions: c.myIntroductions,
    opportunities: c.opportunities,
    cards: c.cards,
    runAction: c.runAction,
    runActionTracked: c.runActionTracked,
    prepareAction: c.prepareAction,
    onHandoverChange: c.onHandoverChange,
    onHandoverCommitted: c.onHandoverCommitted,
    recordSeen: c.recordSeen,
    noticeToCoordinators: c.noticeToCoordinators,
    ownTables: c.ownTables,
  };
}

/** Opportunity cards and channel digests come from the opportunity service; everything else from the card composer. */
function withOpportunityCards(base: ComposeCard, opportunities: OpportunityService): ComposeCard {
  return (r: CardRequest) =>
    r.kind === 'opportunity' || (r.kind === 'digest' && isChannelDigestKey(r.subjectId))
      ? opportunities.composeCard(r)
      : base(r);
}

export function buildContainer(
  config: Config,
  log: Logger,
  db: Db,
  clock: Clock,
  calendar: WorkingCalendar,
): Container {
  const people = new PeopleStore(db, () => clock.now());
  const services = new ServiceStore(db);
  const handovers = new HandoverStore(db);
  const handoverService = new HandoverService({
    db,
    clock,
    calendar,
    timeZone: config.timeZone,
    handovers,
    people,
    services,
  });
  const opportunities = new OpportunityService({
    db,
    clock,
    timeZone: config.timeZone,
    store: new OpportunityStore(db),
    people,
    services,
    outbox: new OutboxStore(db),
  });
  const base = createCardComposerParts({
    db,
    clock,
    handovers,
    people,
    services,
    timeZone: config.timeZone,
    staleAfterMonths: config.staleAfterMonths,
  });
  const cards: CardComposer = { ...base, compose: withOpportunityCards(base.compose, opportunities) };
  const presence = new PresenceStore(db);
  const actionDeps: ActionDeps = {
    db,
    clock,
    handoverService,
    cards,
    people,
    services,
    staleAfterMonths: config.staleAfterMonths,
    opportunities,
  };
  const runAction = (request: Parameters<typeof handleAction>[1]) => handleAction(actionDeps, request);
  return {
    config,
    log,
    db,
    ownTables: db,
    clock,
    calendar,
    people,
    services,
    handovers,
    directory: createServiceDirectory({ db, clock, people, services, staleAfterMonths: config.staleAfterMonths }),
    introduction: (id) => handovers.find(id),
    myIntroductions: (personId, limit) => myIntroductions({ handovers, people, services }, personId, limit),
    handoverService,
    opportunities,
    cards,
    runAction,
    runActionTracked: (request) => {
      const before = totalChanges(db);
      const result = runAction(request);
      return { result, changed: totalChanges(db) !== before };
    },
    prepareAction: (request) => prepareAction(actionDeps, request),
    onHandoverChange: (listener) => handoverService.onChange(listener),
    onHandoverCommitted: (fn) => handoverService.onCommitted(fn),
    recordSeen: (personId, platform) => presence.recordSeen(personId, platform, clock.now()),
    noticeToCoordinators: (notice) => noticeToCoordinators({ db, clock, people }, notice),
  };
}
