// The reports page: a filter form, and for each figure a chart drawn from the table beside it, with a CSV link.
// Plain HTML that works without the script; the script only draws charts from the tables.
import { formatCalendarDate } from '../../domain/calendar/date-words.ts';
import { CATEGORIES } from '../../domain/directory/types.ts';
import type { ReportFilter } from '../../domain/insight/report.ts';
import type { ReportTable, TableName } from '../../domain/insight/tables.ts';
import type { FilterOptions } from '../../app/insight/build-report.ts';
import { TIME_UNIT_NOTE } from '../../app/insight/export-report.ts';

/** How each table is drawn: which chart, and which columns are the series (the first column labels the rows). */
const CHARTS: Partial<Record<TableName, { kind: 'bar' | 'hbar' | 'stacked' | 'doughnut'; series: string[] }>> = {
  summary: { kind: 'bar', series: ['count'] },
  declines_by_service: {
    kind: 'stacked',
    series: ['no_capacity', 'not_eligible', 'not_right_service', 'already_known', 'other'],
  },
  declines_by_category: {
    kind: 'stacked',
    series: ['no_capacity', 'not_eligible', 'not_right_service', 'already_known', 'other'],
  },
  times: { kind: 'bar', series: ['median', 'p90'] },
  drop_off: { kind: 'bar', series: ['count'] },
  follow_up: { kind: 'doughnut', series: ['count'] },
  outcome_known: { kind: 'bar', series: ['knownShare', 'unknownShare'] },
  outcome_known_by_service: { kind: 'hbar', series: ['knownShare', 'unknownShare'] },
  most_unanswered: { kind: 'hbar', series: ['unanswered'] },
};

/** Tables with more columns than this go below their chart instead of beside it. */
const WIDE_TABLE_COLUMNS = 4;

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

