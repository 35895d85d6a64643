// The seam between Slack listeners and the one shared action handler (src/app/handle-action.ts).
// Listeners only call a RunAction, so tests or the lead can pass another one to createSlackPlatform.
import type { Container } from '../../app/container.ts';
import { handleAction, prepareAction, ready, type ActionResult, type PreparedAction } from '../../app/handle-action.ts';
import type { CardComposer } from '../../cards/compose.ts';
import type { ActionId } from '../../cards/model.ts';

export interface ActionRequest {
  actorId: string;
  actionId: ActionId;
  subjectId: string;
  version?: number;
  inputs: Record<string, unknown>;
  /** One answer per press (see src/app/press.ts). */
  key?: string;
}

export type ActionOutcome = ActionResult;

export type RunAction = (request: ActionRequest) => ActionOutcome | Promise<ActionOutcome>;

export function composerFor(c: Container): CardComposer {
  return c.cards;
}

/** The shared handler over this container's stores. */
export function sharedRunAction(c: Container, cards: CardComposer = composerFor(c)): RunAction {
  const deps = cards === c.cards ? c.actionDeps : { ...c.actionDeps, cards };
  return (request) => handleAction(deps, request);
}

/** Commits first, builds the card later: buttons ack in between (see PreparedAction). */
export type PrepareAction = (request: ActionRequest) => Promise<PreparedAction>;

/** The shared two-step handler over this container's stores. */
export function sharedPrepareAction(c: Container): PrepareAction {
  return async (request) => prepareAction(c.actionDeps, request);
}

/** A RunAction (e.g. one a test passes in) as a PrepareAction: it runs whole before the ack. */
export function preparedFrom(run: RunAction): PrepareAction {
  return async (request) => ready(await run(request));
}
