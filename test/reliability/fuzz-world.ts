// Shared by the fuzz tests: a real server from startApp with fakes for Slack, the Bot Connector and SMTP, a way
// to send one generated request with a time limit, a record of what the database holds, and the generators of
// malformed requests (bodies, headers, methods) that every endpoint gets.
import { expect } from 'chai';
import fc from 'fast-check';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main/start.ts';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import type { Db } from '../../src/storage/sqlite.ts';
import { FakeBotConnector } from '../support/fake-bot-connector.ts';
import { FakeSlackApi } from '../support/fake-slack-api.ts';
import { tempDir } from '../support/make.ts';
import { SIGNING_SECRET } from '../support/slack-sign.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

/** Generated requests per endpoint. */
export const FUZZ_RUNS = 1000;
/** A request that has had no answer after this long counts as a hang (a safety net, not a speed test). */
export const REQUEST_TIMEOUT_MS = 5000;
/** Mocha limit for one fuzzed endpoint: 1,000 requests on 127.0.0.1 with keep-alive. */
export const FUZZ_TEST_TIMEOUT_MS = 120_000;

export interface FuzzServer {
  app: RunningApp;
  db: Db;
  url: string;
  slackApi: FakeSlackApi;
  connector: FakeBotConnector;
  smtp: SmtpSink;
  stop(): Promise<void>;
}

/** The whole server (playground, reports, Slack over HTTP, Teams, e-mail) with `env` on top; no scheduler. */
export async function startFuzzServer(
  env: Record<string, string> = {},
  beforeStart?: (fakes: { slackApi: FakeSlackApi }) => void,
): Promise<FuzzServer> {
  const tmp = tempDir('fuzz-');
  const slackApi = new FakeSlackApi();
  const connector = new FakeBotConnector();
  const smtp = await startSmtpSink();
  const apiUrl = await slackApi.start();
  await connector.start();
  beforeStart?.({ slackApi });
  const config = readConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_PATH: join(tmp.dir, 'handover.db'),
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-fuzz-not-real',
    SLACK_API_URL: apiUrl,
    TEAMS: 'on',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Warm Handover <handover@example.org>',
    ...env,
  });
  const app = await startApp(config, createLogger('silent'), { scheduler: false });
  return {
    app,
    db: app.container.db,
    url: app.url,
    slackApi,
    connector,
    smtp,
    async stop() {
      await app.stop();
      await slackApi.stop();
      await connector.stop();
      await smtp.stop();
      tmp.cleanup();
    },
  };
}

/** What the database holds: rows per table, and every row change made through the app's connection. */
export interface Stored {
  changes: number;
  rows: Record<string, number>;
}

