// A real server on 127.0.0.1 with the Teams platform mounted, a temp SQLite file, the seeded world and a fake
// Bot Connector that every reply and proactive message goes to.
import type { Server } from 'node:http';
import { join } from 'node:path';
import { buildContainer, type Container } from '../../src/main/container.ts';
import { readConfig } from '../../src/config.ts';
import { createHttpServer, listen } from '../../src/http/server.ts';
import { createLogger } from '../../src/log.ts';
import {
  createTeamsPlatform,
  type TeamsPlatform,
  type TeamsPlatformOptions,
} from '../../src/platforms/teams/teams-platform.ts';
import type { TeamsActions } from '../../src/platforms/teams/teams-actions.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { RateLimiter } from '../../src/scheduler/rate-limits.ts';
import { createNudgeSystem, type NudgeSystem, type NudgeSystemOptions } from '../../src/scheduler/wiring.ts';
import { FakeBotConnector } from './fake-bot-connector.ts';
import { FixedClock, everyDayCalendar, seedWorld, tempDir } from './make.ts';
import { APP_ID, TEAMS_USERS, TENANT_ID } from '../fixtures/teams/activities.ts';

export type Who = keyof typeof TEAMS_USERS;

/** What /api/messages answers: an invoke response body, or an error. */
export interface Reply {
  statusCode?: number;
  type?: string;
  value?: unknown;
  task?: { type: string; value: unknown };
  error?: string;
  message?: string;
}

export interface TeamsWorld {
  url: string;
  container: Container;
  teams: TeamsPlatform;
  connector: FakeBotConnector;
  clock: FixedClock;
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Reply | undefined }>;
  /** Gives a seeded person a Teams identity (as a coordinator's import would), without a conversation yet. */
  linkTeams(who: Who, withConversation?: boolean): void;
  stop(): Promise<void>;
}

export interface TeamsWorldOptions {
  appId?: boolean;
  actions?: (c: Container) => TeamsActions;
  /** Extra platform options (tenant secrets' env, test credentials). */
  platform?: Pick<TeamsPlatformOptions, 'env' | 'credentialsFor'>;
  /** Runs on the fresh database before the platform is built (e.g. to register tenants). */
  seed?: (c: Container) => void;
  /** This database file instead of a temporary one (it is kept at stop); `existing`: an earlier world already seeded it. */
  databasePath?: string;
  existing?: boolean;
}

export async function startTeamsWorld(options: TeamsWorldOptions = {}): Promise<TeamsWorld> {
  const tmp = options.databasePath ? undefined : tempDir('teams-test-');
  const databasePath = options.databasePath ?? join(tmp!.dir, 'handover.db');
  const auth = options.appId
    ? { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret', MICROSOFT_APP_TENANT_ID: TENANT_ID }
    : {};
  const config = readConfig({
    TEAMS: 'on',
    NODE_ENV: 'test',
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'silent',
    ...auth,
  });
  const log = createLogger('silent');
  const db = openDatabase(databasePath);
  const clock = new FixedClock();
  if (!options.existing) seedWorld(db, clock);
  const container = buildContainer(config, log, db, clock, everyDayCalendar);
  const connector = new FakeBotConnector();
  await connector.start();
  options.seed?.(container);
  const teams = createTeamsPlatform(container, {
    defaultServiceUrl: connector.url,
    actions: options.actions?.(container),
    ...options.platform,
  });
  const server: Server = createHttpServer({ mounts: teams.mounts, log, health: () => ({}) });
  const { port } = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    container,
    teams,
    connector,
    clock,
    async post(activity, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Reply) : undefined };
    },
    linkTeams(who, withConversation = false) {
      const u = TEAMS_USERS[who];
      const details: Record<string, unknown> = { teamsUserId: u.teamsUserId };
      if (withConversation) {
        details.serviceUrl = connector.url;
        details.reference = {
          channelId: 'msteams',
          serviceUrl: connector.url,
          conversation: { id: u.conversationId, tenantId: TENANT_ID },
          bot: { id: `28:${APP_ID}` },
          user: { id: u.teamsUserId, aadObjectId: u.aadObjectId },
        };
      }
      container.people.link(who, { platform: 'teams', tenant: TENANT_ID, userId: u.aadObjectId, details });
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.stop();
      db.close();
      tmp?.cleanup();
    },
  };
}

/**
 * The scheduler over this world's container, sending through its Teams messenger; `overrides` replace any option
 * (other messengers, a dispatcher with a fake sleep, extra jobs).
 */
export function teamsNudges(w: TeamsWorld, overrides: Partial<NudgeSystemOptions> = {}): NudgeSystem {
  const c = w.container;
  return createNudgeSystem({
    db: c.db,
    clock: c.clock,
    calendar: c.calendar,
    timeZone: 'Europe/London',
    handoverService: c.handoverService,
    handovers: c.handovers,
    people: c.people,
    services: c.services,
    compose: c.cards.compose,
    messengers: [w.teams.messenger],
    ...overrides,
  });
}

/** A dispatcher with no rate limits: with a fixed clock, a second Teams message in a tenant would wait forever. */
export function unlimitedDispatcher(): NudgeSystemOptions['dispatcher'] {
  const none = { slack: {}, teams: {}, web: {}, email: {} };
  return {
    limiter: new RateLimiter(
      () => 0,
      async () => undefined,
      none,
    ),
    random: () => 0.5,
  };
}
