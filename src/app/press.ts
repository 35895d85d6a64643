// One answer per press and stale cards. Every press that changes something has a key: the form's own key when
// it carries one, else who pressed which button on which version of which introduction. A repeat of a key gets the
// first answer and changes nothing. A button from an older card whose meaning has changed since gets the current
// card instead of acting; a version the introduction never had is refused.
import type { Card } from '../cards/model.ts';
import { MAX_ACTION_KEY_LENGTH } from '../storage/action-key-store.ts';
import type { Handover } from '../domain/handover/types.ts';
import type { Press } from './handover-service.ts';
import { liveCard } from './card-composer.ts';
import type { HandoverView } from '../cards/view.ts';
import { decide, type Command } from '../domain/handover/commands.ts';
import { HandoverError } from '../domain/handover/errors.ts';
import type { ActionDeps, ActionRequest, ActionResult } from './actions/handle-action.ts';

/** The longest key a press may carry; a platform refuses a longer one before acting. */
export { MAX_ACTION_KEY_LENGTH };

export const CHANGED_SINCE_OPENED = 'This introduction has changed since you opened it.';
export const VERSION_NEVER_EXISTED =
  'That button does not match any version of this introduction, so nothing was changed. Please open the latest card.';

/** Audit events that do not move the version (the rest each move it by one). */
const UNVERSIONED_EVENTS: ReadonlySet<string> = new Set(['nudged', 'undeliverable']);
/** Changes after which an older card still means the same thing. */
const SAME_MEANING_EVENTS: ReadonlySet<string> = new Set(['note_added', 'snoozed']);

export interface PressRequest {
  actorId: string;
  actionId: string;
  subjectId: string;
  version?: number;
  key?: string;
  inputs?: Record<string, unknown>;
}

/** The key a press carries, or the one made from its button (version-less buttons that change nothing have none). */
export function pressOf(req: PressRequest): Press | undefined {
  const carried =
    typeof req.key === 'string' ? req.key : typeof req.inputs?.key === 'string' ? req.inputs.key : undefined;
  if (carried && carried.length <= MAX_ACTION_KEY_LENGTH)
    return { key: `form:${req.actorId}:${carried}`, actionId: req.actionId };
  if (typeof req.version === 'number' && req.version > 0) {
    return { key: `button:${req.actorId}:${req.actionId}:${req.subjectId}:${req.version}`, actionId: req.actionId };
  }
  return undefined;
}

export type VersionCheck = 'current' | 'same_meaning' | 'changed' | 'never_existed';

/** How the card a press came from compares with the introduction now. No version: the press is taken as current. */
export function checkVersion(
  h: Handover,
  steps: readonly { event: string }[],
  version: number | undefined,
): VersionCheck {
  if (version === undefined || version === 0) return 'current';
  if (!Number.isInteger(version) || version < 0 || version > h.version) return 'never_existed';
  if (version === h.version) return 'current';
  // Version n is the card after the n-th versioned audit row; what came after it says whether its meaning changed.
  const since = steps.filter((a) => !UNVERSIONED_EVENTS.has(a.event)).slice(version);
  return since.every((a) => SAME_MEANING_EVENTS.has(a.event)) ? 'same_meaning' : 'changed';
}

/** The current card, told that it changed since the person opened it. */
export function withChangedNotice(card: Card): Card {
  return { ...card, blocks: [{ type: 'text', text: CHANGED_SINCE_OPENED, style: 'warning' }, ...card.blocks] };
}

/**
 * A repeat of an earlier press gets the first answer (the card as it is now). A button from a card whose meaning has
 * changed since gets the current card with a notice instead of acting, unless the domain refuses it anyway (its
 * sentence says more); a version the introduction never had is refused.
 */
export function beforeActing(
  deps: Pick<ActionDeps, 'handoverService' | 'cards'>,
  req: ActionRequest,
  command: Command,
  known?: HandoverView,
): ActionResult | null {
  const press = pressOf(req);
  const repeated = press ? deps.handoverService.answered(req.actorId, press.key) : undefined;
  if (repeated) {
    const rv = deps.cards.view(repeated.id, req.actorId);
    return rv ? { kind: 'card', card: liveCard(rv) } : null;
  }
  if (req.version === undefined || req.version === 0) return null;
  let current = known?.handover;
  try {
    current ??= deps.handoverService.get(req.subjectId);
  } catch (err) {
    if (err instanceof HandoverError) return null;
    throw err;
  }
  if (req.version === current.version) return null;
  const v = known ?? deps.cards.view(req.subjectId, req.actorId);
  if (!v) return null;
  const check = checkVersion(v.handover, v.steps, req.version);
  if (check === 'never_existed') return { kind: 'error', message: VERSION_NEVER_EXISTED, fields: {} };
  if (check !== 'changed') return null;
  try {
    if (decide(v.handover, command, deps.handoverService.context(v.handover)).noop) return null;
  } catch (err) {
    if (err instanceof HandoverError) return null;
    throw err;
  }
  return { kind: 'card', card: withChangedNotice(liveCard(v)) };
}
