// The Slack platform: a Bolt App on our own HTTP server (POST /slack/events), or Socket Mode when an app token is set.
import {
  App,
  HTTPReceiver,
  LogLevel,
  SocketModeReceiver,
  webApi,
  type Logger as BoltLogger,
  type Receiver,
} from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PlatformContext } from '../../app/platform-context.ts';
import type { SlackConfig } from '../../config.ts';
import { HttpError, readRawBody } from '../../http/body.ts';
import type { Mount } from '../../http/server.ts';
import type { Logger } from '../../log.ts';
import { SlackInstallationStore } from './installation-store.ts';
import { preparedFrom, sharedPrepareAction, sharedRunAction, type RunAction } from './action-runner.ts';
import { singleWorkspaceAuthorize } from './bot-authorize.ts';
import type { Clock } from '../../domain/ports.ts';
import { malformedSlackRequest, futureDatedSlackRequest } from './envelope.ts';
import { makeDeps, type Register } from './deps.ts';
import { register as registerActions } from './listeners/actions/index.ts';
import { register as registerCommands } from './listeners/commands/index.ts';
import { register as registerEvents } from './listeners/events/index.ts';
import { register as registerOptions } from './listeners/options/index.ts';
import { register as registerShortcuts } from './listeners/shortcuts/index.ts';
import { register as registerViews } from './listeners/views/index.ts';
import { installMounts, installerOptions } from './installer.ts';
import { InstalledWorkspaces, singleWorkspace } from './workspaces.ts';
import { HomeRefresher } from './home-refresh.ts';
import { SlackMessenger, type SentKeys } from './slack-messenger.ts';
import { fetchWithTimeout } from './web-api-fetch.ts';

export const SLACK_EVENTS_PATH = '/slack/events';
/**
 * Web API calls made before an ack (who is clicking, the first time) must fit in Slack's 3-second window; the
 * connection pool's timers tick about once a second, so a call gives up 2–3 s in. The outbox does its own retries.
 */
export const SLACK_API_TIMEOUT_MS = 2000;
/** Slack's own requests (events, commands, interactions with a modal's whole view) stay well under this. */
export const SLACK_BODY_LIMIT = 1024 * 1024;

const LISTENERS: Register[] = [
  registerCommands,
  registerShortcuts,
  registerActions,
  registerOptions,
  registerViews,
  registerEvents,
];

export interface SlackPlatform {
  mounts: Mount[];
  messenger: SlackMessenger;
  app: App;
  /** Connects Socket Mode (no-op over HTTP, where our own server receives). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackPlatformOptions {
  /** Defaults to the shared handler (PlatformContext.runAction and prepareAction). */
  runAction?: RunAction;
  /** Where sent idempotency keys are remembered (default: memory). */
  sentKeys?: SentKeys;
  /** Called when notices were queued outside a handover change (removed from a workspace): kick the dispatcher. */
  onQueued?: () => void;
  /** The clock Slack's request timestamps are judged by (default: the real time, which Slack stamps them with). */
  requestClock?: Clock;
}

/** Slack signs requests with the real time, and Bolt judges their age by it too, whatever clock the app runs on. */
const WALL_CLOCK: Clock = { now: () => new Date() };

function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ platform: 'slack' });
  let level = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => child.debug(m.map(String).join(' ')),
    info: (...m: unknown[]) => child.info(m.map(String).join(' ')),
    warn: (...m: unknown[]) => child.warn(m.map(String).join(' ')),
    error: (...m: unknown[]) => child.error(m.map(String).join(' ')),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export function slackClientOptions(cfg: SlackConfig, logger: BoltLogger): webApi.WebClientOptions {
  return {
    // The time limit is in our fetch (web-api-fetch.ts, undici's pool), not the client's `timeout`, which holds every request for its full length.
    slackApiUrl: cfg.apiUrl,
    logger,
    fetch: fetchWithTimeout(SLACK_API_TIMEOUT_MS),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  };
}

