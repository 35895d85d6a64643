// One throttle for every way into the admin pages (/reports, /coordinate): the sign-in form and
// `Authorization: Bearer`. Wrong tokens are counted per client address, never per server, so a stranger guessing
// cannot lock the coordinator out. The first few mistakes are free; after that each wrong token shuts that address
// out for twice as long as the last, up to a ceiling. A right token clears the address's count.
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import type { Clock } from '../domain/ports.ts';

/** Wrong tokens an address may send before it has to wait. */
export const FREE_FAILURES = 5;
/** The first wait; each further wrong token doubles it. */
export const FIRST_BLOCK_MS = 1_000;
export const MAX_BLOCK_MS = 15 * 60_000;
/** An address that sends no wrong token for this long starts again from nothing. */
export const FORGET_FAILURES_AFTER_MS = 60 * 60_000;
/** Addresses remembered at once; the one heard from longest ago is dropped first. */
export const MAX_TRACKED_CLIENTS = 10_000;
/** IPv6 clients are counted per /64 network (one household or server), not per address, which they can rotate. */
const IPV6_NETWORK_GROUPS = 4;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface ClientRecord {
  failures: number;
  lastFailureMs: number;
  blockedUntilMs: number;
}

export class AdminThrottle {
  private readonly clients = new Map<string, ClientRecord>();

  constructor(private readonly clock: Clock) {}

  /** Whether this address may try a token now. */
  check(client: string): ThrottleVerdict {
    const record = this.current(client);
    const now = this.clock.now().getTime();
    if (!record || record.blockedUntilMs <= now) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.ceil((record.blockedUntilMs - now) / 1000) };
  }

  /** Counts a wrong token from this address and starts its wait once the free mistakes are used up. */
  failed(client: string): void {
    const now = this.clock.now().getTime();
    const record = this.current(client) ?? { failures: 0, lastFailureMs: now, blockedUntilMs: 0 };
    record.failures++;
    record.lastFailureMs = now;
    if (record.failures > FREE_FAILURES) {
      record.blockedUntilMs =
        now + Math.min(MAX_BLOCK_MS, FIRST_BLOCK_MS * 2 ** Math.min(record.failures - FREE_FAILURES - 1, 30));
    }
    this.clients.delete(client);
    this.clients.set(client, record);
    if (this.clients.size > MAX_TRACKED_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
  }

  /** A right token: this address starts again from nothing. */
  succeeded(client: string): void {
    this.clients.delete(client);
  }

  private current(client: string): ClientRecord | undefined {
    const record = this.clients.get(client);
    if (record && this.clock.now().getTime() - record.lastFailureMs >= FORGET_FAILURES_AFTER_MS) {
      this.clients.delete(client);
      return undefined;
    }
    return record;
  }
}

const shared = new WeakMap<object, AdminThrottle>();

/** The one throttle of a running server (pass its container), shared by every admin page mounted on it. */
export function adminThrottleFor(owner: object, clock: Clock): AdminThrottle {
  let throttle = shared.get(owner);
  if (!throttle) {
    throttle = new AdminThrottle(clock);
    shared.set(owner, throttle);
  }
  return throttle;
}

/**
 * Who is asking, as the throttle counts them: the socket's address, or behind a trusted reverse proxy the last
 * address in X-Forwarded-For (the one the proxy itself added; earlier entries are whatever the client claimed).
 */
export function clientAddress(req: IncomingMessage, trustProxy = false): string {
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .at(-1)
    : undefined;
  const address = (forwarded ?? req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/i, '');
  if (!isIPv6(address)) return address;
  const groups = address.split('::')[0].split(':').slice(0, IPV6_NETWORK_GROUPS);
  return `${groups.join(':')}::/64`;
}

/** The `Authorization: Bearer` token of a request, or undefined when it sends none. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
}
