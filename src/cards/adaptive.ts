// Neutral card model → Adaptive Card 1.5 JSON: the one converter used by the web playground and Teams.
// The layout lives in cards/card.template.json; every string from people goes into the template's data,
// never into the template, so the templating engine cannot evaluate it. Text is escaped so that markdown,
// links, mentions and {{DATE()}} functions show as typed.
import * as ACData from 'adaptivecards-templating';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const TEMPLATE_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cards', 'card.template.json');
const template = new ACData.Template(JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')));

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

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (cut: too long to show here)` : text;
}

const STYLE: Record<TextStyle, { size: string; weight: string; color: string; subtle: boolean }> = {
  heading: { size: 'Default', weight: 'Bolder', color: 'Default', subtle: false },
  subtle: { size: 'Default', weight: 'Default', color: 'Default', subtle: true },
  good: { size: 'Default', weight: 'Bolder', color: 'Good', subtle: false },
  attention: { size: 'Default', weight: 'Bolder', color: 'Attention', subtle: false },
  warning: { size: 'Default', weight: 'Bolder', color: 'Warning', subtle: false },
  default: { size: 'Default', weight: 'Default', color: 'Default', subtle: false },
};

type Item = Record<string, unknown>;

function textItem(text: string, style: TextStyle, max: number): Item {
  return { kind: 'text', text: escapeText(cut(text, max)), ...STYLE[style] };
}

function actionData(a: CardAction): Item {
  const style = a.style === 'positive' ? 'positive' : a.style === 'destructive' ? 'destructive' : 'default';
  return {
    title: a.label, style, associatedInputs: a.submitsInputs ? 'auto' : 'none',
    data: { actionId: a.id, subjectId: a.subjectId, version: a.version ?? 0 },
  };
}

function inputItems(input: CardInput, max: number): Item[] {
  const common = { id: input.id, label: cut(input.label, max), required: input.required ?? false, errorMessage: input.error ?? `${input.label}: please fill this in.` };
  const error = input.error ? [textItem(input.error, 'attention', max)] : [];
  switch (input.type) {
    case 'text':
      return [{ kind: 'input-text', ...common, multiline: input.multiline ?? false, maxLength: input.maxLength ?? DEFAULT_INPUT_MAX_LENGTH, value: cut(input.value ?? '', DEFAULT_INPUT_MAX_LENGTH * 5), placeholder: input.placeholder ?? '' }, ...error];
    case 'choice':
      return [{
        kind: 'input-choice', ...common, choiceStyle: input.expanded ? 'expanded' : 'compact', multi: input.multi ?? false, value: input.value ?? '',
        options: input.options.map((o) => ({ label: cut(o.label, max), value: o.value })),
      }, ...error];
    case 'toggle': // a required toggle is checked by the server, which says why it matters
      return [{ kind: 'input-toggle', ...common, required: false, toggleTitle: TOGGLE_TITLE, value: input.value ? 'true' : 'false' }, ...error];
    case 'date':
      return [{ kind: 'input-date', ...common, value: input.value ?? '', min: input.min ?? NO_MIN_DATE }, ...error];
  }
}

function blockItems(block: CardBlock, max: number): Item[] {
  switch (block.type) {
    case 'text': return [textItem(block.text, block.style ?? 'default', max)];
    case 'facts': return [{ kind: 'facts', facts: block.facts.map((f) => ({ title: escapeText(cut(f.label, max)), value: escapeText(cut(f.value, max)) })) }];
    case 'timeline': return [{
      kind: 'facts',
      facts: block.steps.map((s) => ({ title: escapeText(`${s.done ? '✓' : '○'} ${cut(s.label, max)}`), value: escapeText(s.at ?? 'Not yet') })),
    }];
    case 'divider': return [];
    case 'input': return inputItems(block.input, max);
    case 'actions': return [{ kind: 'actions', actions: block.actions.map(actionData) }];
  }
}

/** The data the template is filled with. Every property the template names is present. */
export function templateData(card: Card, max: number = MAX_TEXT_CHARS): Item {
  const blocks: Item[] = [];
  let separator = false;
  for (const block of card.blocks) {
    if (block.type === 'divider') {
      separator = true;
      continue;
    }
    for (const item of blockItems(block, max)) {
      blocks.push({ ...item, separator, spacing: separator ? 'Medium' : 'Default' });
      separator = false;
    }
  }
  return { title: escapeText(cut(card.title, max)), summary: cut(card.summary, max), blocks, actions: card.actions.map(actionData) };
}

function expand(card: Card, max: number): AdaptiveCardJson {
  return template.expand({ $root: templateData(card, max) }) as AdaptiveCardJson;
}

export function cardBytes(json: unknown): number {
  return Buffer.byteLength(JSON.stringify(json), 'utf8');
}

/** Renders a card; long texts are cut until it fits under MAX_CARD_BYTES. */
export function toAdaptiveCard(card: Card): AdaptiveCardJson {
  let json = expand(card, MAX_TEXT_CHARS);
  for (const max of SHRINK_STEPS) {
    if (cardBytes(json) <= MAX_CARD_BYTES) return json;
    json = expand(card, max);
  }
  if (cardBytes(json) <= MAX_CARD_BYTES) return json;
  return expand({ ...card, blocks: [{ type: 'text', text: 'This message is too long to show here. Open Warm Handover in the browser to see it.' }] }, SHRINK_STEPS[0]);
}