export function filterQuery(f: ReportFilter): string {
  const q = new URLSearchParams({ from: f.from, to: f.to });
  if (f.serviceId) q.set('service', f.serviceId);
  if (f.organisation) q.set('organisation', f.organisation);
  if (f.category) q.set('category', f.category);
  return q.toString();
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Warm Handover</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/reports/assets/reports.css">
</head>
<body>
${body}
</body>
</html>`;
}

function options(
  items: Array<{ value: string; label: string }>,
  selected: string | undefined,
  allLabel: string,
): string {
  const all = `<option value="">${escapeHtml(allLabel)}</option>`;
  return (
    all +
    items
      .map(
        (i) =>
          `<option value="${escapeHtml(i.value)}"${i.value === selected ? ' selected' : ''}>${escapeHtml(i.label)}</option>`,
      )
      .join('')
  );
}

function filterForm(f: ReportFilter, choices: FilterOptions, error?: string): string {
  const services = choices.services.map((s) => ({ value: s.id, label: `${s.name} (${s.organisation})` }));
  const orgs = choices.organisations.map((o) => ({ value: o, label: o }));
  const cats = CATEGORIES.map((c) => ({ value: c.id, label: c.label }));
  return `<form class="filters" method="get" action="/reports" aria-labelledby="filters-title">
<h2 id="filters-title">Filter</h2>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<div class="field"><label for="from">From (introduced on or after)</label><input type="date" id="from" name="from" value="${escapeHtml(f.from)}" required></div>
<div class="field"><label for="to">To (introduced on or before)</label><input type="date" id="to" name="to" value="${escapeHtml(f.to)}" required></div>
<div class="field"><label for="service">Service</label><select id="service" name="service">${options(services, f.serviceId, 'All services')}</select></div>
<div class="field"><label for="organisation">Organisation</label><select id="organisation" name="organisation">${options(orgs, f.organisation, 'All organisations')}</select></div>
<div class="field"><label for="category">Category of need</label><select id="category" name="category">${options(cats, f.category, 'All categories')}</select></div>
<div class="actions"><button type="submit">Show figures</button></div>
</form>`;
}

function cell(value: string | number | null, numeric: boolean, header: boolean): string {
  const text = value === null ? '–' : String(value);
  const attrs = numeric ? ' class="num"' : '';
  return header
    ? `<th scope="row"${attrs}>${escapeHtml(text)}</th>`
    : `<td${attrs}${value === null ? ' data-empty="true"' : ''}>${escapeHtml(text)}</td>`;
}

function tableHtml(t: ReportTable): string {
  const head = t.columns
    .map(
      (c) =>
        `<th scope="col" data-key="${escapeHtml(c.key)}"${c.numeric ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`,
    )
    .join('');
  const rows =
    t.rows.length === 0
      ? `<tr><td colspan="${t.columns.length}">Nothing to show for this filter.</td></tr>`
      : t.rows
          .map(
            (r) => `<tr>${t.columns.map((c, i) => cell(r[c.key] ?? null, Boolean(c.numeric), i === 0)).join('')}</tr>`,
          )
          .join('\n');
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(t.title)} (table)">
<table id="table-${t.name}"><caption>${escapeHtml(t.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

function section(t: ReportTable, query: string): string {
  const chart = CHARTS[t.name];
  const canvas =
    chart && t.rows.length > 0
      ? `<div class="chart"><canvas data-chart="${chart.kind}" data-table="table-${t.name}" data-series="${chart.series.join(',')}" role="img" aria-label="Chart of ${escapeHtml(t.title.toLowerCase())}; the same figures are in the table"></canvas></div>`
      : '';
  return `<section class="figure" id="${t.name}" aria-labelledby="title-${t.name}">
<h2 id="title-${t.name}">${escapeHtml(t.title)}</h2>
<div class="pair${canvas && t.columns.length <= WIDE_TABLE_COLUMNS ? '' : ' single'}">${canvas}${tableHtml(t)}</div>
<p class="download"><a href="/reports/export.csv?table=${t.name}&amp;${escapeHtml(query)}" download="${t.name}.csv">Download “${escapeHtml(t.title)}” as CSV</a></p>
</section>`;
}

export interface PageModel {
  filter: ReportFilter;
  choices: FilterOptions;
  tables: ReportTable[];
  timeZone: string;
  /** When the page is read: its dates carry the year only when it is not this one. */
  now: Date;
  signedIn: boolean;
  error?: string;
}

export function reportsPage(m: PageModel): string {
  const query = filterQuery(m.filter);
  const signOut = m.signedIn
    ? '<form method="post" action="/reports/sign-out" class="sign-out"><button type="submit">Sign out</button></form>'
    : '';
  return layout(
    'Reports',
    `<header class="top"><h1>Introductions: reports</h1>${signOut}</header>
<main>
<p class="lead">Figures for introductions made from ${escapeHtml(formatCalendarDate(m.filter.from, m.timeZone, m.now))} to ${escapeHtml(formatCalendarDate(m.filter.to, m.timeZone, m.now))} (${escapeHtml(m.timeZone)} dates). No client details are used.</p>
${filterForm(m.filter, m.choices, m.error)}
<ul class="notes">
<li>${escapeHtml(TIME_UNIT_NOTE)}</li>
<li>This page shows exact numbers. Downloads (CSV, JSON) and the command line show counts from 1 to 4 as “&lt;5”.</li>
</ul>
<p class="download"><a href="/reports/data.json?${escapeHtml(query)}">All figures as JSON</a></p>
<nav aria-label="Figures on this page"><ul class="toc">${m.tables.map((t) => `<li><a href="#${t.name}">${escapeHtml(t.title)}</a></li>`).join('')}</ul></nav>
${m.tables.map((t) => section(t, query)).join('\n')}
</main>
<script src="/reports/assets/chart.umd.js"></script>
<script src="/reports/assets/reports.js"></script>`,
  );
}

/** Where a sign-in may send the coordinator afterwards, besides /reports. */
export const SIGN_IN_NEXT = ['/coordinate'] as const;

export function signInPage(error?: string, next?: string): string {
  const then =
    next && (SIGN_IN_NEXT as readonly string[]).includes(next)
      ? `<input type="hidden" name="next" value="${escapeHtml(next)}">`
      : '';
  return layout(
    'Sign in to reports',
    `<main class="sign-in">
<h1>Sign in to reports</h1>
<p>Reports and the coordinator pages are for coordinators. Sign in with the admin token your administrator set (ADMIN_TOKEN).</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/reports/sign-in">${then}
<div class="field"><label for="token">Admin token</label><input type="password" id="token" name="token" autocomplete="current-password" required></div>
<div class="actions"><button type="submit">Sign in</button></div>
</form>
</main>`,
  );
}
