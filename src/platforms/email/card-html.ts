// The neutral card as an accessible server-side HTML form: text, facts, timeline, inputs and one button per
// action. Only the actions about this page's introduction become buttons. Every string is escaped.
import type { Card, CardAction, CardBlock, CardInput } from '../../cards/model.ts';
import { escapeHtml as e } from './render-mail.ts';

export interface CardFormOptions {
  actionUrl: string;
  csrf: string;
  /** Only actions on this subject are offered (the link's introduction). */
  subjectId: string;
  /** A message above the form (a refused action), shown as an alert. */
  message?: string;
}

const fieldId = (id: string) => `f-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function errorText(id: string, error: string | undefined): string {
  return error
    ? `<p class="field-error" id="${fieldId(id)}-error"><span class="visually-hidden">Error:</span> ${e(error)}</p>`
    : '';
}

function describedBy(id: string, error: string | undefined): string {
  return error ? ` aria-describedby="${fieldId(id)}-error" aria-invalid="true"` : '';
}

function choiceInput(input: Extract<CardInput, { type: 'choice' }>): string {
  const req = input.required ? ' required' : '';
  const chosen = new Set((input.value ?? '').split(',').filter(Boolean));
  if (input.multi || input.expanded) {
    const type = input.multi ? 'checkbox' : 'radio';
    const options = input.options
      .map((o, i) => {
        const id = `${fieldId(input.id)}-${i}`;
        const on = chosen.has(o.value) ? ' checked' : '';
        return `<div class="option"><input type="${type}" id="${id}" name="${e(input.id)}" value="${e(o.value)}"${on}${type === 'radio' ? req : ''}><label for="${id}">${e(o.label)}</label></div>`;
      })
      .join('');
    return `<fieldset class="field"${describedBy(input.id, input.error)}><legend>${e(input.label)}</legend>${errorText(input.id, input.error)}${options}</fieldset>`;
  }
  const options = [
    `<option value="">Choose…</option>`,
    ...input.options.map(
      (o) => `<option value="${e(o.value)}"${chosen.has(o.value) ? ' selected' : ''}>${e(o.label)}</option>`,
    ),
  ].join('');
  return (
    `<div class="field"><label for="${fieldId(input.id)}">${e(input.label)}</label>${errorText(input.id, input.error)}` +
    `<select id="${fieldId(input.id)}" name="${e(input.id)}"${req}${describedBy(input.id, input.error)}>${options}</select></div>`
  );
}

function inputHtml(input: CardInput): string {
  const id = fieldId(input.id);
  const req = input.required ? ' required' : '';
  const aria = describedBy(input.id, input.error);
  switch (input.type) {
    case 'choice':
      return choiceInput(input);
    case 'toggle':
      return `<div class="field option">${errorText(input.id, input.error)}<input type="checkbox" id="${id}" name="${e(input.id)}" value="true"${input.value ? ' checked' : ''}${req}${aria}><label for="${id}">${e(input.label)}</label></div>`;
    case 'date':
      return `<div class="field"><label for="${id}">${e(input.label)}</label>${errorText(input.id, input.error)}<input type="date" id="${id}" name="${e(input.id)}" value="${e(input.value ?? '')}"${input.min ? ` min="${e(input.min)}"` : ''}${req}${aria}></div>`;
    case 'text': {
      const max = input.maxLength ? ` maxlength="${input.maxLength}"` : '';
      const hint = input.placeholder ? ` placeholder="${e(input.placeholder)}"` : '';
      const control = input.multiline
        ? `<textarea id="${id}" name="${e(input.id)}" rows="4"${max}${hint}${req}${aria}>${e(input.value ?? '')}</textarea>`
        : `<input type="text" id="${id}" name="${e(input.id)}" value="${e(input.value ?? '')}"${max}${hint}${req}${aria}>`;
      return `<div class="field"><label for="${id}">${e(input.label)}</label>${errorText(input.id, input.error)}${control}</div>`;
    }
  }
}

function buttonHtml(a: CardAction): string {
  const style = a.style === 'positive' ? ' primary' : a.style === 'destructive' ? ' warning' : '';
  const novalidate = a.submitsInputs ? '' : ' formnovalidate';
  return `<button type="submit" class="button${style}" name="actionId" value="${e(a.id)}"${novalidate}>${e(a.label)}</button>`;
}

function buttons(actions: CardAction[], subjectId: string): string {
  const mine = actions.filter((a) => a.subjectId === subjectId);
  return mine.length ? `<div class="actions">${mine.map(buttonHtml).join('')}</div>` : '';
}

function blockHtml(b: CardBlock, subjectId: string): string {
  switch (b.type) {
    case 'text':
      return b.style === 'heading'
        ? `<h2>${e(b.text)}</h2>`
        : `<p class="text-${b.style ?? 'default'}">${e(b.text)}</p>`;
    case 'facts':
      return `<dl class="facts">${b.facts.map((f) => `<div><dt>${e(f.label)}</dt><dd>${e(f.value)}</dd></div>`).join('')}</dl>`;
    case 'timeline':
      return `<ol class="timeline" aria-label="What has happened">${b.steps
        .map(
          (s) =>
            `<li class="${s.done ? 'done' : 'todo'}"><span class="visually-hidden">${s.done ? 'Done:' : 'Not yet:'}</span> ${e(s.label)}${s.at ? ` <span class="when">${e(s.at)}</span>` : ''}</li>`,
        )
        .join('')}</ol>`;
    case 'divider':
      return '<hr>';
    case 'input':
      return inputHtml(b.input);
    case 'actions':
      return buttons(b.actions, subjectId);
  }
}

export function cardFormHtml(card: Card, o: CardFormOptions): string {
  const alert = o.message ? `<div class="alert" role="alert"><p>${e(o.message)}</p></div>` : '';
  return [
    `<h1>${e(card.title)}</h1>`,
    alert,
    `<form method="post" action="${e(o.actionUrl)}" novalidate>`,
    `<input type="hidden" name="csrf" value="${e(o.csrf)}">`,
    `<input type="hidden" name="version" value="${card.version ?? ''}">`,
    ...card.blocks.map((b) => blockHtml(b, o.subjectId)),
    buttons(card.actions, o.subjectId),
    '</form>',
  ].join('\n');
}