export function stored(db: Db): Stored {
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name`,
    )
    .all();
  const rows: Record<string, number> = {};
  for (const { name } of tables)
    rows[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  return { changes: changesSoFar(db), rows };
}

/** SQLite's running count of inserted, updated and deleted rows on this connection: unchanged means nothing written. */
export function changesSoFar(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface FuzzAnswer {
  status: number;
  text: string;
}

function asBody(body: string | Buffer): string | Uint8Array<ArrayBuffer> {
  return typeof body === 'string' ? body : new Uint8Array(body);
}

/** Sends one request over the shared keep-alive pool; a hang becomes a failed assertion, not a stuck test. */
export async function send(base: string, r: FuzzRequest): Promise<FuzzAnswer> {
  const withBody = r.method !== 'GET' && r.method !== 'HEAD' && r.body !== undefined;
  let res: Response;
  try {
    res = await fetch(base + r.path, {
      method: r.method,
      headers: r.headers,
      body: withBody ? asBody(r.body!) : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? '';
    throw new Error(`${r.method} ${r.path} got no answer: ${(err as Error).message} ${cause}`.trim());
  }
  return { status: res.status, text: await res.text() };
}

/** The server still answers its health check. */
export async function expectHealthy(base: string): Promise<void> {
  const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  expect(res.status).to.equal(200);
  expect(((await res.json()) as { status: string }).status).to.equal('ok');
}

export function expectClientError(answer: FuzzAnswer, r: FuzzRequest): void {
  const what = `${r.method} ${r.path} → ${answer.status} ${answer.text.slice(0, 200)}`;
  expect(answer.status, what).to.be.within(400, 499);
}

// ---- generators ----

/** Strings of these characters (fc.stringMatching is far slower to generate). */
export function charsOf(chars: string, options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...chars), ...options });
}

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const HEX = '0123456789abcdef';

/** A header value fetch accepts: printable ASCII, no leading or trailing space. */
export const headerValue = charsOf(PRINTABLE, { minLength: 1, maxLength: 60 })
  .map((v) => v.trim())
  .filter((v) => v.length > 0);

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'text/html',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  '*/*',
  'application/jsonx',
];

export const contentType = fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerValue);

/** A few headers with meaning somewhere in the server, and some made-up ones, all with random values. */
export const randomHeaders = fc
  .record(
    {
      'content-type': fc.option(contentType, { nil: undefined }),
      authorization: fc.option(
        fc.oneof(
          headerValue,
          headerValue.map((v) => `Bearer ${v}`),
        ),
        { nil: undefined },
      ),
      cookie: fc.option(
        fc.oneof(
          headerValue,
          headerValue.map((v) => `wh_reports=${v}`),
          headerValue.map((v) => `wh_email_session=${v}`),
        ),
        { nil: undefined },
      ),
      origin: fc.option(headerValue, { nil: undefined }),
      'x-slack-signature': fc.option(
        fc.oneof(
          headerValue,
          charsOf(HEX, { minLength: 64, maxLength: 64 }).map((h) => `v0=${h}`),
        ),
        { nil: undefined },
      ),
      'x-slack-request-timestamp': fc.option(
        fc.oneof(headerValue, fc.integer({ min: 0, max: 2_000_000_000 }).map(String)),
        { nil: undefined },
      ),
      'x-slack-retry-num': fc.option(headerValue, { nil: undefined }),
    },
    { requiredKeys: [] },
  )
  .chain((known) =>
    fc
      .dictionary(
        charsOf('abcdefghijklmnopqrstuvwxyz0123456789-', { minLength: 1, maxLength: 20 }).map((k) => `x-fuzz-${k}`),
        headerValue,
        { maxKeys: 4 },
      )
      .map((extra) => clean({ ...known, ...extra })),
  );

function clean(headers: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Any JSON value, nested a little, with awkward strings. */
export const anyJson = fc.jsonValue({ maxDepth: 4 });

/** Text that starts like JSON and is not. */
export const brokenJson = fc.oneof(
  fc.string().map((s) => `{${s}`),
  fc.string().map((s) => `[${s}`),
  fc
    .jsonValue()
    .map((v) => JSON.stringify(v))
    .filter((s) => s.length > 1)
    .map((s) => s.slice(0, -1)),
  fc.constantFrom('{', '}', '{"a":', 'null,', '{"a":1}{', '\u0000', '{"__proto__":', 'NaN', "{'a':1}", '\ufeff{'),
);

/** A random form body (key=value&…), sometimes with a payload= of junk as Slack interactions have. */
export const formBody = fc.oneof(
  fc
    .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 6 })
    .map((d) => new URLSearchParams(d).toString()),
  fc
    .oneof(
      fc.string(),
      anyJson.map((v) => JSON.stringify(v)),
    )
    .map((p) => new URLSearchParams({ payload: p }).toString()),
  fc.string({ maxLength: 80 }),
);

export const randomBytes = fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a));

/** A body over `limit` bytes: must be refused with 413 wherever a body is read. */
export function hugeBody(limit: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(2048), fc.constantFrom('x', '{"a":"', 'payload=', ' '))
    .map(([extra, start]) => start + 'x'.repeat(limit + 1 + extra - start.length));
}

export type BodyKind = 'json' | 'broken' | 'form' | 'bytes' | 'empty' | 'huge' | 'shaped';

export interface GeneratedBody {
  kind: BodyKind;
  body: string | Buffer;
}

/** Bodies of every malformed kind; `shaped` are the endpoint's own fields with wrong types and values. */
export function malformedBody(limit: number, shaped: fc.Arbitrary<unknown> = anyJson): fc.Arbitrary<GeneratedBody> {
  const as =
    (kind: BodyKind) =>
    (body: string | Buffer): GeneratedBody => ({ kind, body });
  return fc.oneof(
    { weight: 3, arbitrary: anyJson.map((v) => JSON.stringify(v)).map(as('json')) },
    { weight: 3, arbitrary: brokenJson.map(as('broken')) },
    { weight: 2, arbitrary: formBody.map(as('form')) },
    { weight: 1, arbitrary: randomBytes.map(as('bytes')) },
    { weight: 1, arbitrary: fc.constant('').map(as('empty')) },
    { weight: 1, arbitrary: hugeBody(limit).map(as('huge')) },
    { weight: 5, arbitrary: shaped.map((v) => JSON.stringify(v) ?? 'undefined').map(as('shaped')) },
  );
}

export const otherMethod = fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');

/** Mostly POST (the method that reaches the body parsers), sometimes another one. */
export const mostlyPost = fc.oneof(
  { weight: 9, arbitrary: fc.constant('POST') },
  { weight: 1, arbitrary: otherMethod },
);

/** A field value of the wrong type (or the right type with a hostile value). */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 30 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  fc.constantFrom('', ' ', '__proto__', 'constructor', '\u0000', '💥', 'x'.repeat(5000)),
);

/** An object with some of `keys` (each of any type), some made-up keys, and `fixed` values forced in. */
export function shapedObject(
  keys: string[],
  values: fc.Arbitrary<unknown> = wrongValue,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.subarray(keys).chain((chosen) => fc.tuple(...chosen.map((k) => values.map((v) => [k, v] as const)))),
      fc.dictionary(fc.string({ maxLength: 10 }), values, { maxKeys: 3 }),
    )
    .map(([pairs, extra]) => ({ ...extra, ...Object.fromEntries(pairs) }));
}

/** The seed every fuzz run starts from, so a run that passed once passes again. */
export const FIXED_FUZZ_SEED = 20261205;

/** One fresh seed for the whole run, drawn once so the printed seed is the one every property used. */
const FRESH_FUZZ_SEED = Math.floor(Math.random() * 2 ** 31);
let seedsPrinted = false;

/**
 * Runs a fuzz property with `numRuns` requests in all (no per-run time limit: send has one): half from
 * FIXED_FUZZ_SEED, then half from one fresh seed, so new inputs are tried without making the fixed run
 * unrepeatable. FUZZ_SEED=<seed> runs all of them from that seed; a failure names the seed that replays it.
 */
export async function assertFuzz<T>(property: fc.IAsyncPropertyWithHooks<T>, numRuns = FUZZ_RUNS): Promise<void> {
  const replay = process.env.FUZZ_SEED;
  const seeds = replay ? [Number(replay)] : [FIXED_FUZZ_SEED, FRESH_FUZZ_SEED];
  if (!seedsPrinted) {
    seedsPrinted = true;
    console.log(`      fuzz seeds: ${seeds.join(', ')} (FUZZ_SEED=<seed> replays one)`);
  }
  const perSeed = Math.ceil(numRuns / seeds.length);
  for (const seed of seeds) {
    try {
      await fc.assert(property, { numRuns: perSeed, endOnFailure: true, seed });
    } catch (error) {
      throw new Error(`Fuzzing failed from seed ${seed}; FUZZ_SEED=${seed} replays it.\n${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

/** `count` generated values from FIXED_FUZZ_SEED (or FUZZ_SEED when set), so a sample is the same on every run. */
export function fuzzSample<T>(arbitrary: fc.Arbitrary<T>, count: number): T[] {
  return fc.sample(arbitrary, { numRuns: count, seed: Number(process.env.FUZZ_SEED ?? FIXED_FUZZ_SEED) });
}
