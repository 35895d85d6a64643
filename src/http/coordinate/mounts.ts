// /coordinate: the coordinator pages. The same sign-in (and throttle) as /reports: the admin token, required in
// production; open outside production when no token is set (the playground); off in production without one.
//   GET  /coordinate                      the directory, ?q= to search
//   GET  /coordinate/services/new|:id     add or edit a service     POST the same address to save
//   GET  /coordinate/import               paste a file              POST: dry run (step=preview), then step=apply
//   GET  /coordinate/export?format=csv|oruk
//   GET  /coordinate/people, /people/:id  people and their settings POST /people/:id to save
//   GET  /coordinate/reviews, /messages, /timeline, /audit         POST /messages/:id/retry
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpContext } from '../context.ts';
import { exportDirectory } from '../../directory-io/directory-files.ts';
import { DEFAULT_STALE_AFTER_MONTHS } from '../../domain/directory/staleness.ts';
import type { Platform } from '../../domain/ports.ts';
import { projectPath } from '../../paths.ts';
import { DirectoryAuditStore } from '../../storage/directory-audit-store.ts';
import { OutboxStore } from '../../storage/outbox-store.ts';
import { ReviewStore } from '../../storage/review-store.ts';
import { HttpError, sendText } from '../body.ts';
import { hasValidSession, reportsAccess } from '../reports/access.ts';
import { signInPage } from '../reports/page.ts';
import type { Mount } from '../server.ts';
import { importFile, readWho, retryMessage, savePersonSettings, saveService, whoFrom } from './changes.ts';
import { directoryPage, serviceFormPage, startingValues } from './directory-pages.ts';
import { importPage } from './import-pages.ts';
import { peoplePage, personSettingsPage } from './people-pages.ts';
import { showTimeline, type TimelineSource } from './timeline-route.ts';
import { auditPage, messagesPage, reviewsPage } from './status-pages.ts';

const HTML = 'text/html; charset=utf-8';
const HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // same-origin: a form post keeps its real Origin (no-referrer would send "null" and every form would be refused).
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};
const CSS = '/coordinate/assets/coordinate.css';

function enabledPlatforms(c: HttpContext): Set<Platform> {
  const on = new Set<Platform>();
  if (c.config.slack) on.add('slack');
  if (c.config.teams) on.add('teams');
  if (c.config.playground) on.add('web');
  if (c.config.email) on.add('email');
  return on;
}

