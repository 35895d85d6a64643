// The seam between Slack listeners and the one shared action handler (src/app/handle-action.ts).
// Listeners only call a RunAction, so tests or a benchmark can pass another one to createSlackPlatform.
import type { PlatformContext } from '../../app/platform-context.ts';
import { ready, type ActionResult, type PreparedAction } from '../../app/actions/handle-action.ts';
import type { ShownIn } from '../../app/handover-service.ts';
import type { ActionId } from '../../cards/model.ts';

export interface ActionRequest {
  actorId: string;
  actionId: ActionId;
  subjectId: string;
  version?: number;
  inputs: Record<string, unknown>;
  /** The message clicked, which the listener updates itself. */
  shownIn?: ShownIn;
  /** One answer per press (see src/app/press.ts). */
  key?: string;
}

export type ActionOutcome = ActionResult;

export type RunAction = (request: ActionRequest) => ActionOutcome | Promise<ActionOutcome>;

/** The shared handler (PlatformContext.runAction). */
export function sharedRunAction(c: PlatformContext): RunAction {
  return (request) => c.runAction(request);
}

/** Commits first, builds the card later: buttons ack in between (see PreparedAction). */
export type PrepareAction = (request: ActionRequest) => Promise<PreparedAction>;

/** The shared two-step handler (PlatformContext.prepareAction). */
export function sharedPrepareAction(c: PlatformContext): PrepareAction {
  return async (request) => c.prepareAction(request);
}

/** A RunAction (e.g. one a test passes in) as a PrepareAction: it runs whole before the ack. */
export function preparedFrom(run: RunAction): PrepareAction {
  return async (request) => ready(await run(request));
}
