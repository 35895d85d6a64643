// The outer shape of a signed Slack request, checked before Bolt sees it. Bolt trusts a signed body completely: a
// signed `null` makes its receiver throw outside any handler (the process dies of an unhandled rejection), and a
// field of the wrong type (`event: true`, `actions: "x"`, `user: 7`) makes it fail with a 500. Slack never sends
// those, but whoever holds the signing secret could; they get a 400 here instead. Only the fields Bolt and our
// listeners read to route a request are checked; everything else passes through untouched.
import { isValidSlackRequest } from '@slack/bolt';
import type { IncomingHttpHeaders } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { z } from 'zod';

const FORM = 'application/x-www-form-urlencoded';
const MAX_ID = 255;

const id = z.string().max(MAX_ID);
const named = z.looseObject({ id });
const record = z.looseObject({});

/** Slack's envelope: what Bolt reads to decide the kind of request, the workspace, the user and the conversation. */
const SlackEnvelope = z
  .looseObject({
    type: z.string().max(MAX_ID).optional(),
    token: z.string().optional(),
    challenge: z.string().optional(),
    event: z
      .looseObject({
        type: z.string().max(MAX_ID),
        channel: id.optional(),
        user: z.union([id, named]).optional(),
        item: record.optional(),
      })
      .optional(),
    event_id: id.optional(),
    authorizations: z
      .array(
        z.looseObject({
          team_id: id.nullable().optional(),
          enterprise_id: id.nullable().optional(),
          user_id: id.optional(),
          is_bot: z.boolean().optional(),
          is_enterprise_install: z.boolean().optional(),
        }),
      )
      .optional(),
    command: z.string().max(MAX_ID).optional(),
    text: z.string().optional(),
    name: z.string().optional(),
    user_id: id.optional(),
    team_id: id.nullable().optional(),
    channel_id: id.optional(),
    enterprise_id: id.nullable().optional(),
    is_enterprise_install: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
    user: named.optional(),
    team: named.nullable().optional(),
    enterprise: named.nullable().optional(),
    channel: named.optional(),
    actions: z.array(record).max(100).optional(),
    view: z
      .looseObject({
        id,
        callback_id: z.string().optional(),
        private_metadata: z.string().optional(),
        state: record.optional(),
      })
      .optional(),
    container: record.optional(),
    message: record.optional(),
    trigger_id: z.string().optional(),
    response_url: z.string().optional(),
    callback_id: z.string().optional(),
  })
  .refine((b) => b.type !== undefined || b.command !== undefined, 'It has neither a type nor a command.');

/** Slack's window for a request's timestamp, both ways: an older or a future-dated request is a replay or forged. */
export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/**
 * True for a correctly signed request dated further ahead than the tolerance. Bolt refuses only timestamps in the
 * past, so a signed request dated an hour ahead would stay replayable for that hour. Unsigned requests are left
 * to Bolt (401, or 200 for Slack's ssl_check).
 */
export function futureDatedSlackRequest(
  headers: IncomingHttpHeaders,
  raw: Buffer,
  signingSecret: string,
  nowMs: number,
): boolean {
  const timestamp = Number(header(headers, 'x-slack-request-timestamp'));
  if (!Number.isFinite(timestamp) || timestamp - nowMs / 1000 <= SLACK_TIMESTAMP_TOLERANCE_SECONDS) return false;
  return signed(headers, raw.toString('utf8'), signingSecret);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
}

function signed(headers: IncomingHttpHeaders, body: string, signingSecret: string): boolean {
  const signature = header(headers, 'x-slack-signature');
  const timestamp = Number(header(headers, 'x-slack-request-timestamp'));
  if (!signature || !Number.isFinite(timestamp)) return false;
  return isValidSlackRequest({
    signingSecret,
    body,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
  });
}

/** The body as Bolt will read it (form with payload=JSON, plain form, or JSON); undefined when Bolt cannot parse it. */
function parseLikeBolt(contentType: string | undefined, body: string): unknown {
  try {
    if (contentType === FORM) {
      const form = parseQuery(body);
      return typeof form.payload === 'string' ? JSON.parse(form.payload) : { ...form };
    }
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Why this signed request cannot be handed to Bolt, or null when it can. Unsigned requests are not judged here:
 * Bolt refuses them with 401 (and answers Slack's ssl_check). Bodies that do not parse are Bolt's 400.
 */
export function malformedSlackRequest(headers: IncomingHttpHeaders, raw: Buffer, signingSecret: string): string | null {
  const body = raw.toString('utf8');
  const verdict = shapeProblem(parseLikeBolt(header(headers, 'content-type'), body));
  // The signature is checked only for a body that would be refused (Bolt checks every request's anyway), so a
  // well-formed click costs one HMAC, not two.
  return verdict && signed(headers, body, signingSecret) ? verdict : null;
}

function shapeProblem(parsed: unknown): string | null {
  if (parsed === undefined) return null;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return 'This is not a request Slack sends: the body is not an object.';
  const checked = SlackEnvelope.safeParse(parsed);
  if (checked.success) return null;
  const first = checked.error.issues[0];
  return `This is not a request Slack sends: ${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}`;
}
