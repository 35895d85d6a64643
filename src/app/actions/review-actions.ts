// "Is this still right?": a named contact confirms, closes or changes their directory entry, from any platform or
// the secure e-mail page. Every answer is applied at once, recorded against the review request and audited.
import { localDate } from '../../cards/format.ts';
import { buildNoticeCard, buildReviewRequestCard } from '../../cards/other-cards.ts';
import { SELF_SERVICE_FIELDS, buildReviewChangesForm } from '../../cards/review-form.ts';
import type { Service } from '../../domain/directory/types.ts';
import { DirectoryAuditStore } from '../../storage/directory-audit-store.ts';
import { ReviewStore } from '../../storage/review-store.ts';
import { formValuesOf, saveServiceEdit } from '../directory-edits.ts';
import type { ActionDeps, ActionRequest, ActionResult } from './types.ts';

const DEFAULT_ZONE = 'Europe/London';

function fail(message: string): ActionResult {
  return { kind: 'error', message, fields: {} };
}

function typedFields(req: ActionRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of SELF_SERVICE_FIELDS) {
    const v = req.inputs?.[f];
    if (typeof v === 'string' || typeof v === 'number') out[f] = String(v);
  }
  return out;
}

function formStart(deps: ActionDeps, service: Service): Record<string, string> {
  const row = formValuesOf(deps, service);
  return {
    ...Object.fromEntries(SELF_SERVICE_FIELDS.map((f) => [f, (row as Record<string, string>)[f] ?? ''])),
    capacity_until: service.capacityUntil ?? '',
  };
}

function submitChanges(deps: ActionDeps, req: ActionRequest, service: Service, today: string): ActionResult {
  const typed = typedFields(req);
  const { capacity_until: until, ...columns } = typed;
  const saved = saveServiceEdit(deps, {
    serviceId: service.id,
    typed: columns,
    actor: req.actorId,
    action: 'review_changed',
    reviewedOn: today,
    capacityUntil: until === undefined ? undefined : until.trim() || null,
    now: deps.clock.now(),
  });
  if (!saved.ok) {
    const form = buildReviewChangesForm(service, typed, saved.fields, saved.message);
    return { kind: 'error', message: saved.message, fields: saved.fields as Record<string, string>, form };
  }
  new ReviewStore(deps.db).recordAnswer(service.id, 'needs_changes', req.actorId, deps.clock.now());
  return {
    kind: 'card',
    card: buildNoticeCard(
      service.id,
      'Entry updated',
      `Thank you. The entry for ${saved.service.name} is updated and marked as reviewed today.`,
    ),
  };
}

export function handleReviewAction(deps: ActionDeps, req: ActionRequest): ActionResult {
  const service = deps.services.get(req.subjectId);
  if (!service) return fail("We couldn't find that service in the directory.");
  const person = deps.people.get(req.actorId);
  const isContact = service.contacts.some((c) => c.personId === req.actorId);
  if (!isContact && !person?.isCoordinator)
    return fail(`Only the named contacts of ${service.name} or a coordinator can review this entry.`);
  const now = deps.clock.now();
  const zone = person?.timeZone || DEFAULT_ZONE;
  const today = localDate(now, zone);
  if (req.actionId === 'review_open') return { kind: 'card', card: buildReviewRequestCard(service, zone) };
  if (req.actionId === 'review_needs_changes')
    return { kind: 'form', card: buildReviewChangesForm(service, formStart(deps, service)) };
  if (req.actionId === 'review_changes_submit') return submitChanges(deps, req, service, today);
  const closed = req.actionId === 'review_closed';
  deps.services.upsert(
    { ...service, lastReviewed: today, staleSince: null, capacity: closed ? 'closed' : service.capacity },
    now.toISOString(),
  );
  new ReviewStore(deps.db).recordAnswer(service.id, closed ? 'closed' : 'still_right', req.actorId, now);
  new DirectoryAuditStore(deps.db).record(
    { actor: req.actorId, action: closed ? 'review_closed' : 'review_still_right', subject: service.id },
    now,
  );
  const text = closed
    ? `${service.name} is now marked as closed. People searching the directory will see that.`
    : `Thank you. ${service.name} is marked as reviewed today.`;
  return { kind: 'card', card: buildNoticeCard(service.id, closed ? 'Marked as closed' : 'Thanks for checking', text) };
}
