// The introduce form: find a service (search box and results), then the fields from the core with a
// required consent confirmation. Never shows anything about other clients.
import { CAPACITY_LABELS, type Capacity } from '../domain/directory/types.ts';
import { LIMITS } from '../domain/handover/introduce.ts';
import { DEFAULT_TIME_ZONE, formatDay } from './format.ts';
import type { Card, CardBlock, CardInput } from './model.ts';
import type { FormErrors, FormValues } from './handover-forms.ts';
import type { ServiceSummary } from './view.ts';

export const MAX_RESULTS_ON_CARD = 8;

export interface ResultSummary {
  id: string;
  name: string;
  organisation: string;
  description: string;
  capacity: Capacity;
  /** YYYY-MM-DD: the capacity a named contact set lasts until then. */
  capacityUntil?: string | null;
  stale: boolean;
  contactNames: string[];
}

export interface IntroduceFormInput {
  service?: ServiceSummary;
  query?: { q?: string; area?: string; age?: string };
  results?: ResultSummary[];
  values?: FormValues;
  errors?: FormErrors;
  message?: string;
  /** The submit's one-answer key (a repeat of the same form sends it again and gets the first answer). */
  key?: string;
  /** A re-introduction: the submit's subject names the first introduction too, and a line says so. */
  follows?: { subjectId: string; text: string };
  /** When the form is built: a result's "until" date carries the year only when it is not this one. */
  now?: Date;
}

const DESCRIPTION_PREVIEW = 200;

function searchBlocks(input: IntroduceFormInput): CardBlock[] {
  const q = input.query ?? {};
  const blocks: CardBlock[] = [
    {
      type: 'input',
      input: {
        type: 'text',
        id: 'q',
        label: 'What does your client need help with?',
        placeholder: 'For example: anxiety, debt, CV',
        value: q.q,
      },
    },
    { type: 'input', input: { type: 'text', id: 'area', label: 'Area or postcode (optional)', value: q.area } },
    { type: 'input', input: { type: 'text', id: 'age', label: 'Client age (optional)', value: q.age } },
    {
      type: 'actions',
      actions: [{ id: 'introduce_search', label: 'Search', subjectId: 'directory', submitsInputs: true }],
    },
  ];
  if (!input.results) return blocks;
  if (input.results.length === 0)
    return [
      ...blocks,
      { type: 'text', text: 'No services matched. Try other words or leave the area empty.', style: 'subtle' },
    ];
  for (const r of input.results.slice(0, MAX_RESULTS_ON_CARD)) {
    const until = r.capacityUntil
      ? ` until ${formatDay(`${r.capacityUntil}T12:00:00Z`, DEFAULT_TIME_ZONE, input.now)}`
      : '';
    const marks = [
      `${CAPACITY_LABELS[r.capacity]}${until}`,
      r.stale ? 'not reviewed for a year: check before introducing' : '',
    ]
      .filter(Boolean)
      .join('; ');
    const preview =
      r.description.length > DESCRIPTION_PREVIEW ? `${r.description.slice(0, DESCRIPTION_PREVIEW)}…` : r.description;
    blocks.push(
      { type: 'divider' },
      { type: 'text', text: `${r.name}, ${r.organisation}`, style: 'heading' },
      {
        type: 'text',
        text: `${preview} (${marks})`,
        style: r.stale || r.capacity === 'closed' ? 'warning' : 'default',
      },
      { type: 'actions', actions: [{ id: 'introduce_start', label: `Introduce to ${r.name}`, subjectId: r.id }] },
    );
  }
  return blocks;
}

function field(input: CardInput, values: FormValues, errors: FormErrors): CardBlock {
  const withValue =
    input.type === 'toggle'
      ? { ...input, value: values[input.id] === 'true' }
      : { ...input, value: values[input.id] ?? input.value };
  return { type: 'input', input: { ...withValue, error: errors[input.id] } as CardInput };
}

