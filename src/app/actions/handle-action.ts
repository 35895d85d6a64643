// The one action handler for every platform: a button press or form submit (action id, subject id, version,
// inputs) → the HandoverService command → the card the person should now see, a form, or a clear error.
import { liveCard, searchResults } from '../card-composer.ts';
import { dateInputToInstant } from '../../cards/format.ts';
import {
  buildDeclineForm,
  buildNoteForm,
  buildPassForm,
  buildSnoozeForm,
  buildWithdrawConfirmForm,
  type FormValues,
} from '../../cards/handover-forms.ts';
import { buildNotesCard, stateHeadline } from '../../cards/handover-text.ts';
import { buildIntroduceForm } from '../../cards/introduce-form.ts';
import { DIRECTORY_SUBJECT } from '../../cards/welcome-card.ts';
import type { Card, CardKind } from '../../cards/model.ts';
import type { ActionDeps, ActionRequest, ActionResult } from './types.ts';
import { isActionId } from '../../cards/model.ts';
import { buildNoticeCard } from '../../cards/other-cards.ts';
import { isActingContact, type HandoverView } from '../../cards/view.ts';
import type { Command } from '../../domain/handover/commands.ts';
import { HandoverError } from '../../domain/handover/errors.ts';
import { OpportunityError } from '../../domain/opportunities/errors.ts';
import { openOpportunityIntroduction, withOpportunity } from './opportunity-actions.ts';
import { handlePostOpportunity } from './post-opportunity-actions.ts';
import { handleReviewAction } from './review-actions.ts';
import { handleSay } from '../chat-commands.ts';

export type { ActionDeps, ActionRequest, ActionResult } from './types.ts';
import { beforeActing, pressOf } from '../press.ts';
import { followOf, followsLine, openReintroduction } from '../reintroduce.ts';
import { newId } from '../ids.ts';

export const MAX_INPUT_FIELDS = 40;

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function flag(v: unknown): boolean {
  return v === true || v === 'true';
}

/** Only string-ish values, at most MAX_INPUT_FIELDS of them: what a form can have typed. */
export function formValues(inputs: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(inputs).slice(0, MAX_INPUT_FIELDS)) {
    const t = typeof v === 'boolean' ? String(v) : text(v);
    if (t !== undefined) out[k] = t;
  }
  return out;
}

function error(message: string, fields: Record<string, string> = {}, form?: Card): ActionResult {
  return { kind: 'error', message, fields, form };
}

type FormBuilder = (v: HandoverView, values?: FormValues, errors?: Record<string, string>, message?: string) => Card;

const FORMS: Partial<Record<string, { kind: CardKind; build: FormBuilder; contactOnly: boolean }>> = {
  decline: { kind: 'decline_form', build: buildDeclineForm, contactOnly: true },
  decline_submit: { kind: 'decline_form', build: buildDeclineForm, contactOnly: true },
  pass: { kind: 'pass_form', build: buildPassForm, contactOnly: true },
  pass_submit: { kind: 'pass_form', build: buildPassForm, contactOnly: true },
  snooze: { kind: 'snooze_form', build: buildSnoozeForm, contactOnly: true },
  snooze_submit: { kind: 'snooze_form', build: buildSnoozeForm, contactOnly: true },
  add_note: { kind: 'note_form', build: buildNoteForm, contactOnly: false },
  add_note_submit: { kind: 'note_form', build: buildNoteForm, contactOnly: false },
  withdraw: { kind: 'withdraw_form', build: buildWithdrawConfirmForm, contactOnly: false },
  withdraw_confirmed: { kind: 'withdraw_form', build: buildWithdrawConfirmForm, contactOnly: false },
};

/** Opening these forms changes nothing; their *_submit (or confirmed) partner acts. */
const OPENS_FORM = new Set(['decline', 'pass', 'snooze', 'add_note', 'withdraw']);

function notForYou(v: HandoverView): string {
  return `This introduction is for ${v.contact.name} at ${v.service.name}.`;
}

function openForm(v: HandoverView, actionId: string): ActionResult {
  const form = FORMS[actionId]!;
  const allowed = form.contactOnly ? isActingContact(v) : isActingContact(v) || v.role === 'introducer';
  if (!allowed) return error(notForYou(v));
  const open =
    form.contactOnly && actionId !== 'snooze'
      ? v.handover.state === 'sent'
      : !['declined', 'withdrawn', 'expired', 'closed'].includes(v.handover.state);
  const snoozable = actionId !== 'snooze' || ['sent', 'accepted'].includes(v.handover.state);
  if (!open || !snoozable) return error(`This introduction can't be changed that way now. ${stateHeadline(v).text}`);
  return { kind: 'form', card: form.build(v) };
}

