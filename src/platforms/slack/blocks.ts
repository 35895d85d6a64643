// The one converter from the neutral card model to Slack Block Kit (messages and modals).
// User text is escaped for mrkdwn and marked verbatim, so it can never mention, link or break out.
import type { Card, CardAction, CardBlock, CardInput, CardKind } from '../../cards/model.ts';

/** Block Kit limits (docs.slack.dev/reference/block-kit). */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  blocksPerHomeTab: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  buttonValue: 2000,
  buttonText: 75,
  actionsPerBlock: 25,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputMaxLength: 3000,
  optionText: 75,
  optionValue: 150,
  optionsPerSelect: 100,
  fallbackText: 3000,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

/** A Block Kit block as JSON (Slack checks the shape; we check the limits). */
export type Block = { type: string; block_id?: string; [key: string]: unknown };
export interface ModalView {
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: { type: 'plain_text'; text: string };
  submit?: { type: 'plain_text'; text: string };
  close: { type: 'plain_text'; text: string };
  blocks: Block[];
}

const ELLIPSIS = '…';

/** Cuts text to at most `max` characters (by code point), ending with an ellipsis when cut. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + ELLIPSIS;
}

/** Escapes the three characters Slack treats as control characters in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const plain = (text: string, max: number = BLOCK_KIT_LIMITS.sectionText) => ({
  type: 'plain_text' as const,
  text: cut(text, max),
  emoji: true,
});
/** mrkdwn built from already-escaped text; verbatim stops Slack from auto-linking names, channels and URLs. */
const mrkdwn = (escaped: string, max: number = BLOCK_KIT_LIMITS.sectionText) => ({
  type: 'mrkdwn',
  text: cut(escaped, max),
  verbatim: true,
});

/** Button payload: only the subject id and the version the card was shown at. */
export interface ButtonValue {
  s: string;
  v?: number;
}

export function encodeButtonValue(action: CardAction): string {
  const value = JSON.stringify({ s: action.subjectId, v: action.version } satisfies ButtonValue);
  if (value.length > BLOCK_KIT_LIMITS.buttonValue)
    throw new Error(`Button value for ${action.id} is longer than Slack allows.`);
  return value;
}

export function decodeButtonValue(value: string | undefined): ButtonValue | null {
  try {
    const parsed = JSON.parse(value ?? '') as Partial<ButtonValue>;
    return typeof parsed.s === 'string'
      ? { s: parsed.s, v: typeof parsed.v === 'number' ? parsed.v : undefined }
      : null;
  } catch {
    return null;
  }
}

function textBlock(block: Extract<CardBlock, { type: 'text' }>): Block {
  const escaped = escapeMrkdwn(block.text);
  if (block.style === 'subtle') return { type: 'context', elements: [mrkdwn(escaped)] };
  const styled =
    block.style === 'heading' ? `*${escaped}*` : block.style === 'attention' ? `:warning: ${escaped}` : escaped;
  return { type: 'section', text: mrkdwn(styled) };
}

function factsBlocks(facts: { label: string; value: string }[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < facts.length; i += BLOCK_KIT_LIMITS.sectionFields) {
    const fields = facts
      .slice(i, i + BLOCK_KIT_LIMITS.sectionFields)
      .map((f) => mrkdwn(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, BLOCK_KIT_LIMITS.fieldText));
    blocks.push({ type: 'section', fields });
  }
  return blocks;
}

function timelineBlock(steps: { label: string; at: string | null; done: boolean }[]): Block {
  const lines = steps.map(
    (s) =>
      `${s.done ? ':white_check_mark:' : ':white_circle:'} ${escapeMrkdwn(s.label)}${s.at ? ` · ${escapeMrkdwn(s.at)}` : ''}`,
  );
  return { type: 'section', text: mrkdwn(lines.join('\n')) };
}

function option(value: string, label: string) {
  return { text: plain(label, BLOCK_KIT_LIMITS.optionText), value: cut(value, BLOCK_KIT_LIMITS.optionValue) };
}

