// "Post an opportunity" on every platform: opportunity_start → the form; opportunity_submit → postOpportunity to the
// chosen registered peer groups → a confirmation, or the form again with a message beside each field to fix.
// Only registered peer groups of the poster's platform can be chosen (on Slack: channels the bot is in).
import type { CardComposer } from '../card-composer.ts';
import { formatDay, listWords, localDate } from '../../cards/format.ts';
import type { FormValues } from '../../cards/handover-forms.ts';
import type { Card, ChoiceOption } from '../../cards/model.ts';
import { describeDeadline } from '../../domain/opportunities/deadline.ts';
import { OpportunityError, OpportunityInputError } from '../../domain/opportunities/errors.ts';
import { parseNewOpportunity } from '../../domain/opportunities/new-opportunity.ts';
import type { Opportunity } from '../../domain/opportunities/types.ts';
import type { Clock } from '../../domain/ports.ts';
import type { PeerGroup } from '../../storage/opportunity-store.ts';
import type { PeopleStore } from '../../storage/people-store.ts';
import type { ServiceStore } from '../../storage/service-store.ts';
import type { ActionResult } from './types.ts';
import type { OpportunityService } from '../opportunity-service.ts';
import {
  buildPostOpportunityForm,
  CHANNELS_INPUT_ID,
  CHOICE_SEPARATOR,
  MAX_SERVICE_CHOICES,
  parseScope,
  type PostScope,
} from '../../cards/post-opportunity-form.ts';

export interface PostOpportunityDeps {
  clock: Clock;
  opportunities: OpportunityService;
  people: PeopleStore;
  services: ServiceStore;
  cards: Pick<CardComposer, 'timeZoneOf'>;
}

export interface PostOpportunityRequest {
  actorId: string;
  actionId: 'opportunity_start' | 'opportunity_submit';
  subjectId: string;
  inputs?: Record<string, unknown>;
}

/** The fields the form sends to postOpportunity (everything else in the inputs is ignored). */
const OPPORTUNITY_FIELDS = [
  'title',
  'provider',
  'type',
  'summary',
  'dates',
  'deadline',
  'whoFor',
  'howToJoin',
  'serviceId',
] as const;
const MAX_CHOSEN_CHANNELS = 50;

/** A multi-select arrives as a list (Slack) or as comma-joined text (Adaptive Cards). */
export function chosenChannels(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(CHOICE_SEPARATOR) : [];
  const ids = list
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);
  return [...new Set(ids)].slice(0, MAX_CHOSEN_CHANNELS);
}

function typedValues(inputs: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const k of OPPORTUNITY_FIELDS) if (typeof inputs[k] === 'string') out[k] = inputs[k] as string;
  const channels = chosenChannels(inputs[CHANNELS_INPUT_ID]);
  if (channels.length > 0) out[CHANNELS_INPUT_ID] = channels.join(CHOICE_SEPARATOR);
  return out;
}

/** Services with a named contact; the poster's own first, then by name. */
function serviceChoices(deps: PostOpportunityDeps, actorId: string): ChoiceOption[] {
  const mine = (s: { contacts: { personId: string }[] }) => s.contacts.some((c) => c.personId === actorId);
  return deps.services
    .all()
    .filter((s) => s.contacts.length > 0)
    .sort((a, b) => Number(mine(b)) - Number(mine(a)) || a.name.localeCompare(b.name))
    .slice(0, MAX_SERVICE_CHOICES)
    .map((s) => ({ value: s.id, label: `${s.name}, ${s.organisation}` }));
}

function groupsFor(deps: PostOpportunityDeps, scope: PostScope): PeerGroup[] {
  return deps.opportunities.peerGroups(scope.platform, scope.tenant);
}

function form(
  deps: PostOpportunityDeps,
  actorId: string,
  scope: PostScope,
  state: { values?: FormValues; errors?: Record<string, string>; message?: string } = {},
): Card {
  // No service is chosen for the poster: the course may be run by someone else entirely.
  const values: FormValues = { ...state.values };
  return buildPostOpportunityForm({
    scope,
    values,
    errors: state.errors,
    message: state.message,
    channels: groupsFor(deps, scope).map((g) => ({ value: g.channelId, label: g.name })),
    services: serviceChoices(deps, actorId),
    today: localDate(deps.clock.now(), deps.cards.timeZoneOf(actorId)),
  });
}

