// The frame of every coordinator page and the small pieces of a GOV.UK-style form: labels, hints, an error
// summary linking to each field, and a message beside each field to fix.
import { escapeHtml as e } from '../reports/page.ts';

export { e };

export const SECTIONS = [
  { path: '/coordinate', label: 'Directory' },
  { path: '/coordinate/services/new', label: 'Add a service' },
  { path: '/coordinate/import', label: 'Import and export' },
  { path: '/coordinate/people', label: 'People' },
  { path: '/coordinate/reviews', label: 'Reviews' },
  { path: '/coordinate/messages', label: 'Undelivered messages' },
  { path: '/coordinate/timeline', label: 'What will be sent' },
  { path: '/coordinate/audit', label: 'Changes' },
] as const;

export interface PageOptions {
  title: string;
  current: string;
  body: string;
  /** A message after a change, shown at the top. */
  banner?: string;
  /** Field id → message: listed in an error summary that links to each field. */
  errors?: Record<string, string>;
  errorTitle?: string;
}

function errorSummary(errors: Record<string, string>, title = 'There is a problem'): string {
  const items = Object.entries(errors)
    .map(([field, message]) => `<li><a href="#${e(field)}">${e(message)}</a></li>`)
    .join('');
  return `<div class="error-summary" role="alert" tabindex="-1"><h2>${e(title)}</h2><ul>${items}</ul></div>`;
}

export function coordinatorPage(o: PageOptions): string {
  const nav = SECTIONS.map(
    (s) => `<li><a href="${s.path}"${s.path === o.current ? ' aria-current="page"' : ''}>${e(s.label)}</a></li>`,
  ).join('');
  const hasErrors = o.errors && Object.keys(o.errors).length > 0;
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${hasErrors ? 'Error: ' : ''}${e(o.title)} – Coordinator – Warm Handover</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/coordinate/assets/coordinate.css"></head>
<body><a class="skip" href="#main">Skip to main content</a>
<header class="top"><a href="/coordinate">Warm Handover: coordinator</a> · <a href="/reports">Reports</a></header>
<nav class="sections" aria-label="Coordinator sections"><ul>${nav}</ul></nav>
<main id="main">
${hasErrors ? errorSummary(o.errors as Record<string, string>, o.errorTitle) : ''}
${o.banner ? `<div class="banner" role="status"><p>${e(o.banner)}</p></div>` : ''}
<h1>${e(o.title)}</h1>
${o.body}
</main>
<footer>Changes made here are saved at once and recorded with your name.</footer>
</body></html>`;
}

export interface FieldOptions {
  id: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  type?: 'text' | 'email' | 'number' | 'date' | 'search';
  multiline?: boolean;
  short?: boolean;
  required?: boolean;
  autocomplete?: string;
}

function described(o: { id: string; hint?: string; error?: string }): string {
  const ids = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return ids ? ` aria-describedby="${ids}"` : '';
}

function wrap(o: { id: string; label: string; hint?: string; error?: string }, control: string): string {
  const hint = o.hint ? `<p class="hint" id="${e(o.id)}-hint">${e(o.hint)}</p>` : '';
  const error = o.error
    ? `<p class="error-message" id="${e(o.id)}-error"><span class="skip">Error:</span> ${e(o.error)}</p>`
    : '';
  return `<div class="field${o.error ? ' error' : ''}"><label for="${e(o.id)}">${e(o.label)}</label>${hint}${error}${control}</div>`;
}

export function field(o: FieldOptions): string {
  const common =
    `id="${e(o.id)}" name="${e(o.id)}"${described(o)}${o.error ? ' aria-invalid="true"' : ''}${o.required ? ' required' : ''}` +
    `${o.autocomplete ? ` autocomplete="${e(o.autocomplete)}"` : ''}`;
  const control = o.multiline
    ? `<textarea ${common}>${e(o.value ?? '')}</textarea>`
    : `<input type="${o.type ?? 'text'}"${o.short ? ' class="short"' : ''} ${common} value="${e(o.value ?? '')}">`;
  return wrap(o, control);
}

export function select(o: {
  id: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  options: Array<{ value: string; label: string }>;
}): string {
  const opts = o.options
    .map((x) => `<option value="${e(x.value)}"${x.value === o.value ? ' selected' : ''}>${e(x.label)}</option>`)
    .join('');
  return wrap(
    o,
    `<select id="${e(o.id)}" name="${e(o.id)}"${described(o)}${o.error ? ' aria-invalid="true"' : ''}>${opts}</select>`,
  );
}

/** The name every change is recorded with; kept in a cookie so it is typed once. */
export function whoField(name: string | undefined, error?: string): string {
  return field({
    id: 'coordinator',
    label: 'Your name',
    hint: 'Recorded with this change in the audit.',
    value: name,
    error,
    autocomplete: 'name',
  });
}

export function tag(text: string, kind: string): string {
  return `<strong class="tag ${e(kind)}">${e(text)}</strong>`;
}
