// "Needs changes" on a review request: the parts of its directory entry a named contact keeps right themselves.
// Field ids are the directory CSV's column names, so the same import rules check what is typed.
import { CAPACITIES, CAPACITY_LABELS, type Service } from '../domain/directory/types.ts';
import type { Card } from './model.ts';

export type ReviewFormValues = Partial<Record<string, string>>;

/** Fields a named contact may change from chat or the e-mail page; the rest stays with the coordinator. */
export const SELF_SERVICE_FIELDS = [
  'capacity',
  'capacity_until',
  'description',
  'eligibility_other',
  'reply_by_days',
  'backup_contacts',
] as const;

export function buildReviewChangesForm(
  service: Service,
  values: ReviewFormValues,
  errors: ReviewFormValues = {},
  message?: string,
): Card {
  const alert = message ? [{ type: 'text' as const, text: message, style: 'attention' as const }] : [];
  return {
    kind: 'review_request',
    title: `Update the entry for ${service.name}`,
    subjectId: service.id,
    summary: `Update the directory entry for ${service.name}`,
    blocks: [
      ...alert,
      {
        type: 'text',
        text: 'Change what is no longer right. It is saved at once, shown in search and to your coordinator.',
      },
      {
        type: 'input',
        input: {
          type: 'choice',
          id: 'capacity',
          label: 'Can you take new introductions?',
          required: true,
          value: values.capacity,
          error: errors.capacity,
          options: CAPACITIES.map((c) => ({ value: c, label: CAPACITY_LABELS[c] })),
        },
      },
      {
        type: 'input',
        input: {
          type: 'date',
          id: 'capacity_until',
          label: 'Until (optional: after this day it goes back to open)',
          value: values.capacity_until,
          error: errors.capacity_until,
        },
      },
      {
        type: 'input',
        input: {
          type: 'text',
          id: 'description',
          label: 'What you offer',
          multiline: true,
          value: values.description,
          error: errors.description,
        },
      },
      {
        type: 'input',
        input: {
          type: 'text',
          id: 'eligibility_other',
          label: 'Who it is for',
          multiline: true,
          value: values.eligibility_other,
          error: errors.eligibility_other,
        },
      },
      {
        type: 'input',
        input: {
          type: 'text',
          id: 'reply_by_days',
          label: 'Working days to reply to an introduction',
          value: values.reply_by_days,
          error: errors.reply_by_days,
        },
      },
      {
        type: 'input',
        input: {
          type: 'text',
          id: 'backup_contacts',
          label: 'Backup contacts, as Name <email>, separated by ;',
          multiline: true,
          value: values.backup_contacts,
          error: errors.backup_contacts,
        },
      },
    ],
    actions: [
      {
        id: 'review_changes_submit',
        label: 'Save changes',
        style: 'positive',
        subjectId: service.id,
        submitsInputs: true,
      },
    ],
  };
}
