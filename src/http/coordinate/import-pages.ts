// Import on the coordinator pages: paste a CSV or Open Referral UK file, see a dry run of what would change (or
// every problem with its line), then apply it all or nothing. Export is a plain download link.
import type { ImportSummary } from '../../directory-io/apply-directory.ts';
import type { DirectoryFormat } from '../../directory-io/directory-files.ts';
import type { ImportProblem } from '../../directory-io/record.ts';
import { coordinatorPage, e, select, whoField } from './layout.ts';

export interface ImportPageOptions {
  format: DirectoryFormat;
  text: string;
  who?: string;
  problems?: ImportProblem[];
  preview?: ImportSummary;
  applied?: ImportSummary;
  errors?: Record<string, string>;
}

const FORMAT_OPTIONS = [
  { value: 'csv', label: 'Directory CSV' },
  { value: 'oruk', label: 'Open Referral UK (JSON)' },
];

function list(title: string, names: string[]): string {
  if (names.length === 0) return `<li>${e(title)}: none</li>`;
  return `<li>${e(title)}: ${names.length}<ul>${names.map((n) => `<li>${e(n)}</li>`).join('')}</ul></li>`;
}

function summaryHtml(s: ImportSummary): string {
  return `<ul>${list('New services', s.created)}${list('Changed services', s.updated)}<li>Unchanged services: ${s.unchanged.length}</li>${list('New people', s.newPeople)}</ul>`;
}

function problemsHtml(problems: ImportProblem[]): string {
  const rows = problems.map((p) => `<tr><th scope="row">${e(p.where)}</th><td>${e(p.reason)}</td></tr>`).join('');
  return `<div class="error-summary" role="alert"><h2>Nothing can be imported: ${problems.length} problem${problems.length === 1 ? '' : 's'}</h2>
<table><caption>Problems by line</caption><thead><tr><th scope="col">Where</th><th scope="col">What to fix</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function importPage(o: ImportPageOptions): string {
  const preview = o.preview
    ? `<h2>Dry run: nothing has been written yet</h2>${summaryHtml(o.preview)}
<form method="post" action="/coordinate/import">
<input type="hidden" name="format" value="${e(o.format)}"><input type="hidden" name="file" value="${e(o.text)}">
<input type="hidden" name="step" value="apply">${whoField(o.who, o.errors?.coordinator)}
<div class="actions"><button type="submit">Apply this import</button><a href="/coordinate/import">Start again</a></div></form>`
    : '';
  const applied = o.applied ? `<div class="banner" role="status"><h2>Imported</h2>${summaryHtml(o.applied)}</div>` : '';
  const form = o.preview
    ? ''
    : `<form method="post" action="/coordinate/import">
${select({ id: 'format', label: 'File format', value: o.format, options: FORMAT_OPTIONS })}
<div class="field${o.errors?.file ? ' error' : ''}"><label for="file">The file's contents</label>
<p class="hint" id="file-hint">Open the file, copy everything and paste it here. The columns are described in docs/directory-files.md.</p>
${o.errors?.file ? `<p class="error-message" id="file-error">${e(o.errors.file)}</p>` : ''}
<textarea class="file" id="file" name="file" aria-describedby="file-hint${o.errors?.file ? ' file-error' : ''}">${e(o.applied ? '' : o.text)}</textarea></div>
<input type="hidden" name="step" value="preview">
<div class="actions"><button type="submit">Check the file (dry run)</button></div></form>`;
  const exportLinks = `<h2>Export</h2><p><a href="/coordinate/export?format=csv" download>Download the directory as CSV</a></p>
<p><a href="/coordinate/export?format=oruk" download>Download the directory as Open Referral UK (JSON)</a></p>`;
  const errors = o.errors && !o.preview ? o.errors : undefined;
  return coordinatorPage({
    title: 'Import and export',
    current: '/coordinate/import',
    errors,
    body: `${applied}${o.problems?.length ? problemsHtml(o.problems) : ''}${preview}${form}${exportLinks}`,
  });
}
