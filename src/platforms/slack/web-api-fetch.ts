// The HTTP client under the Slack Web API client: undici's `request` through one connection pool whose connect,
// headers and body timeouts give up on a Slack that stops answering; a late answer is a transient delivery error.
// Rule: no global fetch and no AbortSignal here (nor the client's own `timeout`): they keep every call's request
// and answer alive until a full garbage collection. Why, and the figures: docs/performance.md.
import type { webApi } from '@slack/bolt';
import { STATUS_CODES } from 'node:http';
import { Agent, errors, request, type Dispatcher } from 'undici';

export class SlackTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Slack did not answer within ${timeoutMs} ms.`);
    this.name = 'TimeoutError';
  }
}

type IncomingHeaders = Record<string, string | string[] | undefined>;

type FetchHeaders = Awaited<ReturnType<webApi.FetchFunction>>['headers'];

/** What the client reads from an answer's headers: one by name (content type, Retry-After, scopes), or all for an error. */
function fetchHeaders(headers: IncomingHeaders): FetchHeaders {
  const value = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);
  return {
    get: (name: string) => value(headers[name.toLowerCase()]) ?? null,
    entries: () =>
      Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, value(v)!] as [string, string]])),
  };
}

const timedOut = (err: unknown) =>
  err instanceof errors.HeadersTimeoutError ||
  err instanceof errors.BodyTimeoutError ||
  err instanceof errors.ConnectTimeoutError;

/**
 * A fetch for `WebClientOptions.fetch` that gives up when Slack takes more than `timeoutMs` to connect, to start
 * answering, or between two parts of its answer (dropping the connection).
 */
export function fetchWithTimeout(
  timeoutMs: number,
  dispatcher: Dispatcher = new Agent({
    connect: { timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  }),
): webApi.FetchFunction {
  const failed = (err: unknown): never => {
    throw timedOut(err) ? new SlackTimeoutError(timeoutMs) : err;
  };
  return async (url, init = {}) => {
    const { statusCode, headers, body } = await request(url, {
      dispatcher,
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: init.headers,
      body: init.body as string | undefined,
      signal: init.signal,
    }).catch(failed);
    // The client reads every answer's body except a 429's (it only wants Retry-After): finish that one here, so
    // the connection goes back to the pool.
    if (statusCode === 429) await body.dump().catch(() => undefined);
    const read = <T>(text: Promise<T>): Promise<T> => text.catch(failed);
    return {
      ok: statusCode >= 200 && statusCode < 300,
      status: statusCode,
      statusText: STATUS_CODES[statusCode] ?? '',
      url: String(url),
      headers: fetchHeaders(headers),
      arrayBuffer: () => read(body.arrayBuffer()),
      json: () => read(body.json()),
      text: () => read(body.text()),
    };
  };
}
