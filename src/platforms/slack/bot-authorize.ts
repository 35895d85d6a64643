// One workspace (SLACK_BOT_TOKEN): Bolt's authorize step, asking Slack who the bot is (auth.test) on the first
// request, remembering the answer, and asking again after a failure.
//
// Why not Bolt's own `new App({ token })`: it calls auth.test while the App is being built and keeps that promise.
// When Slack cannot be reached at that moment, or refuses the token, the promise rejects with nothing listening:
// the process dies of an unhandled rejection (Teams, e-mail and the playground with it), and had it lived, every
// later Slack request would have failed with the same remembered error until a restart.
import type { Authorize, AuthorizeResult, webApi } from '@slack/bolt';

export function singleWorkspaceAuthorize(client: webApi.WebClient, botToken: string): Authorize<boolean> {
  let known: Promise<AuthorizeResult> | undefined;
  return async ({ isEnterpriseInstall }) => {
    known ??= client.auth
      .test({ token: botToken })
      .then((r) => ({ botToken, botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id }));
    try {
      return { ...(await known), isEnterpriseInstall };
    } catch (err) {
      known = undefined;
      throw err;
    }
  };
}