function commandFor(req: ActionRequest, v: HandoverView): Command | ActionResult {
  const i = req.inputs ?? {};
  const actorId = req.actorId;
  switch (req.actionId) {
    case 'decline_submit':
      return { type: 'decline', actorId, reason: text(i.reason) ?? '', note: text(i.note) || undefined };
    case 'pass_submit':
      return { type: 'pass', actorId, toPersonId: text(i.toPersonId) ?? '', note: text(i.note) || undefined };
    case 'withdraw_confirmed':
      return { type: 'withdraw', actorId, note: text(i.note) || undefined };
    case 'add_note_submit':
      return { type: 'add_note', actorId, text: text(i.text) ?? '' };
    case 'snooze_submit': {
      const until = dateInputToInstant(text(i.until) ?? '', v.timeZone);
      if (!until) return error('Please choose a date to snooze until.', { until: 'Choose a date.' });
      return { type: 'snooze', actorId, until };
    }
    case 'close': {
      const byState =
        v.handover.state === 'contact_made' ? 'contact_made' : v.handover.state === 'unreachable' ? 'unreachable' : '';
      const outcome = text(i.outcome) || byState;
      if (!outcome) return error('Please choose how this introduction ended.', { outcome: 'Choose an outcome.' });
      return { type: 'close', actorId, outcome };
    }
    default:
      return (
        ONE_CLICK[req.actionId]?.(actorId, i) ?? error('That button is not known here. Please refresh and try again.')
      );
  }
}

function onHandover(deps: ActionDeps, req: ActionRequest): ActionResult {
  const v = deps.cards.view(req.subjectId, req.actorId);
  if (!v) return error(`We couldn't find introduction ${req.subjectId}. It may have been removed.`);
  if (req.actionId === 'open_handover') return { kind: 'card', card: liveCard(v) };
  if (req.actionId === 'all_notes') {
    return isActingContact(v) || v.role === 'introducer'
      ? { kind: 'form', card: buildNotesCard(v) }
      : error(notForYou(v));
  }
  if (OPENS_FORM.has(req.actionId)) return openForm(v, req.actionId);
  const command = commandFor(req, v);
  if ('kind' in command) return withForm(command, v, req);
  const early = beforeActing(deps, req, command, v);
  if (early) return early;
  let after;
  try {
    after = deps.handoverService.act(v.handover.id, command, { press: pressOf(req), shownIn: req.shownIn }).handover;
  } catch (err) {
    if (err instanceof HandoverError) return withForm(error(err.message, err.fields), v, req);
    throw err;
  }
  return { kind: 'card', card: liveCard(deps.cards.viewAfter(v, after)) };
}

/** A refused form submit comes back as the same form, keeping what was typed. */
function withForm(result: ActionResult, v: HandoverView, req: ActionRequest): ActionResult {
  const form = FORMS[req.actionId];
  if (result.kind !== 'error' || !form || OPENS_FORM.has(req.actionId)) return result;
  const allowed = isActingContact(v) || (!form.contactOnly && v.role === 'introducer');
  if (!allowed) return result;
  return { ...result, form: form.build(v, formValues(req.inputs ?? {}), result.fields, result.message) };
}

function introduceInput(req: ActionRequest): Record<string, unknown> {
  const i = req.inputs ?? {};
  const t = (k: string) => text(i[k])?.trim() || undefined;
  return {
    serviceId: t('serviceId') ?? req.subjectId,
    contactId: t('contactId'),
    clientName: t('clientName') ?? '',
    needs: t('needs') ?? '',
    reasonForService: t('reasonForService') ?? '',
    contactMethod: t('contactMethod') ?? '',
    contactTimes: t('contactTimes'),
    language: t('language'),
    interpreter: flag(i.interpreter),
    disability: t('disability'),
    urgency: t('urgency'),
    contactDetails: t('contactDetails'),
    consent: flag(i.consent) ? true : undefined,
    consentHow: t('consentHow'),
    sourceLink: t('sourceLink'),
  };
}

function onIntroduce(deps: ActionDeps, req: ActionRequest): ActionResult {
  if (req.actionId === 'introduce_search') {
    const i = formValues(req.inputs ?? {});
    const query = { q: i.q?.trim(), area: i.area?.trim(), age: i.age?.trim() };
    const searched = Boolean(query.q || query.area || query.age);
    return {
      kind: 'form',
      card: buildIntroduceForm({
        query,
        results: searched ? searchResults({ ...deps }, query) : undefined,
        now: deps.clock.now(),
      }),
    };
  }
  // "Introduce a client" before a service is chosen: the form opens on the directory search.
  if (req.actionId === 'introduce_start' && req.subjectId === DIRECTORY_SUBJECT)
    return { kind: 'form', card: buildIntroduceForm({}) };
  const follow = followOf(req.subjectId);
  const service = deps.cards.serviceSummary(follow?.serviceId ?? req.subjectId);
  if (!service)
    return error(`We couldn't find that service in the directory.`, {
      serviceId: 'Choose a service from the directory.',
    });
  if (req.actionId === 'introduce_start')
    return { kind: 'form', card: buildIntroduceForm({ service, key: newId('K') }) };
  const first = follow ? deps.cards.view(follow.handoverId, req.actorId) : null;
  const follows =
    follow && first ? { subjectId: req.subjectId, text: followsLine(first.handover, first.service.name) } : undefined;
  try {
    const typed = { ...introduceInput(req), ...(follow ? { serviceId: follow.serviceId } : {}) };
    const input = deps.opportunities
      ? withOpportunity({ opportunities: deps.opportunities, cards: deps.cards }, req.actorId, typed, req.inputs ?? {})
      : typed;
    const h = deps.handoverService.introduce(req.actorId, input, {
      press: pressOf(req),
      followsId: follow?.handoverId,
    });
    const v = deps.cards.view(h.id, req.actorId);
    return {
      kind: 'card',
      card: v ? liveCard(v) : buildNoticeCard(h.id, 'Introduction sent', 'Your introduction has been sent.'),
    };
  } catch (err) {
    if (!(err instanceof HandoverError) && !(err instanceof OpportunityError)) throw err;
    const key = text(req.inputs?.key) ?? req.key;
    const form = buildIntroduceForm({
      service,
      values: formValues(req.inputs ?? {}),
      errors: err.fields,
      message: err.message,
      key,
      follows,
    });
    return error(err.message, err.fields, form);
  }
}

