// "Introduce a client to this" on an opportunity card: the introduce form for the opportunity's service, addressed to
// its named contact and showing which opportunity it is about; and, at submit, the input for HandoverService.introduce.
// The form always opens privately (a modal, a dialog, the person's own pane): nothing about a client goes to a channel.
import type { CardComposer } from '../card-composer.ts';
import type { FormErrors, FormValues } from '../../cards/handover-forms.ts';
import { buildIntroduceForm } from '../../cards/introduce-form.ts';
import type { Card, CardBlock } from '../../cards/model.ts';
import { OpportunityError } from '../../domain/opportunities/errors.ts';
import type { ActionResult } from './types.ts';
import type { OpportunityService } from '../opportunity-service.ts';

/** The form input that carries the opportunity id to the submit (a one-option choice, so every platform sends it). */
export const OPPORTUNITY_INPUT_ID = 'opportunityId';
/** Slack cuts option labels at 75 characters. */
const OPTION_LABEL_CHARS = 75;

export interface OpportunityActionDeps {
  opportunities: OpportunityService;
  cards: Pick<CardComposer, 'serviceSummary'>;
}

export interface OpportunityFormState {
  values?: FormValues;
  errors?: FormErrors;
  message?: string;
}

/** The introduce form for an opportunity; throws OpportunityError when it closed or has no directory service. */
export function buildOpportunityIntroduceForm(
  deps: OpportunityActionDeps,
  actorId: string,
  opportunityId: string,
  state: OpportunityFormState = {},
): Card {
  const p = deps.opportunities.introduceToOpportunity(opportunityId, actorId);
  const service = deps.cards.serviceSummary(p.serviceId);
  if (!service)
    throw new OpportunityError(
      'OPPORTUNITY_NO_SERVICE',
      `We couldn't find ${p.serviceName} in the directory any more.`,
    );
  const onlyContact = { ...service, contacts: service.contacts.filter((c) => c.id === p.contactId) };
  const form = buildIntroduceForm({
    service: onlyContact,
    values: { ...state.values, contactId: p.contactId },
    errors: state.errors,
    message: state.message,
  });
  const label =
    p.opportunityTitle.length > OPTION_LABEL_CHARS
      ? `${p.opportunityTitle.slice(0, OPTION_LABEL_CHARS - 1)}…`
      : p.opportunityTitle;
  const which: CardBlock = {
    type: 'input',
    input: {
      type: 'choice',
      id: OPPORTUNITY_INPUT_ID,
      label: 'Opportunity',
      required: true,
      options: [{ value: p.opportunityId, label }],
      value: p.opportunityId,
    },
  };
  const at = state.message ? 1 : 0; // after the error line, if any
  return { ...form, blocks: [...form.blocks.slice(0, at), which, ...form.blocks.slice(at)] };
}

/** For action 'introduce_to_opportunity' (subjectId = the opportunity id): the form, or a clear error. */
export function openOpportunityIntroduction(
  deps: OpportunityActionDeps,
  actorId: string,
  opportunityId: string,
): ActionResult {
  try {
    return { kind: 'form', card: buildOpportunityIntroduceForm(deps, actorId, opportunityId) };
  } catch (err) {
    if (!(err instanceof OpportunityError)) throw err;
    return { kind: 'error', message: err.message, fields: err.fields };
  }
}

/**
 * For 'introduce_submit': when the form carried an opportunity id, puts the opportunity's service, named contact and id
 * into the input for HandoverService.introduce (refused with OpportunityError if it has closed meanwhile).
 */
export function withOpportunity(
  deps: OpportunityActionDeps,
  actorId: string,
  input: Record<string, unknown>,
  inputs: Record<string, unknown> = input,
): Record<string, unknown> {
  const id = inputs[OPPORTUNITY_INPUT_ID];
  if (typeof id !== 'string' || id.trim() === '') return input;
  return deps.opportunities.introductionInput(id.trim(), actorId, input);
}
