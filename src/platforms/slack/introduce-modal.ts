// The "Introduce a client" modal: type-ahead directory search, named contact, the core's fields, consent.
// Field block ids are the core's field names, so validation errors land on the right input.
import type { CardInput } from '../../cards/model.ts';
import { LIMITS } from '../../domain/handover/introduce.ts';
import { CONSENT_METHODS, URGENCIES } from '../../domain/handover/types.ts';
import { CAPACITY_LABELS, type Service } from '../../domain/directory/types.ts';
import type { SearchResult } from '../../app/service-directory.ts';
import { BLOCK_KIT_LIMITS, cut, inputBlock, plain, type ModalView } from './blocks.ts';
import { serialisedOnce, type WireJson } from './wire.ts';

export const INTRODUCE_CALLBACK_ID = 'introduce';
export const SERVICE_SEARCH_ACTION = 'serviceId';
export const CONTACT_SEARCH_ACTION = 'contactId';
export const INTRODUCE_TOGGLES: ReadonlySet<string> = new Set(['consent', 'interpreter']);
/** Directory results offered in the type-ahead. */
export const MAX_SERVICE_OPTIONS = 20;

const URGENCY_LABELS: Record<(typeof URGENCIES)[number], string> = {
  routine: 'Routine',
  soon: 'Soon',
  urgent: 'Urgent',
};
const CONSENT_LABELS: Record<(typeof CONSENT_METHODS)[number], string> = {
  in_person: 'In person',
  phone: 'By phone',
  written: 'In writing',
};

function fields(prefillNeeds?: string): CardInput[] {
  return [
    { type: 'text', id: 'clientName', label: 'First name or initials', required: true, maxLength: LIMITS.clientName },
    {
      type: 'text',
      id: 'needs',
      label: 'What they want help with, in their words',
      required: true,
      multiline: true,
      maxLength: LIMITS.needs,
      value: prefillNeeds,
    },
    {
      type: 'text',
      id: 'reasonForService',
      label: 'Why this service',
      required: true,
      multiline: true,
      maxLength: LIMITS.reasonForService,
    },
    {
      type: 'text',
      id: 'contactMethod',
      label: 'How they prefer to be contacted',
      required: true,
      maxLength: LIMITS.contactMethod,
    },
    {
      type: 'text',
      id: 'contactDetails',
      label: 'Contact details (shown only after the named contact accepts)',
      maxLength: LIMITS.contactDetails,
    },
    { type: 'text', id: 'contactTimes', label: 'Best times to reach them', maxLength: LIMITS.contactTimes },
    {
      type: 'choice',
      id: 'urgency',
      label: 'How urgent',
      required: true,
      value: 'routine',
      options: URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] })),
    },
    { type: 'text', id: 'language', label: 'Language', maxLength: LIMITS.language },
    { type: 'toggle', id: 'interpreter', label: 'Needs an interpreter' },
    { type: 'text', id: 'disability', label: 'Access needs', multiline: true, maxLength: LIMITS.disability },
    {
      type: 'toggle',
      id: 'consent',
      label: 'The client agreed to share these details with this service',
      required: true,
    },
    {
      type: 'choice',
      id: 'consentHow',
      label: 'How they agreed',
      required: true,
      value: 'in_person',
      options: CONSENT_METHODS.map((m) => ({ value: m, label: CONSENT_LABELS[m] })),
    },
  ];
}

/** The modal; `prefillNeeds` comes from the message a message shortcut was used on. */
export function introduceModal(
  options: { prefillNeeds?: string; opportunityId?: string; sourceLink?: string } = {},
): ModalView {
  const search = {
    type: 'external_select',
    action_id: SERVICE_SEARCH_ACTION,
    min_query_length: 0,
    placeholder: plain('Type a need, service or organisation', 150),
  };
  const contact = {
    type: 'external_select',
    action_id: CONTACT_SEARCH_ACTION,
    min_query_length: 0,
    placeholder: plain('The service’s named contact', 150),
  };
  const prefill = options.prefillNeeds ? cut(options.prefillNeeds, LIMITS.needs) : undefined;
  return {
    type: 'modal',
    callback_id: INTRODUCE_CALLBACK_ID,
    private_metadata: JSON.stringify({
      ...(options.opportunityId ? { o: options.opportunityId } : {}),
      ...(options.sourceLink ? { l: options.sourceLink } : {}),
    }),
    title: plain('Introduce a client', BLOCK_KIT_LIMITS.modalTitle),
    submit: plain('Send', BLOCK_KIT_LIMITS.modalButton),
    close: plain('Cancel', BLOCK_KIT_LIMITS.modalButton),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Find a service, tell them about the client, and we keep you posted in a DM.' },
      },
      inputBlock({ type: 'choice', id: SERVICE_SEARCH_ACTION, label: 'Service', required: true, options: [] }, search),
      inputBlock(
        {
          type: 'choice',
          id: CONTACT_SEARCH_ACTION,
          label: 'Named contact (leave empty for the main contact)',
          options: [],
        },
        contact,
      ),
      ...fields(prefill).map((f) => inputBlock(f)),
    ],
  };
}

/** The modal for /handover and the shortcut without a message: the same every time, so serialised once. */
const PLAIN_INTRODUCE_MODAL = serialisedOnce(() => introduceModal());

/** What /handover and the shortcuts open: the modal, prefilled from the command's text or the message if any. */
export function introduceModalToOpen(prefillNeeds: string | undefined): ModalView | WireJson {
  return prefillNeeds ? introduceModal({ prefillNeeds }) : PLAIN_INTRODUCE_MODAL();
}

/** The modal from a message shortcut: the decoded message text as the need, and a link back to the message. */
export function introduceModalFromMessage(
  prefillNeeds: string | undefined,
  sourceLink: string | undefined,
): ModalView | WireJson {
  return prefillNeeds || sourceLink ? introduceModal({ prefillNeeds, sourceLink }) : PLAIN_INTRODUCE_MODAL();
}

/** One type-ahead option: name, organisation, capacity, and a stale marker. */
export function serviceOption(s: SearchResult): { text: { type: 'plain_text'; text: string }; value: string } {
  const flags = [CAPACITY_LABELS[s.capacity], s.stale ? 'not reviewed recently' : ''].filter(Boolean).join(', ');
  return {
    text: { type: 'plain_text', text: cut(`${s.name} — ${s.organisation} (${flags})`, BLOCK_KIT_LIMITS.optionText) },
    value: s.id,
  };
}

export function contactOptions(service: Service | undefined, nameOf: (id: string) => string) {
  return (service?.contacts ?? []).map((c) => ({
    text: {
      type: 'plain_text' as const,
      text: cut(`${nameOf(c.personId)}${c.role === 'primary' ? ' (main contact)' : ''}`, BLOCK_KIT_LIMITS.optionText),
    },
    value: c.personId,
  }));
}

/** After sending: what happens next, in the modal the introducer is looking at. */
export function sentModal(contactName: string, serviceName: string): ModalView {
  return {
    type: 'modal',
    callback_id: 'introduce_sent',
    private_metadata: '',
    title: plain('Introduction sent', BLOCK_KIT_LIMITS.modalTitle),
    close: plain('Done', BLOCK_KIT_LIMITS.modalButton),
    blocks: [
      {
        type: 'section',
        text: plain(
          `We have introduced your client to ${contactName} at ${serviceName}. You will get a DM that updates as they answer.`,
        ),
      },
    ],
  };
}
