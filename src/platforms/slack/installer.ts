// Slack in many workspaces: Bolt's built-in installer (OAuth v2) on our own HTTPReceiver. /slack/install shows
// the "Add to Slack" page and sets the state cookie; /slack/oauth_redirect checks the state, exchanges the code
// (oauth.v2.access) and stores the installation through the encrypted store (workspaces.ts).
import type { HTTPReceiver, HTTPReceiverOptions, InstallationStore, webApi } from '@slack/bolt';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SlackOAuthConfig } from '../../config.ts';
import type { Mount } from '../../http/server.ts';
import { installFailed, installSucceeded, renderInstallPage } from './install-pages.ts';
import { projectPath } from '../../paths.ts';

export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';
const MANIFEST_PATH = projectPath('manifests', 'slack', 'manifest.json');

/** The bot scopes asked for at install: read from manifests/slack/manifest.json, so the two never differ. */
export function slackBotScopes(manifestPath: string = MANIFEST_PATH): string[] {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { oauth_config?: { scopes?: { bot?: string[] } } };
  const scopes = manifest.oauth_config?.scopes?.bot;
  if (!scopes?.length) throw new Error(`The Slack manifest ${manifestPath} lists no bot scopes.`);
  return scopes;
}
/** How long the "Add to Slack" link stays valid (Bolt's state cookie). */
export const INSTALL_STATE_SECONDS = 600;

type InstallerOptions = Pick<
  HTTPReceiverOptions,
  'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'redirectUri' | 'installerOptions'
>;

export function installerOptions(
  oauth: SlackOAuthConfig,
  store: InstallationStore,
  clientOptions: webApi.WebClientOptions,
): InstallerOptions {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: slackBotScopes(),
    installationStore: store,
    redirectUri: oauth.redirectUri,
    installerOptions: {
      installPath: SLACK_INSTALL_PATH,
      redirectUriPath: SLACK_OAUTH_REDIRECT_PATH,
      directInstall: false,
      stateCookieExpirationSeconds: INSTALL_STATE_SECONDS,
      renderHtmlForInstallPath: renderInstallPage,
      // The code exchange and auth.test go to SLACK_API_URL too (the tests' fake), without retries.
      clientOptions: {
        slackApiUrl: clientOptions.slackApiUrl,
        fetch: clientOptions.fetch,
        retryConfig: { retries: 0 },
      },
      callbackOptions: { success: installSucceeded, failure: installFailed },
    },
  };
}

/** GET /slack/install and GET /slack/oauth_redirect, handled by Bolt's installer on the receiver. */
export function installMounts(receiver: HTTPReceiver): Mount[] {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    receiver.requestListener(req, res);
  };
  return [
    { name: 'slack-install', path: SLACK_INSTALL_PATH, exact: true, handler },
    { name: 'slack-oauth', path: SLACK_OAUTH_REDIRECT_PATH, exact: true, handler },
  ];
}