/**
 * An action whose change, if it makes one, is already committed; render() builds what the person now sees.
 * A platform that must answer fast (Slack acks within 3 seconds) answers between the two, so its answer waits for
 * the commit (a click it was told we received is never lost) but not for building the card.
 */
export interface PreparedAction {
  render(): ActionResult;
}

/** A result already complete: nothing left to build after the platform answers. */
export const ready = (result: ActionResult): PreparedAction => ({ render: () => result });

/** Buttons that are one command with no inputs and no form: nothing to check against the card before acting. */
const ONE_CLICK: Partial<Record<string, (actorId: string, inputs: Record<string, unknown>) => Command>> = {
  accept: (actorId) => ({ type: 'accept', actorId }),
  confirm_contact: (actorId, i) => ({
    type: 'confirm_contact',
    actorId,
    note: text(i.note)?.trim() || undefined,
    followUpOwed: flag(i.followUpOwed),
  }),
  report_unreachable: (actorId) => ({ type: 'report_unreachable', actorId }),
  outcome_yes: (actorId) => ({ type: 'report_outcome', actorId, outcome: 'contact_made' }),
  outcome_unreachable: (actorId) => ({ type: 'report_outcome', actorId, outcome: 'unreachable' }),
  outcome_not_yet: (actorId) => ({ type: 'not_yet', actorId }),
};

/** The domain decides who may act and says why not; the card is built from what was committed. */
function prepareOneClick(deps: ActionDeps, req: ActionRequest, command: Command): PreparedAction {
  const early = beforeActing(deps, req, command);
  if (early) return ready(early);
  let result;
  try {
    result = deps.handoverService.act(req.subjectId, command, { press: pressOf(req), shownIn: req.shownIn });
  } catch (err) {
    if (err instanceof HandoverError) return ready(error(err.message, err.fields));
    throw err;
  }
  // The card shows what was just committed: the handover and service from the change, not read back again.
  const { handover, service } = result;
  return { render: () => ({ kind: 'card', card: liveCard(deps.cards.viewOf(handover, service, req.actorId)) }) };
}

/** Checks and commits one action for one person; see PreparedAction. Never throws for something a person did. */
export function prepareAction(deps: ActionDeps, req: ActionRequest): PreparedAction {
  if (!deps.people.brief(req.actorId))
    return ready(error('We do not know who you are yet: ask your coordinator to add you to the directory.'));
  if (!isActionId(req.actionId)) return ready(error('That button is not known here. Please refresh and try again.'));
  if (typeof req.subjectId !== 'string' || req.subjectId.length === 0)
    return ready(error('That button is missing what it is about. Please refresh and try again.'));
  const oneClick = ONE_CLICK[req.actionId];
  if (oneClick) return prepareOneClick(deps, req, oneClick(req.actorId, req.inputs ?? {}));
  return ready(route(deps, req));
}

/** Runs one action for one person. Never throws for something a person did; unexpected faults propagate. */
export function handleAction(deps: ActionDeps, req: ActionRequest): ActionResult {
  return prepareAction(deps, req).render();
}

function route(deps: ActionDeps, req: ActionRequest): ActionResult {
  switch (req.actionId) {
    case 'introduce_start':
    case 'introduce_search':
    case 'introduce_submit':
      return onIntroduce(deps, req);
    case 'reintroduce':
      return openReintroduction(deps.cards, req.actorId, req.subjectId);
    case 'introduce_to_opportunity':
      if (!deps.opportunities)
        return error(
          'Introducing a client to an opportunity is not available here yet. Search the directory for its provider instead.',
        );
      return openOpportunityIntroduction(
        { opportunities: deps.opportunities, cards: deps.cards },
        req.actorId,
        req.subjectId,
      );
    case 'opportunity_start':
    case 'opportunity_submit':
      if (!deps.opportunities) return error('Posting opportunities is not available here yet.');
      return handlePostOpportunity({ ...deps, opportunities: deps.opportunities }, { ...req, actionId: req.actionId });
    case 'review_still_right':
    case 'review_needs_changes':
    case 'review_closed':
    case 'review_open':
    case 'review_changes_submit':
      return handleReviewAction(deps, req);
    case 'say':
      return handleSay(deps, req);
    default:
      return onHandover(deps, req);
  }
}
