// What the Teams bot asks of the rest of the app: run an action for a person (the one shared action handler,
// src/app/handle-action.ts) and compose the card a viewer should see now (src/cards/compose.ts).
import type { Container } from '../../app/container.ts';
import type { CardRequest } from '../../app/delivery-types.ts';
import { handleAction, type ActionRequest, type ActionResult } from '../../app/handle-action.ts';
import { createCardComposerParts } from '../../cards/compose.ts';
import type { Card } from '../../cards/model.ts';

export type { ActionRequest, ActionResult };

export interface TeamsActions {
  run(request: ActionRequest): ActionResult | Promise<ActionResult>;
  /** The card a viewer should see for a subject now (used by Teams' refresh), or null. */
  compose(request: CardRequest): Card | null;
}

/** The shared handler and composer over this container's stores. */
export function sharedActions(c: Container): TeamsActions {
  const cards = createCardComposerParts({
    db: c.db, clock: c.clock, handovers: c.handovers, people: c.people, services: c.services,
    timeZone: c.config.timeZone, staleAfterMonths: c.config.staleAfterMonths,
  });
  const deps = { db: c.db, clock: c.clock, app: c.app, cards, people: c.people, services: c.services, staleAfterMonths: c.config.staleAfterMonths };
  return { run: (request) => handleAction(deps, request), compose: cards.compose };
}
