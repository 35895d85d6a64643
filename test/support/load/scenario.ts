// The pieces every load, crash and two-instance run shares: the fakes process, a prepared database file, starting
// the real server on it, and waiting for the dispatcher to finish the nudges.
import { join } from 'node:path';
import { tempDir } from '../make.ts';
import { SIGNING_SECRET } from '../slack-sign.ts';
import { startChild, stopChild, type Child } from './children.ts';
import type { FakeStats } from './fakes.ts';
import { prepareDatabase, type Plan } from './prepare.ts';
import { outboxCounts } from './verify.ts';
import Database from 'better-sqlite3';
import { eventually } from '../eventually.ts';

export interface FakesInfo {
  slackApiUrl: string;
  connectorUrl: string;
  controlUrl: string;
}
export interface ServerInfo {
  url: string;
  owner: string;
}

export interface World {
  dbPath: string;
  plan: Plan;
  fakes: Child<FakesInfo>;
  stats(): Promise<FakeStats>;
  startServer(port?: number, env?: Record<string, string>): Promise<Child<ServerInfo>>;
  close(): Promise<void>;
}

const POLL_MS = 200;

export async function startWorld(o: { perChannel: number; nudgesPerContact: number }): Promise<World> {
  const tmp = tempDir('handover-load-');
  const dbPath = join(tmp.dir, 'handover.db');
  const fakes = await startChild<FakesInfo>('fakes.ts');
  const plan = prepareDatabase(dbPath, { ...o, connectorUrl: fakes.info.connectorUrl });
  await fetch(`${fakes.info.controlUrl}/users`, { method: 'POST', body: JSON.stringify(plan.slackUsers) });
  const servers: Child<ServerInfo>[] = [];
  return {
    dbPath,
    plan,
    fakes,
    stats: async () => (await (await fetch(`${fakes.info.controlUrl}/stats`)).json()) as FakeStats,
    async startServer(port = 0, env = {}) {
      const child = await startChild<ServerInfo>('server.ts', {
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: dbPath,
        LOG_LEVEL: 'error',
        PLAYGROUND: 'on',
        TEAMS: 'on',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-load-not-real',
        SLACK_API_URL: fakes.info.slackApiUrl,
        SWEEP_INTERVAL_SECONDS: '1',
        SMTP_URL: '',
        NOTIFY_API_KEY: '',
        ...env,
      });
      servers.push(child);
      return child;
    },
    async close() {
      for (const s of servers) await stopChild(s, 'SIGKILL');
      await stopChild(fakes, 'SIGKILL');
      tmp.cleanup();
    },
  };
}

/** True once `test` holds, false when `limitMs` passed first (a run reports it rather than failing). */
export async function waitUntil(test: () => boolean | Promise<boolean>, limitMs: number): Promise<boolean> {
  return eventually(test, 'the condition', limitMs, POLL_MS).then(
    () => true,
    () => false,
  );
}

/** Nudges still waiting or half-sent in the outbox. */
export function nudgesOutstanding(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (
      (
        db
          .prepare(
            `SELECT count(*) AS n FROM outbox WHERE json_extract(card, '$.kind') = 'nudge' AND status IN ('pending','sending')`,
          )
          .get() as { n: number }
      ).n +
      (
        db
          .prepare(
            `SELECT count(*) AS n FROM schedule WHERE kind = 'reply_nudge' AND status = 'pending' AND due_at <= ?`,
          )
          .get(new Date().toISOString()) as { n: number }
      ).n
    );
  } finally {
    db.close();
  }
}

/** Pretends the lease of a dead instance has run out (tests only: the bench waits for the real expiry). */
export function expireLease(dbPath: string): void {
  const db = new Database(dbPath);
  try {
    db.prepare(`UPDATE leases SET expires_at = '1970-01-01T00:00:00.000Z'`).run();
  } finally {
    db.close();
  }
}

export async function leaseHolder(url: string): Promise<boolean> {
  try {
    const body = (await (await fetch(`${url}/__load/lease`)).json()) as { holding: boolean };
    return body.holding;
  } catch {
    return false;
  }
}

export { outboxCounts };
export type { Plan };
