// The one swap point to the shared converter (neutral card → Adaptive Card 1.5). Until src/cards/adaptive.ts
// lands this is a minimal stand-in with the same shape: every user string goes in as plain text.
import type { Card, CardAction, CardBlock, CardInput } from '../../cards/model.ts';

export type AdaptiveJson = Record<string, unknown>;

const ADAPTIVE_VERSION = '1.5';

/** Markdown, links and mentions typed by people must show as typed. */
export function plain(text: string): string {
  return text.replace(/[\\*_~`[\]()<>#|!]/g, (c) => `\\${c}`);
}

function input(i: CardInput): AdaptiveJson {
  const base = { id: i.id, label: i.label, isRequired: i.required ?? false, errorMessage: i.error };
  switch (i.type) {
    case 'text': return { type: 'Input.Text', ...base, isMultiline: i.multiline ?? false, maxLength: i.maxLength, value: i.value, placeholder: i.placeholder };
    case 'choice': return { type: 'Input.ChoiceSet', ...base, choices: i.options.map((o) => ({ title: o.label, value: o.value })), value: i.value, isMultiSelect: i.multi ?? false };
    case 'toggle': return { type: 'Input.Toggle', ...base, title: i.label, value: i.value ? 'true' : 'false', valueOn: 'true', valueOff: 'false' };
    case 'date': return { type: 'Input.Date', ...base, value: i.value, min: i.min };
  }
}

function action(a: CardAction): AdaptiveJson {
  return { type: 'Action.Submit', title: a.label, style: a.style === 'default' ? undefined : a.style, data: { actionId: a.id, subjectId: a.subjectId, version: a.version } };
}

function block(b: CardBlock): AdaptiveJson[] {
  switch (b.type) {
    case 'text': return [{ type: 'TextBlock', text: plain(b.text), wrap: true, weight: b.style === 'heading' ? 'Bolder' : undefined, isSubtle: b.style === 'subtle' || undefined }];
    case 'facts': return [{ type: 'FactSet', facts: b.facts.map((f) => ({ title: plain(f.label), value: plain(f.value) })) }];
    case 'timeline': return [{ type: 'FactSet', facts: b.steps.map((s) => ({ title: plain(s.label), value: s.at ? plain(s.at) : '—' })) }];
    case 'divider': return [{ type: 'TextBlock', text: ' ', separator: true }];
    case 'input': return [input(b.input)];
    case 'actions': return [{ type: 'ActionSet', actions: b.actions.map(action) }];
  }
}

export function toAdaptiveCard(card: Card): AdaptiveJson {
  return JSON.parse(JSON.stringify({
    type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: ADAPTIVE_VERSION,
    body: [{ type: 'TextBlock', text: plain(card.title), size: 'Medium', weight: 'Bolder', wrap: true }, ...card.blocks.flatMap(block)],
    actions: card.actions.map(action),
  })) as AdaptiveJson;
}
