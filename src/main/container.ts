// Everything a platform or the scheduler needs, built once in startApp (and in test servers):
// the stores, the handover and opportunity services, the one card composer and the one action handler.
import { createCardComposerParts, type CardComposer } from '../app/card-composer.ts';
import type { Config } from '../config.ts';
import type { WorkingCalendar } from '../domain/calendar/types.ts';
import type { Clock } from '../domain/ports.ts';
import type { Logger } from '../log.ts';
import { HandoverStore } from '../storage/handover-store.ts';
import { OpportunityStore } from '../storage/opportunity-store.ts';
import { OutboxStore } from '../storage/outbox-store.ts';
import { PeopleStore } from '../storage/people-store.ts';
import { PresenceStore } from '../storage/presence-store.ts';
import { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';
import type { CardRequest, ComposeCard } from '../app/ports.ts';
import { handleAction, type ActionDeps } from '../app/actions/handle-action.ts';
import { HandoverService } from '../app/handover-service.ts';
import { isChannelDigestKey } from '../app/opportunity-keys.ts';
import { OpportunityService } from '../app/opportunity-service.ts';
import type { PlatformContext } from '../app/platform-context.ts';

/** The platform context plus what only the composition root and the scheduler use. */
export interface Container extends PlatformContext {
  calendar: WorkingCalendar;
  handoverService: HandoverService;
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
  return {
    config,
    log,
    db,
    clock,
    calendar,
    people,
    services,
    handovers,
    handoverService,
    opportunities,
    cards,
    actionDeps,
    runAction: (request) => handleAction(actionDeps, request),
    onHandoverChange: (listener) => handoverService.onChange(listener),
    onHandoverCommitted: (fn) => handoverService.onCommitted(fn),
    recordSeen: (personId, platform) => presence.recordSeen(personId, platform, clock.now()),
  };
}