/** Bolt reads a request body itself unless it is already buffered on req.rawBody (its BufferedIncomingMessage). */
type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

function httpMount(receiver: HTTPReceiver, signingSecret: string, clock: Clock): Mount {
  return {
    name: 'slack',
    path: SLACK_EVENTS_PATH,
    exact: true,
    handler: async (req: IncomingMessage, res: ServerResponse) => {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      // Read the body here, with our limit: over it is a 413 and the connection stays usable. Left to Bolt, a
      // body over its limit is paused half-read, which wedges a keep-alive connection until it times out.
      const raw = await readRawBody(req, SLACK_BODY_LIMIT);
      if (futureDatedSlackRequest(req.headers, raw, signingSecret, clock.now().getTime())) {
        throw new HttpError(
          401,
          'This request is not signed by Slack within the last five minutes.',
          'SLACK_SIGNATURE_STALE',
        );
      }
      const malformed = malformedSlackRequest(req.headers, raw, signingSecret);
      if (malformed) throw new HttpError(400, malformed, 'SLACK_PAYLOAD_MALFORMED');
      (req as BufferedRequest).rawBody = raw;
      receiver.requestListener(req, res);
    },
  };
}

export function createSlackPlatform(container: PlatformContext, options: SlackPlatformOptions = {}): SlackPlatform {
  const cfg = container.config.slack;
  if (!cfg)
    throw new Error('Slack is not configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or the OAuth variables).');
  const logger = boltLogger(container.log);
  const clientOptions = slackClientOptions(cfg, logger);
  // Many workspaces: each workspace's bot token from the encrypted store; one workspace: SLACK_BOT_TOKEN.
  const workspaces = cfg.oauth
    ? new InstalledWorkspaces(
        new SlackInstallationStore(container.ownTables, cfg.oauth.secretsKey, () => container.clock.now()),
        clientOptions,
      )
    : undefined;
  const installer =
    cfg.oauth && workspaces ? installerOptions(cfg.oauth, workspaces.installationStore(), clientOptions) : {};
  let receiver: Receiver;
  const mounts: Mount[] = [];
  if (cfg.appToken) {
    receiver = new SocketModeReceiver({ appToken: cfg.appToken, logger });
  } else {
    const http = new HTTPReceiver({
      signingSecret: cfg.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger,
      bodyLimit: SLACK_BODY_LIMIT,
      ...installer,
    });
    mounts.push(
      httpMount(http, cfg.signingSecret, options.requestClock ?? WALL_CLOCK),
      ...(workspaces ? installMounts(http) : []),
    );
    receiver = http;
  }
  // One workspace: our authorize (bot-authorize.ts), not `token`, so Slack being unreachable at start cannot crash us.
  const authorize = cfg.botToken
    ? { authorize: singleWorkspaceAuthorize(new webApi.WebClient(undefined, clientOptions), cfg.botToken) }
    : {};
  // convoStore off: what we remember lives in SQLite, and Bolt's default in-memory conversation store (unused here)
  // rejects with a new Error on every request that has a conversation.
  const app = new App({ ...authorize, receiver, logger, clientOptions, convoStore: false });
  const [runAction, prepareAction] = options.runAction
    ? [options.runAction, preparedFrom(options.runAction)]
    : [sharedRunAction(container), sharedPrepareAction(container)];
  const clients = workspaces ?? singleWorkspace(new webApi.WebClient(cfg.botToken, clientOptions));
  const homes = new HomeRefresher(container, clients);
  const deps = makeDeps(container, runAction, prepareAction, { workspaces, onQueued: options.onQueued, homes });
  // One Bolt listener per kind of request (six in all): Bolt runs every listener's chain for every request.
  for (const register of LISTENERS) register(app, deps);
  const messenger = new SlackMessenger(clients, options.sentKeys);
  return {
    mounts,
    messenger,
    app,
    async start() {
      if (cfg.appToken) await app.start();
    },
    async stop() {
      if (cfg.appToken) await app.stop();
    },
  };
}
