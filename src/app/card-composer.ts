// ComposeCard: builds the card a viewer should see right now, from the stores. Who sees what depends on
// the handover's state and on whether the viewer is the introducer, the named contact, a backup or someone else.
import type { CardRequest, ComposeCard } from './ports.ts';
import { isStale } from '../domain/directory/staleness.ts';
import type { Service } from '../domain/directory/types.ts';
import type { Handover } from '../domain/handover/types.ts';
import type { Clock } from '../domain/ports.ts';
import { searchDirectory } from '../storage/directory-search.ts';
import { suggestAlternatives, type Alternative } from '../storage/alternatives.ts';
import type { HandoverStore } from '../storage/handover-store.ts';
import { OutboxStore } from '../storage/outbox-store.ts';
import type { PeopleStore } from '../storage/people-store.ts';
import type { ServiceStore } from '../storage/service-store.ts';
import type { Db } from '../storage/sqlite.ts';
import { DEFAULT_TIME_ZONE } from '../cards/format.ts';
import {
  buildDeclineForm,
  buildNoteForm,
  buildPassForm,
  buildSnoozeForm,
  buildWithdrawConfirmForm,
} from '../cards/handover-forms.ts';
import { isAllowedFrom } from '../domain/handover/transitions.ts';
import { buildIntroduceForm, type ResultSummary } from '../cards/introduce-form.ts';
import { buildIntroductionCard, statusOnlyCard } from '../cards/introduction-card.ts';
import type { Card } from '../cards/model.ts';
import {
  buildDigestCard,
  buildNoticeCard,
  buildOpportunityCard,
  buildReviewRequestCard,
  type DigestItem,
  type OpportunityView,
} from '../cards/other-cards.ts';
import {
  MAX_ALTERNATIVES,
  buildOutcomeCard,
  buildReceiptCard,
  offersAlternatives,
  outcomeReasonFor,
  type OutcomeReason,
} from '../cards/receipt-card.ts';
import { isActingContact, roleOf, type HandoverView, type PersonView, type ServiceSummary } from '../cards/view.ts';
import { buildStatusUpdateCard } from '../cards/status-update-card.ts';

export interface CardComposerDeps {
  db: Db;
  clock: Clock;
  handovers: HandoverStore;
  people: PeopleStore;
  services: ServiceStore;
  /** Default time zone for people without one. */
  timeZone?: string;
  staleAfterMonths?: number;
  /** Opportunities live elsewhere; without this, opportunity cards are not composed. */
  opportunities?: { get(id: string): OpportunityView | undefined };
  /** Where a live card went (its platform), or null while it has not been delivered. Default: read from the outbox. */
  routeOf?: (liveKey: string) => string | null;
}

export const SEARCH_RESULTS_ON_FORM = 8;

export interface CardComposer {
  compose: ComposeCard;
  /** The view one person has of one handover (used by the action handler to build forms with errors). */
  view(handoverId: string, viewerId: string | undefined): HandoverView | null;
  /** The same view after a change to its handover: the service and introducer are kept, the rest reloaded. */
  viewAfter(before: HandoverView, after: Handover): HandoverView;
  /** The view of a handover and its service just loaded or committed (a change's result), without reading them again. */
  viewOf(h: Handover, service: Service, viewerId: string | undefined): HandoverView;
  serviceSummary(serviceId: string): ServiceSummary | null;
  timeZoneOf(personId: string | undefined): string;
}

function personView(people: PeopleStore, id: string): PersonView {
  const p = people.brief(id);
  return { id, name: p?.name ?? people.nameOf(id), organisation: p?.organisation ?? '', role: p?.role ?? '' };
}

