// A real HTTP server with the reports and coordinator pages on 127.0.0.1:0, over a temp database holding the
// good.csv directory and one introduction whose message to the named contact could not be delivered.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { buildContainer, type Container } from '../../src/main/container.ts';
import { readConfig } from '../../src/config.ts';
import { importDirectory } from '../../src/directory-io/directory-files.ts';
import { createCoordinatorMounts } from '../../src/http/coordinate/mounts.ts';
import { createReportsMounts } from '../../src/http/reports/mounts.ts';
import { createHttpServer, listen } from '../../src/http/server.ts';
import { createLogger } from '../../src/log.ts';
import { printedTimeline } from '../../src/scheduler/preview.ts';
import { OutboxStore } from '../../src/storage/outbox-store.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { everyDayCalendar, FixedClock, tempDir } from './make.ts';

export const COORDINATE_NOW = '2026-11-23T10:00:00.000Z';
export const GOOD_CSV = readFileSync(new URL('../fixtures/directory-csv/good.csv', import.meta.url), 'utf8');

export interface CoordinateServer {
  url: string;
  container: Container;
  clock: FixedClock;
  /** The id of the undelivered message. */
  deadMessageId: number;
  stop(): Promise<void>;
}

export async function startCoordinateServer(env: Record<string, string> = {}): Promise<CoordinateServer> {
  const tmp = tempDir('handover-coordinate-');
  const config = readConfig({ NODE_ENV: 'test', DATABASE_PATH: join(tmp.dir, 'handover.db'), ...env });
  const db = openDatabase(config.databasePath);
  const clock = new FixedClock(new Date(COORDINATE_NOW));
  importDirectory(db, GOOD_CSV, 'csv', clock.now());
  const log = createLogger('silent');
  const container = buildContainer(config, log, db, clock, everyDayCalendar);
  const outbox = new OutboxStore(db);
  outbox.enqueue(
    {
      idempotencyKey: 'review-for-helen',
      recipient: { personId: container.people.findByEmail('helen.park@example.org')!.id },
      mode: 'new',
      card: { kind: 'review_request', subjectId: 'money-advice' },
    },
    clock.now(),
  );
  const deadMessageId =
    outbox.failed().length + (db.prepare('SELECT max(id) AS n FROM outbox').get() as { n: number }).n;
  outbox.markDead(deadMessageId, 'permanent: channel_not_found');
  const server: Server = createHttpServer({
    mounts: [
      ...createReportsMounts(container),
      ...createCoordinatorMounts(container, printedTimeline(db, everyDayCalendar, config.timeZone)),
    ],
    log,
    health: () => ({}),
  });
  const address = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${address.port}`,
    container,
    clock,
    deadMessageId,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      db.close();
      tmp.cleanup();
    },
  };
}
