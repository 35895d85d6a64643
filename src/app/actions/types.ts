// What every action handler takes and gives: the request from a platform, the dependencies, the result.
// Handlers import these from here, never from handle-action.ts, so the handlers form no circle.
import type { Card } from '../../cards/model.ts';
import type { Clock } from '../../domain/ports.ts';
import type { PeopleStore } from '../../storage/people-store.ts';
import type { ServiceStore } from '../../storage/service-store.ts';
import type { Db } from '../../storage/sqlite.ts';
import type { CardComposer } from '../card-composer.ts';
import type { HandoverService, ShownIn } from '../handover-service.ts';
import type { OpportunityService } from '../opportunity-service.ts';

export interface ActionRequest {
  actorId: string;
  actionId: string;
  subjectId: string;
  version?: number;
  inputs?: Record<string, unknown>;
  /** The message the button was on, when the platform shows the result there itself (see HandoverChange.shownIn). */
  shownIn?: ShownIn;
  /** One answer per press: a repeat of this key gets the first answer (see press.ts). Also read from inputs.key. */
  key?: string;
}

export type ActionResult =
  | { kind: 'card'; card: Card }
  | { kind: 'form'; card: Card }
  /** form: the form again, with what was typed and a message beside each field to fix (when there is one). */
  | { kind: 'error'; message: string; fields: Record<string, string>; form?: Card };

export interface ActionDeps {
  db: Db;
  clock: Clock;
  handoverService: HandoverService;
  cards: CardComposer;
  people: PeopleStore;
  services: ServiceStore;
  staleAfterMonths?: number;
  /** Without it, "Introduce a client to this" on an opportunity card explains it is not available. */
  opportunities?: OpportunityService;
}
