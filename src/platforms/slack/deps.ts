// What every Slack listener receives: the platform context, the action seam, identity lookup and duplicate guards.
import type { App, webApi } from '@slack/bolt';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PlatformContext } from '../../app/platform-context.ts';
import type { Person } from '../../domain/directory/types.ts';
import type { PrepareAction, RunAction } from './action-runner.ts';
import { resolvePerson } from './identity.ts';
import { BoundedMap } from './slack-messenger.ts';
import type { InstalledWorkspaces } from './workspaces.ts';
import type { HomeRefresher } from './home-refresh.ts';

/** How many submitted modals and events are remembered to ignore Slack retries and double submits. */
export const MAX_REMEMBERED_DELIVERIES = 10_000;

export interface SlackDeps {
  container: PlatformContext;
  runAction: RunAction;
  /** For buttons: commit, ack, then build the card (see PreparedAction). */
  prepareAction: PrepareAction;
  /** Modal view ids already turned into an introduction (view id → handover id), or '' while in progress. */
  submittedViews: BoundedMap<string>;
  /** Event ids already handled (Slack retries an event it thinks we missed). */
  seenEvents: BoundedMap<true>;
  /** Absent in one-workspace mode: the token lives in SLACK_BOT_TOKEN and is not ours to delete on uninstall. */
  workspaces?: InstalledWorkspaces;
  /** Called when notices were queued outside a handover change (removed from a workspace): kick the dispatcher. */
  onQueued?: () => void;
  /** Keeps opened App Home tabs current. */
  homes?: HomeRefresher;
}

export type Register = (app: App, deps: SlackDeps) => void;

/**
 * A pattern matching exactly these names, so that one Bolt listener serves several commands, callback ids or
 * action ids. Rule: one listener per kind of request, because Bolt runs every registered listener's middleware
 * chain for every request (docs/performance.md).
 */
export function oneOf(names: readonly string[]): RegExp {
  return new RegExp(`^(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
}

/** False when Slack is retrying an event already handled (same event id); otherwise remembers the id. */
export function firstDelivery(deps: SlackDeps, body: unknown): boolean {
  const eventId = (body as { event_id?: string }).event_id;
  if (!eventId) return true;
  if (deps.seenEvents.has(eventId)) return false;
  deps.seenEvents.set(eventId, true);
  return true;
}

/** The directory person acting in Slack (null if unknown); they were seen here, so their messages come here first. */
export async function personFor(
  deps: SlackDeps,
  client: webApi.WebClient,
  teamId: string | undefined,
  userId: string,
): Promise<Person | null> {
  const person = await resolvePerson(client, deps.container.people, teamId ?? '', userId);
  if (person) deps.container.recordSeen(person.id, 'slack');
  return person;
}

export function makeDeps(
  container: PlatformContext,
  runAction: RunAction,
  prepareAction: PrepareAction,
  extra: Pick<SlackDeps, 'workspaces' | 'onQueued' | 'homes'> = {},
): SlackDeps {
  return {
    ...extra,
    container,
    runAction,
    prepareAction,
    submittedViews: new BoundedMap<string>(MAX_REMEMBERED_DELIVERIES),
    seenEvents: new BoundedMap<true>(MAX_REMEMBERED_DELIVERIES),
  };
}

/** Logs a failure after the ack: the person already got their answer, this is for the operator. */
export function logAfterAck(deps: SlackDeps, what: string) {
  return (err: unknown) =>
    deps.container.log.warn(
      { err: { message: (err as Error)?.message, code: (err as { code?: string })?.code }, what },
      'Slack follow-up failed',
    );
}

/**
 * Work that follows the ack (opening a modal, updating the clicked message). Rule: started once the ack has left
 * (one turn later, as Node sends the ack at the end of the current turn) and never awaited by the listener, because
 * Bolt keeps every listener's middleware chain and the request until the slowest listener returns
 * (docs/performance.md).
 */
export function followUp(
  deps: SlackDeps,
  what: string,
  work: () => Promise<unknown>,
  onError: (err: unknown) => unknown = logAfterAck(deps, what),
): void {
  void nextTurn().then(work).catch(onError);
}
