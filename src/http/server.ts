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

function matches(mount: Mount, pathname: string): boolean {
  if (mount.exact) return pathname === mount.path;
  return pathname === mount.path || pathname.startsWith(mount.path.endsWith('/') ? mount.path : mount.path + '/');
}

export function createHttpServer({ mounts, health, log }: HttpServerOptions): Server {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
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
  log.error({ err: { message: (err as Error)?.message, code: (err as { code?: string })?.code }, path }, 'request failed');
  if (!res.headersSent) sendJson(res, 500, { error: 'INTERNAL', message: 'Something went wrong on our side. Please try again in a moment.' });
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
