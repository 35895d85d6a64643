// The SQLite write-ahead log is copied into the database file by a worker thread, not inside a request's commit,
// and it stays small while the app writes; if the worker is not there, SQLite's own automatic checkpoint is.
import { expect } from 'chai';
import { statSync } from 'node:fs';
import { AUTO_CHECKPOINT_PAGES, startCheckpointer } from '../../src/storage/checkpointer.ts';
import { openDatabase, type Db } from '../../src/storage/sqlite.ts';
import { tempDir } from '../support/make.ts';

const ROUNDS = 6;
const ROWS_PER_ROUND = 400;
const ROW_BYTES = 2048;

/** Writes ROUNDS bursts of small commits (about 1 MB each), pausing between bursts as a quiet moment would. */
async function writeBursts(db: Db, pauseMs: number): Promise<void> {
  db.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < ROWS_PER_ROUND; i++) insert.run('x'.repeat(ROW_BYTES));
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}

const walSize = (path: string) => statSync(`${path}-wal`).size;

describe('background WAL checkpoints', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('while the app writes, the log is checkpointed off the main thread and does not grow with every write', async () => {
    const path = `${tmp.dir}/h.db`;
    const db = openDatabase(path);
    const checkpointer = startCheckpointer(db, undefined, 50);
    expect(db.pragma('wal_autocheckpoint', { simple: true }), 'no checkpoint inside a commit').to.equal(0);
    await writeBursts(db, 250);
    const withWorker = walSize(path);
    await checkpointer.stop();
    db.close();

    // The same writes with no checkpoint at all: the log keeps every page (this is what the worker prevents).
    const otherPath = `${tmp.dir}/other.db`;
    const other = openDatabase(otherPath);
    other.pragma('wal_autocheckpoint = 0');
    await writeBursts(other, 0);
    const without = walSize(otherPath);
    other.close();

    const written = ROUNDS * ROWS_PER_ROUND * ROW_BYTES;
    expect(without, 'no checkpoint: the log holds everything').to.be.greaterThan(written);
    expect(withWorker, 'with the worker: about one burst, a fraction of it').to.be.lessThan(without / 3);
  });

  it('stopping it puts SQLite’s own automatic checkpoint back, and nothing written is lost', async () => {
    const path = `${tmp.dir}/h.db`;
    const db = openDatabase(path);
    const checkpointer = startCheckpointer(db, undefined, 50);
    await writeBursts(db, 60);
    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).to.equal(AUTO_CHECKPOINT_PAGES);
    db.close();
    const again = openDatabase(path);
    expect((again.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n).to.equal(
      ROUNDS * ROWS_PER_ROUND,
    );
    expect(again.pragma('integrity_check', { simple: true })).to.equal('ok');
    again.close();
  });

  it('an in-memory database gets no worker and keeps its settings', async () => {
    const db = openDatabase(':memory:');
    const before = db.pragma('wal_autocheckpoint', { simple: true });
    const checkpointer = startCheckpointer(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).to.equal(before);
    await checkpointer.stop();
    db.close();
  });
});
