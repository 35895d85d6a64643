// Turns a Bot Connector failure into the DeliveryError kinds the outbox understands.
import { DeliveryError } from '../../app/ports.ts';

export const DEFAULT_RETRY_AFTER_MS = 1000;
const HTTP_TOO_MANY = 429;
const HTTP_FORBIDDEN = 403;
const HTTP_NOT_FOUND = 404;
const HTTP_SERVER_ERROR = 500;

interface ConnectorErrorShape {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined | null } };
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function toDeliveryError(err: unknown, what: string, now: number = Date.now()): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (err ?? {}) as ConnectorErrorShape;
  const status = e.statusCode;
  if (status === HTTP_TOO_MANY) {
    const retryAfter = parseRetryAfter(e.response?.headers?.get?.('retry-after'), now) ?? DEFAULT_RETRY_AFTER_MS;
    return new DeliveryError(
      'rate_limited',
      `Teams asked us to slow down while sending ${what}; trying again shortly.`,
      retryAfter,
    );
  }
  if (status === HTTP_FORBIDDEN || status === HTTP_NOT_FOUND) {
    return new DeliveryError(
      'recipient_unknown',
      `Teams would not deliver ${what}: the Warm Handover app is not installed for this person, or they have blocked it.`,
    );
  }
  if (status === undefined || status >= HTTP_SERVER_ERROR) {
    return new DeliveryError(
      'transient',
      `Teams could not be reached while sending ${what} (${status ?? e.code ?? 'no answer'}); it will be retried.`,
    );
  }
  return new DeliveryError('permanent', `Teams refused ${what} (HTTP ${status}).`);
}
