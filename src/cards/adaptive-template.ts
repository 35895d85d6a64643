// The declarative form of the Adaptive Card layout: cards/card.template.json filled by adaptivecards-templating.
// Every string from people goes into the template's data, never into the template, so the engine cannot evaluate
// it. Card designers can read and change the template; src/cards/adaptive.ts builds the same JSON directly on
// the hot path (about ten times cheaper), and a test keeps the two identical.
import * as ACData from 'adaptivecards-templating';
import { readFileSync } from 'node:fs';
import { DEFAULT_INPUT_MAX_LENGTH, MAX_TEXT_CHARS, STYLE, TOGGLE_TITLE, cut, escapeText, type AdaptiveCardJson } from './adaptive.ts';
import type { Card, CardAction, CardBlock, CardInput, TextStyle } from './model.ts';
import { projectPath } from '../paths.ts';

export const TEMPLATE_PATH = projectPath('cards', 'card.template.json');
const NO_MIN_DATE = '1900-01-01';

type Item = Record<string, unknown>;

function textItem(text: string, style: TextStyle, max: number): Item {
  return { kind: 'text', text: escapeText(cut(text, max)), ...STYLE[style] };
}

function actionData(a: CardAction): Item {
  const style = a.style === 'positive' ? 'positive' : a.style === 'destructive' ? 'destructive' : 'default';
  return { title: a.label, style, associatedInputs: a.submitsInputs ? 'auto' : 'none', data: { actionId: a.id, subjectId: a.subjectId, version: a.version ?? 0 } };
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
    case 'toggle':
      return [{ kind: 'input-toggle', ...common, required: false, toggleTitle: TOGGLE_TITLE, value: input.value ? 'true' : 'false' }, ...error];
    case 'date':
      return [{ kind: 'input-date', ...common, value: input.value ?? '', min: input.min ?? NO_MIN_DATE }, ...error];
  }
}

function blockItems(block: CardBlock, max: number): Item[] {
  switch (block.type) {
    case 'text': return [textItem(block.text, block.style ?? 'default', max)];
    case 'facts': return [{ kind: 'facts', facts: block.facts.map((f) => ({ title: escapeText(cut(f.label, max)), value: escapeText(cut(f.value, max)) })) }];
    case 'timeline': return [{ kind: 'facts', facts: block.steps.map((s) => ({ title: escapeText(`${s.done ? '✓' : '○'} ${cut(s.label, max)}`), value: escapeText(s.at ?? 'Not yet') })) }];
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

let template: ACData.Template | undefined;

/** Expands cards/card.template.json with a card's data. */
export function expandTemplate(card: Card, max: number = MAX_TEXT_CHARS): AdaptiveCardJson {
  template ??= new ACData.Template(JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')));
  return template.expand({ $root: templateData(card, max) }) as AdaptiveCardJson;
}
