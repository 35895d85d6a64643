// Small forms opened from a handover card: decline (reason required), pass to a colleague, snooze, add a note.
// Each can be shown again with what the person typed and a message next to the field that needs fixing.
import { LIMITS } from '../domain/handover/introduce.ts';
import { DECLINE_REASONS, DECLINE_REASON_LABELS } from '../domain/handover/types.ts';
import { clientName } from './handover-text.ts';
import { localDate } from './format.ts';
import type { Card, CardAction, CardBlock } from './model.ts';
import { handoverAction, type HandoverView } from './view.ts';

export type FormValues = Record<string, string | undefined>;
export type FormErrors = Record<string, string>;

const DAY_MS = 24 * 60 * 60 * 1000;

function cancel(view: HandoverView): CardAction {
  return handoverAction(view, 'open_handover', 'Cancel');
}

function submit(view: HandoverView, id: CardAction['id'], label: string, style?: CardAction['style']): CardAction {
  return { ...handoverAction(view, id, label, style), submitsInputs: true };
}

function errorLine(errors: FormErrors, message?: string): Card['blocks'] {
  return message
    ? [{ type: 'text', text: message, style: 'attention' }]
    : Object.keys(errors).length
      ? [{ type: 'text', text: 'Please check the form.', style: 'attention' }]
      : [];
}

/** A free-text note on a form (field `id`, at most LIMITS.note characters), with what was typed and its error. */
function noteInput(
  label: string,
  values: FormValues,
  errors: FormErrors,
  { id = 'note', required = false }: { id?: string; required?: boolean } = {},
): CardBlock {
  return {
    type: 'input',
    input: {
      type: 'text',
      id,
      label,
      ...(required ? { required } : {}),
      multiline: true,
      maxLength: LIMITS.note,
      value: values[id],
      error: errors[id],
    },
  };
}

export function buildDeclineForm(
  view: HandoverView,
  values: FormValues = {},
  errors: FormErrors = {},
  message?: string,
): Card {
  return {
    kind: 'decline_form',
    title: `Decline the introduction of ${clientName(view.handover)}`,
    subjectId: view.handover.id,
    version: view.handover.version,
    summary: 'Decline an introduction',
    blocks: [
      ...errorLine(errors, message),
      {
        type: 'text',
        text: `Please tell ${view.introducer.name} why, so they can find another service for their client.`,
      },
      {
        type: 'input',
        input: {
          type: 'choice',
          id: 'reason',
          label: 'Reason',
          required: true,
          expanded: true,
          value: values.reason,
          error: errors.reason,
          options: DECLINE_REASONS.map((r) => ({ value: r, label: DECLINE_REASON_LABELS[r] })),
        },
      },
      noteInput('Note (needed if the reason is Other)', values, errors),
    ],
    actions: [submit(view, 'decline_submit', 'Decline', 'destructive'), cancel(view)],
  };
}

export function buildPassForm(
  view: HandoverView,
  values: FormValues = {},
  errors: FormErrors = {},
  message?: string,
): Card {
  const colleagues = view.service.contacts.filter((c) => c.id !== view.viewerId);
  return {
    kind: 'pass_form',
    title: 'Pass to a colleague',
    subjectId: view.handover.id,
    version: view.handover.version,
    summary: 'Pass an introduction to a colleague',
    blocks: [
      ...errorLine(errors, message),
      {
        type: 'text',
        text: `Choose who at ${view.service.name} should answer this introduction. ${view.introducer.name} will be told.`,
      },
      {
        type: 'input',
        input: {
          type: 'choice',
          id: 'toPersonId',
          label: 'Colleague',
          required: true,
          expanded: true,
          value: values.toPersonId,
          error: errors.toPersonId,
          options: colleagues.map((c) => ({ value: c.id, label: `${c.name}${c.role ? `, ${c.role}` : ''}` })),
        },
      },
      noteInput('Note for your colleague (optional)', values, errors),
    ],
    actions: [submit(view, 'pass_submit', 'Pass it on', 'positive'), cancel(view)],
  };
}

export function buildSnoozeForm(
  view: HandoverView,
  values: FormValues = {},
  errors: FormErrors = {},
  message?: string,
): Card {
  const tomorrow = localDate(new Date(view.now.getTime() + DAY_MS), view.timeZone);
  return {
    kind: 'snooze_form',
    title: 'Snooze until',
    subjectId: view.handover.id,
    version: view.handover.version,
    summary: 'Snooze reminders for an introduction',
    blocks: [
      ...errorLine(errors, message),
      {
        type: 'text',
        text: 'Reminders wait until the morning of the day you choose. If the reply-by date passes meanwhile, a backup contact may be asked.',
      },
      {
        type: 'input',
        input: {
          type: 'date',
          id: 'until',
          label: 'Snooze until',
          required: true,
          min: tomorrow,
          value: values.until ?? tomorrow,
          error: errors.until,
        },
      },
    ],
    actions: [submit(view, 'snooze_submit', 'Snooze'), cancel(view)],
  };
}

export function buildNoteForm(
  view: HandoverView,
  values: FormValues = {},
  errors: FormErrors = {},
  message?: string,
): Card {
  const other = view.role === 'introducer' ? view.contact.name : view.introducer.name;
  return {
    kind: 'note_form',
    title: 'Add a note',
    subjectId: view.handover.id,
    version: view.handover.version,
    summary: 'Add a note to an introduction',
    blocks: [
      ...errorLine(errors, message),
      { type: 'text', text: `${other} will see this note.` },
      noteInput('Note', values, errors, { id: 'text', required: true }),
    ],
    actions: [submit(view, 'add_note_submit', 'Add note', 'positive'), cancel(view)],
  };
}

/** The confirm step before withdrawing (Slack asks with its own confirm dialog and goes straight to withdraw_confirmed). */
export function buildWithdrawConfirmForm(
  view: HandoverView,
  values: FormValues = {},
  errors: FormErrors = {},
  message?: string,
): Card {
  return {
    kind: 'withdraw_form',
    title: `Withdraw the introduction of ${clientName(view.handover)}?`,
    subjectId: view.handover.id,
    version: view.handover.version,
    summary: 'Withdraw an introduction?',
    blocks: [
      ...errorLine(errors, message),
      { type: 'text', text: WITHDRAW_CONFIRM_TEXT(view.contact.name, view.service.name) },
      noteInput('Why (optional)', values, errors),
    ],
    actions: [
      submit(view, 'withdraw_confirmed', 'Yes, withdraw', 'destructive'),
      handoverAction(view, 'open_handover', 'Keep it'),
    ],
  };
}

export const WITHDRAW_CONFIRM_TEXT = (contact: string, service: string): string =>
  `${contact} at ${service} will be told that the introduction is withdrawn and will not be able to answer it. This cannot be undone.`;
