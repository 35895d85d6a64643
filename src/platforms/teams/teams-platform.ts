// Teams in the shared HTTP server: POST /api/messages → the token checked first (botbuilder's JWT checks, against the
// registration it is addressed to) → the activity's tenant must be one that registration serves → the bot.
// Also builds the Teams Messenger for the outbox. The only entry point other code imports.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TurnContext } from 'botbuilder';
import type { PlatformContext } from '../../app/platform-context.ts';
import { HttpError, readJsonBody, sendJson } from '../../http/body.ts';
import type { Mount } from '../../http/server.ts';
import { TeamsTenantStore } from '../../storage/teams-tenant-store.ts';
import { AGENTS_PLAYGROUND_TENANT } from '../../directory-io/agents-playground-people.ts';
import { checkActivity } from './activity-shape.ts';
import { sharedActions, type TeamsActions } from './teams-actions.ts';
import { HandoverTeamsBot } from './teams-bot.ts';
import { TeamsDirectory, teamsIdentityOf } from './teams-identity.ts';
import { TeamsMessenger } from './teams-messenger.ts';
import { TenantAdapters, type CredentialsFor } from './tenant-adapters.ts';
import { TenantRegistry } from './tenant-registry.ts';

export const TEAMS_PATH = '/api/messages';
/** Teams activities are small; a card submit with a long note stays well under this. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;
const HTTP_UNAUTHORIZED = 401;
const UNAUTHORIZED_BODY = {
  error: 'UNAUTHORIZED',
  message: 'This request is not signed by the Bot Framework for this service.',
};

export interface TeamsPlatformOptions {
  /** The shared action handler and card composer (defaults to the shared ones over the container). */
  actions?: TeamsActions;
  /** Used for proactive messages to a tenant we have never heard from (tests point this at a fake). */
  defaultServiceUrl?: string;
  /** Where the tenants' secret variables are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Tests only: credentials per registration (default: botbuilder's password factory from the registration). */
  credentialsFor?: CredentialsFor;
}

export interface TeamsPlatform {
  mounts: Mount[];
  messenger: TeamsMessenger;
}

function isAuthFailure(err: unknown): boolean {
  const e = err as { statusCode?: number; name?: string };
  return e?.statusCode === HTTP_UNAUTHORIZED || e?.name === 'AuthenticationError';
}

export function createTeamsPlatform(container: PlatformContext, options: TeamsPlatformOptions = {}): TeamsPlatform {
  const config = container.config.teams;
  if (!config) throw new Error('Teams is switched off in the configuration; createTeamsPlatform needs config.teams.');
  const { log } = container;
  const onTurnError = async (ctx: TurnContext, err: Error) => {
    log.error(
      {
        err: { message: err.message, code: (err as { code?: string }).code },
        activityType: ctx.activity.type,
        name: ctx.activity.name,
      },
      'Teams turn failed',
    );
  };
  const registry = new TenantRegistry(
    config,
    new TeamsTenantStore(container.ownTables),
    options.env ?? process.env,
    log,
  );
  const adapters = new TenantAdapters(registry, onTurnError, options.credentialsFor);
  log.info({ registrations: registry.describe(), open: registry.open }, 'Teams bot registrations');
  const directory = new TeamsDirectory(container.ownTables, container.people);
  const actions = options.actions ?? sharedActions(container);
  const messenger = new TeamsMessenger({ adapters, directory, defaultServiceUrl: options.defaultServiceUrl });
  const bot = new HandoverTeamsBot(actions, directory, log, {
    registerPeerGroup: (channel, name, by) => container.opportunities.registerPeerGroup(channel, name, by),
    peerGroupIds: (tenantId) => container.opportunities.peerGroups('teams', tenantId).map((g) => g.channelId),
    // The Agents Playground (local mode only) opens no dialogs.
    noDialogTenants: new Set(config.unauthenticated ? [AGENTS_PLAYGROUND_TENANT] : []),
    sendPrivately: async (person, tenantId, activity) => {
      const identity = teamsIdentityOf(person, tenantId);
      if (!identity) throw new Error('This person has no Teams identity in this tenant.');
      await messenger.sendPrivately(identity, activity);
    },
  });

  // Every refusal looks the same from outside (a registered tenant, an unknown one, one whose secret is missing, a
  // bad token): 401 with one body. Why goes to the log only.
  const unauthorized = (res: ServerResponse, reason: string): void => {
    log.warn({ path: TEAMS_PATH, reason }, 'Teams request refused');
    sendJson(res, HTTP_UNAUTHORIZED, UNAUTHORIZED_BODY);
  };
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') throw new HttpError(405, 'Teams sends activities with POST.', 'METHOD_NOT_ALLOWED');
    const activity = checkActivity(await readJsonBody(req, MAX_ACTIVITY_BYTES));
    const authHeader = String(req.headers.authorization ?? '');
    const checker = adapters.forAuthentication(activity, authHeader);
    if (!checker.ok) return unauthorized(res, checker.reason);
    let auth: Awaited<ReturnType<typeof checker.adapter.authenticate>>;
    try {
      auth = await checker.adapter.authenticate(authHeader, activity);
    } catch (err) {
      if (!isAuthFailure(err)) throw err;
      return unauthorized(res, 'invalid_token');
    }
    const served = adapters.forActivity(activity);
    if (!served.ok) return unauthorized(res, served.reason);
    if (served.adapter !== checker.adapter) return unauthorized(res, 'tenant_not_of_token_app');
    const result = await served.adapter.handleAuthenticated(auth, activity, (ctx) => bot.run(ctx));
    if (result?.body !== undefined) sendJson(res, result.status, result.body);
    else {
      res.writeHead(result?.status ?? 200);
      res.end();
    }
  };

  return { mounts: [{ name: 'teams', path: TEAMS_PATH, exact: true, handler }], messenger };
}
