// Read-mostly coordinator pages: where each service is in the review cycle, messages that could not be delivered
// (with retry), what will be sent in a window of time, and the audit of directory changes.
import { formatCalendarDate, formatWhen } from '../../domain/calendar/date-words.ts';
import { CAPACITY_LABELS, type Capacity } from '../../domain/directory/types.ts';
import type { DirectoryAuditEntry } from '../../storage/directory-audit-store.ts';
import type { OutboxRow } from '../../storage/outbox-store.ts';
import type { ReviewStatus } from '../../storage/review-store.ts';
import { coordinatorPage, e, field, tag, whoField } from './layout.ts';

const ANSWERS: Record<string, string> = {
  still_right: 'Still right',
  closed: 'Closed',
  needs_changes: 'Changed by the contact',
};

/** asked / answered / overdue, as a coordinator reads it. */
function reviewState(r: ReviewStatus): { text: string; kind: string } {
  if (r.staleSince) return { text: 'Overdue: no answer', kind: 'overdue' };
  if (r.answer) return { text: `Answered: ${ANSWERS[r.answer] ?? r.answer}`, kind: 'answered' };
  if (r.requestedAt) return { text: 'Asked, waiting', kind: 'asked' };
  return { text: 'Not due', kind: 'open' };
}

/** Where and when a page is read: dates are written in this zone, with the year only when it is not `now`'s. */
export interface PageDates {
  timeZone: string;
  now: Date;
}

export function reviewsPage(rows: ReviewStatus[], nameOf: (id: string) => string, dates: PageDates): string {
  const day = (value: string) => formatCalendarDate(value, dates.timeZone, dates.now);
  const body = `<table><caption>Review status of ${rows.length} services</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Last reviewed</th><th scope="col">Review request</th><th scope="col">Capacity</th></tr></thead><tbody>
${rows
  .map((r) => {
    const s = reviewState(r);
    const by = r.answeredBy
      ? ` by ${nameOf(r.answeredBy)}${r.answeredAt ? ` on ${day(r.answeredAt)}` : ''}`
      : r.requestedAt
        ? ` on ${day(r.requestedAt)}`
        : '';
    const capacity = CAPACITY_LABELS[r.capacity as Capacity] ?? r.capacity;
    return `<tr><td><a href="/coordinate/services/${encodeURIComponent(r.serviceId)}">${e(r.name)}</a><br>${e(r.organisation)}</td>
<td>${e(r.lastReviewed ? day(r.lastReviewed) : 'never')}</td><td>${tag(s.text, s.kind)}${e(by)}</td><td>${e(capacity)}${r.capacityUntil ? ` until ${e(day(r.capacityUntil))}` : ''}</td></tr>`;
  })
  .join('')}</tbody></table>`;
  return coordinatorPage({ title: 'Reviews', current: '/coordinate/reviews', body });
}

export function messagesPage(
  failed: OutboxRow[],
  describe: (row: OutboxRow) => string,
  who?: string,
  banner?: string,
): string {
  const rows = failed
    .map(
      (m) => `<tr><td>${e(describe(m))}</td><td>${e(m.lastError ?? 'unknown')}</td><td>${m.attempts}</td>
<td><form method="post" action="/coordinate/messages/${m.id}/retry"><input type="hidden" name="coordinator" value="${e(who ?? '')}">
<button type="submit" class="secondary">Retry<span class="skip"> message ${m.id}</span></button></form></td></tr>`,
    )
    .join('');
  const body =
    failed.length === 0
      ? '<p>Every message has been delivered.</p>'
      : `${who ? '' : `<form method="get" action="/coordinate/messages">${whoField(undefined)}<div class="actions"><button type="submit" class="secondary">Use this name</button></div></form>`}
<table><caption>${failed.length} message${failed.length === 1 ? '' : 's'} could not be delivered</caption>
<thead><tr><th scope="col">Message</th><th scope="col">Why</th><th scope="col">Tries</th><th scope="col"><span class="skip">Action</span></th></tr></thead><tbody>${rows}</tbody></table>`;
  return coordinatorPage({ title: 'Undelivered messages', current: '/coordinate/messages', body, banner });
}

export function timelinePage(from: string, to: string, lines: string[], error?: string): string {
  const body = `<form method="get" action="/coordinate/timeline">
${field({ id: 'from', label: 'From', hint: 'For example 2026-12-21 09:00', value: from, error })}
${field({ id: 'to', label: 'To', value: to })}
<div class="actions"><button type="submit">Show what will be sent</button></div></form>
${lines.length ? `<pre class="timeline">${e(lines.join('\n'))}</pre>` : '<p>Nothing would be sent in this window.</p>'}`;
  return coordinatorPage({
    title: 'What will be sent',
    current: '/coordinate/timeline',
    body,
    errors: error ? { from: error } : undefined,
  });
}

export function auditPage(entries: DirectoryAuditEntry[], dates: PageDates): string {
  const body = `<table><caption>The latest ${entries.length} changes</caption>
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">About</th></tr></thead><tbody>
${entries.map((a) => `<tr><td>${e(formatWhen(a.at, dates.timeZone, dates.now))}</td><td>${e(a.actor)}</td><td>${e(a.action.replaceAll('_', ' '))}</td><td>${e(a.subject)}</td></tr>`).join('')}
</tbody></table>`;
  return coordinatorPage({ title: 'Changes', current: '/coordinate/audit', body });
}
