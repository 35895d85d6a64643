// What the Teams bot asks of the rest of the app: run an action for a person (the one shared action handler,
// src/app/handle-action.ts) and compose the card a viewer should see now (src/cards/compose.ts).
import type { PlatformContext } from '../../app/platform-context.ts';
import type { CardRequest } from '../../app/ports.ts';
import type { ActionRequest, ActionResult } from '../../app/actions/handle-action.ts';
import type { Card } from '../../cards/model.ts';
import type { MyIntroductions } from '../../cards/my-introductions-card.ts';

export type { ActionRequest, ActionResult };

export interface TeamsActions {
  run(request: ActionRequest): ActionResult | Promise<ActionResult>;
  /** The card a viewer should see for a subject now (used by Teams' refresh), or null. */
  compose(request: CardRequest): Card | null;
  /** The person did something in Teams: their messages go to Teams first. */
  seen?(personId: string): void;
  /** What is waiting for a person and what they introduced ("status", the welcome), in their time zone. */
  myIntroductions?(personId: string): { my: MyIntroductions; timeZone: string };
}

/** The shared handler and composer over this container's stores. */
export function sharedActions(c: PlatformContext): TeamsActions {
  return {
    run: (request) => c.runAction(request),
    compose: c.cards.compose,
    seen: (personId) => c.recordSeen(personId, 'teams'),
    myIntroductions: (personId) => ({ my: c.myIntroductions(personId), timeZone: c.cards.timeZoneOf(personId) }),
  };
}