/** A form must come from this server: a post from another site is refused (the session cookie is also SameSite). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function describeMessage(c: HttpContext, row: ReturnType<OutboxStore['failed']>[number]): string {
  const to =
    'channel' in row.recipient ? `${row.recipient.channel.platform} channel` : c.people.nameOf(row.recipient.personId);
  const service = c.handovers.find(row.subjectId);
  const about = service ? ` about an introduction to ${c.services.get(service.serviceId)?.name ?? 'a service'}` : '';
  return `#${row.id} ${row.card.kind.replaceAll('_', ' ')} to ${to}${about}`;
}

function banner(url: URL, c: HttpContext): string | undefined {
  const saved = url.searchParams.get('saved');
  if (saved) return `Saved: ${c.services.get(saved)?.name ?? c.people.get(saved)?.name ?? saved}.`;
  if (url.searchParams.get('retried'))
    return `Message #${url.searchParams.get('retried')} will be sent again in a moment.`;
  if (url.searchParams.get('gone')) return `Message #${url.searchParams.get('gone')} is no longer waiting for a retry.`;
  if (url.searchParams.get('need')) return 'Enter your name first: every retry is recorded with it.';
  return undefined;
}

async function get(
  c: HttpContext,
  timeline: TimelineSource,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const [, , section = '', id = ''] = url.pathname.split('/').map((p) => decodeURIComponent(p));
  const who = readWho(req);
  const page = (html: string, status = 200) => sendText(res, status, html, HTML);
  const months = c.config.staleAfterMonths ?? DEFAULT_STALE_AFTER_MONTHS;
  switch (section) {
    case '':
      return page(
        directoryPage(
          {
            services: c.services.all(),
            people: c.people,
            now: c.clock.now(),
            timeZone: c.config.timeZone,
            staleAfterMonths: months,
          },
          url.searchParams.get('q') ?? '',
          banner(url, c),
        ),
      );
    case 'services': {
      const service = id === 'new' ? undefined : c.services.get(id);
      if (id !== 'new' && !service)
        throw new HttpError(404, 'There is no service with that id in the directory.', 'NOT_FOUND');
      return page(serviceFormPage({ service, values: startingValues(c, service), who }));
    }
    case 'import':
      return page(importPage({ format: 'csv', text: '', who }));
    case 'export': {
      const format = url.searchParams.get('format') === 'oruk' ? 'oruk' : 'csv';
      res.setHeader('content-disposition', `attachment; filename="directory.${format === 'csv' ? 'csv' : 'json'}"`);
      return sendText(
        res,
        200,
        exportDirectory(c.db, format),
        format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      );
    }
    case 'people': {
      if (!id) return page(peoplePage(c.people.all(), enabledPlatforms(c), c.config.timeZone, banner(url, c)));
      const person = c.people.get(id);
      if (!person) throw new HttpError(404, 'There is nobody with that id in the directory.', 'NOT_FOUND');
      const hours = person.workingHours
        ? `${String(person.workingHours.start).padStart(2, '0')}:00-${String(person.workingHours.end).padStart(2, '0')}:00`
        : '';
      return page(
        personSettingsPage({
          person,
          values: { timeZone: person.timeZone ?? '', workingHours: hours, digest: person.digest ? 'daily' : 'off' },
          who,
        }),
      );
    }
    case 'reviews':
      return page(
        reviewsPage(new ReviewStore(c.db).statuses(), (p) => c.people.nameOf(p), {
          timeZone: c.config.timeZone,
          now: c.clock.now(),
        }),
      );
    case 'messages': {
      const name = url.searchParams.has('coordinator') ? whoFrom(url.searchParams, res, c.config.production) : who;
      return page(messagesPage(new OutboxStore(c.db).failed(), (row) => describeMessage(c, row), name, banner(url, c)));
    }
    case 'timeline':
      return showTimeline(c, timeline, url, res);
    case 'audit':
      return page(
        auditPage(new DirectoryAuditStore(c.db).recent(), { timeZone: c.config.timeZone, now: c.clock.now() }),
      );
    default:
      throw new HttpError(404, 'There is no coordinator page at this address.', 'NOT_FOUND');
  }
}

async function post(c: HttpContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const [, , section = '', id = '', step = ''] = url.pathname.split('/').map((p) => decodeURIComponent(p));
  if (section === 'services' && id) return saveService(c, req, res, id === 'new' ? undefined : id);
  if (section === 'import') return importFile(c, req, res);
  if (section === 'people' && id) return savePersonSettings(c, req, res, id);
  if (section === 'messages' && step === 'retry' && /^\d+$/.test(id)) return retryMessage(c, req, res, Number(id));
  throw new HttpError(404, 'There is no coordinator form at this address.', 'NOT_FOUND');
}

/** The coordinator routes; none in production without ADMIN_TOKEN, so every /coordinate address is a 404. */
export function createCoordinatorMounts(c: HttpContext, timeline: TimelineSource): Mount[] {
  const access = reportsAccess(c.config);
  if (access === 'off') return [];
  const css = readFileSync(projectPath('src', 'http', 'coordinate', 'assets', 'coordinate.css'), 'utf8');
  const handler = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const method = req.method ?? 'GET';
    for (const [k, v] of Object.entries(HEADERS)) res.setHeader(k, v);
    if (url.pathname === CSS) {
      res.setHeader('cache-control', 'public, max-age=3600');
      return sendText(res, 200, css, 'text/css; charset=utf-8');
    }
    res.setHeader('cache-control', 'no-store');
    if (access === 'token' && !hasValidSession(req, c.config.adminToken as string, c.clock.now())) {
      return sendText(res, 401, signInPage(undefined, '/coordinate'), HTML);
    }
    if (method === 'GET' || method === 'HEAD') return get(c, timeline, req, res, url);
    if (method !== 'POST') throw new HttpError(405, 'Use the forms on the page.', 'METHOD_NOT_ALLOWED');
    if (!sameOrigin(req))
      throw new HttpError(403, 'That form came from another site and was refused.', 'CROSS_SITE_FORM');
    return post(c, req, res, url);
  };
  return [{ name: 'coordinate', path: '/coordinate', handler }];
}
