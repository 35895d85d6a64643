// The pages a coordinator sees while adding Warm Handover to a Slack workspace: /slack/install ("Add to Slack"),
// then the page Slack sends them back to (/slack/oauth_redirect) saying whether it worked. Plain HTML, no scripts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Installation } from '@slack/bolt';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}' +
  'a.button{display:inline-block;background:#1f5f5b;color:#fff;padding:.6rem 1.2rem;border-radius:4px;text-decoration:none;font-weight:600}' +
  'a.button:focus{outline:3px solid #fd0}';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
  );
}

function send(res: ServerResponse, status: number, html: string): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    })
    .end(html);
}

/** The "Add to Slack" page: Bolt gives the Slack address with a fresh state (and sets the matching cookie). */
export function renderInstallPage(addToSlackUrl: string): string {
  return page(
    'Add Warm Handover to Slack',
    `<p>Warm Handover lets people in your Slack workspace introduce a client to a named contact at another service, and answer introductions, without leaving Slack.</p>` +
      `<p>You need permission to add apps to your workspace. Slack will show what Warm Handover may do before you agree.</p>` +
      `<p><a class="button" href="${escapeHtml(addToSlackUrl)}">Add to Slack</a></p>`,
  );
}

export function installSucceeded(
  installation: Installation,
  _options: unknown,
  _req: IncomingMessage,
  res: ServerResponse,
): void {
  const where = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace';
  send(
    res,
    200,
    page(
      'Warm Handover is in Slack',
      `<p>Warm Handover is now installed in ${escapeHtml(where)}.</p>` +
        `<p>People there can type <code>/handover</code> to introduce a client. Ask your coordinator to make sure everyone is in the directory with the e-mail address they use in Slack.</p>`,
    ),
  );
}

export function installFailed(
  error: { code?: string; message?: string },
  _options: unknown,
  _req: IncomingMessage,
  res: ServerResponse,
): void {
  const cancelled = error.code === 'slack_oauth_installer_authorization_error';
  send(
    res,
    cancelled ? 200 : 400,
    page(
      'Warm Handover was not installed',
      cancelled
        ? '<p>The installation was cancelled in Slack. Nothing was changed.</p><p><a href="/slack/install">Start again</a></p>'
        : '<p>Slack could not finish the installation (the link may have expired or been opened in another browser). Nothing was changed.</p><p><a href="/slack/install">Start again</a></p>',
    ),
  );
}
