// GET /reports (page), /reports/data.json, /reports/export.csv?table=…, GET/POST /reports/sign-in,
// POST /reports/sign-out and /reports/assets/* (Chart.js served from node_modules, never a CDN).
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HttpContext } from '../context.ts';
import { defaultRange, parseReportFilter, ReportFilterError, type ReportFilter } from '../../domain/insight/report.ts';
import { EXACT, reportTables } from '../../domain/insight/tables.ts';
import { buildReport, listFilterOptions } from '../../app/insight/build-report.ts';
import { isTableName, reportJson, tableCsv } from '../../app/insight/export-report.ts';
import { HttpError, readRawBody, sendJson, sendText } from '../body.ts';
import type { Mount } from '../server.ts';
import {
  adminThrottleFor,
  bearerToken,
  clientAddress,
  type AdminThrottle,
  type ThrottleVerdict,
} from '../admin-throttle.ts';
import { clearedCookie, hasValidSession, reportsAccess, sessionCookie, sessionValue, tokensMatch } from './access.ts';
import { SIGN_IN_NEXT, reportsPage, signInPage } from './page.ts';
import { projectPath } from '../../paths.ts';

export const SIGN_IN_BODY_LIMIT = 4 * 1024;
const HTML = 'text/html; charset=utf-8';
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

interface Asset {
  body: Buffer;
  type: string;
}

function loadAssets(): Map<string, Asset> {
  const chartDir = dirname(createRequire(import.meta.url).resolve('chart.js'));
  const own = projectPath('src', 'http', 'reports', 'assets');
  return new Map([
    [
      '/reports/assets/chart.umd.js',
      { body: readFileSync(join(chartDir, 'chart.umd.js')), type: 'text/javascript; charset=utf-8' },
    ],
    [
      '/reports/assets/reports.js',
      { body: readFileSync(join(own, 'reports.js')), type: 'text/javascript; charset=utf-8' },
    ],
    ['/reports/assets/reports.css', { body: readFileSync(join(own, 'reports.css')), type: 'text/css; charset=utf-8' }],
  ]);
}

function secure(res: ServerResponse, cache = 'no-store'): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  res.setHeader('cache-control', cache);
}

function filterFrom(url: URL, c: HttpContext): ReportFilter {
  const range = defaultRange(c.clock.now(), c.config.timeZone);
  const q = url.searchParams;
  return parseReportFilter({
    from: q.get('from') || range.from,
    to: q.get('to') || range.to,
    serviceId: q.get('service') ?? undefined,
    organisation: q.get('organisation') ?? undefined,
    category: q.get('category') ?? undefined,
  });
}

function report(c: HttpContext, filter: ReportFilter) {
  return buildReport(c.db, filter, c.clock.now(), {
    timeZone: c.config.timeZone,
    staleAfterMonths: c.config.staleAfterMonths,
    calendar: c.calendar,
  });
}

function page(c: HttpContext, url: URL, res: ServerResponse, signedIn: boolean): void {
  let filter: ReportFilter;
  let error: string | undefined;
  try {
    filter = filterFrom(url, c);
  } catch (err) {
    if (!(err instanceof ReportFilterError)) throw err;
    error = `Please check the filter. ${err.message}`;
    filter = { ...defaultRange(c.clock.now(), c.config.timeZone) };
  }
  const html = reportsPage({
    filter,
    choices: listFilterOptions(c.db),
    tables: reportTables(report(c, filter), EXACT),
    timeZone: c.config.timeZone,
    now: c.clock.now(),
    signedIn,
    error,
  });
  sendText(res, error ? 400 : 200, html, HTML);
}

function exportFilter(c: HttpContext, url: URL): ReportFilter {
  try {
    return filterFrom(url, c);
  } catch (err) {
    if (err instanceof ReportFilterError) throw new HttpError(400, err.message, err.code);
    throw err;
  }
}

function exportCsv(c: HttpContext, url: URL, res: ServerResponse): void {
  const table = url.searchParams.get('table') ?? '';
  if (!isTableName(table))
    throw new HttpError(400, `Choose a table to download, for example ?table=summary.`, 'REPORT_TABLE_UNKNOWN');
  const filter = exportFilter(c, url);
  const csv = tableCsv(report(c, filter), table);
  res.setHeader('content-disposition', `attachment; filename="${table}-${filter.from}-to-${filter.to}.csv"`);
  sendText(res, 200, csv, 'text/csv; charset=utf-8');
}

