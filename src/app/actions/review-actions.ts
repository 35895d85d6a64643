// "Is this still right?": a named contact confirms, flags or closes their directory entry.
import { localDate } from '../../cards/format.ts';
import { buildNoticeCard } from '../../cards/other-cards.ts';
import type { ActionDeps, ActionRequest, ActionResult } from './types.ts';

export function handleReviewAction(deps: ActionDeps, req: ActionRequest): ActionResult {
  const service = deps.services.get(req.subjectId);
  if (!service) return { kind: 'error', message: "We couldn't find that service in the directory.", fields: {} };
  const person = deps.people.get(req.actorId);
  const isContact = service.contacts.some((c) => c.personId === req.actorId);
  if (!isContact && !person?.isCoordinator) {
    return { kind: 'error', message: `Only the named contacts of ${service.name} or a coordinator can review this entry.`, fields: {} };
  }
  const now = deps.clock.now();
  const today = localDate(now, person?.timeZone || 'Europe/London');
  if (req.actionId === 'review_needs_changes') {
    return { kind: 'card', card: buildNoticeCard(service.id, `Thanks: ${service.name} needs changes`, 'Please tell your coordinator what has changed. The entry stays as it is until they update it.') };
  }
  const closed = req.actionId === 'review_closed';
  deps.services.upsert({ ...service, lastReviewed: today, staleSince: null, capacity: closed ? 'closed' : service.capacity }, now.toISOString());
  const text = closed ? `${service.name} is now marked as closed. People searching the directory will see that.` : `Thank you. ${service.name} is marked as reviewed today.`;
  return { kind: 'card', card: buildNoticeCard(service.id, closed ? 'Marked as closed' : 'Thanks for checking', text) };
}