function inputElement(input: CardInput): Block {
  switch (input.type) {
    case 'text': {
      const max = Math.min(input.maxLength ?? BLOCK_KIT_LIMITS.inputMaxLength, BLOCK_KIT_LIMITS.inputMaxLength);
      return {
        type: 'plain_text_input',
        action_id: input.id,
        multiline: input.multiline ?? false,
        max_length: max,
        ...(input.value ? { initial_value: cut(input.value, max) } : {}),
        ...(input.placeholder ? { placeholder: plain(input.placeholder, 150) } : {}),
      };
    }
    case 'choice': {
      const options = input.options.slice(0, BLOCK_KIT_LIMITS.optionsPerSelect).map((o) => option(o.value, o.label));
      if (input.multi) {
        const chosen = (input.value ?? '').split(',');
        const initial = options.filter((o) => chosen.includes(o.value));
        return {
          type: 'multi_static_select',
          action_id: input.id,
          options,
          ...(initial.length ? { initial_options: initial } : {}),
        };
      }
      const initial = options.find((o) => o.value === input.value);
      return { type: 'static_select', action_id: input.id, options, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'toggle': {
      const only = option('yes', input.label);
      return {
        type: 'checkboxes',
        action_id: input.id,
        options: [only],
        ...(input.value ? { initial_options: [only] } : {}),
      };
    }
    case 'date':
      return {
        type: 'datepicker',
        action_id: input.id,
        ...(input.value ? { initial_date: input.value.slice(0, 10) } : {}),
      };
  }
}

/** An input block whose block_id is the field name, so `response_action: errors` can point at it. */
export function inputBlock(input: CardInput, element: Block = inputElement(input)): Block {
  return {
    type: 'input',
    block_id: cut(input.id, BLOCK_KIT_LIMITS.blockId),
    optional: !input.required,
    label: plain(input.label, BLOCK_KIT_LIMITS.inputLabel),
    element,
  };
}

/** Slack's own "are you sure?" dialog; pressing its yes sends the confirmed action. */
function confirmObject(c: NonNullable<CardAction['confirm']>, style: CardAction['style']) {
  return {
    title: plain(c.title, BLOCK_KIT_LIMITS.confirmTitle),
    text: plain(c.text, BLOCK_KIT_LIMITS.confirmText),
    confirm: plain(c.yes, BLOCK_KIT_LIMITS.confirmButton),
    deny: plain(c.no, BLOCK_KIT_LIMITS.confirmButton),
    ...(style === 'destructive' ? { style: 'danger' } : {}),
  };
}

export function buttonsBlock(actions: CardAction[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < actions.length; i += BLOCK_KIT_LIMITS.actionsPerBlock) {
    const elements = actions.slice(i, i + BLOCK_KIT_LIMITS.actionsPerBlock).map((a) => ({
      type: 'button',
      action_id: a.confirm?.confirmedId ?? a.id,
      text: plain(a.label, BLOCK_KIT_LIMITS.buttonText),
      value: encodeButtonValue(a),
      ...(a.style === 'positive' ? { style: 'primary' } : a.style === 'destructive' ? { style: 'danger' } : {}),
      ...(a.confirm ? { confirm: confirmObject(a.confirm, a.style) } : {}),
    }));
    blocks.push({ type: 'actions', elements });
  }
  return blocks;
}

function bodyBlocks(card: Card, inModal: boolean): Block[] {
  const out: Block[] = [];
  for (const b of card.blocks) {
    if (b.type === 'text') out.push(textBlock(b));
    else if (b.type === 'facts') out.push(...factsBlocks(b.facts));
    else if (b.type === 'timeline') out.push(timelineBlock(b.steps));
    else if (b.type === 'divider') out.push({ type: 'divider' });
    else if (b.type === 'actions') {
      if (!inModal) out.push(...buttonsBlock(b.actions));
    } else if (inModal || card.actions.some((a) => a.submitsInputs)) out.push(inputBlock(b.input));
  }
  return out;
}

/** Keeps at most `max` blocks, always keeping the trailing buttons, with a note that something was left out. */
function fit(blocks: Block[], tail: Block[], max: number): Block[] {
  if (blocks.length + tail.length <= max) return [...blocks, ...tail];
  const room = Math.max(0, max - tail.length - 1);
  return [
    ...blocks.slice(0, room),
    { type: 'context', elements: [mrkdwn('Some details are not shown here.')] },
    ...tail,
  ];
}

/** A chat message: fallback text for notifications, and blocks. A threaded status reply is its sentence alone. */
export function cardToMessage(card: Card): { text: string; blocks: Block[] } {
  const header =
    card.kind === 'status_update' ? [] : [{ type: 'header', text: plain(card.title, BLOCK_KIT_LIMITS.headerText) }];
  const blocks = fit(
    [...header, ...bodyBlocks(card, false)],
    buttonsBlock(card.actions),
    BLOCK_KIT_LIMITS.blocksPerMessage,
  );
  return { text: cut(card.summary || card.title, BLOCK_KIT_LIMITS.fallbackText), blocks };
}

/**
 * Modal titles, written to fit Slack's 24 characters rather than cut from the card's title ("Decline the
 * introductio…"). A kind not listed keeps its card title when it fits.
 */
export const MODAL_TITLES: Partial<Record<CardKind, string>> = {
  decline_form: 'Decline',
  pass_form: 'Pass to a colleague',
  snooze_form: 'Snooze until',
  note_form: 'Add a note',
  introduce_form: 'Introduce a client',
  opportunity_form: 'Post an opportunity',
  opportunity: 'Opportunity posted',
  introduction: 'Introduction',
  accepted: 'Introduction',
  nudge: 'Introduction',
  escalation: 'Introduction',
  receipt: 'Your introduction',
  outcome: 'Your introduction',
  my_introductions: 'My introductions',
  welcome: 'Warm Handover',
  notes: 'All notes',
};
export const DEFAULT_MODAL_TITLE = 'Warm Handover';

export function modalTitle(card: Pick<Card, 'kind' | 'title'>): string {
  const written = MODAL_TITLES[card.kind];
  if (written) return written;
  return [...card.title].length <= BLOCK_KIT_LIMITS.modalTitle ? card.title : DEFAULT_MODAL_TITLE;
}

/** What a modal submission must do: the action, its subject and version, and the message to update after. */
export interface FormMetadata {
  a: string;
  s: string;
  v?: number;
  c?: string;
  t?: string;
}

export function encodeMetadata(meta: FormMetadata): string {
  const text = JSON.stringify(meta);
  if (text.length > BLOCK_KIT_LIMITS.privateMetadata) throw new Error('Modal metadata is longer than Slack allows.');
  return text;
}

export function decodeMetadata(text: string | undefined): FormMetadata | null {
  try {
    const parsed = JSON.parse(text ?? '') as Partial<FormMetadata>;
    return typeof parsed.a === 'string' && typeof parsed.s === 'string' ? (parsed as FormMetadata) : null;
  } catch {
    return null;
  }
}

export const FORM_CALLBACK_ID = 'handover_form';

/** A form card as a modal: the action that sends the inputs is the submit button; the others are not shown. */
export function cardToModal(card: Card, message?: { channel: string; ts: string }, close?: string): ModalView {
  const submit = card.actions.find((a) => a.submitsInputs) ?? card.actions[0];
  // A modal with nothing to send only shows something: "Done" closes it.
  close ??= submit ? 'Cancel' : 'Done';
  const meta: FormMetadata = {
    a: submit?.id ?? 'close',
    s: submit?.subjectId ?? card.subjectId ?? '',
    v: submit?.version ?? card.version,
  };
  if (message) Object.assign(meta, { c: message.channel, t: message.ts });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: encodeMetadata(meta),
    title: plain(modalTitle(card), BLOCK_KIT_LIMITS.modalTitle),
    ...(submit ? { submit: plain(submit.label, BLOCK_KIT_LIMITS.modalButton) } : {}),
    close: plain(close, BLOCK_KIT_LIMITS.modalButton),
    blocks: fit(bodyBlocks(card, true), [], BLOCK_KIT_LIMITS.blocksPerModal),
  };
}

/** A modal that only says something: "Done" closes it after a success, "Close" after something went wrong. */
export function noticeModal(title: string, text: string, close: 'Done' | 'Close' = 'Close'): ModalView {
  return {
    type: 'modal',
    callback_id: 'notice',
    private_metadata: '',
    title: plain(title, BLOCK_KIT_LIMITS.modalTitle),
    close: plain(close, BLOCK_KIT_LIMITS.modalButton),
    blocks: [{ type: 'section', text: mrkdwn(escapeMrkdwn(text)) }],
  };
}

type StateValue = {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
  selected_user?: string | null;
};
export type ViewStateValues = Record<string, Record<string, StateValue>>;

/** Single-option checkboxes are yes/no toggles; they read back as booleans. */
export function togglesIn(blocks: readonly Block[]): Set<string> {
  const ids = blocks.flatMap((b) => {
    const el = b.element as { type?: string; action_id?: string; options?: unknown[] } | undefined;
    return b.type === 'input' && el?.type === 'checkboxes' && el.options?.length === 1 && el.action_id
      ? [el.action_id]
      : [];
  });
  return new Set(ids);
}

/** Reads a submitted modal's inputs by field name: text, a chosen value, a list, a date or a ticked box. */
export function readViewInputs(
  values: ViewStateValues,
  toggles: ReadonlySet<string> = new Set(),
): Record<string, string | boolean | string[]> {
  const out: Record<string, string | boolean | string[]> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    for (const [actionId, v] of Object.entries(actions)) {
      const key = actionId || blockId;
      if (v.type === 'checkboxes')
        out[key] = toggles.has(key)
          ? (v.selected_options?.length ?? 0) > 0
          : (v.selected_options ?? []).map((o) => o.value);
      else if (v.type.startsWith('multi_')) out[key] = (v.selected_options ?? []).map((o) => o.value);
      else if (v.selected_option !== undefined) {
        if (v.selected_option) out[key] = v.selected_option.value;
      } else if (v.selected_date !== undefined) {
        if (v.selected_date) out[key] = v.selected_date;
      } else if (v.selected_user !== undefined) {
        if (v.selected_user) out[key] = v.selected_user;
      } else if (typeof v.value === 'string' && v.value !== '') out[key] = v.value;
    }
  }
  return out;
}

/** The toggle input ids of a card, so their checkboxes read back as booleans. */
export function toggleIds(card: Card): Set<string> {
  return new Set(card.blocks.flatMap((b) => (b.type === 'input' && b.input.type === 'toggle' ? [b.input.id] : [])));
}

/** Maps field errors onto the modal's blocks; a message without a matching block goes on the first input. */
export function fieldErrors(
  view: { blocks?: Block[] },
  fields: Record<string, string>,
  message: string,
): Record<string, string> {
  const inputIds = (view.blocks ?? []).filter((b) => b.type === 'input').map((b) => String(b.block_id));
  const errors: Record<string, string> = {};
  for (const [field, text] of Object.entries(fields)) if (inputIds.includes(field)) errors[field] = cut(text, 150);
  if (Object.keys(errors).length === 0 && inputIds[0]) errors[inputIds[0]] = cut(message, 150);
  return errors;
}
