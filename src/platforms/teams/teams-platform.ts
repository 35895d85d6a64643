// Teams in the shared HTTP server: POST /api/messages → CloudAdapter (JWT checked by botbuilder when an app id is
// configured) → the bot. Also builds the Teams Messenger for the outbox. The only entry point other code imports.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import type { Container } from '../../app/container.ts';
import type { TeamsConfig } from '../../config.ts';
import { HttpError, readJsonBody, sendJson } from '../../http/body.ts';
import type { Mount } from '../../http/server.ts';
import { sharedActions, type TeamsActions } from './teams-actions.ts';
import { HandoverTeamsBot } from './teams-bot.ts';
import { TeamsDirectory } from './teams-identity.ts';
import { TeamsMessenger } from './teams-messenger.ts';

export const TEAMS_PATH = '/api/messages';
/** Teams activities are small; a card submit with a long note stays well under this. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;
const HTTP_UNAUTHORIZED = 401;

export interface TeamsPlatformOptions {
  /** The shared action handler and card composer (defaults to the shared ones over the container). */
  actions?: TeamsActions;
  /** Used for proactive messages to a tenant we have never heard from (tests point this at a fake). */
  defaultServiceUrl?: string;
}

export interface TeamsPlatform {
  mounts: Mount[];
  messenger: TeamsMessenger;
}

/** CloudAdapter with its activity pipeline reachable from our own node:http handler (no express shim). */
class HandoverCloudAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (ctx: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

function authentication(config: TeamsConfig): ConfigurationBotFrameworkAuthentication {
  type Options = ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0];
  // Local development only (config.ts refuses this in production): an empty app id makes botbuilder skip JWT checks.
  if (config.unauthenticated || !config.appId) return new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' } as Options);
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppTenantId: config.tenantId ?? '',
    MicrosoftAppType: config.appType,
  } as Options);
}

function isAuthFailure(err: unknown): boolean {
  const e = err as { statusCode?: number; name?: string };
  return e?.statusCode === HTTP_UNAUTHORIZED || e?.name === 'AuthenticationError';
}

export function createTeamsPlatform(container: Container, options: TeamsPlatformOptions = {}): TeamsPlatform {
  const config = container.config.teams;
  if (!config) throw new Error('Teams is switched off in the configuration; createTeamsPlatform needs config.teams.');
  const { log } = container;
  const adapter = new HandoverCloudAdapter(authentication(config));
  adapter.onTurnError = async (ctx: TurnContext, err: Error) => {
    log.error({ err: { message: err.message, code: (err as { code?: string }).code }, activityType: ctx.activity.type, name: ctx.activity.name }, 'Teams turn failed');
  };
  const directory = new TeamsDirectory(container.db, container.people);
  const actions = options.actions ?? sharedActions(container);
  const bot = new HandoverTeamsBot(actions, directory, log);
  const messenger = new TeamsMessenger({ adapter, appId: config.appId, directory, defaultServiceUrl: options.defaultServiceUrl });

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') throw new HttpError(405, 'Teams sends activities with POST.', 'METHOD_NOT_ALLOWED');
    const body = await readJsonBody(req, MAX_ACTIVITY_BYTES);
    if (!body || typeof body !== 'object' || typeof (body as { type?: unknown }).type !== 'string') {
      throw new HttpError(400, 'This is not a Bot Framework activity.', 'BAD_ACTIVITY');
    }
    const authHeader = String(req.headers.authorization ?? '');
    try {
      const result = await adapter.handle(authHeader, body as Activity, (ctx) => bot.run(ctx));
      if (result?.body !== undefined) sendJson(res, result.status, result.body);
      else { res.writeHead(result?.status ?? 200); res.end(); }
    } catch (err) {
      if (!isAuthFailure(err)) throw err;
      log.warn({ path: TEAMS_PATH }, 'Teams request refused: missing or invalid token');
      sendJson(res, HTTP_UNAUTHORIZED, { error: 'UNAUTHORIZED', message: 'This request is not signed by the Bot Framework.' });
    }
  };

  return { mounts: [{ name: 'teams', path: TEAMS_PATH, exact: true, handler }], messenger };
}