function retryAfter(res: ServerResponse, verdict: Extract<ThrottleVerdict, { allowed: false }>): string {
  res.setHeader('retry-after', String(verdict.retryAfterSeconds));
  const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
  return `Too many wrong tokens from your address. Try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`;
}

async function signIn(
  c: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  throttle: AdminThrottle,
): Promise<void> {
  const token = c.config.adminToken as string;
  const client = clientAddress(req, c.config.trustProxy);
  const verdict = throttle.check(client);
  if (!verdict.allowed) {
    sendText(res, 429, signInPage(retryAfter(res, verdict)), HTML);
    return;
  }
  const form = new URLSearchParams((await readRawBody(req, SIGN_IN_BODY_LIMIT)).toString('utf8'));
  const given = form.get('token') ?? '';
  const next = (SIGN_IN_NEXT as readonly string[]).includes(form.get('next') ?? '')
    ? (form.get('next') as string)
    : '/reports';
  if (!tokensMatch(given, token)) {
    throttle.failed(client);
    c.log.warn({ client }, 'reports sign-in refused: wrong token');
    sendText(res, 401, signInPage('That token is not right.', next), HTML);
    return;
  }
  throttle.succeeded(client);
  res.setHeader('set-cookie', sessionCookie(sessionValue(token, c.clock.now()), c.config.production));
  res.writeHead(303, { location: next });
  res.end();
}

/** A script's `Authorization: Bearer` goes through the same throttle as the sign-in form. */
function bearerSignIn(
  c: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  given: string,
  throttle: AdminThrottle,
): boolean {
  const client = clientAddress(req, c.config.trustProxy);
  const verdict = throttle.check(client);
  if (!verdict.allowed) throw new HttpError(429, retryAfter(res, verdict), 'TOO_MANY_ATTEMPTS');
  if (tokensMatch(given, c.config.adminToken as string)) {
    throttle.succeeded(client);
    return true;
  }
  throttle.failed(client);
  c.log.warn({ client }, 'reports request refused: wrong bearer token');
  return false;
}

function signedIn(c: HttpContext, req: IncomingMessage, res: ServerResponse, throttle: AdminThrottle): boolean {
  const given = bearerToken(req);
  if (given !== undefined) return bearerSignIn(c, req, res, given, throttle);
  return hasValidSession(req, c.config.adminToken as string, c.clock.now());
}

function refuse(url: URL, res: ServerResponse): void {
  if (url.pathname === '/reports') sendText(res, 401, signInPage(), HTML);
  else
    sendJson(res, 401, {
      error: 'UNAUTHORISED',
      message: 'Sign in to the reports first (or send Authorization: Bearer <ADMIN_TOKEN>).',
    });
}

/** The reports routes. In production without ADMIN_TOKEN there are none, so every /reports address is a 404. */
export function createReportsMounts(c: HttpContext): Mount[] {
  const access = reportsAccess(c.config);
  if (access === 'off') return [];
  const assets = loadAssets();
  const throttle = adminThrottleFor(c, c.clock);
  const handler = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const method = req.method ?? 'GET';
    const asset = assets.get(url.pathname);
    secure(res, asset ? 'public, max-age=3600' : 'no-store');
    if (asset && (method === 'GET' || method === 'HEAD'))
      return sendText(res, 200, asset.body.toString('utf8'), asset.type);
    if (access === 'token' && url.pathname === '/reports/sign-in') {
      if (method === 'POST') return signIn(c, req, res, throttle);
      if (method === 'GET')
        return sendText(res, 200, signInPage(undefined, url.searchParams.get('next') ?? undefined), HTML);
    }
    if (url.pathname === '/reports/sign-out' && method === 'POST') {
      res.setHeader('set-cookie', clearedCookie(c.config.production));
      res.writeHead(303, { location: access === 'token' ? '/reports/sign-in' : '/reports' });
      return void res.end();
    }
    if (method !== 'GET' && method !== 'HEAD')
      throw new HttpError(405, 'Reports can only be read.', 'METHOD_NOT_ALLOWED');
    const isIn = access === 'token' && signedIn(c, req, res, throttle);
    if (access === 'token' && !isIn) return refuse(url, res);
    if (url.pathname === '/reports') return page(c, url, res, isIn);
    if (url.pathname === '/reports/data.json') return sendJson(res, 200, reportJson(report(c, exportFilter(c, url))));
    if (url.pathname === '/reports/export.csv') return exportCsv(c, url, res);
    throw new HttpError(404, 'There is no report at this address.', 'NOT_FOUND');
  };
  return [{ name: 'reports', path: '/reports', handler }];
}
