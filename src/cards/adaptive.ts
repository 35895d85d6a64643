// Neutral card model → Adaptive Card 1.5 JSON: the one converter used by the web playground and Teams.
// The JSON is built directly (a templating engine cost more than everything else on an Accept). Every string
// from people is only ever a property value, never evaluated; text is escaped so that markdown, links,
// mentions, ${...} and {{DATE()}} functions show as typed.
import type { Card, CardAction, CardBlock, CardInput, TextStyle } from './model.ts';

/** Teams refuses bot messages over about 28 KB; we keep every card under it. */
export const MAX_CARD_BYTES = 28 * 1024;
/** A single text block longer than this is cut (the full text stays in the product). */
export const MAX_TEXT_CHARS = 4000;
const SHRINK_STEPS = [2000, 1000, 400, 150] as const;
export const DEFAULT_INPUT_MAX_LENGTH = 2000;
const NO_MIN_DATE = '1900-01-01';
/** A toggle shows its label above and this beside the box. */
export const TOGGLE_TITLE = 'Yes';

const ADAPTIVE_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
const ADAPTIVE_VERSION = '1.5';

export type AdaptiveCardJson = Record<string, unknown>;

const MARKDOWN_SPECIAL = /[\\`*_~[\]<>]/g;

/** Makes text safe for TextBlock and FactSet: markdown characters escaped, list markers and {{functions}} broken. */
export function escapeText(text: string): string {
  return text
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(/^(\s*)([-+#])(?=\s|$)/gm, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/gm, '$1$2\\$3')
    .replace(/\{\{/g, '{\u200B{');
}

export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (cut: too long to show here)` : text;
}

export const STYLE: Record<TextStyle, { size: string; weight: string; color: string; subtle: boolean }> = {
  heading: { size: 'Default', weight: 'Bolder', color: 'Default', subtle: false },
  subtle: { size: 'Default', weight: 'Default', color: 'Default', subtle: true },
  good: { size: 'Default', weight: 'Bolder', color: 'Good', subtle: false },
  attention: { size: 'Default', weight: 'Bolder', color: 'Attention', subtle: false },
  warning: { size: 'Default', weight: 'Bolder', color: 'Warning', subtle: false },
  default: { size: 'Default', weight: 'Default', color: 'Default', subtle: false },
};

type Item = Record<string, unknown>;

function textBlock(text: string, style: TextStyle, max: number): Item {
  const s = STYLE[style];
  return {
    type: 'TextBlock',
    text: escapeText(cut(text, max)),
    wrap: true,
    size: s.size,
    weight: s.weight,
    color: s.color,
    isSubtle: s.subtle,
  };
}

function submitAction(a: CardAction): Item {
  const style = a.style === 'positive' ? 'positive' : a.style === 'destructive' ? 'destructive' : 'default';
  return {
    type: 'Action.Submit',
    title: a.label,
    style,
    associatedInputs: a.submitsInputs ? 'auto' : 'none',
    data: { actionId: a.id, subjectId: a.subjectId, version: a.version ?? 0, ...(a.key ? { key: a.key } : {}) },
  };
}

function inputElements(input: CardInput, max: number): Item[] {
  const id = input.id;
  const label = cut(input.label, max);
  const errorMessage = input.error ?? `${input.label}: please fill this in.`;
  const required = input.required ?? false;
  const error = input.error ? [textBlock(input.error, 'attention', max)] : [];
  switch (input.type) {
    case 'text':
      return [
        {
          type: 'Input.Text',
          id,
          label,
          isRequired: required,
          errorMessage,
          isMultiline: input.multiline ?? false,
          maxLength: input.maxLength ?? DEFAULT_INPUT_MAX_LENGTH,
          value: cut(input.value ?? '', DEFAULT_INPUT_MAX_LENGTH * 5),
          placeholder: input.placeholder ?? '',
        },
        ...error,
      ];
    case 'choice':
      return [
        {
          type: 'Input.ChoiceSet',
          id,
          label,
          isRequired: required,
          errorMessage,
          style: input.expanded ? 'expanded' : 'compact',
          isMultiSelect: input.multi ?? false,
          value: input.value ?? '',
          choices: input.options.map((o) => ({ title: cut(o.label, max), value: o.value })),
        },
        ...error,
      ];
    case 'toggle': // a required toggle is checked by the server, which says why it matters
      return [
        {
          type: 'Input.Toggle',
          id,
          label,
          title: TOGGLE_TITLE,
          isRequired: false,
          errorMessage,
          value: input.value ? 'true' : 'false',
          valueOn: 'true',
          valueOff: 'false',
          wrap: true,
        },
        ...error,
      ];
    case 'date':
      return [
        {
          type: 'Input.Date',
          id,
          label,
          isRequired: required,
          errorMessage,
          value: input.value ?? '',
          min: input.min ?? NO_MIN_DATE,
        },
        ...error,
      ];
  }
}

function blockElements(block: CardBlock, max: number): Item[] {
  switch (block.type) {
    case 'text':
      return [textBlock(block.text, block.style ?? 'default', max)];
    case 'facts':
      return [
        {
          type: 'FactSet',
          facts: block.facts.map((f) => ({
            title: escapeText(cut(f.label, max)),
            value: escapeText(cut(f.value, max)),
          })),
        },
      ];
    case 'timeline':
      return [
        {
          type: 'FactSet',
          facts: block.steps.map((s) => ({
            title: escapeText(`${s.done ? '✓' : '○'} ${cut(s.label, max)}`),
            value: escapeText(s.at ?? 'Not yet'),
          })),
        },
      ];
    case 'divider':
      return [];
    case 'input':
      return inputElements(block.input, max);
    case 'actions':
      return [{ type: 'ActionSet', actions: block.actions.map(submitAction) }];
  }
}

/**
 * Each element sits in its own Container, which carries the separator a divider asked for. Rendered examples of
 * every card kind are under cards/ (npm run cards:render).
 */
export function buildAdaptiveCard(card: Card, max: number = MAX_TEXT_CHARS): AdaptiveCardJson {
  const body: Item[] = [
    {
      type: 'TextBlock',
      text: escapeText(cut(card.title, max)),
      wrap: true,
      size: 'Medium',
      weight: 'Bolder',
      style: 'heading',
    },
  ];
  let separator = false;
  for (const block of card.blocks) {
    if (block.type === 'divider') {
      separator = true;
      continue;
    }
    for (const element of blockElements(block, max)) {
      body.push({ type: 'Container', separator, spacing: separator ? 'Medium' : 'Default', items: [element] });
      separator = false;
    }
  }
  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_SCHEMA,
    version: ADAPTIVE_VERSION,
    fallbackText: cut(card.summary, max),
    body,
    actions: card.actions.map(submitAction),
  };
}

export function cardBytes(json: unknown): number {
  return Buffer.byteLength(JSON.stringify(json), 'utf8');
}

/** Renders a card; long texts are cut until it fits under MAX_CARD_BYTES. */
export function toAdaptiveCard(card: Card): AdaptiveCardJson {
  let json = buildAdaptiveCard(card, MAX_TEXT_CHARS);
  for (const max of SHRINK_STEPS) {
    if (cardBytes(json) <= MAX_CARD_BYTES) return json;
    json = buildAdaptiveCard(card, max);
  }
  if (cardBytes(json) <= MAX_CARD_BYTES) return json;
  return buildAdaptiveCard(
    {
      ...card,
      blocks: [
        { type: 'text', text: 'This message is too long to show here. Open Warm Handover in the browser to see it.' },
      ],
    },
    SHRINK_STEPS[0],
  );
}
