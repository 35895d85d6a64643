// Who may see the reports. Production: only with ADMIN_TOKEN configured, and only after signing in with it.
// Outside production with no token: open (the playground). The cookie carries an expiry and an HMAC keyed by
// the token, never the token itself; rotating ADMIN_TOKEN signs everybody out.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Config } from '../../config.ts';

export const SESSION_COOKIE = 'wh_reports';
export const SESSION_HOURS = 8;

export type ReportsAccess = 'off' | 'open' | 'token';

export function reportsAccess(config: Pick<Config, 'production' | 'adminToken'>): ReportsAccess {
  if (config.adminToken) return 'token';
  return config.production ? 'off' : 'open';
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison: equal-length hashes of both sides. */
export function tokensMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function mac(token: string, expiresAtMs: number): string {
  return createHmac('sha256', token).update(`reports-session:${expiresAtMs}`).digest('base64url');
}

export function sessionValue(token: string, now: Date): string {
  const expires = now.getTime() + SESSION_HOURS * 3_600_000;
  return `${expires}.${mac(token, expires)}`;
}

export function sessionIsValid(value: string | undefined, token: string, now: Date): boolean {
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!match) return false;
  const expires = Number(match[1]);
  if (expires <= now.getTime()) return false;
  return timingSafeEqual(Buffer.from(match[2]), Buffer.from(mac(token, expires)));
}

/** One sign-in covers the reports and the coordinator pages (/coordinate). */
export const SESSION_COOKIE_PATH = '/';

export function sessionCookie(value: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    `Path=${SESSION_COOKIE_PATH}`,
    `Max-Age=${SESSION_HOURS * 3600}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedCookie(secure: boolean): string {
  return [
    `${SESSION_COOKIE}=`,
    `Path=${SESSION_COOKIE_PATH}`,
    'Max-Age=0',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Signed in by the session cookie (a script sending `Authorization: Bearer` is checked through the throttle). */
export function hasValidSession(req: IncomingMessage, token: string, now: Date): boolean {
  return sessionIsValid(readCookie(req, SESSION_COOKIE), token, now);
}