export function createCardComposerParts(deps: CardComposerDeps): CardComposer {
  const zone = deps.timeZone ?? DEFAULT_TIME_ZONE;
  const liveCards = deps.routeOf ? null : new OutboxStore(deps.db);
  const routeOf = deps.routeOf ?? ((key: string) => liveCards?.liveCard(key)?.ref?.platform ?? null);
  const timeZoneOf = (id: string | undefined) => (id ? deps.people.brief(id)?.timeZone : null) || zone;

  const summarise = (s: Service): ServiceSummary => ({
    id: s.id,
    name: s.name,
    organisation: s.organisation,
    capacity: s.capacity,
    description: s.description,
    areas: s.areas,
    contacts: s.contacts.map((c) => ({ ...personView(deps.people, c.personId), contactRole: c.role })),
  });
  const serviceSummary = (id: string) => {
    const s = deps.services.get(id);
    return s ? summarise(s) : null;
  };

  /** What changes with the handover itself: its contact, notes, steps, the viewer's role and the time. */
  const handoverParts = (h: Handover, viewerId: string | undefined, contact?: PersonView) => ({
    handover: h,
    contact: contact?.id === h.contactId ? contact : personView(deps.people, h.contactId),
    notes: h.client ? deps.handovers.notes(h.id) : [],
    steps: deps.handovers
      .audit(h.id)
      .map((a) => ({ event: a.event, actorId: a.actorId, at: a.at, details: a.details })),
    role: viewerId ? roleOf(h, viewerId) : ('other' as const),
    now: deps.clock.now(),
    reachedOn: viewerId === h.introducerId ? routeOf(`${h.id}:${h.contactId}`) : null,
  });

  const serviceName = (id: string) => deps.services.get(id)?.name ?? 'another service';
  /** Only the introducer reads how their introductions of one client follow each other. */
  const related = (h: Handover, viewerId: string | undefined): HandoverView['related'] => {
    if (!viewerId || viewerId !== h.introducerId || roleOf(h, viewerId) !== 'introducer') return undefined;
    const first = h.followsId ? deps.handovers.find(h.followsId) : undefined;
    return {
      follows: first ? { serviceName: serviceName(first.serviceId), state: first.state } : undefined,
      followedBy: deps.handovers.followers(h.id).map((f) => serviceName(f.serviceId)),
    };
  };

  const summaryView = (h: Handover, service: ServiceSummary, viewerId: string | undefined): HandoverView => ({
    ...handoverParts(h, viewerId),
    service,
    introducer: personView(deps.people, h.introducerId),
    nameOf: (id) => deps.people.nameOf(id),
    viewerId: viewerId ?? '',
    timeZone: timeZoneOf(viewerId),
    related: related(h, viewerId),
  });

  const view = (handoverId: string, viewerId: string | undefined): HandoverView | null => {
    const h = deps.handovers.find(handoverId);
    const service = h ? serviceSummary(h.serviceId) : null;
    return h && service ? summaryView(h, service, viewerId) : null;
  };

  const viewOf = (h: Handover, service: Service, viewerId: string | undefined): HandoverView =>
    summaryView(h, summarise(service), viewerId);

  const viewAfter = (before: HandoverView, after: Handover): HandoverView => {
    const same =
      after.id === before.handover.id &&
      after.serviceId === before.service.id &&
      after.introducerId === before.introducer.id;
    if (!same) return view(after.id, before.viewerId || undefined) ?? before;
    return {
      ...before,
      ...handoverParts(after, before.viewerId || undefined, before.contact),
      related: related(after, before.viewerId || undefined),
    };
  };

  const compose: ComposeCard = (request) => composeRequest(deps, { view, serviceSummary, timeZoneOf }, request);
  return { compose, view, viewAfter, viewOf, serviceSummary, timeZoneOf };
}

/** The ComposeCard the outbox dispatcher and every platform use. */
export function createCardComposer(deps: CardComposerDeps): ComposeCard {
  return createCardComposerParts(deps).compose;
}

type Helpers = Pick<CardComposer, 'view' | 'serviceSummary' | 'timeZoneOf'>;

function composeRequest(deps: CardComposerDeps, x: Helpers, r: CardRequest): Card | null {
  switch (r.kind) {
    case 'introduce_form':
      return introduceForm(deps, x, r);
    case 'opportunity': {
      const o = deps.opportunities?.get(r.subjectId);
      return o ? buildOpportunityCard(o, x.timeZoneOf(r.viewerId)) : null;
    }
    case 'digest':
      return r.viewerId
        ? buildDigestCard(r.subjectId, digestItems(deps, x, r.viewerId), x.timeZoneOf(r.viewerId), deps.clock.now())
        : null;
    case 'review_request': {
      const s = deps.services.get(r.subjectId);
      return s ? buildReviewRequestCard(s, x.timeZoneOf(r.viewerId), deps.clock.now()) : null;
    }
    case 'notice': {
      if (r.params?.reason === 'recipient_unreachable' && r.params.personId)
        return unreachableNotice(deps, r.subjectId, r.params.personId);
      return buildNoticeCard(r.subjectId, r.params?.title ?? 'Warm Handover', r.params?.text ?? '');
    }
    default: {
      const v = x.view(r.subjectId, r.viewerId);
      return v ? handoverCard(deps, v, r) : null;
    }
  }
}

