// Re-introduce after a decline, an expiry, "couldn't reach" or a named contact who never answered: the introduce
// form for another service, filled in with everything from the first introduction except consent (it names the
// service, so it is asked again). The button's subject names both: the first introduction and the new service.
import { buildIntroduceForm } from '../cards/introduce-form.ts';
import type { Card } from '../cards/model.ts';
import type { FormValues } from '../cards/handover-forms.ts';
import type { CardComposer } from './card-composer.ts';
import { stateHeadline } from '../cards/handover-text.ts';
import type { ClientDetails, Handover } from '../domain/handover/types.ts';
import { newId } from './ids.ts';
import { followOf } from '../cards/follow-subject.ts';

export { followOf, followSubject } from '../cards/follow-subject.ts';

/** The states after which the introducer may try another service (sent: only once nobody answered in time; not_reached: nobody at the service could be reached). */
export function mayFollowUp(h: Handover): boolean {
  if (h.state === 'declined' || h.state === 'expired' || h.state === 'unreachable' || h.state === 'not_reached')
    return true;
  if (h.state === 'closed') return h.outcome === 'unreachable' || h.outcome === 'client_declined';
  return h.state === 'sent' && h.escalatedTo.length > 0;
}

/** What the first introduction said, as form values; consent is left for the introducer to give again. */
export function prefillFrom(client: ClientDetails | null, urgency: Handover['urgency']): FormValues {
  if (!client) return { urgency };
  return {
    clientName: client.name,
    needs: client.needs,
    reasonForService: client.reasonForService,
    contactMethod: client.contactMethod,
    contactTimes: client.contactTimes,
    contactDetails: client.contactDetails,
    language: client.accessNeeds.language,
    interpreter: client.accessNeeds.interpreter ? 'true' : undefined,
    disability: client.accessNeeds.disability,
    urgency,
  };
}

type Result = { kind: 'form'; card: Card } | { kind: 'error'; message: string; fields: Record<string, string> };

/** The sentence at the top of a re-introduce form. */
export function followsLine(first: Handover, firstServiceName: string): string {
  return `This follows your introduction of ${first.client?.name ?? 'your client'} to ${firstServiceName}. Everything you told us then is filled in: check it, and confirm consent again because it names this service.`;
}

export function openReintroduction(cards: CardComposer, actorId: string, subjectId: string): Result {
  const follow = followOf(subjectId);
  const v = follow ? cards.view(follow.handoverId, actorId) : null;
  const service = follow ? cards.serviceSummary(follow.serviceId) : null;
  if (!follow || !v || !service)
    return { kind: 'error', message: 'We could not find that introduction or service any more.', fields: {} };
  if (v.role !== 'introducer')
    return {
      kind: 'error',
      message: `Only ${v.introducer.name}, who made this introduction, can introduce the client elsewhere.`,
      fields: {},
    };
  if (!mayFollowUp(v.handover))
    return { kind: 'error', message: `This introduction is still going ahead. ${stateHeadline(v).text}`, fields: {} };
  const card = buildIntroduceForm({
    service,
    values: prefillFrom(v.handover.client, v.handover.urgency),
    key: newId('K'),
    follows: { subjectId, text: followsLine(v.handover, v.service.name) },
  });
  return { kind: 'form', card };
}
