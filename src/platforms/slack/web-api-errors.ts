// Slack Web API failures, translated into the delivery errors the outbox understands.
import { SlackTimeoutError } from './web-api-fetch.ts';
import { DeliveryError } from '../../app/ports.ts';

export const DEFAULT_RETRY_AFTER_MS = 1000;
const MS_PER_SECOND = 1000;

/** Platform error codes that mean "this person or conversation can't be reached here". */
export const RECIPIENT_UNKNOWN_ERRORS: ReadonlySet<string> = new Set([
  'user_not_found',
  'users_not_found',
  'account_inactive',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_disabled',
  'cannot_dm_bot',
  'user_not_visible',
  'messages_tab_disabled',
  // The workspace took the app's token back (before its uninstall event reached us): nobody there can be reached.
  'token_revoked',
  'team_access_not_granted',
]);
/** Platform error codes worth trying again later. */
const TRANSIENT_ERRORS: ReadonlySet<string> = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  headers?: Record<string, string>;
  data?: { error?: string };
}

function retryAfterMs(seconds: number | undefined): number {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? seconds * MS_PER_SECOND
    : DEFAULT_RETRY_AFTER_MS;
}

/** The Slack error code of a failed call ("channel_not_found"), or the client's own code. */
export function slackErrorCode(err: unknown): string {
  const e = err as SlackErrorShape;
  return e?.data?.error ?? e?.code ?? 'unknown_error';
}

/** Maps any error thrown by the Slack WebClient to a DeliveryError with a sentence for a person. */
export function toDeliveryError(err: unknown, what: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as SlackErrorShape;
  const code = slackErrorCode(err);
  if (e?.code === 'slack_webapi_rate_limited_error' || code === 'ratelimited') {
    return new DeliveryError('rate_limited', `Slack asked us to slow down while ${what}.`, retryAfterMs(e.retryAfter));
  }
  if (e?.code === 'slack_webapi_http_error') {
    const status = e.statusCode ?? 0;
    if (status === 429)
      return new DeliveryError(
        'rate_limited',
        `Slack asked us to slow down while ${what}.`,
        retryAfterMs(Number(e.headers?.['retry-after'])),
      );
    if (status >= 500) return new DeliveryError('transient', `Slack was not available (HTTP ${status}) while ${what}.`);
    return new DeliveryError('permanent', `Slack refused the request (HTTP ${status}) while ${what}.`);
  }
  if (e?.code === 'slack_webapi_request_error')
    return new DeliveryError('transient', `We could not reach Slack while ${what}.`);
  // Slack stopped half-way through its answer (a time-out before it answered at all is a request error, above).
  if (err instanceof SlackTimeoutError)
    return new DeliveryError('transient', `Slack did not answer in time while ${what}.`);
  if (RECIPIENT_UNKNOWN_ERRORS.has(code)) {
    return new DeliveryError(
      'recipient_unknown',
      `Slack could not deliver to this person or conversation (${code}) while ${what}.`,
    );
  }
  if (TRANSIENT_ERRORS.has(code)) return new DeliveryError('transient', `Slack had a problem (${code}) while ${what}.`);
  return new DeliveryError('permanent', `Slack refused the request (${code}) while ${what}.`);
}
