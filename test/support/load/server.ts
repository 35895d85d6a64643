// Child process: the real server (startApp) configured from the environment, as `npm start` runs it, with one
// extra read-only probe: GET /__load/lease says whether this instance holds the dispatcher lease.
// Prints one line {"ready":true,"url":…,"owner":…} on stdout once it listens.
import { startApp, type RunningApp } from '../../../src/main/start.ts';
import { readConfig } from '../../../src/config.ts';
import { sendJson } from '../../../src/http/body.ts';
import { createLogger } from '../../../src/log.ts';
import type { Lease } from '../../../src/scheduler/lease.ts';

const DISPATCH_INTERVAL_MS = Number(process.env.LOAD_DISPATCH_INTERVAL_MS ?? 1000);

let running: RunningApp | undefined;
const leaseOf = () => (running?.nudges.dispatcher as unknown as { lease: Lease } | undefined)?.lease;
const config = readConfig(process.env);
// Logs go to stderr so that stdout carries only the ready line.
running = await startApp(config, createLogger(config.logLevel, process.stderr), {
  dispatchIntervalMs: DISPATCH_INTERVAL_MS,
  mounts: [
    {
      name: 'load-probe',
      path: '/__load/lease',
      exact: true,
      handler: (_req, res) => {
        const row = running!.container.db
          .prepare('SELECT owner, expires_at AS expiresAt FROM leases WHERE name = ?')
          .get('dispatcher') as { owner: string; expiresAt: string } | undefined;
        const owner = leaseOf()?.owner ?? '';
        sendJson(res, 200, {
          owner,
          holding: Boolean(row && row.owner === owner && row.expiresAt > new Date().toISOString()),
        });
      },
    },
  ],
});
process.stdout.write(`${JSON.stringify({ ready: true, url: running.url, owner: leaseOf()?.owner ?? '' })}\n`);
const stop = async () => {
  await running?.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