/**
 * The client's part of every introduce form, in one wording: the web and Teams card, the e-mail page and Slack's
 * modal (src/platforms/slack/introduce-modal.ts) all ask with these fields.
 */
export function clientFields(): CardInput[] {
  return [
    {
      type: 'text',
      id: 'clientName',
      label: 'Client first name or initials',
      required: true,
      maxLength: LIMITS.clientName,
    },
    {
      type: 'text',
      id: 'needs',
      label: 'What they want help with, in their own words',
      required: true,
      multiline: true,
      maxLength: LIMITS.needs,
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
      placeholder: 'Phone, text, e-mail, in person',
    },
    { type: 'text', id: 'contactTimes', label: 'Best times (optional)', maxLength: LIMITS.contactTimes },
    {
      type: 'text',
      id: 'contactDetails',
      label: 'Contact details (optional; shown only after the introduction is accepted)',
      maxLength: LIMITS.contactDetails,
    },
    { type: 'text', id: 'language', label: 'Preferred language (optional)', maxLength: LIMITS.language },
    { type: 'toggle', id: 'interpreter', label: 'They need an interpreter' },
    {
      type: 'text',
      id: 'disability',
      label: 'Other access needs (optional)',
      multiline: true,
      maxLength: LIMITS.disability,
    },
    {
      type: 'choice',
      id: 'urgency',
      label: 'Urgency',
      expanded: true,
      value: 'routine',
      options: [
        { value: 'routine', label: 'Routine' },
        { value: 'soon', label: 'Soon' },
        { value: 'urgent', label: 'Urgent' },
      ],
    },
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
      value: 'in_person',
      options: [
        { value: 'in_person', label: 'In person' },
        { value: 'phone', label: 'By phone' },
        { value: 'written', label: 'In writing' },
      ],
    },
  ];
}

function formBlocks(service: ServiceSummary, values: FormValues, errors: FormErrors): CardBlock[] {
  const contacts = service.contacts.map((c) => ({
    value: c.id,
    label: `${c.name}${c.contactRole === 'primary' ? ' (named contact)' : ' (backup)'}`,
  }));
  const fields: CardInput[] = [
    {
      type: 'choice',
      id: 'contactId',
      label: 'Who to introduce them to',
      options: contacts,
      value: contacts[0]?.value,
    },
    ...clientFields(),
  ];
  return [
    {
      type: 'text',
      text: `${service.name}, ${service.organisation} (${CAPACITY_LABELS[service.capacity]})`,
      style: 'heading',
    },
    { type: 'text', text: service.description, style: 'subtle' },
    { type: 'divider' },
    ...fields.map((f) => field(f, values, errors)),
  ];
}

export function buildIntroduceForm(input: IntroduceFormInput): Card {
  const values = input.values ?? {};
  const errors = input.errors ?? {};
  const top: CardBlock[] = input.message ? [{ type: 'text', text: input.message, style: 'attention' }] : [];
  if (!input.service) {
    return {
      kind: 'introduce_form',
      title: 'Introduce a client: find a service',
      summary: 'Find a service to introduce a client to',
      blocks: [...top, ...searchBlocks(input)],
      actions: [],
    };
  }
  const s = input.service;
  const follows: CardBlock[] = input.follows ? [{ type: 'text', text: input.follows.text, style: 'subtle' }] : [];
  return {
    kind: 'introduce_form',
    title: `Introduce a client to ${s.name}`,
    summary: `Introduce a client to ${s.name}`,
    subjectId: s.id,
    blocks: [
      ...top,
      ...follows,
      {
        type: 'text',
        text: 'Only share what the client agreed to. Their contact details are shown to the service only after it accepts.',
      },
      ...formBlocks(s, values, errors),
    ],
    actions: [
      {
        id: 'introduce_submit',
        label: 'Send introduction',
        style: 'positive',
        subjectId: input.follows?.subjectId ?? s.id,
        submitsInputs: true,
        ...(input.key ? { key: input.key } : {}),
      },
      { id: 'introduce_search', label: 'Back to search', subjectId: 'directory' },
    ],
  };
}