function confirmation(deps: PostOpportunityDeps, o: Opportunity, groups: PeerGroup[], actorId: string): Card {
  const zone = deps.cards.timeZoneOf(actorId);
  const service = o.serviceId ? deps.services.get(o.serviceId) : undefined;
  const contact = deps.people.nameOf(o.contactId);
  const where = listWords(groups.map((g) => g.name));
  return {
    kind: 'notice',
    title: 'Opportunity posted',
    summary: `Posted "${o.title}" to ${where}`,
    subjectId: o.id,
    blocks: [
      { type: 'text', text: `"${o.title}" is posted to ${where}.`, style: 'good' },
      {
        type: 'text',
        text: `It closes itself after ${describeDeadline(o.deadline, zone, deps.clock.now())}; the card in the channel will then say Closed.`,
      },
      {
        type: 'text',
        text: service
          ? `"Introduce a client to this" on the card introduces people to ${contact} at ${service.name}.`
          : 'It is not linked to a directory service, so people will use "How to join".',
      },
      { type: 'text', text: `Posted on ${formatDay(o.createdAt, zone, deps.clock.now())}.`, style: 'subtle' },
    ],
    actions: [],
  };
}

/** The problems with the typed fields, when the channels are what stopped the post (so all show at once). */
function fieldProblems(
  deps: PostOpportunityDeps,
  input: Record<string, unknown>,
  timeZone: string,
): Record<string, string> {
  try {
    parseNewOpportunity(input, deps.clock.now(), timeZone);
    return {};
  } catch (err) {
    return err instanceof OpportunityError ? err.fields : {};
  }
}

function submit(deps: PostOpportunityDeps, req: PostOpportunityRequest, scope: PostScope): ActionResult {
  const inputs = req.inputs ?? {};
  const values = typedValues(inputs);
  const input: Record<string, unknown> = {};
  for (const k of OPPORTUNITY_FIELDS) input[k] = values[k]?.trim() || undefined;
  const groups = groupsFor(deps, scope);
  const chosen = chosenChannels(inputs[CHANNELS_INPUT_ID]);
  const targets = groups.filter((g) => chosen.includes(g.channelId));
  try {
    if (targets.length === 0 || targets.length < chosen.length) {
      const problem =
        chosen.length === 0
          ? 'Choose at least one channel to post this opportunity to.'
          : 'Choose the channels from the list: one of them is not a peer group here.';
      const fields = {
        ...fieldProblems(deps, input, deps.cards.timeZoneOf(req.actorId)),
        [CHANNELS_INPUT_ID]: problem,
      };
      throw new OpportunityInputError(`Please check: ${Object.values(fields).join(' ')}`, fields);
    }
    const names = Object.fromEntries(targets.map((g) => [g.channelId, g.name]));
    const o = deps.opportunities.postOpportunity(req.actorId, input, targets, names, { posterUnlessChosen: false });
    return { kind: 'card', card: confirmation(deps, o, targets, req.actorId) };
  } catch (err) {
    if (!(err instanceof OpportunityError)) throw err;
    return {
      kind: 'error',
      message: err.message,
      fields: err.fields,
      form: form(deps, req.actorId, scope, { values, errors: err.fields, message: err.message }),
    };
  }
}

/** Runs opportunity_start (subject: where the poster is, e.g. "web" or "slack:T123") and opportunity_submit. */
export function handlePostOpportunity(deps: PostOpportunityDeps, req: PostOpportunityRequest): ActionResult {
  const scope = parseScope(req.subjectId);
  if (!scope) return { kind: 'error', message: 'That form is not valid any more. Please start again.', fields: {} };
  if (req.actionId === 'opportunity_start') {
    return { kind: 'form', card: form(deps, req.actorId, scope, { values: typedValues(req.inputs ?? {}) }) };
  }
  return submit(deps, req, scope);
}
