// WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside whichever COMMIT takes the WAL
// past 1000 pages: that commit then copies the pages into the database file and syncs it, holding up every request
// waiting on the event loop (10–100 ms seen under load). Here a worker thread with its own connection runs a
// PASSIVE checkpoint (it never waits for, or blocks, readers and writers) every CHECKPOINT_INTERVAL_MS, and the main
// connection's automatic checkpoint is switched off. If the worker stops for any reason, the automatic checkpoint
// is switched back on, so the WAL never grows without bound.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Db } from './sqlite.ts';

export const CHECKPOINT_INTERVAL_MS = 1000;
/** The worker only runs one pragma: a small heap keeps its memory small. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 };
/** SQLite's own default, put back when the worker is not running. */
export const AUTO_CHECKPOINT_PAGES = 1000;

// Plain JavaScript run with eval (and no loader flags), so the worker starts the same under tsx, mocha or node.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('secure_delete = ON');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) {
    // Busy: another connection (a second instance) is checkpointing right now, which is just as good.
    if (!err || err.code !== 'SQLITE_BUSY') parentPort.postMessage({ error: String(err && err.message || err) });
  }
}, workerData.intervalMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); db.close(); parentPort.close(); } });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts background checkpoints for a database file opened in WAL mode; a no-op for ':memory:' or read-only. */
export function startCheckpointer(db: Db, log?: Logger, intervalMs: number = CHECKPOINT_INTERVAL_MS): Checkpointer {
  if (db.memory || db.readonly || db.pragma('journal_mode', { simple: true }) !== 'wal') return { async stop() {} };
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { path: db.name, driver, intervalMs },
    resourceLimits: WORKER_LIMITS,
  });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  const restoreAuto = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  };
  worker.on('message', (m: { error?: string }) => {
    if (m.error) log?.warn({ reason: m.error }, 'background WAL checkpoint failed; will try again');
  });
  worker.on('error', (err) =>
    log?.warn(
      { err: { message: err.message } },
      'background WAL checkpointer stopped; SQLite checkpoints on commit again',
    ),
  );
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      restoreAuto();
      if (!stopping) log?.warn('background WAL checkpointer exited; SQLite checkpoints on commit again');
      resolve();
    }),
  );
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
