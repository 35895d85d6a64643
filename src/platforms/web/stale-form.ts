// A form or card opened before the introduction changed (in another tab, or by someone else): instead of a refusal
// about "Sam Patel" that leaves the old form on screen, the person gets the current card and a sentence about them.
import type { ActionResult } from '../../app/actions/handle-action.ts';
import type { PlatformContext } from '../../app/platform-context.ts';
import { toAdaptiveCard } from '../../cards/adaptive.ts';
import { formatWhen } from '../../cards/format.ts';
import { stateHeadline } from '../../cards/handover-text.ts';
import type { HandoverView } from '../../cards/view.ts';

export interface StaleAnswer {
  status: number;
  body: { kind: 'stale'; message: string; card: Record<string, unknown>; subjectId: string };
}

const NOW_HERE = 'Here it is as it stands now.';

/** "You already accepted this introduction on …" when it was you; otherwise what changed, in plain words. */
export function staleMessage(v: HandoverView): string {
  const h = v.handover;
  const at = (iso: string | null) => (iso ? ` on ${formatWhen(iso, v.timeZone)}` : '');
  if (h.contactId === v.viewerId && (h.state === 'accepted' || h.state === 'declined')) {
    return `You already ${h.state} this introduction${at(h.answeredAt)}. ${NOW_HERE}`;
  }
  if (h.introducerId === v.viewerId && h.state === 'withdrawn')
    return `You already withdrew this introduction${at(h.closedAt)}. ${NOW_HERE}`;
  return `This introduction changed while you had it open. ${stateHeadline(v).text} ${NOW_HERE}`;
}

/** The current card when a refused press came from a card older than the introduction; null otherwise. */
export function staleAnswer(
  deps: Pick<PlatformContext, 'cards' | 'runAction'>,
  actorId: string,
  req: { subjectId: string; version?: number },
  result: ActionResult,
): StaleAnswer | null {
  if (result.kind !== 'error' || req.version === undefined) return null;
  const v = deps.cards.view(req.subjectId, actorId);
  if (!v || v.role === 'other' || v.handover.version <= req.version) return null;
  const current = deps.runAction({
    actorId,
    actionId: 'open_handover',
    subjectId: req.subjectId,
    version: v.handover.version,
  });
  if (current.kind !== 'card') return null;
  return {
    status: 409,
    body: { kind: 'stale', message: staleMessage(v), card: toAdaptiveCard(current.card), subjectId: req.subjectId },
  };
}
