// The "Introduce a client" modal: type-ahead directory search, named contact, the core's fields, consent.
// Field block ids are the core's field names, so validation errors land on the right input.
import type { CardInput } from '../../cards/model.ts';
import { clientFields } from '../../cards/introduce-form.ts';
import { LIMITS } from '../../domain/handover/introduce.ts';
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

/** The client's fields as on every other introduce form; `prefillNeeds` is put into "what they want help with". */
function fields(prefillNeeds?: string): CardInput[] {
  return clientFields().map((f) =>
    f.id === 'needs' && f.type === 'text' && prefillNeeds ? { ...f, value: prefillNeeds } : f,
  );
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
