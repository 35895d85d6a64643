// The fetch the Slack Web API client uses: the global fetch, with a time limit on the whole call (answer and body)
// that is cleared as soon as the call is over.
//
// Why not the client's own `timeout` option: it passes `AbortSignal.timeout(ms)`, and fetch registers an abort
// listener on that signal which holds the whole request (its serialised body included). Node keeps a timeout
// signal that has listeners alive until its timer fires, so every call's request stayed in memory for the full
// 2.5 s even when Slack answered in a millisecond: at 200 requests a second, 500 requests' worth at any moment,
// old enough to be moved to V8's old generation and make the heap grow. Here the timer is cleared when the call
// ends, and the signal and request are garbage straight away.
import type { webApi } from '@slack/bolt';

type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

export class SlackTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Slack did not answer within ${timeoutMs} ms.`);
    this.name = 'TimeoutError';
  }
}

/** A fetch for `WebClientOptions.fetch` that gives up after `timeoutMs` (aborting the request). */
export function fetchWithTimeout(timeoutMs: number, fetchFn: FetchLike = fetch): webApi.FetchFunction {
  return async (url, init = {}) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new SlackTimeoutError(timeoutMs)), timeoutMs);
    let response: Response;
    try {
      response = await fetchFn(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal });
    } catch (err) {
      clearTimeout(timer);
      throw err;
    }
    // The limit covers reading the answer too: the timer is cleared once the client has read it.
    const read = <T>(body: Promise<T>): Promise<T> => body.finally(() => clearTimeout(timer));
    const { ok, status, statusText, headers } = response;
    return {
      ok, status, statusText, url: response.url, headers,
      arrayBuffer: () => read(response.arrayBuffer()), json: () => read(response.json()), text: () => read(response.text()),
    };
  };
}
