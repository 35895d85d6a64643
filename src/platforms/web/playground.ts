// The web playground: a browser chat where you can be any demo person and run a whole handover.
// createWebPlayground(context, options) → the mounts for src/http/server.ts and the WebMessenger to give the dispatcher.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CardComposer } from '../../app/card-composer.ts';
import type { PlatformContext } from '../../app/platform-context.ts';
import type { ComposeCard } from '../../app/ports.ts';
import { HttpError, sendJson } from '../../http/body.ts';
import type { Mount, RequestHandler } from '../../http/server.ts';
import { WebMessageStore } from './message-store.ts';
import {
  action,
  channel,
  events,
  inbox,
  listPeople,
  mine,
  search,
  type CoordinatorLink,
  type RouteDeps,
} from './routes.ts';
import { WebMessenger } from './web-messenger.ts';
import { getTime, moveTime, type TimeTravel } from './time-routes.ts';
import { sendTour } from './tour.ts';
import { TourProgressStore } from './tour-progress-store.ts';
import { projectPath } from '../../paths.ts';

/** What only the playground needs beyond the platform context. */
export interface WebPlaygroundOptions {
  /** The pages a coordinator can open from the playground (reports; coordinator pages where mounted). */
  coordinatorLinks?: () => CoordinatorLink[];
  /** "Move time forward": only given outside production. */
  timeTravel?: TimeTravel;
}

export interface WebPlayground {
  mounts: Mount[];
  messenger: WebMessenger;
  /** The same composer the playground uses; give it to the dispatcher. */
  compose: ComposeCard;
  cards: CardComposer;
  /** Ends open live-update streams (call before closing the HTTP server). */
  close(): void;
}

const DEFAULT_COORDINATOR_LINKS: CoordinatorLink[] = [{ href: '/reports', text: 'Reports' }];
const STATIC_DIR = projectPath('src', 'platforms', 'web', 'static');
const require = createRequire(import.meta.url);
const ADAPTIVE_CARDS_JS = join(dirname(require.resolve('adaptivecards/package.json')), 'dist', 'adaptivecards.min.js');

interface StaticFile {
  body: Buffer;
  type: string;
}

function loadStatic(): Record<string, StaticFile> {
  const file = (path: string, type: string): StaticFile => ({ body: readFileSync(path), type });
  return {
    '/': file(join(STATIC_DIR, 'index.html'), 'text/html; charset=utf-8'),
    '/playground/static/app.js': file(join(STATIC_DIR, 'app.js'), 'text/javascript; charset=utf-8'),
    '/playground/static/app.css': file(join(STATIC_DIR, 'app.css'), 'text/css; charset=utf-8'),
    '/playground/static/card-access.js': file(join(STATIC_DIR, 'card-access.js'), 'text/javascript; charset=utf-8'),
    '/playground/static/drafts.js': file(join(STATIC_DIR, 'drafts.js'), 'text/javascript; charset=utf-8'),
    '/playground/static/tour.js': file(join(STATIC_DIR, 'tour.js'), 'text/javascript; charset=utf-8'),
    '/playground/static/adaptivecards.min.js': file(ADAPTIVE_CARDS_JS, 'text/javascript; charset=utf-8'),
  };
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function serveStatic(res: ServerResponse, f: StaticFile): void {
  res.writeHead(200, {
    'content-type': f.type,
    'content-length': f.body.length,
    'cache-control': 'no-cache',
    ...SECURITY_HEADERS,
  });
  res.end(f.body);
}

export function createWebPlayground(context: PlatformContext, options: WebPlaygroundOptions = {}): WebPlayground {
  const { cards } = context;
  const messenger = new WebMessenger(new WebMessageStore(context.ownTables), context.people, context.clock);
  const routeDeps: RouteDeps = { ...context, messenger };
  const files = loadStatic();
  const streams = new Set<ServerResponse>();
  const progress = new TourProgressStore(context.ownTables);

  const api: Record<string, { method: 'GET' | 'POST'; run: RequestHandler }> = {
    '/playground/api/people': {
      method: 'GET',
      run: (_req, res) => listPeople(routeDeps, res, options.coordinatorLinks?.() ?? DEFAULT_COORDINATOR_LINKS),
    },
    '/playground/api/inbox': { method: 'GET', run: (_req, res, url) => inbox(routeDeps, res, url) },
    '/playground/api/my-introductions': { method: 'GET', run: (_req, res, url) => mine(routeDeps, res, url) },
    '/playground/api/events': { method: 'GET', run: (req, res, url) => events(routeDeps, req, res, url, streams) },
    '/playground/api/actions': { method: 'POST', run: (req, res) => action(routeDeps, req, res) },
    '/playground/api/directory/search': { method: 'GET', run: (_req, res, url) => search(routeDeps, res, url) },
    '/playground/api/channel': { method: 'GET', run: (_req, res, url) => channel(routeDeps, res, url) },
    '/playground/api/tour': { method: 'GET', run: (_req, res) => sendTour(res, progress.progress()) },
    '/playground/api/time': { method: 'GET', run: (_req, res) => getTime(options.timeTravel, res) },
    '/playground/api/time/move': {
      method: 'POST',
      run: async (req, res) => {
        const moved = await moveTime(options.timeTravel, req, res);
        // Every open page shows the new time in its banner.
        for (const stream of streams) stream.write(`event: time\ndata: ${JSON.stringify(moved)}\n\n`);
      },
    },
  };

  const handler: RequestHandler = async (req, res, url) => {
    const file = files[url.pathname];
    if (file) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new HttpError(405, 'Only GET works here.', 'METHOD_NOT_ALLOWED');
      serveStatic(res, file);
      return;
    }
    const route = api[url.pathname];
    if (!route) {
      sendJson(res, 404, { error: 'NOT_FOUND', message: 'There is nothing at this address in the playground.' });
      return;
    }
    if (req.method !== route.method)
      throw new HttpError(405, `Use ${route.method} for ${url.pathname}.`, 'METHOD_NOT_ALLOWED');
    await route.run(req, res, url);
  };

  return {
    mounts: [
      { name: 'playground-page', path: '/', exact: true, handler },
      { name: 'playground', path: '/playground', handler },
    ],
    messenger,
    compose: cards.compose,
    cards,
    close() {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
