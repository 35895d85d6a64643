// The calls that send our Block Kit to Slack (views and messages). Rule: a view or blocks reach the Web API client
// as a string of JSON we serialise once, in ASCII only (every other character as \uXXXX, which Slack reads like any
// JSON parser), held as a one-byte string; never as an object, which the client would serialise again on every call
// and, for text beyond Latin-1, copy as two-byte strings. Why, and what it saves: docs/performance.md.
import type { webApi } from '@slack/bolt';

const BEYOND_ASCII = /[^\x00-\x7e]/;
const BEYOND_ASCII_ALL = /[\u007f-\uffff]/g;

const escapeChar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON of `value` in ASCII only; a one-byte string even when the text has characters beyond Latin-1. */
export function asciiJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (!BEYOND_ASCII.test(json)) return json;
  // Escaping leaves only ASCII, but V8 still holds the result as two-byte; a Latin-1 round trip makes it one-byte.
  return Buffer.from(json.replace(BEYOND_ASCII_ALL, escapeChar), 'latin1').toString('latin1');
}

/** A view already serialised for the wire, for one that is the same every time (see `serialisedOnce`). */
export class WireJson {
  constructor(readonly json: string) {}
}

/** Serialises what `build` returns the first time it is needed, then hands out the same JSON. */
export function serialisedOnce(build: () => object): () => WireJson {
  let wire: WireJson | undefined;
  return () => (wire ??= new WireJson(asciiJson(build())));
}

/** The client sends a string argument as it is; its types only know the object form. */
const serialised = (value: object): never => (value instanceof WireJson ? value.json : asciiJson(value)) as never;

export function openView(client: webApi.WebClient, triggerId: string, view: object | WireJson) {
  return client.views.open({ trigger_id: triggerId, view: serialised(view) });
}

export function publishHome(client: webApi.WebClient, userId: string, view: object) {
  return client.views.publish({ user_id: userId, view: serialised(view) });
}

export function updateMessage(
  client: webApi.WebClient,
  channel: string,
  ts: string,
  message: { text: string; blocks: object[] },
) {
  return client.chat.update({ channel, ts, text: message.text, blocks: serialised(message.blocks) });
}

type PostArgs = {
  channel: string;
  text: string;
  blocks: object[];
  thread_ts?: string;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  metadata?: { event_type: string; event_payload: Record<string, string> };
};

export function postMessage(client: webApi.WebClient, args: PostArgs) {
  return client.chat.postMessage({ ...args, blocks: serialised(args.blocks) });
}