function handoverCard(deps: CardComposerDeps, v: HandoverView, r: CardRequest): Card {
  const acting = isActingContact(v);
  const party = acting || v.role === 'introducer';
  switch (r.kind) {
    case 'receipt':
      return buildReceiptCard(v);
    case 'status_update':
      return buildStatusUpdateCard(v, r.params?.event ?? '', r.params?.actorId);
    case 'outcome': {
      const reason = outcomeReasonFor(v, r.params?.reason);
      return buildOutcomeCard(v, reason, alternativesFor(deps, v, reason));
    }
    case 'decline_form':
      return acting && v.handover.state === 'sent' ? buildDeclineForm(v) : liveCard(v);
    case 'pass_form':
      return acting && v.handover.state === 'sent' ? buildPassForm(v) : liveCard(v);
    case 'snooze_form':
      return acting ? buildSnoozeForm(v) : liveCard(v);
    case 'note_form':
      return party ? buildNoteForm(v) : liveCard(v);
    case 'withdraw_form':
      return v.role === 'introducer' && isAllowedFrom('withdraw', v.handover.state)
        ? buildWithdrawConfirmForm(v)
        : liveCard(v);
    case 'escalation':
      if (!r.viewerId)
        return {
          ...statusOnlyCard(v),
          kind: 'escalation',
          title: `An introduction to ${v.service.name} is waiting for an answer`,
        };
      return v.role === 'introducer'
        ? buildOutcomeCard(v, 'escalated', alternativesFor(deps, v, 'escalated'))
        : buildIntroductionCard(v, 'escalation');
    case 'nudge': {
      if (v.role !== 'introducer') return buildIntroductionCard(v, 'nudge');
      const reason = outcomeReasonFor(v, r.params?.reason);
      return buildOutcomeCard(v, reason, alternativesFor(deps, v, reason));
    }
    default:
      return liveCard(v);
  }
}

/** A message about this introduction could not reach someone on any route (no client details: only who). */
function unreachableNotice(deps: CardComposerDeps, handoverId: string, personId: string): Card {
  const name = deps.people.nameOf(personId);
  const h = deps.handovers.find(handoverId);
  const service = h ? deps.services.get(h.serviceId)?.name : undefined;
  const next = h?.state === 'sent' && h.contactId === personId ? ' We have asked the backup contacts instead.' : '';
  return buildNoticeCard(
    handoverId,
    `We couldn't reach ${name}`,
    `A message about your introduction${service ? ` to ${service}` : ''} could not reach ${name} on any route that is switched on.${next}`,
  );
}

/** Services to try instead, for the introducer only and only when the card offers them. */
function alternativesFor(deps: CardComposerDeps, v: HandoverView, reason: OutcomeReason): Alternative[] {
  if (v.role !== 'introducer' || !offersAlternatives(reason)) return [];
  const service = deps.services.get(v.handover.serviceId);
  return service
    ? suggestAlternatives(deps.db, service, v.handover, v.now, MAX_ALTERNATIVES, deps.staleAfterMonths)
    : [];
}

/** The one card a person keeps for a handover: the receipt for the introducer, the introduction for anyone else. */
export function liveCard(v: HandoverView): Card {
  if (v.role === 'introducer') return buildReceiptCard(v);
  return buildIntroductionCard(v, v.handover.state === 'sent' ? 'introduction' : 'accepted');
}

function introduceForm(deps: CardComposerDeps, x: Helpers, r: CardRequest): Card {
  const service = r.subjectId && r.subjectId !== 'directory' ? x.serviceSummary(r.subjectId) : null;
  if (service) return buildIntroduceForm({ service });
  const q = { q: r.params?.q, area: r.params?.area, age: r.params?.age };
  const searched = Boolean(q.q || q.area || q.age);
  return buildIntroduceForm({
    query: q,
    results: searched ? searchResults(deps, q) : undefined,
    now: deps.clock.now(),
  });
}

export function searchResults(
  deps: Pick<CardComposerDeps, 'db' | 'clock' | 'people' | 'staleAfterMonths'>,
  q: { q?: string; area?: string; age?: string },
): ResultSummary[] {
  const age = q.age && /^\d{1,3}$/.test(q.age.trim()) ? Number(q.age) : undefined;
  const now = deps.clock.now();
  return searchDirectory(
    deps.db,
    { text: q.q, area: q.area || undefined, age, limit: SEARCH_RESULTS_ON_FORM },
    now,
    deps.staleAfterMonths,
  ).map((s) => ({
    id: s.id,
    name: s.name,
    organisation: s.organisation,
    description: s.description,
    capacity: s.capacity,
    capacityUntil: s.capacityUntil ?? null,
    stale: s.stale || isStale(s, now, deps.staleAfterMonths),
    contactNames: s.contacts.map((c) => deps.people.nameOf(c.personId)),
  }));
}

function digestItems(deps: CardComposerDeps, x: Helpers, viewerId: string): DigestItem[] {
  return deps.handovers
    .listForPerson(viewerId)
    .filter(
      (h) =>
        (h.state === 'sent' || h.state === 'accepted') &&
        roleOf(h, viewerId) !== 'introducer' &&
        roleOf(h, viewerId) !== 'other',
    )
    .map((h) => {
      const service = deps.services.get(h.serviceId);
      const what = h.state === 'sent' ? 'Answer the introduction' : 'Confirm contact for the introduction';
      return {
        handoverId: h.id,
        version: h.version,
        due: h.state === 'sent' ? h.replyBy : h.followUpAt,
        line: `${what} from ${deps.people.nameOf(h.introducerId)} to ${service?.name ?? 'your service'}`,
      };
    });
}
