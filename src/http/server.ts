// One node:http server for everything: /api/messages (Teams), /slack/events (Slack), the web playground,
// reports and /healthz. Each platform mounts a handler under a path; nothing parses bodies before it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../log.ts';
import { HttpError, sendJson } from './body.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface Mount {
  name: string;
  /** A path prefix ("/slack/") or an exact path ("/healthz"). */
  path: string;
  exact?: boolean;
  handler: RequestHandler;
}

export interface HttpServerOptions {
  mounts: Mount[];
  health: () => Record<string, unknown>;
  log: Logger;
}

/**
 * Sent with every response; a mount that serves pages or scripts sets its own policy over this one. JSON, CSV and
 * health answers need nothing from a browser, so the default allows nothing but inline styles (install pages).
 */
export const DEFAULT_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
};

/** Errors that mean the client closed the connection: not our fault, and an attacker could flood the log with them. */
const DISCONNECT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

function clientWentAway(err: unknown, res: ServerResponse): boolean {
  const code = (err as { code?: unknown })?.code;
  return (typeof code === 'string' && DISCONNECT_CODES.has(code)) || Boolean(res.socket?.destroyed);
}

function matches(mount: Mount, pathname: string): boolean {
  if (mount.exact) return pathname === mount.path;
  return pathname === mount.path || pathname.startsWith(mount.path.endsWith('/') ? mount.path : mount.path + '/');
}

export function createHttpServer({ mounts, health, log }: HttpServerOptions): Server {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const [name, value] of Object.entries(DEFAULT_SECURITY_HEADERS)) res.setHeader(name, value);
    try {
      if (url.pathname === '/healthz') {
        sendJson(res, 200, { status: 'ok', ...health() });
        return;
      }
      const mount = mounts.find((m) => matches(m, url.pathname));
      if (!mount) {
        sendJson(res, 404, { error: 'NOT_FOUND', message: 'There is nothing at this address.' });
        return;
      }
      await mount.handler(req, res, url);
    } catch (err) {
      respondToError(res, err, log, url.pathname);
    }
  });
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 10000;
  server.requestTimeout = 30000;
  return server;
}

export function respondToError(res: ServerResponse, err: unknown, log: Logger, path: string): void {
  if (err instanceof HttpError) {
    if (!res.headersSent) sendJson(res, err.status, { error: err.code, message: err.message });
    else res.end();
    return;
  }
  if (clientWentAway(err, res)) {
    log.debug({ path, code: (err as { code?: string })?.code }, 'client closed the connection before the answer');
    if (!res.writableEnded) res.destroy();
    return;
  }
  log.error(
    { err: { message: (err as Error)?.message, code: (err as { code?: string })?.code }, path },
    'request failed',
  );
  if (!res.headersSent)
    sendJson(res, 500, {
      error: 'INTERNAL',
      message: 'Something went wrong on our side. Please try again in a moment.',
    });
  else res.end();
}

export function listen(server: Server, port: number, host: string): Promise<{ port: number; host: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : port, host });
    });
  });
}
